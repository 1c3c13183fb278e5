"""Atlas benchmark: the demo plus N generated members, one language's atlas laid out and written,
measured in a process of its own (seconds, CPU seconds, peak resident memory, pages, bytes, the load
average while it ran). Prints figures; not a test. On a shared machine the CPU seconds are the figure
to compare: the wall-clock seconds grow with whatever else runs.

write_atlas applies no bound (the build and the command do: MEMBER_LIMIT), so sizes past it can be measured.

Usage: python bench/atlas_bench.py [EXTRA ...] [--lang en]   (default: 0 276 976, i.e. 24, 300, 1,000 members)
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_project  # noqa: E402

DATE = dt.date(2026, 11, 26)


def measure(project_root: Path, lang: str, out: Path, queue: multiprocessing.Queue) -> None:
    from clusterfolio.atlas.build import atlas_logos, write_atlas
    from clusterfolio.config import read_config
    from clusterfolio.project import load_project

    config = read_config(project_root)
    project, problems = load_project(config, DATE)
    assert project is not None, problems[:3]
    started = time.perf_counter()
    logos = atlas_logos(config, project, project.index.slugs, out / "logos")
    drawn, cpu = time.perf_counter(), time.process_time()
    printed = write_atlas(config, project, lang, logos, out)
    done, cpu = time.perf_counter(), time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # KiB on Linux
    queue.put((len(project.members), drawn - started, done - drawn, cpu, peak, printed.pages, printed.size))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("extra", nargs="*", type=int, default=[0, 276, 976])
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")  # a fresh process per size: its own peak memory
    with tempfile.TemporaryDirectory() as tmp:
        for extra in args.extra:
            root = make_project(ROOT, Path(tmp) / f"p{extra}", extra)
            queue = context.Queue()
            child = context.Process(target=measure, args=(root, args.lang, Path(tmp) / f"out{extra}", queue))
            child.start()
            members, logos, seconds, cpu, peak, pages, size = queue.get()
            child.join()
            print(f"{members} members: logos {logos:.1f} s, atlas ({args.lang}) {seconds:.1f} s ({cpu:.1f} s CPU), peak {peak} MiB, "
                  f"{pages} pages, {size / 1_000_000:.1f} MB, load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
