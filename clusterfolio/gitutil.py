"""The few git questions clusterfolio asks (read-only)."""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, this is no repository, or the ref is unknown."""


def git(root: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if proc.returncode != 0:
        raise GitError(proc.stderr.strip() or f"git {' '.join(args)} failed")
    return proc.stdout


def changed_files(root: Path, base: str) -> list[str]:
    """Files that differ between base and HEAD (including renames' both sides)."""
    out = git(root, "diff", "--name-only", "--no-renames", base, "HEAD")
    return sorted(line for line in out.splitlines() if line)


def files_at(root: Path, ref: str, folder: str) -> list[str]:
    out = git(root, "ls-tree", "-r", "--name-only", ref, "--", folder)
    return sorted(line for line in out.splitlines() if line)


def read_at(root: Path, ref: str, path: str) -> str | None:
    """A file's text at ref, or None if it did not exist there."""
    try:
        return git(root, "show", f"{ref}:{path}")
    except GitError:
        return None


def last_change(root: Path, path: str) -> str | None:
    """ISO date of the last commit that touched path, or None if never committed."""
    out = git(root, "log", "-1", "--format=%cs", "--", path).strip()
    return out or None
