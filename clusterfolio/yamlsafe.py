"""Safe YAML reading: every scalar is text, nothing is shared, every node keeps its place.

PyYAML's event stream is read directly (from libyaml where it is compiled in) and
turned into plain dicts, lists and strings. No constructor ever runs, so no tag can
create an object and no YAML 1.1 rule can turn `NO` into False or `01234` into 668.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from .messages import M, Msg
from .problems import Problem, quote
from .yaml12 import FIRST as NUMBER_START

MAX_BYTES = 256 * 1024
# Profiles nest four levels at most (activities[0].description.de); mkdocs.yml a few more. A cap
# keeps the reader's memory linear in the file's size: every node's place is kept under its full
# path, so without it `[` * 100,000 costs gigabytes.
MAX_DEPTH = 20
Path = tuple[str | int, ...]
Data = dict[str, Any] | list[Any] | str | None

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}
# Invisible characters that can hide or reorder text (Trojan Source) or break layout.
# Control characters (Unicode category Cc) other than tab and line breaks, bidirectional
# controls and zero-width characters.
_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
    "\u200b-\u200d\u2060\ufeff\u2028\u2029\U000f0000-\U000fffff]"
)
# Characters the YAML reader refuses, or counts as line breaks (NEL, LS, PS), would make it
# fail or miscount lines. They are moved into a private-use plane before parsing, so the
# file still parses, lines are counted by '\n' alone, and the text check names them.
_SHIELD_FROM = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_SHIELD_BASE = 0xF0000


def _shield(text: str) -> str:
    return _SHIELD_FROM.sub(lambda m: chr(_SHIELD_BASE + ord(m.group())), text)


def _plain_text(text: str) -> bool:
    """True when text holds nothing but printable characters, spaces and line breaks ('\n', '\r',
    tab): then neither _BAD_CHARACTER nor _SHIELD_FROM can match (every character they name is
    one str.isprintable refuses: control, format, separator, private use). Checked in C at a
    hundredth of the cost of a character-class search over a whole file."""
    if "\r" in text or "\t" in text:
        text = text.replace("\r", "").replace("\t", "")
    return text.replace("\n", "").isprintable()


def format_path(path: Path) -> str:
    """Render a field path as `labels[0].valid_until`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def find_bad_character(text: str) -> tuple[str, int] | None:
    """The first forbidden invisible character in text, as the file had it, and its index; or None."""
    match = _BAD_CHARACTER.search(text)
    if not match:
        return None
    ch = match.group()
    if ord(ch) >= _SHIELD_BASE and ord(ch) - _SHIELD_BASE < 0x10000 and _SHIELD_FROM.match(chr(ord(ch) - _SHIELD_BASE)):
        ch = chr(ord(ch) - _SHIELD_BASE)
    return ch, match.start()


def character_name(ch: str) -> str | Msg:
    """A character's Unicode name, as written in every language; control characters have none."""
    return unicodedata.name(ch, None) or M("control character")


def bad_character(text: str) -> Msg | None:
    """Describe the first forbidden invisible character in text, or None."""
    found = find_bad_character(text)
    if found is None:
        return None
    ch, index = found
    return M("contains the invisible character {code_point} ({name}) at position {position}; delete it (it can hide or reorder text)",
             code_point=f"U+{ord(ch):04X}", name=character_name(ch), position=index + 1)


