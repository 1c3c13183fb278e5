"""Benchmark: `python build.py check` over the demo plus N generated members.

Prints the wall time of the whole command (interpreter start included), the time of
check itself, and the time per member. Targets: N=1000 under 2 s on 2 cores (issue 2);
N=10000 under 3 s (issue "Scale").
Usage: python bench/check_bench.py [N]
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_project  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(ROOT, Path(tmp) / "project", count)
        members = len(list((project / "profiles/members").glob("*.yml")))
        os.sync()  # the generated files are on the disk, not written back while check runs
        walls, inner = [], []
        for _ in range(3):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "check", "--date", "2026-11-26"], capture_output=True, text=True)
            walls.append(time.perf_counter() - started)
            match = re.search(r"\(([0-9.]+) s\)", proc.stderr)
            inner.append(float(match.group(1)) if match else float("nan"))
        if proc.returncode != 0:
            print(proc.stdout[-2000:], proc.stderr, file=sys.stderr)
            raise SystemExit("check failed on the generated project")
        wall, check = statistics.median(walls), statistics.median(inner)
        print(f"members: {members} (generated: {count})")
        target = 2.0 if count <= 1000 else 3.0
        print(f"check, whole command (median of 3): {wall:.2f} s   target: < {target:.2f} s   {'OK' if wall < target else 'OVER'}")
        print(f"check, loading and validation only: {check:.2f} s ({check / members * 1000:.2f} ms per member)")


if __name__ == "__main__":
    main()
