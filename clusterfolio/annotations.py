"""Pydantic annotations taken apart, once for every reader that needs what a field holds.

The model wraps its field types in Optional (`Optional[X]`, `X | None`), Annotated (validators,
limits, TextRules), list and dict. Loading asks which model class a field path lands in, the model
which of its fields are translatable and which may hold models, /admin/ which widget a field gets;
each reads the one `shape` below instead of unwrapping by itself (they did, three times, and only
one of the three knew `X | None`).
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

# `Optional[X]` and `Union[X, None]` are typing.Union; `X | None` is types.UnionType.
_UNIONS = (typing.Union, types.UnionType)


@dataclass(frozen=True)
class Shape:
    """A field's annotation taken apart: the type at the bottom and what wraps it."""

    inner: Any  # a model class, str, LangMap, a Literal[...] …: what one value is
    metadata: tuple[Any, ...] = ()  # Annotated metadata of the inner type (inside the last list or dict)
    outer_metadata: tuple[Any, ...] = ()  # metadata outside a list or dict: e.g. its length limits
    is_list: bool = False
    is_dict: bool = False  # inner is then the type of the dict's values (an id's entry, a language's text)
    optional: bool = False  # None is allowed
    item: Any = None  # when the outermost container is a list: its item as written, to validate entry by entry

    def first(self, kind: type[T]) -> T | None:
        """The first metadata item of a kind, from the outside in (a field's own before its type's)."""
        return next((item for item in (*self.outer_metadata, *self.metadata) if isinstance(item, kind)), None)

    @property
    def choices(self) -> tuple[Any, ...] | None:
        """The values of a Literal, else None."""
        return typing.get_args(self.inner) if typing.get_origin(self.inner) is typing.Literal else None


def shape(annotation: Any, metadata: tuple[Any, ...] = ()) -> Shape:
    """Take an annotation apart: through Optional and Union (the first type that is not None),
    Annotated, list (to its item) and dict (to its value), down to the first other type.

    `metadata` is what pydantic moved out of the field's own Annotated (FieldInfo.metadata).
    """
    meta, outer, item = tuple(metadata), (), None
    is_list = is_dict = optional = False
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin in _UNIONS:
            optional = optional or type(None) in args
            annotation = next(arg for arg in args if arg is not type(None))
        elif origin is typing.Annotated:
            annotation, meta = args[0], meta + args[1:]
        elif origin is list or origin is dict:
            # What was collected so far belongs to the container (max_length of a list), not to its items.
            if origin is list and not (is_list or is_dict):
                item = args[0]
            is_list, is_dict = is_list or origin is list, is_dict or origin is dict
            annotation, outer, meta = args[-1], outer + meta, ()
        else:
            return Shape(annotation, meta, outer, is_list, is_dict, optional, item)
