"""The running clusterfolio as a wheel inside a cluster's repository (`vendor/`), so that its
workflows install exactly this tool with no package index for it (docs/decisions.md, "How a
cluster installs the tool").

Installed from a wheel, the tool is packed again from its own installed files (RECORD lists them,
with their hashes): the same wheel, byte for byte whatever the machine. Run from a checkout (an
editable install, or the tool's own tests), it is built from the source tree with pip.
"""
from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from functools import cache
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

from .messages import M

VENDOR_DIR = "vendor"
REQUIREMENTS = "requirements.txt"
# The requirement line that names the tool, in either form: `clusterfolio==1.2.0`, or the path
# of a vendored wheel.
_TOOL_LINE = re.compile(r"^\s*(?:clusterfolio\s*(?:[=<>!~].*)?|\./vendor/clusterfolio-[^\s]+\.whl)\s*$", re.M)
# Zip entries get one fixed time (the earliest a zip file can hold): the same files, the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Files of an installed distribution that are the installer's, not the wheel's.
_INSTALLER_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


class VendorError(Exception):
    """The tool could not be written as a wheel (nothing was changed)."""


def requirement(wheel_name: str) -> str:
    """The requirements.txt line for a vendored wheel: a path from the repository's root, where
    the workflows and the README run pip."""
    return f"./{VENDOR_DIR}/{wheel_name}"


def wheel_name() -> str:
    """The file name the running tool's wheel has."""
    return _wheel()[0]


def write_wheel(folder: Path) -> Path:
    """Write the running tool's wheel into folder; return its path."""
    name, data = _wheel()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def vendor(root: Path) -> tuple[Path, list[Path]]:
    """In a cluster's repository: the running tool's wheel into vendor/ (other clusterfolio wheels
    there removed) and requirements.txt pointed at it. Returns (the wheel, the files removed)."""
    requirements = root / REQUIREMENTS
    text = requirements.read_text(encoding="utf-8") if requirements.is_file() else ""
    name, data = _wheel()
    line = requirement(name)
    if _TOOL_LINE.search(text):
        text = _TOOL_LINE.sub(line, text, count=1)
    else:
        text = (text.rstrip("\n") + "\n" if text.strip() else "") + line + "\n"
    folder = root / VENDOR_DIR
    old = sorted(p for p in folder.glob("clusterfolio-*.whl") if p.name != name) if folder.is_dir() else []
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    requirements.write_text(text, encoding="utf-8")
    for path in old:
        path.unlink()
    return folder / name, old


@cache
def _wheel() -> tuple[str, bytes]:
    """(file name, bytes) of the running tool as a wheel; made once per process."""
    try:
        dist = distribution("clusterfolio")
    except PackageNotFoundError:
        dist = None
    if dist is not None and _installed_from_wheel(dist):
        return _repack(dist)
    return _build(_source_tree())


def _installed_from_wheel(dist: Distribution) -> bool:
    """True when the running package is the distribution's installed files (not a checkout)."""
    import clusterfolio

    if not dist.read_text("WHEEL") or not dist.read_text("RECORD"):
        return False
    base = Path(str(dist.locate_file(""))).resolve()
    return Path(clusterfolio.__file__).resolve().is_relative_to(base)


def _digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _repack(dist: Distribution) -> tuple[str, bytes]:
    """The installed files as the wheel they came from: package and dist-info, as RECORD lists them."""
    files = []
    for entry in dist.files or []:
        rel = entry.as_posix()
        parts = rel.split("/")
        if rel.startswith("../") or "__pycache__" in parts or rel.endswith(".pyc"):
            continue  # scripts pip made, and compiled files: pip makes them again
        if parts[0].endswith(".dist-info") and len(parts) == 2 and parts[1] in _INSTALLER_FILES:
            continue
        files.append((rel, Path(str(entry.locate())).read_bytes()))
    info = next(rel.split("/")[0] for rel, _ in files if rel.split("/")[0].endswith(".dist-info"))
    wheel_meta = dist.read_text("WHEEL") or ""
    tag = next((line.split(":", 1)[1].strip() for line in wheel_meta.splitlines() if line.startswith("Tag:")), "py3-none-any")
    name = f"{info.removesuffix('.dist-info')}-{tag}.whl"
    record = "".join(f"{rel},{_digest(data)},{len(data)}\n" for rel, data in sorted(files)) + f"{info}/RECORD,,\n"
    return name, _zip(sorted(files) + [(f"{info}/RECORD", record.encode())])


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    with tempfile.SpooledTemporaryFile() as out:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel, data in files:
                item = zipfile.ZipInfo(rel, _ZIP_TIME)
                item.external_attr = 0o644 << 16
                item.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(item, data)
        out.seek(0)
        return out.read()


def _source_tree() -> Path:
    import clusterfolio

    root = Path(clusterfolio.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise VendorError(M("the running clusterfolio is neither installed from a wheel nor a checkout; reinstall it ({command})",
                             command="pip install clusterfolio"))
    return root


def _build(source: Path) -> tuple[str, bytes]:
    """The wheel of a checkout, built by pip (its build backend from the package index)."""
    # pip builds a checkout in place (setuptools writes build/ and *.egg-info/ into it): two builds
    # of one checkout at once (tests in two workers) break each other, so they take turns.
    lock = Path(tempfile.gettempdir()) / f"clusterfolio-wheel-{hashlib.sha256(str(source).encode()).hexdigest()[:16]}.lock"
    with lock.open("a") as held, tempfile.TemporaryDirectory() as out:
        with contextlib.suppress(ImportError):  # POSIX; elsewhere the builds do not take turns
            import fcntl

            fcntl.flock(held, fcntl.LOCK_EX)
        env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}  # fixed times in the zip: the same bytes
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check", "--wheel-dir", out, str(source)],
            capture_output=True, text=True, env=env, check=False,
        )
        built = sorted(Path(out).glob("clusterfolio-*.whl"))
        if proc.returncode != 0 or not built:
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no wheel"]
            raise VendorError(M("could not build clusterfolio's wheel from {source}: {reason}", source=str(source), reason=detail[0]))
        return built[0].name, built[0].read_bytes()
