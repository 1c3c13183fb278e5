"""The fields of /admin/'s one collection, made from the member model: every field of `Member` in
the model's order, required where the model requires it, each translatable text as one input per
site language (our `{de, en, fr}` mapping), selects with the taxonomy's ids and labels, patterns for
what the model checks, labels and hints in the editor's language (clusterfolio/fields.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..annotations import shape
from ..config import Config
from ..fields import FieldText
from ..i18n import Translator
from ..messages import M, Msg
from ..model import (
    COUNTRIES,
    EMPLOYEE_BANDS,
    LANGUAGES,
    MEMBER_VOCABULARIES,
    Country,
    Date,
    Email,
    Employees,
    GitHubUser,
    Id,
    LangListMap,
    Language,
    Phone,
    Project,
    TextRules,
    Url,
    Year,
)

# Fields that name an image file under profiles/ (uploaded into media_folder by the image widget).
IMAGES = {("logo",)}


@dataclass(frozen=True)
class Context:
    """What the fields are made from besides the model: the site's languages, the taxonomy, the
    editor's language and the fields' words."""

    config: Config
    project: Project
    lang: str  # the editor's language (CmsSettings.language)
    texts: dict[tuple[str, ...], FieldText]

    def text(self, message: Msg) -> str:
        return message.render(self.lang)


def label_and_hint(path: tuple[str, ...], ctx: Context) -> tuple[str, str | None]:
    """A field's label and hint in the editor's language (clusterfolio/fields.py). A hint that
    only repeats the label ("Art" under "Art des Mitglieds") is left out; the others start with a
    capital, as a sentence under the input does (the template's start in lower case)."""
    texts = ctx.texts.get(path)
    if texts is None:  # a field the model gained without words (tests/test_field_texts.py fails)
        return path[-1], None
    label = ctx.text(texts.label)
    hint = ctx.text(texts.hint) if texts.hint is not None else ""
    if not hint or hint.casefold() in label.casefold():
        return label, None
    return label, hint[:1].upper() + hint[1:]


# Scalar types of the model, recognised by their validator (the same object in every field).
_SCALARS = {
    "country": Country, "language": Language, "employees": Employees, "year": Year, "url": Url,
    "email": Email, "phone": Phone, "id": Id, "github": GitHubUser, "date": Date,
}


def _scalar_kind(meta: tuple[Any, ...]) -> str:
    for kind, alias in _SCALARS.items():
        if alias.__metadata__[0] in meta:
            return kind
    return "text"


def _max_length(meta: tuple[Any, ...]) -> int | None:
    for item in meta:
        schema = getattr(item, "json_schema", None)
        if isinstance(schema, dict) and "maxLength" in schema:
            return int(schema["maxLength"])
    return None


def _min_items(meta: tuple[Any, ...]) -> int:
    return max((getattr(m, "min_length", 0) or 0 for m in meta), default=0)


def _length(limit: int, ctx: Context, multiline: bool = False) -> list[str]:
    any_char = r"[\s\S]" if multiline else "."
    return [f"^{any_char}{{0,{limit}}}$", ctx.text(M("at most {limit} characters", limit=limit))]


# What Decap checks as the member types (a regular expression), and what it says when it fails.
PATTERNS: dict[str, tuple[str, Msg]] = {
    "year": (r"^[0-9]{4}$", M("four digits, e.g. 1998")),
    "url": (r"^https://[^\s/]+\.[^\s]+$", M("an https:// address")),
    "email": (r"^[^\s@:]+@[^\s@]+\.[^\s@]+$", M("an e-mail address without mailto:")),
    "phone": (r"^\+?[0-9][0-9 ()/.-]{3,30}$", M("digits, spaces and + ( ) - / .")),
    "github": (r"^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$", M("a GitHub user name")),
    "id": (r"^[a-z0-9]+(?:-[a-z0-9]+)*$", M("lower-case letters, digits and hyphens")),
    # A request's since and until (check reads the same form, model.check_date: CF-E111).
    "date": (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", M("a date as YYYY-MM-DD, e.g. 2026-03-31")),
}


def model_fields(model: type[BaseModel], path: tuple[str, ...], ctx: Context) -> list[dict[str, Any]]:
    """The CMS fields of a model class, in the model's order."""
    return [field_config(name, info, path + (name,), ctx) for name, info in model.model_fields.items()]


def field_config(name: str, info: FieldInfo, path: tuple[str, ...], ctx: Context) -> dict[str, Any]:
    """One field of the model as a CMS field (widget, required, options, pattern, hint)."""
    taken = shape(info.annotation, tuple(info.metadata))
    inner, meta, list_meta, is_list = taken.inner, taken.metadata, taken.outer_metadata, taken.is_list
    rules = next((m for m in meta if isinstance(m, TextRules)), None)
    label, hint = label_and_hint(path, ctx)
    out: dict[str, Any] = {"name": name, "label": label}
    required = info.is_required()
    if rules is not None:
        out.update(_translatable(inner, rules, required, ctx))
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        # One object, or a list of them (market notes: a country and its note, as often as wanted).
        out["widget"] = "list" if is_list else "object"
        out["fields"] = model_fields(inner, path, ctx)
    else:
        kind = _scalar_kind(meta)
        options = _options(kind, path, ctx)
        if options is not None:
            out["widget"] = "select"
            out["options"] = options
            if is_list:
                out["multiple"] = True
                if _min_items(list_meta):
                    out["min"] = _min_items(list_meta)
        elif is_list:
            out["widget"] = "list"
            out["field"] = _string_field("item", label, kind, meta, ctx)
        elif path in IMAGES:
            out["widget"] = "image"
            out["choose_url"] = False  # an upload into profiles/logos/, never an address elsewhere
        else:
            out.update(_string_field(name, label, kind, meta, ctx))
    out["required"] = required
    if hint:
        out["hint"] = hint
    return out


def _string_field(name: str, label: str, kind: str, meta: tuple[Any, ...], ctx: Context) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "label": label, "widget": "string"}
    if kind in PATTERNS:
        pattern, message = PATTERNS[kind]
        out["pattern"] = [pattern, ctx.text(message)]
    elif (limit := _max_length(meta)) is not None:
        out["pattern"] = _length(limit, ctx)
    return out


def _translatable(inner: Any, rules: TextRules, required: bool, ctx: Context) -> dict[str, Any]:
    """One input per site language; the default language is required when the field is."""
    languages = ctx.config.languages
    fields = []
    for index, lang in enumerate(languages):
        label = f"{Translator(lang, lang).language_name(lang)} ({lang})"
        field: dict[str, Any] = {"name": lang, "label": label, "required": required and index == 0}
        if inner is LangListMap:
            field.update(widget="list", max=rules.max_len, field={"name": "item", "label": label, "widget": "string", "pattern": _length(rules.item_max_len, ctx)})
        elif rules.markdown:
            # Rich text with our restricted Markdown's tools only (no headings, quotes, code, images);
            # raw Markdown one click away. `check` refuses the rest (raw HTML typed as text).
            field.update(widget="markdown", modes=["rich_text", "raw"], buttons=["bold", "italic", "link", "bulleted-list", "numbered-list"],
                         editor_components=[], sanitize_preview=True, pattern=_length(rules.max_len, ctx, multiline=True))
        else:
            field.update(widget="text", pattern=_length(rules.max_len, ctx, multiline=True))
        fields.append(field)
    return {"widget": "object", "fields": fields}


def _options(kind: str, path: tuple[str, ...], ctx: Context) -> list[dict[str, str]] | list[str] | None:
    """The choices of a select: taxonomy ids with their labels in every language, countries, languages, bands;
    names in the editor's language first."""
    if kind == "id" and path in MEMBER_VOCABULARIES:
        vocabulary = getattr(ctx.project.taxonomy, MEMBER_VOCABULARIES[path])
        return [{"label": taxonomy_label(entry.label, ctx.config.languages, ctx.lang), "value": key} for key, entry in vocabulary.items()]
    if kind in ("country", "language"):
        return _named_codes(COUNTRIES if kind == "country" else LANGUAGES, kind, ctx.lang)
    if kind == "employees":
        return list(EMPLOYEE_BANDS)
    return None


def _named_codes(codes: frozenset[str], kind: str, lang: str) -> list[dict[str, str]]:
    """'Deutschland (DE)': Babel's names in the editor's language (English where Babel has none),
    sorted as its readers expect, so that typing the start of a name finds it."""
    tr = Translator(lang, lang)
    english = Locale("en")
    own, fallback = (tr.locale.territories, english.territories) if kind == "country" else (tr.locale.languages, english.languages)
    names = {code: own.get(code) or fallback.get(code) or code for code in codes}
    return [{"label": f"{names[code]} ({code})", "value": code} for code in sorted(codes, key=lambda c: (tr.sort_key(names[c]), c))]


def taxonomy_label(label: dict[str, str], languages: tuple[str, ...], first: str | None = None) -> str:
    """'Lasersysteme / Laser systems / Systèmes laser': the editor's language first, then the site's
    languages in their order (the default language first)."""
    order = ((first,) if first else ()) + languages
    return " / ".join(dict.fromkeys(label[lang] for lang in order if label.get(lang)))