@dataclass
class Document:
    """A parsed YAML file: plain data plus where each part stands."""

    file: str
    data: Data = None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    styles: dict[Path, str] = field(default_factory=dict)  # scalar style: '' plain, '|', '>', '"', "'"
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    plain: bool = False  # text holds nothing but printable characters and line breaks (_plain_text)
    # Paths of the plain (unquoted) scalars that start like a number or true/false (yaml12.FIRST):
    # the only values the look for texts the browser editor would rewrite must read (values.py).
    number_like: list[Path] = field(default_factory=list)

    def where(self, path: Path) -> tuple[int, int]:
        """Best position for a path: its key, its value, or the nearest parent's."""
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def value_at(self, path: Path) -> tuple[int, int]:
        """Position of a value itself (a block text starts on the line after its key)."""
        return self.values.get(tuple(path)) or self.where(path)

    def problem(self, path: Path, message: str | Msg, code: str, *, at_value: bool = False) -> Problem:
        """Make a problem located at a field path, with its code's severity."""
        line, column = self.value_at(path) if at_value else self.where(path)
        return Problem.make(self.file, line, column, format_path(path), message, code)

    def add(self, path: Path, message: str | Msg, code: str) -> None:
        """Record a problem at a field path."""
        self.problems.append(self.problem(path, message, code))

    @cached_property
    def _blank_lines(self) -> tuple[list[int], list[int]]:
        """Blank lines before each line, and the next non-blank line from each: made once per file."""
        lines = self.text.splitlines()
        before, count = [0], 0
        for line in lines:
            count += not line.strip()
            before.append(count)
        following, next_content = [len(lines)] * (len(lines) + 1), len(lines)
        for index in range(len(lines) - 1, -1, -1):
            if lines[index].strip():
                next_content = index
            following[index] = next_content
        return before, following

    def line_after_blank_lines(self, first: int, blank_lines: int) -> int | None:
        """The first non-blank file line at or after line `first` with `blank_lines` blank lines
        between them (1-based), or None; in logarithmic time, however often it is asked."""
        before, following = self._blank_lines
        start = first - 1
        if not 0 <= start < len(following) - 1:
            return None
        index = bisect_left(before, before[start] + blank_lines, lo=start)
        if index >= len(following) - 1 or following[index] >= len(following) - 1:
            return None
        return following[index] + 1


