"""The one walker over pydantic annotations (clusterfolio/annotations.py), form by form, and its readers."""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, Field

from clusterfolio.annotations import shape
from clusterfolio.loading import _model_at
from clusterfolio.model import Cluster, LangMap, Member, MemberContact, TextRules, text_fields


class Inner(BaseModel):
    name: str


def test_a_plain_type_is_its_own_inner_type() -> None:
    taken = shape(str)
    assert (taken.inner, taken.metadata, taken.is_list, taken.is_dict, taken.optional) == (str, (), False, False, False)


def test_optional_and_union_with_none_are_unwrapped() -> None:
    for annotation in (Optional[Inner], Union[Inner, None], Union[None, Inner]):  # noqa: UP007, UP045 - the forms themselves are tested
        assert shape(annotation).inner is Inner and shape(annotation).optional


def test_the_union_type_x_or_none_is_unwrapped() -> None:
    # `X | None` is types.UnionType, not typing.Union: only /admin/'s copy of the walker knew it.
    taken = shape(Inner | None)
    assert taken.inner is Inner and taken.optional


def test_annotated_metadata_is_collected_field_first() -> None:
    rules = TextRules(80)
    taken = shape(Annotated[LangMap, "validator", rules], ("field's own",))
    assert taken.inner is LangMap
    assert taken.metadata == ("field's own", "validator", rules)
    assert taken.first(TextRules) is rules


def test_a_list_keeps_its_own_metadata_apart_from_its_items() -> None:
    item = Annotated[str, "item check"]
    taken = shape(Annotated[list[item], "max 50"] | None, ("min 1",))
    assert taken.is_list and taken.optional and taken.inner is str
    assert taken.outer_metadata == ("min 1", "max 50") and taken.metadata == ("item check",)
    assert taken.item == item  # as written: loading validates a list entry by entry with it


def test_a_dict_leads_to_its_values() -> None:
    taken = shape(Annotated[dict[Annotated[str, "key check"], Inner], "max 20"])
    assert taken.is_dict and not taken.is_list and taken.inner is Inner
    assert taken.outer_metadata == ("max 20",) and taken.item is None


def test_a_literal_is_an_inner_type_with_choices() -> None:
    taken = shape(Optional[Literal["management", "members"]])  # noqa: UP007, UP045
    assert taken.choices == ("management", "members")
    assert shape(str).choices is None


def test_every_form_together() -> None:
    rules = TextRules(100)
    taken = shape(Optional[Annotated[list[Annotated[dict[str, Annotated[LangMap, rules]], "d"]] | None, "l"]])  # noqa: UP007, UP045
    assert taken.inner is LangMap and taken.is_list and taken.is_dict and taken.optional
    assert taken.first(TextRules) is rules


def test_the_readers_agree_on_the_model() -> None:
    """Loading finds the model under a field path, the model its translatable fields, /admin/ a
    list of models: all through the walker."""
    assert _model_at(Member, ("contact",)) is MemberContact
    assert _model_at(Cluster, ("partners", 0)) is not None
    assert text_fields(Member)["summary"].max_len == 300
    assert set(text_fields(Member)) == {"summary", "description", "offers"}


class WithNewStyle(BaseModel):
    child: Inner | None = None  # types.UnionType, as newer code writes Optional
    notes: list[Inner] | None = Field(default=None, max_length=3)


def test_new_style_optional_fields_are_seen_by_loading() -> None:
    """A problem's field path finds its model through `X | None` (loading's own walker did not)."""
    assert _model_at(WithNewStyle, ("child",)) is Inner
    assert _model_at(WithNewStyle, ("notes", 1)) is Inner
