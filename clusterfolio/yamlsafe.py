"""Safe YAML reading: every scalar is text, nothing is shared, every node keeps its place.

PyYAML's event stream is read directly (from libyaml where it is compiled in) and
turned into plain dicts, lists and strings. No constructor ever runs, so no tag can
create an object and no YAML 1.1 rule can turn `NO` into False or `01234` into 668.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from .problems import Problem, quote

MAX_BYTES = 256 * 1024
Path = tuple[Union[str, int], ...]
Data = Union[dict[str, Any], list[Any], str, None]

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


def format_path(path: Path) -> str:
    """Render a field path as `labels[0].valid_until`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def bad_character(text: str) -> str | None:
    """Describe the first forbidden invisible character in text, or None."""
    match = _BAD_CHARACTER.search(text)
    if not match:
        return None
    ch = match.group()
    if ord(ch) >= _SHIELD_BASE and ord(ch) - _SHIELD_BASE < 0x10000 and _SHIELD_FROM.match(chr(ord(ch) - _SHIELD_BASE)):
        ch = chr(ord(ch) - _SHIELD_BASE)
    name = unicodedata.name(ch, "control character")
    return (
        f"contains the invisible character U+{ord(ch):04X} ({name}) at position {match.start() + 1}; "
        "delete it (it can hide or reorder text)"
    )


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

    def problem(self, path: Path, message: str, code: str, *, at_value: bool = False) -> Problem:
        """Make a problem located at a field path, with its code's severity."""
        line, column = self.value_at(path) if at_value else self.where(path)
        return Problem.make(self.file, line, column, format_path(path), message, code)

    def add(self, path: Path, message: str, code: str) -> None:
        """Record a problem at a field path."""
        self.problems.append(self.problem(path, message, code))


def _pos(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


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
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        doc.problems.append(Problem.make(file, 1, 1, "", f"the file is larger than {MAX_BYTES // 1024} KiB; profiles are much smaller, check that this is the right file", "CF-E003"))
        return doc
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _shield(text)
    doc.text = text
    try:
        _compose(text, doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "invalid YAML"
        hint = ""
        context = exc.context or ""
        if exc.context_mark and ("quoted scalar" in context or "flow" in context):
            # The end of the file is no help: say where the quote or bracket was opened.
            mark = exc.context_mark
            opened = "a quoted text" if "quoted" in context else "a list or mapping in brackets"
            hint = f"; {opened} starts here and is not closed"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        if hint:
            pass
        elif mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            hint = "; indent with spaces, not tabs"
        elif "mapping values are not allowed" in detail:
            hint = "; put text that contains ': ' in quotes"
        doc.problems = [Problem.make(file, line, column, "", f"YAML syntax error: {detail}{hint}", "CF-E004")]
        doc.data = None
    except yaml.YAMLError as exc:  # errors without a position (e.g. bad characters in the stream)
        doc.problems = [Problem.make(file, 1, 1, "", f"YAML error: {exc}", "CF-E005")]
        doc.data = None
    return doc


def _compose(text: str, doc: Document) -> None:
    stack: list[_Frame] = []
    documents = 0

    def attach(value: Any, pos: tuple[int, int]) -> bool:
        """Put a finished node into its parent; False if it was dropped."""
        if not stack:
            doc.data = value
            doc.values[()] = pos
            return True
        frame = stack[-1]
        if isinstance(frame.container, list):
            path = frame.path + (len(frame.container),)
            frame.container.append(value)
            doc.values[path] = pos
            return True
        if frame.key is None:  # this node is a key
            if not isinstance(value, str):  # a mapping, list or empty value used as a key
                doc.problems.append(Problem.make(doc.file, *pos, format_path(frame.path), "a key must be plain text", "CF-E007"))
                frame.key = "\0complex"
                frame.key_pos = pos
                return False
            frame.key, frame.key_pos = value, pos
            return True
        key, key_pos = frame.key, frame.key_pos
        frame.key = frame.key_pos = None
        if key == "\0complex":
            return False
        path = frame.path + (key,)
        if key == "<<":
            doc.problems.append(Problem.make(doc.file, *key_pos, format_path(frame.path), "merge keys ('<<') are not allowed; write the fields out", "CF-E009"))
        elif key in frame.container:
            doc.problems.append(Problem.make(doc.file, *key_pos, format_path(path), f"duplicate key {quote(key)} (first at line {frame.first_keys[key]}); keep one of them", "CF-E008"))
        else:
            frame.first_keys[key] = key_pos[0]
            doc.keys[path] = key_pos
            if value is not None and value != {}:  # an empty value means "not given"
                frame.container[key] = value
                doc.values[path] = pos
        return True

    def current_path() -> Path:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            return frame.path + (len(frame.container),)
        return frame.path + ((frame.key,) if frame.key not in (None, "\0complex") else ())

    def check_node(event: Any) -> None:
        path = current_path()
        if getattr(event, "anchor", None):
            doc.problems.append(Problem.make(doc.file, *_pos(event), format_path(path), f"anchors ('&{event.anchor}') are not allowed; write the value out", "CF-E010"))
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!" ):
            shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            doc.problems.append(Problem.make(doc.file, *_pos(event), format_path(path), f"tags ({quote(shown)}) are not allowed; write plain values", "CF-E012"))

    for event in yaml.parse(text, Loader=_Parser):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                doc.problems.append(Problem.make(doc.file, *_pos(event), "", "only one YAML document per file; remove the '---' line and what follows", "CF-E006"))
                return
        elif isinstance(event, yaml.AliasEvent):
            doc.problems.append(Problem.make(doc.file, *_pos(event), format_path(current_path()), f"aliases ('*{event.anchor}') are not allowed; write the value out", "CF-E011"))
            attach(None, _pos(event))
        elif isinstance(event, yaml.ScalarEvent):
            check_node(event)
            value: str | None = event.value
            if event.implicit[0] and value in _NULLS:
                value = None
            elif value is not None and not value.strip():
                value = None
            if value is not None:
                problem = bad_character(value)
                if problem:
                    doc.problems.append(Problem.make(doc.file, *_pos(event), format_path(current_path()), problem, "CF-E013"))
            pos = _pos(event)
            if event.style in ("|", ">"):  # block text starts on the next line
                pos = (pos[0] + 1, pos[1])
            if event.style and stack:
                doc.styles[current_path()] = event.style
            attach(value, pos)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            check_node(event)
            container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
            as_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None
            path = (*stack[-1].path, "?") if as_key else current_path()
            stack.append(_Frame(container, path, _pos(event), as_key))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            attach(frame.container, frame.start)