def too_large() -> Msg:
    """The message for a file over MAX_BYTES (the reader's and loading's)."""
    return M("the file is larger than {limit} KiB; profiles are much smaller, check that this is the right file", limit=MAX_BYTES // 1024)


def _pos(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


_SCALAR, _MAPPING_START, _SEQUENCE_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


class _TooDeep(Exception):
    """Nesting beyond MAX_DEPTH: the reader stops at the first node that goes too deep."""

    def __init__(self, event: yaml.Event) -> None:
        super().__init__()
        self.event = event


class _Frame:
    __slots__ = ("container", "path", "start", "as_key", "key", "key_pos", "first_keys")

    def __init__(self, container: dict | list, path: Path, start: tuple[int, int], as_key: bool) -> None:
        self.container = container
        self.path = path
        self.start = start
        self.as_key = as_key
        self.key: str | None = None
        self.key_pos: tuple[int, int] | None = None
        self.first_keys: dict[str, int] = {}


def parse(text: str, file: str) -> Document:
    """Parse one YAML document into plain data; never raises on bad input."""
    doc = Document(file)
    # A character is at most four bytes in UTF-8: a text of up to a quarter of the limit in
    # characters is within it without being encoded (every profile; the reader's own copy).
    if len(text) > MAX_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        doc.problems.append(Problem.make(file, 1, 1, "", too_large(), "CF-E003"))
        return doc
    if text.startswith("\ufeff"):
        text = text[1:]
    plain = _plain_text(text)  # then nothing needs shielding, and no scalar its own look
    if not plain:
        text = _shield(text)
    doc.text, doc.plain = text, plain
    try:
        _compose(text, doc, plain)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # PyYAML's own words (English in every language), then our hint in the reader's.
        detail = exc.problem or exc.context or "invalid YAML"
        hint: Msg | str = ""
        context = exc.context or ""
        if exc.context_mark and ("quoted scalar" in context or "flow" in context):
            # The end of the file is no help: say where the quote or bracket was opened.
            mark = exc.context_mark
            hint = (M("; a quoted text starts here and is not closed") if "quoted" in context
                    else M("; a list or mapping in brackets starts here and is not closed"))
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        if hint:
            pass
        elif mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            hint = M("; indent with spaces, not tabs")
        elif "mapping values are not allowed" in detail:
            hint = M("; put text that contains ': ' in quotes")
        doc.problems = [Problem.make(file, line, column, "", M("YAML syntax error: {detail}", detail=detail) + hint, "CF-E004")]
        doc.data = None
    except yaml.YAMLError as exc:  # errors without a position (e.g. bad characters in the stream)
        doc.problems = [Problem.make(file, 1, 1, "", M("YAML error: {detail}", detail=str(exc)), "CF-E005")]
        doc.data = None
    except _TooDeep as exc:
        message = M("lists and fields are nested more than {limit} levels deep here; check the brackets and the indentation", limit=MAX_DEPTH)
        doc.problems = [Problem.make(file, *_pos(exc.event), "", message, "CF-E019")]
        doc.data = None
        doc.values.clear()
        doc.keys.clear()
        doc.styles.clear()
        doc.number_like.clear()
    return doc


def _compose(text: str, doc: Document, plain: bool = False) -> None:
    # Characters no text may hold: when the file has none, and no escape (\u…) that could
    # write one, no scalar needs its own look.
    scan = "\\" in text or not plain and _BAD_CHARACTER.search(text) is not None
    loader = _Parser(text)  # its events one by one, without a generator around them
    try:
        _Composer(doc, scan).read(loader)
    finally:
        loader.dispose()


class _Composer:
    """One pass over the event stream into the document's data and places. A file at the size
    limit has some 130,000 nodes, so the work per node is kept small: its path is made once."""

    def __init__(self, doc: Document, scan: bool) -> None:
        self.doc = doc
        self.scan = scan
        self.stack: list[_Frame] = []
        self.documents = 0
        self.values, self.keys = doc.values, doc.keys

    def read(self, loader: Any) -> None:
        """Turn every event into data, until the stream or the first document ends."""
        # A profile has some 150 events, most of them scalars: names are looked up once, and a
        # scalar is handled here, not in calls per node (half of what this reader cost in Python).
        get_event, stack, scalar = loader.get_event, self.stack, self.scalar
        event = get_event()
        while event is not None:  # None after the stream's end (check_event would ask for it twice)
            kind = type(event)
            if kind is _SCALAR:
                scalar(event, stack)
            elif kind is _MAPPING_START:
                self.start(event, True)
            elif kind is _SEQUENCE_START:
                self.start(event, False)
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                frame = stack.pop()
                self.attach(frame.container, frame.start, frame.path)  # a key's path is not used
            elif kind is yaml.AliasEvent:
                path = self.current_path()
                self.doc.problems.append(Problem.make(self.doc.file, *_pos(event), format_path(path), M(
                    "aliases ('*{alias}') are not allowed; write the value out", alias=event.anchor), "CF-E011"))
                self.attach(None, _pos(event), path)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.doc.problems.append(Problem.make(self.doc.file, *_pos(event), "", M(
                        "only one YAML document per file; remove the '---' line and what follows"), "CF-E006"))
                    return
            event = get_event()

    def scalar(self, event: Any, stack: list[_Frame]) -> None:
        doc = self.doc
        # The node's path, as current_path makes it, and its parent.
        frame = stack[-1] if stack else None
        if frame is None:
            path: Path = ()
        elif type(frame.container) is list:
            path = (*frame.path, len(frame.container))
        else:
            key = frame.key
            path = frame.path if key is None or key == "\0complex" else (*frame.path, key)
        if event.anchor or (event.tag is not None and event.tag != "!"):
            self.check_node(event, path)
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
        value: str | None = event.value
        if event.implicit[0] and value in _NULLS or value is not None and not value.strip():
            value = None
        if value is not None and self.scan:
            problem = bad_character(value)
            if problem:
                doc.problems.append(Problem.make(doc.file, *pos, format_path(path), problem, "CF-E013"))
        style = event.style
        if style:
            if style in ("|", ">"):  # block text starts on the next line
                pos = (pos[0] + 1, pos[1])
            if frame is not None:
                doc.styles[path] = style
        elif value is not None and value[0] in NUMBER_START:  # keys too: a value's path is looked up
            doc.number_like.append(path)
        self.place(frame, value, pos, path)

    def place(self, frame: _Frame | None, value: str | None, pos: tuple[int, int], path: Path) -> None:
        """attach for a scalar, written out for the usual cases: a list's entry, a mapping's new key,
        the value of a key not seen before; the others (and the document itself) take attach's way."""
        if frame is None:
            self.attach(value, pos, path)
        elif type(frame.container) is list:
            frame.container.append(value)
            self.values[path] = pos
        elif frame.key is None:
            if value is None:
                self.take_key(frame, value, pos)
            else:
                frame.key, frame.key_pos = value, pos
        elif frame.key == "<<" or frame.key == "\0complex" or frame.key in frame.container:
            self.attach(value, pos, path)
        else:
            key, key_pos = frame.key, frame.key_pos
            frame.key = frame.key_pos = None
            frame.first_keys[key] = key_pos[0]  # type: ignore[index]
            self.keys[path] = key_pos  # type: ignore[assignment]
            if value is not None:  # an empty value means "not given"
                frame.container[key] = value  # type: ignore[index]
                self.values[path] = pos

    def start(self, event: Any, mapping: bool) -> None:
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            raise _TooDeep(event)
        path = self.current_path()
        if event.anchor or event.tag is not None:
            self.check_node(event, path)
        container: dict | list = {} if mapping else []
        as_key = bool(stack) and type(stack[-1].container) is dict and stack[-1].key is None
        stack.append(_Frame(container, (*stack[-1].path, "?") if as_key else path, _pos(event), as_key))

    def attach(self, value: Any, pos: tuple[int, int], path: Path) -> bool:
        """Put a finished node, whose path is given, into its parent; False if it was dropped."""
        if not self.stack:
            self.doc.data = value
            self.values[()] = pos
            return True
        frame = self.stack[-1]
        container = frame.container
        if type(container) is list:
            container.append(value)
            self.values[path] = pos
            return True
        if frame.key is None:  # this node is a key
            return self.take_key(frame, value, pos)
        key, key_pos = frame.key, frame.key_pos
        frame.key = frame.key_pos = None
        if key == "\0complex":
            return False
        doc = self.doc
        if key == "<<":
            doc.problems.append(Problem.make(doc.file, *key_pos, format_path(frame.path), M("merge keys ('<<') are not allowed; write the fields out"), "CF-E009"))
        elif key in container:
            doc.problems.append(Problem.make(doc.file, *key_pos, format_path(path), M(
                "duplicate key {key} (first at line {line}); keep one of them", key=quote(key), line=frame.first_keys[key]), "CF-E008"))
        else:
            frame.first_keys[key] = key_pos[0]
            self.keys[path] = key_pos
            if value is not None and value != {}:  # an empty value means "not given"
                container[key] = value
                self.values[path] = pos
        return True

    def take_key(self, frame: _Frame, value: Any, pos: tuple[int, int]) -> bool:
        """A mapping's next key; False for a mapping, list or empty value used as one."""
        if not isinstance(value, str):
            self.doc.problems.append(Problem.make(self.doc.file, *pos, format_path(frame.path), M("a key must be plain text"), "CF-E007"))
            frame.key = "\0complex"
            frame.key_pos = pos
            return False
        frame.key, frame.key_pos = value, pos
        return True

    def current_path(self) -> Path:
        """The path of the node that comes next (a key's path is its mapping's)."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if type(frame.container) is list:
            return frame.path + (len(frame.container),)
        return frame.path + ((frame.key,) if frame.key not in (None, "\0complex") else ())

    def check_node(self, event: Any, path: Path) -> None:
        doc = self.doc
        if getattr(event, "anchor", None):
            doc.problems.append(Problem.make(doc.file, *_pos(event), format_path(path), M(
                "anchors ('&{anchor}') are not allowed; write the value out", anchor=event.anchor), "CF-E010"))
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!" ):
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            doc.problems.append(Problem.make(doc.file, *_pos(event), format_path(path), M(
                "tags ({tag}) are not allowed; write plain values", tag=quote(shown)), "CF-E012"))
