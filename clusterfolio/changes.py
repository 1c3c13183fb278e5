"""`changes <ref>`: release notes of profile changes since a tag, as Markdown.

The notes become a published GitHub release, where Markdown outside code makes @mentions (users
and teams are notified), #1 and owner/repo#1 references and links of bare addresses. So every text
taken from the profiles or the command line (names, file names, field names, the ref) stands in a
code span, the summary's (summary.code_span): fenced longer than any backticks inside, with line
breaks and other control characters shown as escapes, so it cannot close the span or start a line.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .gitutil import files_at, read_at
from .mdtext import code_span
from .paths import CLUSTER_FILE, MEMBERS_DIR, TAXONOMY_FILE, read_limited, symlink_on_path
from .requests import seeks_id
from .yamlsafe import MAX_BYTES, parse


def _read(root: Path, rel: str) -> str | None:
    """A profile in the working tree, as check reads it: never through a link, never more than the limit."""
    if symlink_on_path(root, rel):
        return None
    try:
        raw = read_limited(root / rel, MAX_BYTES)
    except OSError:
        return None
    return raw.decode("utf-8", "replace") if len(raw) <= MAX_BYTES else None


def _load(text: str | None) -> dict[str, Any]:
    data = parse(text, "x").data if text else None
    return data if isinstance(data, dict) else {}


def _name(data: dict[str, Any], slug: str) -> str:
    name = data.get("name")
    return name if isinstance(name, str) and name.strip() else slug


def _changed_sections(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [key for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key)]


# Characters of a request's text in the release notes: enough to recognise it.
REQUEST_TEXT = 80


def _request(slug: str, data: dict[str, Any]) -> tuple[str, str] | None:
    """A profile's request for partners as (id, its first text), read from the raw YAML as
    requests.member_request reads the model, so that the ids are the board's."""
    seeks = data.get("seeks")
    if not isinstance(seeks, dict):
        return None
    raw = seeks.get("text") if isinstance(seeks.get("text"), dict) else {}
    text = {str(k): v.strip() for k, v in raw.items() if isinstance(v, str)}
    types = [t for t in seeks.get("partner_types") or [] if isinstance(t, str)]
    countries = seeks.get("countries") or []
    if not (any(text.values()) or types or countries):
        return None
    first = next((v for v in text.values() if v), "")
    return seeks_id(slug, text, types), first[:REQUEST_TEXT] + ("…" if len(first) > REQUEST_TEXT else "")


def _requests(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, list[tuple[str, str, str]]]:
    """Requests for partners opened and closed (a reworded request is a closed one and a new one)."""
    def ids(profiles: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str, str]]:
        out = {}
        for slug, data in profiles.items():
            found = _request(slug, data)
            if found:
                out[found[0]] = (slug, _name(data, slug), found[1])
        return out

    before, after = ids(old), ids(new)
    return {"new": [after[i] for i in after if i not in before], "closed": [before[i] for i in before if i not in after]}


def collect(root: Path, ref: str) -> dict[str, Any]:
    """What changed in the profiles between ref and the working tree."""
    old_files = {Path(p).stem: p for p in files_at(root, ref, MEMBERS_DIR) if p.endswith(".yml")}
    new_files = {p.stem: f"{MEMBERS_DIR}/{p.name}" for p in sorted((root / MEMBERS_DIR).glob("*.yml")) if not p.is_symlink()}
    added, removed, renamed, updated = [], [], [], []
    # Every profile read once on each side (the requests compare them all).
    olds = {slug: _load(read_at(root, ref, path, limit=MAX_BYTES)) for slug, path in sorted(old_files.items())}
    news = {slug: _load(_read(root, path)) for slug, path in sorted(new_files.items())}
    for slug in sorted(new_files.keys() - old_files.keys()):
        added.append((slug, _name(news[slug], slug)))
    for slug in sorted(old_files.keys() - new_files.keys()):
        removed.append((slug, _name(olds[slug], slug)))
    for slug in sorted(old_files.keys() & new_files.keys()):
        old, new = olds[slug], news[slug]
        if _name(old, slug) != _name(new, slug):
            renamed.append((slug, _name(old, slug), _name(new, slug)))
        sections = [s for s in _changed_sections(old, new) if s != "name"]
        if sections:
            updated.append((slug, _name(new, slug), sections))
    other = {}
    for path in (CLUSTER_FILE, TAXONOMY_FILE):
        sections = _changed_sections(_load(read_at(root, ref, path, limit=MAX_BYTES)), _load(_read(root, path)))
        if sections:
            other[path] = sections
    return {"ref": ref, "added": added, "removed": removed, "renamed": renamed, "updated": updated, "other": other,
            "requests": _requests(olds, news)}


def to_markdown(found: dict[str, Any]) -> str:
    """The release notes: every name, slug, path and field name as a code span, nothing live."""
    c = code_span

    def fields(sections: list[str]) -> str:
        return ", ".join(c(str(section)) for section in sections)

    lines = [f"## Profile changes since {c(found['ref'])}", ""]
    requests = found.get("requests") or {"new": [], "closed": []}
    if not any(found[k] for k in ("added", "removed", "renamed", "updated", "other")) and not any(requests.values()):
        return "\n".join(lines + ["No profile changed.", ""])
    if found["added"]:
        lines += ["### New members", ""] + [f"- {c(name)} ({c(slug)})" for slug, name in found["added"]] + [""]
    if found["removed"]:
        lines += ["### Members who left", ""] + [f"- {c(name)} ({c(slug)})" for slug, name in found["removed"]] + [""]
    if found["renamed"]:
        lines += ["### Renamed", ""] + [f"- {c(old)} → {c(new)} ({c(slug)})" for slug, old, new in found["renamed"]] + [""]
    if found["updated"]:
        lines += ["### Updated profiles", ""] + [f"- {c(name)} ({c(slug)}): {fields(sections)}" for slug, name, sections in found["updated"]] + [""]
    for key, heading in (("new", "New requests for partners"), ("closed", "Closed requests for partners")):
        if requests[key]:
            lines += [f"### {heading}", ""] + [f"- {c(name)} ({c(slug)}): {c(text)}" for slug, name, text in requests[key]] + [""]
    if found["other"]:
        lines += ["### Cluster and taxonomy", ""] + [f"- {c(path)}: {fields(sections)}" for path, sections in found["other"].items()] + [""]
    return "\n".join(lines)
