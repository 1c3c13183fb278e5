"""Portal benchmark (issue 28, item 4): K clusters of N members served on 127.0.0.1, harvested twice,
then the portal built from the harvest. Prints figures; not a test.

The clusters are bench/harvest_bench.py's: the demo's /data/ with members.json widened to N members,
each served by its own http.server (ETag, 304) in a second process, under an address of its own
(c000.example.org …) in its files. The build runs in a fresh
process of its own, so that its peak resident memory is its own; it builds the portal in three
languages (de, en, fr), as a state's portal would.

Usage: python bench/portal_bench.py [K] [N]     (default 120 200)
Targets (issue 28): harvest of unchanged clusters < 30 s; build < 3 min and < 1.5 GB; every page < 150 KB;
the first query of the built portal's search box under 300 KB compressed.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harvest_bench import DATE, make_site  # noqa: E402

LANGUAGES = ("de", "en", "fr")
PAGE_LIMIT = 150 * 1024
QUERY_LIMIT = 300 * 1024


def build(portal: object, queue: multiprocessing.Queue) -> None:
    """In a fresh process: build the portal; report seconds, peak memory, pages and the largest page."""
    from clusterfolio.portal.build import build_portal

    started = time.perf_counter()
    summary = build_portal(portal, dt.date.fromisoformat(DATE))  # type: ignore[arg-type]
    took = time.perf_counter() - started
    # MiB (ru_maxrss is KiB on Linux): this process's, and the largest of its language workers' (forked:
    # they share the harvest's pages with it until they write to them, so the two do not add up).
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    pages = [(p.stat().st_size, p.relative_to(summary.target).as_posix()) for p in summary.target.rglob("*.html")]
    queue.put((took, peak, summary.pages, len(pages), max(pages), sum(1 for size, _ in pages if size >= PAGE_LIMIT)))


def main() -> None:
    clusters = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    from clusterfolio.portal.harvest import harvest
    from clusterfolio.portal.settings import ClusterSource, Portal

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site = make_site(work, members)
        server = subprocess.Popen([sys.executable, str(ROOT / "bench/harvest_bench.py"), "--serve", str(site), str(clusters)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert server.stdout is not None
        urls = []
        for line in server.stdout:
            if line.strip() == "ready":
                break
            urls.append(line.strip())
        portal = Portal(root=work / "portal", name="Bench portal", languages=LANGUAGES, site_url="https://portal.example.org/",
                        clusters=tuple(ClusterSource(key=f"c{i:03d}", url=url) for i, url in enumerate(urls)))
        figures = {}
        try:
            for run in ("first harvest (all downloaded)", "second harvest (all 304)"):
                started = time.perf_counter()
                outcomes = harvest(portal, dt.date.fromisoformat(DATE))
                figures[run] = time.perf_counter() - started
                failed = sum(o.result == "failed" for o in outcomes)
                print(f"{run}: {figures[run]:.1f} s for {clusters} clusters x {members} members "
                      f"({sum(o.downloaded for o in outcomes)} files downloaded, {failed} failed)", flush=True)
        finally:
            server.stdin.close()  # type: ignore[union-attr]
            server.wait(timeout=10)
        queue: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
        child = multiprocessing.get_context("spawn").Process(target=build, args=(portal, queue))
        child.start()
        took, peak, pages, files, (largest, where), over = queue.get()
        child.join()
        print(f"build: {took:.1f} s, peak {peak[0]} MiB (the largest language worker {peak[1]} MiB), {pages} pages in {len(LANGUAGES)} languages ({files} HTML files); "
              f"largest {largest / 1024:.0f} KiB ({where}); {over} pages of 150 KB or more")
        worst = first_queries(portal.root / "site")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        met = figures["second harvest (all 304)"] < 30 and took < 180 and sum(peak) < 1536 and over == 0 and worst < QUERY_LIMIT
        print("targets (unchanged harvest < 30 s, build < 3 min and 1.5 GB, every page < 150 KB, first query < 300 KB compressed): "
              f"{'met' if met else 'MISSED'}")


def first_queries(site: Path, queries: tuple[str, ...] = ("laser", "optical measuring", "sensors")) -> int:
    """What the first query of the built portal's search box (on /en/members/) downloads, in headless
    Chromium (bench/search_bench.py's measure), counted as a compressing server sends it; the largest."""
    from bench.portal_search_bench import compressed
    from bench.search_bench import measure_pagefind

    worst = 0
    for measure in measure_pagefind(site, list(queries), delay=60):
        size = sum(compressed(site, f.path) for f in measure.fetches)
        worst = max(worst, size)
        print(f"first query {measure.query!r}: {measure.results} results shown, {len(measure.fetches)} files, {size / 1024:.1f} KB compressed")
    return worst


if __name__ == "__main__":
    main()
