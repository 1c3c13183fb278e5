"""Letters the printed atlas cannot draw (CF-W103): characters its fonts have no glyph for.

The atlas draws text with the shipped fonts only (clusterfolio/data/fonts/: DejaVu Sans subsets,
then Noto Sans CJK subsets for kana, common kanji and hanzi and Hangul); where none has a glyph, a
PDF shows a gap. Which code points they draw is a generated file
beside them, coverage.txt (`python tools/make_font_coverage.py`; tests/test_atlas_letters.py
measures the fonts again and compares), so check reads a few lines instead of the fonts and
needs no font library.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..loading import Loaded
from ..messages import M, Msg, N
from ..model import (
    Cluster,
    ClusterContact,
    Competence,
    ContactPerson,
    LabelScheme,
    Member,
    MemberType,
    Partner,
    Stage,
    Taxonomy,
    shows_nothing,
)
from ..problems import Problem
from ..resources import data_dir
from ..yamlsafe import format_path
from .texts import source_line

# The faces the atlas falls back through (atlas/render.py: FACES), each as its regular and bold
# file: a letter is drawn when some face draws it in both weights (a text may be set in either).
FONT_FACES = (
    ("DejaVuSans-subset.ttf", "DejaVuSans-Bold-subset.ttf"),
    ("NotoSansCJKjp-Regular-subset.otf", "NotoSansCJKjp-Bold-subset.otf"),
)
COVERAGE_FILE = "coverage.txt"

# The texts the atlas prints, per model class (clusterfolio/atlas/pages.py, issue 27: the cover,
# the cluster page, the value-chain matrix, a page per member, the indexes): fields that are texts,
# or hold models with some. Ids, countries and languages (Babel's names), web and e-mail addresses
# and numbers are not looked at, nor what the atlas leaves to the site (short name, offers, requests,
# activities, competence groups and descriptions, a label scheme's issuer).
ATLAS_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    Member: ("name", "city", "summary", "description", "certifications"),
    Cluster: ("name", "legal_name", "tagline", "summary", "contact", "contacts", "partners"),
    ClusterContact: ("organisation", "street", "postal_code", "city"),
    ContactPerson: ("name", "role"),
    Partner: ("name", "city"),
    Taxonomy: ("competences", "value_chain", "member_types", "label_schemes"),
    Competence: ("label",),
    Stage: ("label",),
    MemberType: ("label",),
    LabelScheme: ("name",),
}

# Everything up to Latin Extended-B is drawn (or a control character, which draws nothing): a text
# without a character beyond it, most European text, needs no look at the coverage.
_BEYOND_LATIN = re.compile("[^\x00-\u024f]")
# The characters a message lists; the rest are counted.
_SHOWN = 5


def check_atlas_letters(loaded: Loaded) -> list[Problem]:
    """CF-W103 for each printed text holding characters the atlas's fonts cannot draw: once per field."""
    doc, out = loaded.doc, []
    if doc.text and "\\" not in doc.text and _latin_1(doc.text):
        return out  # no text of the file can hold such a letter (most files): a copy in C instead of a walk
    for path, text in _texts(loaded.model, ()):
        if text.isascii() or not _BEYOND_LATIN.search(text):
            continue
        found = undrawn(text)
        if not found:
            continue
        message = _message(list(found))
        if path[:1] == ("description",):  # a member's Markdown, many lines: the line of the first such character
            line = source_line(doc, path, text.count("\n", 0, next(iter(found.values()))))
            out.append(Problem.make(doc.file, line, doc.value_at(path)[1], format_path(path), message, "CF-W103"))
        else:
            out.append(doc.problem(path, message, "CF-W103"))
    return out


