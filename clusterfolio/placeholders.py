"""What `clusterfolio new` made up and a cluster must replace before it publishes (the release gate).

`check` warns about each (CF-W706 to CF-W709) while the managers work; `check --release`, which
the release workflow runs, makes them errors, so an imprint that still says "Zu ergänzen" or
names info@example.org is never published. A cluster that is fictional on purpose (this
repository's demo, the test fixtures: `extra.fictional: true` in mkdocs.yml) keeps its example
addresses and needs no managers; texts marked to complete are still reported there.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .config import Config
from .messages import M
from .paths import CLUSTER_FILE, CONFIG_FILE, CONTACT_DIRECTIVE, CONTENT_DIR, MEMBERS_DIR, read_limited, symlink_on_path
from .problems import Problem, quote
from .yamlsafe import MAX_BYTES, Document, _plain_text, parse

# How the scaffold marks a passage to complete, in each language it writes texts in.
MARKERS = ("Zu ergänzen:", "To complete:", "À compléter :", "À compléter\u00a0:", "À compléter:")
_MARKER = re.compile("|".join(re.escape(m) for m in MARKERS))
# Domains reserved for examples (RFC 2606, RFC 6761): no partner reaches anyone there.
_EXAMPLE = re.compile(r"(?<![\w.-])(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.example)(?![\w-])", re.I)
# Codes of the gate: `check --release` makes these errors.
CODES = frozenset({"CF-W706", "CF-W707", "CF-W708", "CF-W709"})
_PAGE_LIMIT = 256 * 1024
# A piece of every match of _MARKER (as written), and one of every match of _EXAMPLE (lower-cased); none with a
# space inside, and "complete:" with its colon, which the marker writes right after the word, so
# that "complete traceability" is no reason to parse). YAML keeps such a piece whole in the value it
# reads from a file's text unless an escape (a backslash in a double-quoted text) or a character the
# reader shields writes it: folding and quoting only join or drop what is around it. So a file whose text holds none of these words, no backslash and
# only printable characters cannot give a placeholder, and is not parsed (at 10,000 members the
# second parse of every file was half of check's time).
_MARKER_WORDS = ("ergänzen:", "complete:", "compléter")
_EXAMPLE_WORD = "example"


def find(config: Config, read: frozenset[str] = frozenset()) -> list[Problem]:
    """Every placeholder left in the repository, with file and line.

    read: member files already looked at (in_member, while `check` loaded them), left out here."""
    root = config.root
    fictional = config.extra.get("fictional") is True
    found: list[Problem] = []
    for rel, text in _content_pages(root):
        for number, line in enumerate(text.splitlines(), 1):
            if match := _MARKER.search(line):
                found.append(Problem.make(rel, number, match.start() + 1, "", M("a passage still to complete: {passage}; write the real text and delete the marker", passage=quote(line[match.start():].strip("*_ "), 80)), "CF-W706"))
            if not fictional and (match := _EXAMPLE.search(line)):
                found.append(Problem.make(rel, number, match.start() + 1, "", M("the example address {address} is still here; write the cluster's own", address=quote(match.group())), "CF-W707"))
    # The members' folder is looked at for links once; each file in it is opened without following
    # a link (read_limited), which is the rest of what symlink_on_path would look at for it.
    members = sorted(rel for rel in _members(root) if rel not in read) if not symlink_on_path(root, MEMBERS_DIR) else []
    for rel in (CLUSTER_FILE, *members, CONFIG_FILE):
        doc = config.source if rel == CONFIG_FILE else _document(root, rel, fictional, in_checked_folder=rel != CLUSTER_FILE)  # mkdocs.yml: as read_config read it
        if doc is not None:
            found += _value_problems(doc, fictional)
    if not fictional and not config.managers:
        found.append(Problem.make(CONFIG_FILE, 1, 1, "extra.managers", M("no managers are named: list the managers' GitHub users or team under extra:, e.g. managers: [\"@your-org/managers\"]"), "CF-W708"))
    found += _imprint_address(root)
    return found


def _content_pages(root: Path) -> list[tuple[str, str]]:
    base = root / CONTENT_DIR
    out = []
    for path in sorted(base.glob("*/*.md")) if base.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if symlink_on_path(root, rel) or not path.is_file():
            continue  # refused elsewhere, never read through
        try:
            out.append((rel, read_limited(path, _PAGE_LIMIT).decode("utf-8", "replace")))
        except OSError:
            continue
    return out


def _members(root: Path) -> list[str]:
    folder = root / MEMBERS_DIR
    return [f"{MEMBERS_DIR}/{p.name}" for p in folder.glob("*.yml")] if folder.is_dir() else []


def in_member(doc: Document, root: Path, fictional: bool) -> list[Problem]:
    """The placeholders of a member file that loading has just read and parsed (doc): the same as
    find's look at it, without reading and parsing the file a second time (at 10,000 members a
    serial pass over every file after the parallel load, a fifth of `check`).

    A file loading could not decode (not UTF-8, too large, unreadable) or that is empty is read as
    find reads it: find decodes what is not UTF-8 with replacement characters and parses that."""
    if not doc.text:
        doc = _document(root, doc.file, fictional, in_checked_folder=True)  # type: ignore[assignment]
        return _value_problems(doc, fictional) if doc is not None else []
    # doc.text is what the reader parsed (a leading BOM dropped, shielded characters moved): the
    # shortcut's reasoning holds for it as for the file's text (tests/test_check_speed.py).
    if not could_hold_placeholder(doc.text, fictional, doc.plain):
        return []
    return _value_problems(doc, fictional)


def _value_problems(doc: Document, fictional: bool) -> list[Problem]:
    """A marker or (not fictional) an example address in any text value of a parsed file."""
    found = []
    for path, value in _texts(doc.data, ()):
        if _MARKER.search(value):
            found.append(doc.problem(path, M("still to complete: {value}", value=quote(value, 80)), "CF-W706", at_value=True))
        elif not fictional and (match := _EXAMPLE.search(value)) and path != ("repo_url",):
            found.append(doc.problem(path, M("the example address {address} is still here; write the real one", address=quote(match.group())), "CF-W707", at_value=True))
    return found


def _document(root: Path, rel: str, fictional: bool | None = None, in_checked_folder: bool = False) -> Document | None:
    """The file parsed; None when it cannot be read or, given fictional, cannot hold a placeholder.
    in_checked_folder: no link on the path to the file's folder (the caller looked)."""
    if not in_checked_folder and (symlink_on_path(root, rel) or not (root / rel).is_file()):
        return None
    try:
        raw = read_limited(root / rel, MAX_BYTES)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    text = raw.decode("utf-8", "replace")
    if fictional is not None and not could_hold_placeholder(text, fictional):
        return None
    return parse(text, rel)


