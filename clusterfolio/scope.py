"""Scope guard: a change by someone who is not a manager touches only the author's own profile and logo.

What counts is compared with validated values only: a member's profile is exactly
`profiles/members/<slug>.yml` with a valid slug, its logo exactly `profiles/logos/<slug>.svg`
or `.png` (the name `check` requires, whatever the profile's `logo:` says), and who
maintains a profile and who manages the cluster is read from the base of the change, never
from the change itself. Paths come from git unquoted and NUL-separated, so a name in another
case, another script or with spaces is simply another path: not the member's own.

Managers are the `@user` entries of `extra.managers` in mkdocs.yml, plus the logins in the
CLUSTERFOLIO_MANAGERS environment variable (comma- or space-separated). A GitHub team
(`@org/team`) cannot be resolved without the network, so a team's members count as managers
only when listed there too (in CI: a repository variable). Without --author (a manager's own
run, not CI's) the author is unknown: a change that edits a member profile is taken as that
member's, one that edits none as a manager's.

The guard warns; it does not block. A pull request runs the workflow and the code it brings, so
the protection that holds is CODEOWNERS (read from the base branch) with required reviews.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .gitutil import changes, read_at
from .messages import M, Msg, N
from .paths import CONFIG_FILE, PROFILES_DIR, SLUG_RE, member_file, member_logos, member_slug, read_limited
from .problems import Problem, quote
from .yamlsafe import MAX_BYTES, parse

MANAGERS_ENV = "CLUSTERFOLIO_MANAGERS"
_LOGIN = re.compile(r"@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})")


def _logins(values: Iterable[object]) -> set[str]:
    """Lower-case GitHub logins among values ('@user' or 'user'); teams and anything else are left out."""
    out = set()
    for value in values:
        match = _LOGIN.fullmatch(value.strip()) if isinstance(value, str) else None
        if match:
            out.add(match.group(1).lower())
    return out


def _data_at(root: Path, ref: str, path: str) -> dict:
    text = read_at(root, ref, path, limit=MAX_BYTES)
    data = parse(text, path).data if text else None
    return data if isinstance(data, dict) else {}


def managers(root: Path, base: str, extra: Iterable[str] = ()) -> set[str]:
    """Logins of the managers: mkdocs.yml at base, the environment, and any given."""
    config = _data_at(root, base, CONFIG_FILE)
    listed = config.get("extra", {}).get("managers") if isinstance(config.get("extra"), dict) else None
    from_env = re.split(r"[\s,]+", os.environ.get(MANAGERS_ENV, ""))
    return _logins(listed if isinstance(listed, list) else []) | _logins(from_env) | _logins(extra)


def _uncounted_team(root: Path, base: str) -> str | None:
    """Why a manager may not be known as one: a team in extra.managers counts only through the
    variable, and none is set. The first such team, or None."""
    config = _data_at(root, base, CONFIG_FILE)
    listed = config.get("extra", {}).get("managers") if isinstance(config.get("extra"), dict) else None
    teams = [m for m in listed if isinstance(m, str) and "/" in m] if isinstance(listed, list) else []
    return teams[0] if teams and not os.environ.get(MANAGERS_ENV, "").strip() else None


def _not_a_manager(root: Path, base: str, login: str) -> Msg:
    """CF-W703 for a change whose author is named and no manager: one sentence with the team that
    does not count yet, one without."""
    team = _uncounted_team(root, base)
    if team is None:
        return M("changed by someone who is not a manager ({login} is not among the managers): a manager should review this file", login=f"@{login}")
    return M("changed by someone who is not a manager ({login} is not among the managers; the team {team} in extra.managers counts only when "
             "its members' logins are listed in the repository variable {variable} (README, one-time settings)): a manager should review this file",
             login=f"@{login}", team=team, variable=MANAGERS_ENV)


def maintainers(root: Path, base: str, path: str) -> set[str] | None:
    """Logins listed as the profile's maintainers at base; None if the profile is new."""
    if read_at(root, base, path, limit=MAX_BYTES) is None:
        return None
    listed = _data_at(root, base, path).get("maintainers")
    return _logins(listed if isinstance(listed, list) else [])


def _shown(path: str) -> str:
    """A path as a message may show it: a name with a line break or another control is escaped."""
    return path if path.isprintable() else quote(path, 200)[1:-1]