def _latin_1(text: str) -> bool:
    """Whether every character of a text is Latin-1, which the fonts draw.

    A file of such characters holds no other text, unless a double-quoted YAML escape (a
    backslash) makes one. Python keeps such a text one byte a character: the encoding is a copy,
    a fraction of a microsecond for a profile, where a search for the characters beyond takes
    several and the walk of the model's texts ten (bench/check_bench.py 10000)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def undrawn(text: str) -> dict[str, int]:
    """The characters of a text the atlas's fonts cannot draw, in order, each with where it first stands.

    Composed first (NFC): an e with a combining acute is drawn as é. Characters that show nothing
    (default-ignorable, format, private-use ones: CF-E130 in a one-line field), white space and
    control characters are not letters to draw."""
    text = unicodedata.normalize("NFC", text)
    found: dict[str, int] = {}
    drawn = _drawn()
    if set(_BEYOND_LATIN.findall(text)) <= drawn:  # all below U+024F is drawn; the rest is, usually (in C)
        return found
    for match in _BEYOND_LATIN.finditer(text):
        ch = match.group()
        if ch not in found and ch not in drawn and not (ch.isspace() or unicodedata.category(ch) == "Cc" or shows_nothing(ch)):
            found[ch] = match.start()
    return found


def _message(chars: list[str]) -> Msg:
    listed = ", ".join(_shown(ch) for ch in chars[:_SHOWN])
    if len(chars) > _SHOWN:
        more = len(chars) - _SHOWN
        listed = N("{characters} and {count} more", "{characters} and {count} more", more, characters=listed)
    return M("the printed atlas cannot draw {characters}: its fonts have no letters for them, so it would print gaps or "
             "empty boxes where the web pages show the text", characters=listed)


def _shown(ch: str) -> str:
    """A character as a message shows it: itself (a combining mark on a dotted circle) and its code point."""
    return f"{'◌' if unicodedata.category(ch).startswith('M') else ''}{ch} (U+{ord(ch):04X})"


def _texts(obj: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every text the atlas prints in a model, with its path (a language or a list index last)."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in ATLAS_FIELDS.get(type(obj), ()):
            value = getattr(obj, name, None)
            if value is not None:
                yield from _texts(value, path + (name,))
    elif isinstance(obj, dict):  # texts per language, or the taxonomy's entries by id
        for key, item in obj.items():
            yield from _texts(item, path + (key,))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from _texts(item, path + (index,))


# --- the fonts' coverage ------------------------------------------------------------------------


@cache
def _drawn() -> frozenset[str]:
    """The characters the fonts draw (coverage.txt), about 9,000, as a set: made in milliseconds,
    where a regular expression of its 5,000 ranges took 1.7 s to compile."""
    ranges = read_coverage((data_dir() / "fonts" / COVERAGE_FILE).read_text(encoding="utf-8"))
    return frozenset(chr(cp) for start, end in ranges for cp in range(start, end + 1))


def read_coverage(text: str) -> list[tuple[int, int]]:
    """The ranges of a coverage file: `0020-007E` a line, `#` comments."""
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            start, _, end = line.strip().partition("-")
            out.append((int(start, 16), int(end or start, 16)))
    return out


def coverage_text(code_points: Iterable[int]) -> str:
    """The text of coverage.txt: the code points as sorted ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(code_points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    lines = [f"{start:04X}-{end:04X}" for start, end in ranges]
    faces = "; ".join(" and ".join(face) for face in FONT_FACES)
    return ("# The code points the printed atlas's fonts draw (any of " + faces + ", both weights), as ranges.\n"
            "# Generated from the fonts by `python tools/make_font_coverage.py`; do not edit.\n" + "\n".join(lines) + "\n")


def measure_coverage(folder: Path) -> set[int]:
    """The code points some face of FONT_FACES maps to a glyph in both its weights (needs fontTools:
    tools and tests only)."""
    from fontTools.ttLib import TTFont

    drawn: set[int] = set()
    for face in FONT_FACES:
        drawn |= set.intersection(*(set(TTFont(folder / name).getBestCmap()) for name in face))
    return drawn
