"""`new-member`: a commented profile template under a proposed slug."""
from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING

from .fields import field_texts
from .messages import M, Msg
from .model import EMPLOYEE_BANDS, Taxonomy
from .paths import slugify
from .resources import data_dir, text_templates

if TYPE_CHECKING:
    from jinja2 import Environment  # made by text_templates, which imports Jinja when it is used

# The template's comments are German and English in every cluster, as they have always been
# (tests/test_field_texts.py holds the text); the words are clusterfolio/fields.py's messages.
_LANGUAGES = ("de", "en")
_REQUIRED = M("required")
# For who types the file by hand: the browser editor's YAML reader takes an unquoted 0711 … for a
# number (tests/test_admin.py); in the browser editor itself the field is text.
_PHONE_NOTE = M("phone in quotes, or the browser editor turns 0711 … into 711 …")

# Legal forms say nothing about who a member is; the slug stays shorter without them.
_LEGAL_FORMS = re.compile(
    r"\b(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|e\.?\s?v\.?|ev|se|co|ltd|llc|inc|sarl|sas|sa|s\.a\.|bv|nv|plc|haftungsbeschränkt)\b\.?",
    re.I,
)


def propose_slug(name: str) -> str:
    """'Lumera Optics GmbH & Co. KG' -> 'lumera-optics'."""
    stripped = _LEGAL_FORMS.sub(" ", name.replace("&", " "))
    return slugify(stripped) or slugify(name) or "member"


def _both(message: Msg) -> str:
    """'Deutsch / English' on one line."""
    return " / ".join(message.render(lang) for lang in _LANGUAGES)


def _lines(message: Msg) -> str:
    """The German line, then the English one (for the longer hints)."""
    return "\n".join(f"# {message.render(lang)}" for lang in _LANGUAGES)


# Fields whose hint is one line, "Deutsch / English" (the others' are two, see _lines).
_ONE_LINE_HINTS = ("name", "type", "employees", "founded", "city", "country", "website", "logo", "competences", "value_chain",
                   "offers", "seeks", "markets", "market_notes", "certifications", "contact", "maintainers", "member_since")


@cache
def _environment() -> Environment:
    """The template's Jinja: YAML, so no HTML escaping; the name goes through `yaml_text`."""
    env = text_templates(data_dir())
    # A YAML double-quoted scalar, every backslash and quote escaped (JSON's string syntax is
    # YAML's): "Back\\x41slash AG" stays as typed, and is not read as "BackAslash AG".
    env.filters["yaml_text"] = lambda text: json.dumps(text, ensure_ascii=False)
    return env


def template(name: str, languages: tuple[str, ...], taxonomy: Taxonomy | None, command: str = "clusterfolio") -> str:
    """The profile template (clusterfolio/data/member.yml.jinja); every field commented in German
    and English (hints: clusterfolio/fields.py)."""
    texts = field_texts(languages[0])

    def hint(name: str) -> Msg:
        return texts[(name,)].hint or texts[(name,)].label

    def ids(section: str) -> str:
        return ", ".join(getattr(taxonomy, section)) if taxonomy is not None else "see profiles/taxonomy.yml"

    # The examples ("e.g. …") and "(year)" follow the English half only, and "(ISO 639-1)" the
    # German one, as the template has always written them; the editor at /admin/ has its own
    # patterns and selects for what they explain.
    return _environment().get_template("member.yml.jinja").render(
        name=name,
        command=command,
        languages=languages,
        required=f"({_both(_REQUIRED)})",
        hint={field: _both(hint(field)) for field in _ONE_LINE_HINTS},
        hint_lines={field: _lines(hint(field)) for field in ("summary", "description")},
        seeks_dates=_both(texts[("seeks", "since")].hint),  # type: ignore[arg-type]
        languages_hint={lang: hint("languages").render(lang) for lang in _LANGUAGES},
        phone_note=_lines(_PHONE_NOTE),
        ids={section: ids(section) for section in ("member_types", "competences", "value_chain")},
        bands=", ".join(EMPLOYEE_BANDS),
    )
