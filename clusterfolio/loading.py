"""Turn profile files into the model, collecting every problem with its file, line and field."""
from __future__ import annotations

import errno
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .annotations import shape
from .messages import M, Msg, N
from .model import MODELS, Model
from .paths import NotRegularFile, read_limited
from .problems import Problem, quote
from .suggest import did_you_mean
from .yamlsafe import MAX_BYTES, Document, parse, too_large


@dataclass
class Loaded:
    """One profile file: where it is, what it said, and the model if it was valid."""

    kind: str
    path: str  # relative to the project root, with '/'
    doc: Document
    model: Model | None = None
    problems: list[Problem] = field(default_factory=list)
    name_keys: tuple[str, ...] = ()  # a valid member's: names that look alike collide (validate.names.name_keys)
    # What the checks across a file may read (validate.check_file): the model, or, in a file with
    # errors, the fields that are valid (the others None, a list's invalid entries None), so that
    # one bad value never hides the file's other problems (issue 23).
    usable: Model | None = None
    placeholders: list[Problem] = field(default_factory=list)  # what the scaffold made up, when asked (placeholders.in_member)


@cache
def _field_model(model: type[BaseModel], name: str) -> Any:
    return shape(model.model_fields[name].annotation).inner


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that the field path loc lands in."""
    current: Any = root
    for part in loc:
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = _field_model(current, part)
            # else: a dict key (an id, a language): stay on the dict's value type
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _kind(value: Any) -> Msg:
    """What was found instead, for "…, found {found}": one of a few phrases, each translated."""
    if isinstance(value, dict):
        return M("a mapping")
    if isinstance(value, list):
        return M("a list")
    if value is None:  # an empty list entry ('- ' and nothing after it)
        return M("nothing")
    return M("the text {value}", value=quote(value))


def translate(error: dict[str, Any], root: type[BaseModel], doc: Document) -> Problem:
    """Turn one pydantic error into our message, located at its field."""
    loc = tuple(p for p in error["loc"] if p != "[key]")
    kind = error["type"]
    value = error.get("input")
    if kind == "clusterfolio":  # raised by model.fail(), which carries our message and code
        return doc.problem(loc, error["ctx"].get("msg") or error["ctx"]["m"], error["ctx"]["code"])
    if kind == "missing":
        if loc in doc.keys:  # `type:` with nothing after it: there, but empty
            below = any(len(key) > len(loc) and key[: len(loc)] == loc for key in doc.keys)
            text = (M("is required, but its lines below are all empty; fill them in") if below
                    else M("is empty; write a value after the colon, it is required"))
            return doc.problem(loc, text, "CF-E101")
        return doc.problem(loc, M("required field is missing; add '{field}:' with a value", field=str(loc[-1])), "CF-E101")
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        options = list(model.model_fields) if model else []
        name = str(loc[-1])
        fields = ", ".join(options)
        suggestion = did_you_mean(name, options)
        if not suggestion:
            return doc.problem(loc, M("unknown field {field}. Valid fields here: {fields}", field=quote(name), fields=fields), "CF-E102")
        return doc.problem(loc, M("unknown field {field}", field=quote(name)) + suggestion + M(" Valid fields here: {fields}", fields=fields), "CF-E102")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.problem(loc, M("expected fields (name: value on indented lines), found {found}", found=_kind(value)), "CF-E103")
    if kind == "list_type":
        return doc.problem(loc, M("expected a list, found {found}; write one entry per line starting with '- ', or [a, b]", found=_kind(value)), "CF-E104")
    if kind == "too_short":
        return doc.problem(loc, M("must list at least one entry"), "CF-E105")
    if kind == "too_long":
        ctx = error.get("ctx", {})
        limit, actual = ctx.get("max_length"), ctx.get("actual_length")
        if not isinstance(actual, int):
            return doc.problem(loc, M("lists too many entries; the limit is {limit}: keep the most important ones", limit=limit), "CF-E127")
        return doc.problem(loc, N("lists {count} entry; the limit is {limit}: keep the most important ones",
                                  "lists {count} entries; the limit is {limit}: keep the most important ones", actual, limit=limit), "CF-E127")
    # An error the model's own checks do not name: pydantic's words, which only English has.
    return doc.problem(loc, M("invalid value: {detail}", detail=error["msg"]) if error.get("msg") else M("invalid value"), "CF-E106")


def symlink_problem(rel: str) -> Problem:
    """The one message for a symbolic link under profiles/ or content/: it never shows where the link points."""
    return Problem.make(
        rel, 1, 1, "",
        M("is a symbolic link; links are not followed, because they could publish files from outside the repository: "
          "put the file itself here"),
        "CF-E020",
    )


def read_document(path: Path, rel: str) -> Document:
    """Read and parse one YAML file; problems instead of exceptions.

    Never through a symbolic link, never a device or pipe, and never more than the size limit
    and one byte: what is read of a file that is not a profile can only ever be refused.
    """
    doc = Document(rel)
    try:
        raw = read_limited(path, MAX_BYTES)
    except NotRegularFile:
        doc.problems.append(Problem.make(rel, 1, 1, "", M("is not a regular file; a profile is a plain text file"), "CF-E001"))
        return doc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            doc.problems.append(symlink_problem(rel))
        else:
            # The system's reason (strerror) is in the system's words.
            doc.problems.append(Problem.make(rel, 1, 1, "", M("cannot read the file: {error}", error=exc.strerror or str(exc)), "CF-E001"))
        return doc
    if len(raw) > MAX_BYTES:
        doc.problems.append(Problem.make(rel, 1, 1, "", too_large(), "CF-E003"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(Problem.make(rel, line, column, "", M("the file is not UTF-8 text; save it as UTF-8"), "CF-E002"))
        return doc
    return parse(text, rel)


def validate_document(kind: str, doc: Document) -> Loaded:
    """Convert a parsed document into its model (or problems)."""
    loaded = Loaded(kind, doc.file, doc, problems=list(doc.problems))
    if doc.data is None and doc.problems:  # unreadable or unparsable: its problem says it all
        return loaded
    if not isinstance(doc.data, dict):
        loaded.problems.append(Problem.make(doc.file, 1, 1, "", M("the file must contain fields (name: value), found {found}", found=_kind(doc.data)), "CF-E014"))
        return loaded
    root = MODELS[kind]
    try:
        loaded.model = loaded.usable = root.model_validate(doc.data)
    except ValidationError as exc:
        loaded.problems.extend(translate(e, root, doc) for e in exc.errors(include_url=False))
        loaded.usable = partial_model(root, doc.data)
    if any(p.severity == "error" for p in loaded.problems):
        loaded.model = None  # a file with errors is not used, even if it parsed
    return loaded


@cache
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)


def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return _adapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


def partial_model(root: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """The valid part of a file that has errors, as an unchecked model: each field validated on its
    own, a list entry by entry; what is invalid is None (its problem is reported already).

    The checks across a file read it (validate.check_file), so that a bad website does not hide
    unknown competences; they skip the None values."""
    values: dict[str, Any] = {}
    for name, info in root.model_fields.items():
        if name not in data:
            if info.is_required():
                values[name] = None
            continue
        try:
            values[name] = _field_adapter(root, name).validate_python(data[name])
        except ValidationError:
            item = shape(info.annotation).item
            if item is None or not isinstance(data[name], list):
                values[name] = None
                continue
            adapter, entries = _adapter(item), []
            for entry in data[name]:
                try:
                    entries.append(adapter.validate_python(entry))
                except ValidationError:
                    entries.append(None)
            values[name] = entries
    return root.model_construct(**values)


def load_file(kind: str, path: Path, rel: str) -> Loaded:
    """Read, parse and validate one profile file."""
    return validate_document(kind, read_document(path, rel))


def load_text(kind: str, text: str, rel: str = "<text>") -> Loaded:
    """Parse and validate profile text (for tests and tools)."""
    return validate_document(kind, parse(text, rel))