def _logo_slug(path: str) -> str | None:
    """The slug a path is the logo of (profiles/logos/<slug>.svg or .png), else None."""
    for ext in (".svg", ".png"):
        prefix = f"{PROFILES_DIR}/logos/"
        if path.startswith(prefix) and path.endswith(ext) and SLUG_RE.fullmatch(path[len(prefix):-len(ext)]):
            return path[len(prefix):-len(ext)]
    return None


def _own_profile_slug(path: str) -> str | None:
    slug = member_slug(path)
    return slug if slug is not None and SLUG_RE.fullmatch(slug) else None


def check_scope(root: Path, base: str, author: str | None = None, extra_managers: Iterable[str] = ()) -> list[Problem]:
    """Warnings for a change that reaches beyond its author's own profile and logo."""
    changed = changes(root, base)
    problems = [
        Problem.make(_shown(c.path), 1, 1, "", M("is a symbolic link: it could make the build read or publish a file from outside the repository; a manager should check it"), "CF-W705")
        for c in changed if c.symlink
    ]
    login = author.strip().lstrip("@").lower() if author else None
    if login and login in managers(root, base, extra_managers):
        return problems  # a manager may change anything; reviews follow CODEOWNERS
    paths = [c.path for c in changed]
    profiles = [p for p in paths if _own_profile_slug(p)]
    if not login and not profiles:
        return problems  # no author named and no member's profile: taken as a manager's change
    slugs = {_own_profile_slug(p) for p in profiles}
    if login:  # a logo alone is the author's own when they maintain the profile it is named after
        slugs |= {slug for slug in map(_logo_slug, paths) if slug and login in (maintainers(root, base, member_file(slug)) or ())}
    allowed = set(profiles) | {f"{PROFILES_DIR}/{logo}" for slug in slugs if slug for logo in member_logos(slug)}
    if len(profiles) > 1:
        problems.append(Problem.make(profiles[1], 1, 1, "", N(
            "this change edits {count} member profile ({profiles}); a member edits only their own",
            "this change edits {count} member profiles ({profiles}); a member edits only their own",
            len(profiles), profiles=", ".join(profiles)), "CF-W702"))
    outside = [path for path in paths if path not in allowed]
    if outside:
        # Without a member's profile an author is named here (else the change is a manager's, above).
        message = (M("changed outside the member profile ({profiles}) and its logo: a manager should review this file", profiles=", ".join(profiles))
                   if profiles else _not_a_manager(root, base, login or ""))
        problems += [Problem.make(_shown(path), 1, 1, "", message, "CF-W703") for path in outside]
    if login:
        for path in profiles:
            owners = maintainers(root, base, path)
            if owners is not None and login not in owners:  # a new profile has no maintainers yet
                problems.append(Problem.make(path, 1, 1, "", _not_a_maintainer(root, path, login, owners), "CF-W704"))
    return problems


def _not_a_maintainer(root: Path, path: str, login: str, owners: set[str]) -> Msg:
    """Why the author of a change to a profile is not (yet) its maintainer, and who approves it.

    The maintainers are read from the base of the change, never from the change: a member who adds
    herself is right to, and still needs that first listing approved by someone who may give it."""
    adds_self = login in _maintainers_now(root, path)
    shown = {"login": f"@{login}", "maintainers": ", ".join(f"@{o}" for o in sorted(owners))}
    if adds_self and not owners:
        return M("{login} adds themselves as the first maintainer of this profile: right so, and a manager approves "
                 "this first listing once; once it is merged, {login} maintains the profile and needs no manager for it", **shown)
    if adds_self:
        return M("{login} adds themselves to the maintainers of this profile ({maintainers}): one of them or a manager approves that", **shown)
    if not owners:
        return M("the profile lists no maintainers yet, so a manager reviews this change; to maintain it yourself, "
                 "add your GitHub name under maintainers: ({login}), which a manager approves once", **shown)
    return M("{login} is not among the maintainers of this profile ({maintainers}): one of them or a manager approves this change", **shown)


def _maintainers_now(root: Path, path: str) -> set[str]:
    """The logins the change itself lists as the profile's maintainers (the working tree's file)."""
    try:
        raw = read_limited(root / path, MAX_BYTES)
    except OSError:
        return set()
    data = parse(raw.decode("utf-8", "replace"), path).data if len(raw) <= MAX_BYTES else None
    listed = data.get("maintainers") if isinstance(data, dict) else None
    return _logins(listed if isinstance(listed, list) else [])

