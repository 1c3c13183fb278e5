"""Issue 23, item 4: every member field's label and hint is written once (clusterfolio/fields.py),
and both places a member meets the fields say those words: the `new-member` template, in German
and English exactly as it always has, and /admin/ in the editor's language."""
from __future__ import annotations

import datetime as dt

import pytest
from babel.messages.pofile import read_po
from pydantic import BaseModel

from clusterfolio import newmember
from clusterfolio.annotations import shape
from clusterfolio.config import read_config
from clusterfolio.fields import field_texts
from clusterfolio.messages import Msg
from clusterfolio.model import Member
from clusterfolio.newmember import template
from clusterfolio.project import load_project
from clusterfolio.resources import locales_dir
from clusterfolio.site import cms_fields

from .conftest import ROOT, TEST_DATE

# The template as `new-member "Neue Optik GmbH"` wrote it before its hints became messages, for a
# cluster in de, en and fr without a taxonomy at hand: the lines must not change by a byte.
TEMPLATE = '''# yaml-language-server: $schema=../../schema/member.schema.json
# Mitgliedsprofil / member profile. Leere Felder ausfüllen oder löschen.
# Fill in the empty fields or delete them. Check: clusterfolio check
# Hilfe / help: CONTRIBUTING.md

# Name des Mitglieds / the member's name (Pflicht / required)
name: "Neue Optik GmbH"
# Art / type (Pflicht / required): see profiles/taxonomy.yml
type:
# Beschäftigte / employees: 1-9, 10-49, 50-249, 250-999, 1000+
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
# Kurzbeschreibung, höchstens 300 Zeichen je Sprache; de ist Pflicht
# Short summary, at most 300 characters per language; de is required
summary:
  de:
  en:
  fr:
# Ausführliche Beschreibung (einfaches Markdown: Absätze, *kursiv*, **fett**, Listen, https-Links)
# Longer description (simple Markdown: paragraphs, *italic*, **bold**, lists, https links)
description:
  de:
  en:
  fr:
# Kompetenzen, mindestens eine / competences, at least one (Pflicht / required):
# see profiles/taxonomy.yml
competences:
  -
# Stufen der Wertschöpfungskette / value-chain stages: see profiles/taxonomy.yml
value_chain: []
# Produkte und Leistungen je Sprache / products and services per language
offers:
  de: []
  en: []
  fr: []
# Gesuchte Partner / partners you are looking for
seeks:
  text:
    de:
    en:
    fr:
  partner_types: []
  countries: []
  # offen von since bis until, JJJJ-MM-TT (ohne until: ohne Ende) / open from since to until, YYYY-MM-DD (no until: no end)
  # since: 2026-03-01
  # until: 2026-12-31
# Märkte (ISO-Ländercodes) / markets (ISO country codes), e.g. [FR, US]
markets: []
# Notizen zu Märkten oben, höchstens 200 Zeichen / notes on markets listed above, at most 200 characters,
# e.g. - country: FR / note: {de: Seit 2015 Vertriebsbüro in Lyon., en: Sales office in Lyon since 2015.}
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


def model_paths(model: type[BaseModel], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every field of a model and of the models in it (a list of models included), by path."""
    out = []
    for name, info in model.model_fields.items():
        out.append(path + (name,))
        inner = shape(info.annotation).inner
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out += model_paths(inner, path + (name,))
    return out


def test_the_template_s_comment_lines_are_as_they_were() -> None:
    assert template("Neue Optik GmbH", ("de", "en", "fr"), None) == TEMPLATE


def test_the_template_takes_the_cluster_s_languages_and_its_taxonomy() -> None:
    config = read_config(ROOT)
    project, _ = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project is not None
    text = template("X", ("fr", "de"), project.taxonomy, "python build.py")
    assert "# Kurzbeschreibung, höchstens 300 Zeichen je Sprache; fr ist Pflicht\n" in text
    assert "# Short summary, at most 300 characters per language; fr is required\nsummary:\n  fr:\n  de:\n" in text
    assert f"# Art / type (Pflicht / required): {', '.join(project.taxonomy.member_types)}\n" in text


def test_every_field_of_the_member_model_has_its_words() -> None:
    """A field the model gains must be given a label (and, at the top level, a hint) in fields.py."""
    texts = field_texts("de")
    assert sorted(texts) == sorted(model_paths(Member))
    assert all(texts[(name,)].hint is not None for name in Member.model_fields)


def test_the_template_and_the_editor_say_the_same_words() -> None:
    """One source: each top-level field's hint, in German and in English, is in the template's
    comment above that field (and /admin/ shows it in the editor's language: tests/test_admin.py)."""
    lines = template("X", ("de", "en", "fr"), None).splitlines()
    for (name, *rest), words in field_texts("de").items():
        if rest:
            continue
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        block = []
        while lines[index - 1 - len(block)].startswith("#"):
            block.append(lines[index - 1 - len(block)])
        comment = "\n".join(reversed(block))
        assert words.hint is not None
        german, english = words.hint.render("de"), words.hint.render("en")
        assert german != english and german in comment and english in comment, (name, comment)


def _messages() -> list[Msg]:
    out = [newmember._REQUIRED, newmember._PHONE_NOTE]
    out += [message for _, message in cms_fields.PATTERNS.values()]
    for words in field_texts("de").values():
        out += [words.label] + ([words.hint] if words.hint else [])
    return out


def test_every_field_text_has_its_german_translation() -> None:
    """The German halves of the template are the catalog's translations (Sie-form, as the template);
    French is the French translator's (theme/locales/fr/LC_MESSAGES/problems.po)."""
    with (locales_dir() / "de" / "LC_MESSAGES" / "problems.po").open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle, locale="de") if m.id}
    missing = sorted({m.text for m in _messages() if not catalog.get(m.text)})
    assert missing == []


@pytest.mark.parametrize("lang", ["it", "ja", "xx"])
def test_a_language_without_a_catalog_reads_english(lang: str) -> None:
    words = field_texts("de")[("summary",)]
    assert words.label.render(lang) == "Short summary"
    assert words.hint is not None and words.hint.render(lang).startswith("Short summary, at most 300 characters")
