"""`new-member`: a commented profile template under a proposed slug."""
from __future__ import annotations

import json
import re

from .fields import field_texts
from .messages import M, Msg
from .model import EMPLOYEE_BANDS, Taxonomy
from .paths import slugify

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


def _de(message: Msg) -> str:
    return message.render("de")


def _en(message: Msg) -> str:
    return message.render("en")


def template(name: str, languages: tuple[str, ...], taxonomy: Taxonomy | None, command: str = "clusterfolio") -> str:
    """The profile template; every field commented in German and English (hints: clusterfolio/fields.py)."""
    def ids(section: str) -> str:
        if taxonomy is None:
            return "see profiles/taxonomy.yml"
        return ", ".join(getattr(taxonomy, section))

    def per_language(indent: str = "  ") -> str:
        return "\n".join(f"{indent}{lang}:" for lang in languages)

    default = languages[0]
    texts = field_texts(default)

    def hint(*path: str) -> Msg:
        return texts[path].hint or texts[path].label

    required = f"({_both(_REQUIRED)})"
    # A YAML double-quoted scalar, every backslash and quote escaped (JSON's string syntax is
    # YAML's): "Back\\x41slash AG" stays as typed, and is not read as "BackAslash AG".
    safe_name = json.dumps(name, ensure_ascii=False)
    # The examples ("e.g. …") and "(year)" follow the English half only, and "(ISO 639-1)" the
    # German one, as the template has always written them; the editor at /admin/ has its own
    # patterns and selects for what they explain.
    return f'''# yaml-language-server: $schema=../../schema/member.schema.json
# Mitgliedsprofil / member profile. Leere Felder ausfüllen oder löschen.
# Fill in the empty fields or delete them. Check: {command} check
# Hilfe / help: CONTRIBUTING.md

# {_both(hint("name"))} {required}
name: {safe_name}
# {_both(hint("type"))} {required}: {ids("member_types")}
type:
# {_both(hint("employees"))}: {", ".join(EMPLOYEE_BANDS)}
employees:
# {_both(hint("founded"))}, e.g. 1998
founded:
# {_both(hint("city"))} {required}
city:
# {_both(hint("country"))}, e.g. DE, FR, CH {required}
country: DE
# {_both(hint("website"))} {required}
website:
# {_both(hint("logo"))}, e.g. logos/name.svg
logo:
{_lines(hint("summary"))}
summary:
{per_language()}
{_lines(hint("description"))}
description:
{per_language()}
# {_both(hint("competences"))} {required}:
# {ids("competences")}
competences:
  -
# {_both(hint("value_chain"))}: {ids("value_chain")}
value_chain: []
# {_both(hint("offers"))}
offers:
{chr(10).join(f"  {lang}: []" for lang in languages)}
# {_both(hint("seeks"))}
seeks:
  text:
{per_language("    ")}
  partner_types: []
  countries: []
# {_both(hint("markets"))}, e.g. [FR, US]
markets: []
# {_both(hint("market_notes"))},
# e.g. - country: FR / note: {{de: Seit 2015 Vertriebsbüro in Lyon., en: Sales office in Lyon since 2015.}}
market_notes: []
# {_de(hint("languages"))} (ISO 639-1) / {_en(hint("languages"))}, e.g. [de, en]
languages: []
# {_both(hint("certifications"))}, e.g. [ISO 9001]
certifications: []
# {_both(hint("contact"))}
{_lines(_PHONE_NOTE)}
contact:
  email:
  phone: ""
  contact_page:
# {_both(hint("maintainers"))}
maintainers: []
# {_both(hint("member_since"))} (year)
member_since:
'''
