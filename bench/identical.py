"""Byte-for-byte comparison of built sites, before and after a refactoring (issue 25).

Builds three projects on a fixed date with the checkout's own command, `python build.py build`:
the demo (this repository), the fixture cluster tests/fixtures/nordlicht, and the demo plus N
generated members (bench/generate.py, default 1000). Then either saves the three trees as the
reference, or compares them with a saved reference and lists every file that is missing, extra or
different.

    .venv/bin/python bench/identical.py --save /tmp/ref          # on the commit before the change
    .venv/bin/python bench/identical.py --compare /tmp/ref       # after it: exit 1 on any difference

Prints one line per project: files, bytes, and (with --compare) how many files differ.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_project  # noqa: E402

DATE = "2026-11-26"
SHOWN = 20


def build(project: Path, out: Path) -> None:
    cmd = [sys.executable, str(ROOT / "build.py"), "--root", str(project), "build", "--out", str(out), "--date", DATE]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"building {project} failed (exit {proc.returncode})")


def digests(tree: Path) -> dict[str, str]:
    return {p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(tree.rglob("*")) if p.is_file()}


def compare(name: str, built: Path, reference: Path) -> int:
    new, old = digests(built), digests(reference)
    missing = sorted(old.keys() - new.keys())
    extra = sorted(new.keys() - old.keys())
    changed = sorted(k for k in old.keys() & new.keys() if old[k] != new[k])
    size = sum(p.stat().st_size for p in built.rglob("*") if p.is_file())
    print(f"{name}: {len(new)} files, {size} bytes; {len(changed)} differ, {len(missing)} missing, {len(extra)} extra")
    for label, paths in (("differs", changed), ("missing", missing), ("extra", extra)):
        for path in paths[:SHOWN]:
            print(f"  {label}: {path}")
        if len(paths) > SHOWN:
            print(f"  … and {len(paths) - SHOWN} more {label}")
    return len(changed) + len(missing) + len(extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the three built sites here as the reference")
    action.add_argument("--compare", type=Path, help="compare the three built sites with this reference")
    parser.add_argument("--count", type=int, default=1000, help="generated members of the third project (default 1000)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="cf-identical-") as tmp:
        work = Path(tmp)
        generated = make_project(ROOT, work / "generated", args.count)
        projects = {"demo": ROOT, "nordlicht": ROOT / "tests" / "fixtures" / "nordlicht", f"generated-{args.count}": generated}
        differences = 0
        for name, project in projects.items():
            out = work / "sites" / name
            build(project, out)
            if args.save:
                target = args.save / name
                if target.exists():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(out, target)
                files = sum(1 for p in out.rglob("*") if p.is_file())
                print(f"{name}: {files} files saved to {target}")
            else:
                differences += compare(name, out, args.compare / name)
    if args.compare:
        print("identical" if differences == 0 else f"{differences} differences")
        raise SystemExit(1 if differences else 0)


if __name__ == "__main__":
    main()