def could_hold_placeholder(text: str, fictional: bool, plain: bool | None = None) -> bool:
    """False only when no value YAML reads from text can match _MARKER (or, not fictional, _EXAMPLE).

    plain: _plain_text(text), when the caller knows it already (the reader works it out)."""
    if "\\" in text or not (_plain_text(text) if plain is None else plain):
        return True
    # _MARKER is matched as written (no re.I), so its words are looked for as written: no lower-
    # cased copy of the file; _EXAMPLE ignores case, and the example word is looked for in one.
    return any(word in text for word in _MARKER_WORDS) or (not fictional and _EXAMPLE_WORD in text.lower())


def _texts(data: Any, path: tuple) -> list[tuple[tuple, str]]:
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in _texts(value, path + (key,))]
    if isinstance(data, list):
        return [item for index, value in enumerate(data) for item in _texts(value, path + (index,))]
    return [(path, data)] if isinstance(data, str) else []


def _imprint_address(root: Path) -> list[Problem]:
    """The imprint shows the address from cluster.yml: it needs street, postal code and city."""
    pages = [rel for rel, text in _content_pages(root) if rel.endswith("/imprint.md") and CONTACT_DIRECTIVE.search(text)]
    doc = _document(root, CLUSTER_FILE)
    if not pages or doc is None or not isinstance(doc.data, dict):
        return []
    contact = doc.data.get("contact") if isinstance(doc.data.get("contact"), dict) else {}
    missing = [name for name in ("street", "postal_code", "city") if not contact.get(name)]
    if not missing:
        return []
    # One sentence per number of missing fields (at most three): "and", "is/are" and "it/them" are words to translate.
    page, fields = pages[0], dict(zip(("first", "second", "third"), missing, strict=False))
    if len(missing) == 1:
        message = M("the imprint ({page}) shows the cluster's postal address from here, but {first} is missing: add it under contact:", page=page, **fields)
    elif len(missing) == 2:
        message = M("the imprint ({page}) shows the cluster's postal address from here, but {first} and {second} are missing: add them under contact:",
                    page=page, **fields)
    else:
        message = M("the imprint ({page}) shows the cluster's postal address from here, but {first}, {second} and {third} are missing: "
                    "add them under contact:", page=page, **fields)
    return [doc.problem(("contact",), message, "CF-W709")]
