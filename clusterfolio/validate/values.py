"""Values as written: entries listed twice, and texts the browser editor would save back changed."""
from __future__ import annotations

import json
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

from .. import yaml12
from ..loading import Loaded
from ..messages import M
from ..problems import Problem, quote


@cache
def _list_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that are lists or may hold some (most of a member's are texts)."""
    def holds_list(annotation: Any) -> bool:
        if typing.get_origin(annotation) is list:
            return True
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return bool(_list_fields(annotation))
        return any(holds_list(arg) for arg in typing.get_args(annotation))
    return tuple(name for name, info in model.model_fields.items() if holds_list(info.annotation))


def check_repeats(loaded: Loaded) -> list[Problem]:
    """An entry named twice in a list of ids, countries, languages or names: the repeat, at its own line.

    Countries and languages are compared as the model reads them (`de` and `DE` are one country),
    GitHub names and certifications without regard to case."""
    out: list[Problem] = []

    def walk(obj: Any, path: tuple) -> None:
        if isinstance(obj, BaseModel):
            for name in _list_fields(type(obj)):
                walk(getattr(obj, name), path + (name,))
        elif isinstance(obj, list):
            seen: dict[str, int] = {}
            for index, item in enumerate(obj):
                if not isinstance(item, str):
                    walk(item, path + (index,))
                    continue
                first = seen.setdefault(item.casefold(), index)
                if first != index:
                    line = loaded.doc.where(path + (first,))[0]
                    out.append(loaded.doc.problem(path + (index,), M("{value} is listed already (line {line}); delete the repeat", value=quote(item), line=line), "CF-E132"))

    walk(loaded.model, ())
    return out


def check_editor_numbers(loaded: Loaded) -> list[Problem]:
    """Unquoted texts that the browser editor would read as numbers or true/false, and save back changed.

    Only where the saved text would differ (07121555010, 1e3, 0x1F, True), and never in fields
    that are numbers to us too (years). Only the values the reader found to start like a number
    (Document.number_like) are looked at, not every value of the file: the same problems
    (tests/test_check_speed.py holds it to the look at every value)."""
    out: list[Problem] = []
    doc = loaded.doc
    for path in dict.fromkeys(doc.number_like):  # a repeated key gives its path twice
        raw = _raw_value(doc.data, path)
        if isinstance(raw, str) and raw[:1] in yaml12.FIRST and path not in doc.styles:
            saved = yaml12.rewritten(raw)
            if saved is not None and not isinstance(_model_value(loaded.model, path), int):
                shown = json.dumps(raw, ensure_ascii=False)
                if isinstance(path[-1], str):
                    shown = f"{path[-1]}: {shown}"
                out.append(doc.problem(
                    path,
                    M("{value} without quotes would be saved as {saved} by the browser editor; write it in quotes: {quoted}",
                      value=raw, saved=saved, quoted=shown),
                    "CF-W102", at_value=True,
                ))
    return out


def _raw_value(data: Any, path: tuple) -> Any:
    """The value the file holds at a path, or None."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _model_value(obj: Any, path: tuple) -> Any:
    """What the model made of the value at a path of the file, or None."""
    for part in path:
        if isinstance(obj, BaseModel):
            obj = getattr(obj, part, None) if isinstance(part, str) else None
        elif isinstance(obj, (list, dict)):
            try:
                obj = obj[part]
            except (IndexError, KeyError, TypeError):
                return None
        else:
            return None
    return obj
