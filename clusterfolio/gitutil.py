"""The few git questions clusterfolio asks (read-only)."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .messages import M, Msg

# Paths exactly as they are (no C-quoting of non-ASCII names) and no rename detection: a rename
# is its old path and its new one, and each is judged on its own.
_PLAIN = ("-c", "core.quotePath=false")
SYMLINK_MODE = "120000"


class GitError(Exception):
    """git is missing, this is no repository, or the ref is unknown: args[0] is our message (a Msg,
    shown in the reader's language) or git's own complaint."""


def _run(root: Path, args: tuple[str, ...]) -> bytes:
    try:
        proc = subprocess.run(["git", *_PLAIN, "-C", str(root), *args], capture_output=True)
    except FileNotFoundError as exc:
        raise GitError(M("git is not installed")) from exc
    if proc.returncode != 0:
        raise GitError(_explained(proc.stderr.decode("utf-8", "replace"), root) or M("{command} failed", command=f"git {' '.join(args)}"))
    return proc.stdout


def _inside_repository(root: Path) -> bool:
    proc = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, check=False)
    return proc.returncode == 0 and proc.stdout.strip() == "true"


def _explained(stderr: str, root: Path) -> str | Msg:
    """git's complaint in one line, without its own "error:"/"fatal:" (the caller says error: once),
    and in plain words where it is one of the usual ones."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and not line.lstrip().startswith(("hint:", "usage:"))]
    text = re.sub(r"^(?:error|fatal):\s*", "", lines[0]) if lines else ""
    if "not a git repository" in text or text.startswith("Could not access") and not _inside_repository(root):
        return M("{folder} is not a git repository: run this in the cluster's repository (git clone it first), or give --root", folder=str(root))
    # rev-parse and diff say "ambiguous argument"/"bad revision", ls-tree "Not a valid object name".
    unknown = ("ambiguous argument", "Could not access", "bad revision", "Needed a single revision", "Not a valid object name")
    if text.startswith(unknown) or "unknown revision" in text:
        ref = re.search(r"'([^']*)'", text) or re.match(r"Not a valid object name (\S+)$", text)
        if ref is None:
            return M("git knows no such commit, branch or tag here: give the base of the change, e.g. origin/main or a tag")
        return M("git knows no commit, branch or tag {ref} here: give the base of the change, e.g. origin/main or a tag", ref=f"'{ref.group(1)}'")
    return text


def git(root: Path, *args: str) -> str:
    """git's output as text; names that are no UTF-8 keep their bytes (surrogate escapes)."""
    return _run(root, args).decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class Change:
    """One path that differs between two commits, with its file modes ('000000' where absent)."""

    path: str
    status: str  # A added, D deleted, M modified, T type changed
    old_mode: str
    new_mode: str

    @property
    def symlink(self) -> bool:
        """The path is a symbolic link after the change."""
        return self.new_mode == SYMLINK_MODE


def changes(root: Path, base: str) -> list[Change]:
    """Paths that differ between base and HEAD: renames as both sides, NUL-separated so that no
    name is quoted or split."""
    fields = git(root, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", base, "HEAD").split("\0")
    out = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if not meta.startswith(":"):
            continue
        old_mode, new_mode, _old, _new, status = meta[1:].split(" ")[:5]
        out.append(Change(path, status[:1], old_mode, new_mode))
    return sorted(out, key=lambda c: c.path)


def changed_files(root: Path, base: str) -> list[str]:
    """Files that differ between base and HEAD (including renames' both sides)."""
    return [change.path for change in changes(root, base)]


def files_at(root: Path, ref: str, folder: str) -> list[str]:
    out = git(root, "ls-tree", "-r", "-z", "--name-only", ref, "--", folder)
    return sorted(name for name in out.split("\0") if name)


def read_at(root: Path, ref: str, path: str, limit: int | None = None) -> str | None:
    """A file's text at ref, or None if it did not exist there (or is larger than limit bytes)."""
    try:
        if limit is not None and int(git(root, "cat-file", "-s", f"{ref}:{path}").strip()) > limit:
            return None
        return _run(root, ("show", f"{ref}:{path}")).decode("utf-8", "replace")
    except (GitError, ValueError):
        return None


def last_change(root: Path, path: str) -> str | None:
    """ISO date of the last commit that touched path, or None if never committed."""
    out = git(root, "log", "-1", "--format=%cs", "--", path).strip()
    return out or None
