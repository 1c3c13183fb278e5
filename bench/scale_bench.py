"""Scale benchmark: the demo plus N generated members, built, measured. Prints figures; not a test.

Reports the time of `check` (median of three); the build time and, for the ratio, plain
`mkdocs build` (Material, no clusterfolio plugin) over the same pages; the build's peak memory
summed over all its processes; the largest HTML page and its path; the median member page; the
total bytes of the site's files; and the bytes the first search query downloads (Chromium, as a
host that compresses text sends them).

Times and memory come from separate builds of the same project in the same run. Memory is
sampled every 250 ms from each process's page tables (psutil, proportional set size), and that
walk slows what it watches: sampled, the 10,000-member build took 118-127 s, unsampled 76-85 s
on the same machine. So the timed builds (ours and plain mkdocs) run unwatched, and one more
build of ours runs sampled, for its peak memory only.

Usage: python bench/scale_bench.py N [--no-plain] [--no-search] [--keep DIR]
Targets (issue "Scale"): at N = 10,000 every page < 150 KB, site < 600 MB, peak memory < 1 GB,
build <= 0.7 x plain mkdocs; at N = 1,000 every page < 100 KB.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_project  # noqa: E402
from bench.plain import write_plain_docs  # noqa: E402
from clusterfolio.config import read_config  # noqa: E402
from clusterfolio.project import load_project  # noqa: E402

DATE = dt.date(2026, 11, 26)
KB, MB = 1024, 1024 * 1024


class PeakMemory:
    """Peak of the summed memory of a process and all its children, sampled.

    Each process counts with its proportional set size (PSS): pages that forked workers share
    with their parent count once in all, not once per process as resident size would.
    """

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_full_info().pss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


LAST_OUTPUT: list[str] = []


def run_measured(cmd: list[str], what: str, memory: bool = False) -> tuple[float, int]:
    """Run a command; its wall time and, with memory=True, its peak memory (all processes, PSS;
    0 without): the sampling slows the command, so its time is then not the command's own."""
    os.sync()  # what earlier steps wrote is on the disk, not written back while this one runs
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid) if memory else contextlib.nullcontext() as peak:
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        print(out[-2000:], err[-4000:], file=sys.stderr)
        raise SystemExit(f"{what} failed (exit {proc.returncode})")
    LAST_OUTPUT[:] = [out]
    return seconds, peak.peak if peak else 0


def plain_build(project_root: Path, work: Path) -> float:
    """Write the same pages as plain mkdocs input (not timed), then time plain mkdocs over them."""
    config = read_config(project_root)
    project, found = load_project(config, DATE)
    if project is None:
        raise SystemExit("the generated project does not load:\n" + "\n".join(p.text() for p in found))
    configs = []
    for lang in config.languages:
        docs, nav = write_plain_docs(config, project, lang, work)
        cfg = {"site_name": "Benchmark", "docs_dir": str(docs), "site_dir": str(work / "site" / lang),
               "theme": {"name": "material", "language": lang, "font": False}, "nav": nav, "plugins": [], "not_in_nav": "/*/"}
        path = work / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs.append(path)
    return sum(run_measured([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(c)], "plain mkdocs")[0] for c in configs)


def site_sizes(site: Path) -> dict[str, int]:
    """Bytes of the site's files by part: search bundles (<lang>/pagefind/, pagefind-2/ …), open
    data and schemas, member pages, other pages, other files."""
    sizes: dict[str, int] = {}
    for p in site.rglob("*"):
        if p.is_file():
            part = p.relative_to(site).parts
            kind = "search" if len(part) > 1 and part[1].startswith("pagefind") else "data" if part[0] in ("data", "schema") else \
                "member pages" if len(part) == 4 and part[1] == "members" and part[2] != "page" else \
                "other pages" if p.suffix == ".html" else "other files"
            sizes[kind] = sizes.get(kind, 0) + p.stat().st_size
    return sizes


def first_query_bytes(site: Path, query: str) -> int:
    from bench.search_bench import measure_pagefind

    return measure_pagefind(site, [query], delay=60)[0].served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="generated members")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs build (slow at large N)")
    parser.add_argument("--no-search", action="store_true", help="skip the search measurement (needs Chromium)")
    parser.add_argument("--keep", type=Path, help="keep the generated project and site in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        project = make_project(ROOT, tmp / "project", args.count)
        members = len(list((project / "profiles/members").glob("*.yml")))
        site = tmp / "site"
        os.sync()
        check_runs = []
        for _ in range(3):
            started = time.perf_counter()
            check = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "check", "--date", DATE.isoformat()],
                                   capture_output=True, text=True)
            check_runs.append(time.perf_counter() - started)
        build = [sys.executable, str(ROOT / "build.py"), "--root", str(project), "build", "--date", DATE.isoformat(), "--timings"]
        build_s, _ = run_measured([*build, "--out", str(site)], "python build.py build")
        timings = next((line for line in LAST_OUTPUT[0].splitlines() if line.startswith("timings:")), "")
        _, peak = run_measured([*build, "--out", str(tmp / "site-memory")], "python build.py build (memory)", memory=True)
        shutil.rmtree(tmp / "site-memory")
        html = [(p.stat().st_size, p) for p in site.rglob("*.html")]
        largest, largest_path = max(html)
        member_sizes = [s for s, p in html if p.parent.parent.name == "members" and p.parent.parent.parent.parent == site]
        sizes = site_sizes(site)
        total, files = sum(sizes.values()), sum(1 for p in site.rglob("*") if p.is_file())
        plain_s = None if args.no_plain else plain_build(project, tmp / "plain")
        search = None if args.no_search else first_query_bytes(site, "laser")

    print(f"members: {members}")
    print(f"check: {statistics.median(check_runs):.2f} s, median of {', '.join(f'{s:.2f}' for s in check_runs)} (exit {check.returncode}, whole command)")
    print(f"build: {build_s:.1f} s ({timings})")
    if plain_s is not None:
        print(f"plain mkdocs, same pages, languages one after another: {plain_s:.1f} s   ratio build / plain: {build_s / plain_s:.2f}")
    print(f"peak memory of the build (all processes, proportional set size; a second build, sampled): {peak / MB:.0f} MB")
    print(f"HTML pages: {len(html)}; largest {largest / KB:.1f} KB ({largest_path.relative_to(site)})")
    print(f"member page HTML: median {statistics.median(member_sizes) / KB:.1f} KB, max {max(member_sizes) / KB:.1f} KB")
    print(f"site: {total / MB:.1f} MB in {files} files ({', '.join(f'{k} {v / MB:.1f} MB' for k, v in sorted(sizes.items()))})")
    if search is not None:
        print(f"first search query ('laser'): {search / KB:.1f} KB as a compressing host sends it")


if __name__ == "__main__":
    main()
