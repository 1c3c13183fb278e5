"""What a member reads about each field of their profile: its label and its hint, written once.

Both places a member meets the fields take their words from here: the `new-member` template
writes each hint above its field in German and in English (clusterfolio/newmember.py), and
/admin/ shows each label and hint in the editor's language (clusterfolio/site/admin.py). They are
messages like check's (clusterfolio/messages.py): English here, the other languages in
theme/locales/<lang>/LC_MESSAGES/problems.po; a language without a catalog reads English.

Labels are short names for the editor's form ("Kurzbeschreibung"); hints are the template's
comment words ("Kurzbeschreibung, höchstens 300 Zeichen je Sprache; de ist Pflicht"). Field paths
are those of the member model (clusterfolio/model.py, `Member`); a test fails when the model gains
a field that has no label here. The choice of this module over the model's `Field(description=…)`:
docs/decisions.md, "The browser editor in the cluster's language".
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic.fields import FieldInfo

from .messages import M, Msg
from .model import MarketNote, Member, TextRules

Path = tuple[str, ...]


@dataclass(frozen=True)
class FieldText:
    """One field's words: the label of its input, and what belongs in it."""

    label: Msg
    hint: Msg | None = None  # the template's comment, the editor's hint; None: the label says it all


def _limit(info: FieldInfo) -> int:
    """A translatable text's limit per language, from the model (the number check enforces)."""
    return next(m.max_len for m in info.metadata if isinstance(m, TextRules))


def field_texts(default_language: str) -> dict[Path, FieldText]:
    """Every field of the member model, by its path, with its label and hint."""
    return {
        ("name",): FieldText(M("Name"), M("the member's name")),
        ("type",): FieldText(M("Type of member"), M("type")),
        ("employees",): FieldText(M("Employees"), M("employees")),
        ("founded",): FieldText(M("Year founded"), M("year founded")),
        ("city",): FieldText(M("City"), M("city")),
        ("country",): FieldText(M("Country"), M("country, ISO code")),
        ("website",): FieldText(M("Website"), M("website, https:// only")),
        ("logo",): FieldText(M("Logo"), M("logo under profiles/ (SVG or PNG)")),
        ("summary",): FieldText(M("Short summary"), M(
            "Short summary, at most {limit} characters per language; {language} is required",
            limit=_limit(Member.model_fields["summary"]), language=default_language)),
        ("description",): FieldText(M("Longer description"), M(
            "Longer description (simple Markdown: paragraphs, *italic*, **bold**, lists, https links)")),
        ("competences",): FieldText(M("Competences"), M("competences, at least one")),
        ("value_chain",): FieldText(M("Value-chain stages"), M("value-chain stages")),
        ("offers",): FieldText(M("Products and services"), M("products and services per language")),
        ("seeks",): FieldText(M("Partners you are looking for"), M("partners you are looking for")),
        ("seeks", "text"): FieldText(M("What you are looking for")),
        ("seeks", "partner_types"): FieldText(M("Types of partner")),
        ("seeks", "countries"): FieldText(M("Partners' countries")),
        ("seeks", "since"): FieldText(M("Open since"), M("open from since to until, YYYY-MM-DD (no until: no end)")),
        ("seeks", "until"): FieldText(M("Open until"), M("the last day the cooperation board shows the request (YYYY-MM-DD)")),
        ("markets",): FieldText(M("Markets"), M("markets (ISO country codes)")),
        ("market_notes",): FieldText(M("Notes on markets"), M(
            "notes on markets listed above, at most {limit} characters", limit=_limit(MarketNote.model_fields["note"]))),
        ("market_notes", "country"): FieldText(M("Country")),
        ("market_notes", "note"): FieldText(M("Note")),
        ("languages",): FieldText(M("Working languages"), M("working languages")),
        ("certifications",): FieldText(M("Certifications"), M("certifications")),
        ("contact",): FieldText(M("Contact"), M("contact: role addresses, not personal ones")),
        ("contact", "email"): FieldText(M("E-mail")),
        ("contact", "phone"): FieldText(M("Phone")),
        ("contact", "contact_page"): FieldText(M("Contact page")),
        ("maintainers",): FieldText(M("Maintainers"), M("GitHub user names who maintain this file")),
        ("member_since",): FieldText(M("Member since"), M("member since")),
    }
