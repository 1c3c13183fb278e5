"""Benchmark: `python build.py build` over the demo plus N generated members.

Times the whole build command as a user runs it (3 languages in parallel, pagefind
included), and for comparison plain `mkdocs build` (material, no clusterfolio theme
overrides) over the same generated Markdown, the 3 languages one after another.
Also reports the size of the member pages' HTML.
Targets: full build no slower than the plain mkdocs builds; member pages under 40 KB.
Usage: python bench/build_bench.py [N] [--repeat K]
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_project  # noqa: E402
from bench.plain import write_plain_docs  # noqa: E402
from clusterfolio.config import read_config  # noqa: E402
from clusterfolio.project import load_project  # noqa: E402

DATE = dt.date(2026, 11, 26)
RATIO_TARGET = 1.00
PAGE_TARGET_KB = 40


def run(cmd: list[str], what: str) -> float:
    """Run a command; return its wall time, or stop with its output if it fails."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"{what} failed (exit {proc.returncode})")
    return seconds


def plain_configs(project_root: Path, work: Path) -> list[Path]:
    """Write each language's pages with clusterfolio, and a plain mkdocs.yml for them."""
    config = read_config(project_root)
    project, found = load_project(config, DATE)
    if project is None:
        print("\n".join(p.text() for p in found), file=sys.stderr)
        raise SystemExit("the generated project does not load")
    files = []
    for lang in config.languages:
        docs, nav = write_plain_docs(config, project, lang, work)
        cfg = {
            "site_name": config.site_name,
            "docs_dir": str(docs),
            "site_dir": str(work / "site" / lang),
            "theme": {"name": "material", "language": lang, "font": False},
            "nav": nav,
            "plugins": [],
            "not_in_nav": "/*/",
        }
        path = work / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000, help="generated members (default 1000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per timed command; the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = make_project(ROOT, tmp / "project", args.count)
        members = len(list((project / "profiles/members").glob("*.yml")))
        site = tmp / "site"
        full_cmd = [sys.executable, str(ROOT / "build.py"), "--root", str(project), "build", "--date", DATE.isoformat(), "--out", str(site)]
        configs = plain_configs(project, tmp / "plain")  # generation: not timed
        full, plain = [], []
        for _ in range(args.repeat):  # alternate, so background load hits both alike
            full.append(run(full_cmd, "python build.py build"))
            plain.append(sum(run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(f)], f"mkdocs build ({f.parent.name})") for f in configs))
        sizes = [p.stat().st_size for p in site.glob("*/members/*/index.html")]
        if not sizes:
            raise SystemExit(f"no member pages found under {site}/*/members/")
    full_s, plain_s = statistics.median(full), statistics.median(plain)
    ratio = full_s / plain_s
    median_size, max_size = statistics.median(sizes), max(sizes)
    runs = f" (median of {args.repeat})" if args.repeat > 1 else ""
    print(f"members: {members}")
    print(f"full build (python build.py, 3 languages in parallel): {full_s:.1f} s{runs}")
    print(f"plain mkdocs build, same pages, 3 languages sequentially: {plain_s:.1f} s{runs}")
    print(f"ratio full / plain: {ratio:.2f}  target: <= {RATIO_TARGET:.2f}  {'OK' if ratio <= RATIO_TARGET else 'OVER'}")
    print(
        f"member page HTML: median {kb(median_size)}, max {kb(max_size)}  target: < {PAGE_TARGET_KB} KB  "
        f"{'OK' if max_size < PAGE_TARGET_KB * 1024 else 'OVER'}"
    )


if __name__ == "__main__":
    main()
