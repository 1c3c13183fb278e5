"""Scope guard: does a member's pull request touch only that member's profile and logo?"""
from __future__ import annotations

from pathlib import Path

from .gitutil import changed_files, read_at
from .paths import PROFILES_DIR, member_slug
from .problems import Problem
from .yamlsafe import parse


def _logo_and_maintainers(text: str | None) -> tuple[str | None, list[str]]:
    data = parse(text, "x").data if text else None
    if not isinstance(data, dict):
        return None, []
    logo = data.get("logo") if isinstance(data.get("logo"), str) else None
    maintainers = [m.lstrip("@").lower() for m in data.get("maintainers") or [] if isinstance(m, str)]
    return (f"{PROFILES_DIR}/{logo}" if logo else None), maintainers


def check_scope(root: Path, base: str, author: str | None = None) -> list[Problem]:
    """Warnings for a change that edits member profiles and anything else."""
    changed = changed_files(root, base)
    members = [p for p in changed if member_slug(p)]
    if not members:
        return []  # not a member's change: managers' pull requests are reviewed as usual
    allowed = set(members)
    owners: dict[str, list[str]] = {}
    for path in members:
        new_logo, _ = _logo_and_maintainers(read_at(root, "HEAD", path))
        old_logo, maintainers = _logo_and_maintainers(read_at(root, base, path))
        allowed |= {logo for logo in (new_logo, old_logo) if logo}
        owners[path] = maintainers
    problems = []
    if len(members) > 1:
        problems.append(Problem.make(members[1], 1, 1, "", f"this change edits {len(members)} member profiles ({', '.join(members)}); a member edits only their own", "CF-W702"))
    for path in changed:
        if path not in allowed:
            problems.append(Problem.make(path, 1, 1, "", f"changed outside the member profile ({', '.join(members)}) and its logo: a manager should review this file", "CF-W703"))
    if author:
        for path in members:
            if read_at(root, base, path) is None:
                continue  # a new profile has no maintainers yet
            if author.lower() not in owners[path]:
                problems.append(Problem.make(path, 1, 1, "", f"@{author} is not among the maintainers of this profile", "CF-W704"))
    return problems
