"""`new-member`: a commented profile template under a proposed slug."""
from __future__ import annotations

import json
import re

from .model import EMPLOYEE_BANDS, Taxonomy
from .paths import slugify

# Legal forms say nothing about who a member is; the slug stays shorter without them.
_LEGAL_FORMS = re.compile(
    r"\b(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|e\.?\s?v\.?|ev|se|co|ltd|llc|inc|sarl|sas|sa|s\.a\.|bv|nv|plc|haftungsbeschränkt)\b\.?",
    re.I,
)


def propose_slug(name: str) -> str:
    """'Lumera Optics GmbH & Co. KG' -> 'lumera-optics'."""
    stripped = _LEGAL_FORMS.sub(" ", name.replace("&", " "))
    return slugify(stripped) or slugify(name) or "member"


def template(name: str, languages: tuple[str, ...], taxonomy: Taxonomy | None, command: str = "clusterfolio") -> str:
    """The profile template; every field commented in German and English."""
    def ids(section: str) -> str:
        if taxonomy is None:
            return "see profiles/taxonomy.yml"
        return ", ".join(getattr(taxonomy, section))

    def per_language(indent: str = "  ") -> str:
        return "\n".join(f"{indent}{lang}:" for lang in languages)

    default = languages[0]
    # A YAML double-quoted scalar, every backslash and quote escaped (JSON's string syntax is
    # YAML's): "Back\\x41slash AG" stays as typed, and is not read as "BackAslash AG".
    safe_name = json.dumps(name, ensure_ascii=False)
    return f'''# yaml-language-server: $schema=../../schema/member.schema.json
# Mitgliedsprofil / member profile. Leere Felder ausfüllen oder löschen.
# Fill in the empty fields or delete them. Check: {command} check
# Hilfe / help: CONTRIBUTING.md

# Name des Mitglieds / the member's name (Pflicht / required)
name: {safe_name}
# Art / type (Pflicht / required): {ids("member_types")}
type:
# Beschäftigte / employees: {", ".join(EMPLOYEE_BANDS)}
employees:
# Gründungsjahr / year founded, e.g. 1998
founded:
# Ort / city (Pflicht / required)
city:
# Land, ISO-Code / country, ISO code, e.g. DE, FR, CH (Pflicht / required)
country: DE
# Website, nur https:// / website, https:// only (Pflicht / required)
website:
# Logo unter profiles/ (SVG oder PNG) / logo under profiles/ (SVG or PNG), e.g. logos/name.svg
logo:
# Kurzbeschreibung, höchstens 300 Zeichen je Sprache; {default} ist Pflicht
# Short summary, at most 300 characters per language; {default} is required
summary:
{per_language()}
# Ausführliche Beschreibung (einfaches Markdown: Absätze, *kursiv*, **fett**, Listen, https-Links)
# Longer description (simple Markdown: paragraphs, *italic*, **bold**, lists, https links)
description:
{per_language()}
# Kompetenzen, mindestens eine / competences, at least one (Pflicht / required):
# {ids("competences")}
competences:
  -
# Stufen der Wertschöpfungskette / value-chain stages: {ids("value_chain")}
value_chain: []
# Produkte und Leistungen je Sprache / products and services per language
offers:
{chr(10).join(f"  {lang}: []" for lang in languages)}
# Gesuchte Partner / partners you are looking for
seeks:
  text:
{per_language("    ")}
  partner_types: []
  countries: []
# Märkte (ISO-Ländercodes) / markets (ISO country codes), e.g. [FR, US]
markets: []
# Notizen zu Märkten oben, höchstens 200 Zeichen / notes on markets listed above, at most 200 characters,
# e.g. - country: FR / note: {{de: Seit 2015 Vertriebsbüro in Lyon., en: Sales office in Lyon since 2015.}}
market_notes: []
# Arbeitssprachen (ISO 639-1) / working languages, e.g. [de, en]
languages: []
# Zertifizierungen / certifications, e.g. [ISO 9001]
certifications: []
# Kontakt: Funktionsadressen, keine persönlichen / contact: role addresses, not personal ones
# Telefon in Anführungszeichen, sonst wird aus 0711 … im Browser-Editor 711 …
# phone in quotes, or the browser editor turns 0711 … into 711 …
contact:
  email:
  phone: ""
  contact_page:
# GitHub-Namen, die diese Datei pflegen / GitHub user names who maintain this file
maintainers: []
# Mitglied seit / member since (year)
member_since:
'''
