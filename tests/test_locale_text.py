"""Words and numbers that read right in every language (issue 24, item 4): plural forms by the
CLDR rules, date ranges by CLDR's interval patterns, French typography, en dashes in ranges, and a
404 page in the reader's language. The expectations come from Babel itself (babel.plural,
babel.dates.format_interval), not from strings written here, except where CLDR has no rule."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date, format_interval
from babel.messages.pofile import read_po

from clusterfolio.config import read_config
from clusterfolio.i18n import INTERVAL_SKELETON, LOCALES_DIR, Translator
from clusterfolio.project import load_project
from clusterfolio.site.build import language_site
from clusterfolio.site.sitefiles import language_not_found_view, not_found_view

from .conftest import MINIMAL, TEST_DATE

LANGS = ("de", "en", "fr")
COUNTS = (0, 1, 2, 5, 21)
NO_BREAK = "\u00a0\u202f"  # what French puts before : ; ? ! (a no-break space, or the narrow one)


def catalog(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def plural_messages(lang: str):
    """Every message of the interface with plural forms: (context, singular, plural, forms)."""
    return [(m.context, m.id[0], m.id[1], m.string) for m in catalog(lang) if m.id and m.pluralizable]


def expected_form(lang: str, forms: tuple[str, ...], n: int) -> str:
    """The form CLDR's plural rule picks for n: de, en and fr have two, `one` and `other`."""
    category = Locale.parse(lang).plural_form(n)
    assert category in ("one", "other"), f"{lang}: {n} is {category!r}, which the catalogs' two forms do not cover"
    return forms[0] if category == "one" else forms[1]


# --- plural forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", COUNTS)
def test_every_plural_message_takes_the_form_cldr_gives_the_count(lang: str, n: int) -> None:
    t = Translator(lang, "de")
    messages = plural_messages(lang)
    assert {(c, s) for c, s, _p, _f in messages} >= {(None, "{n} member"), ("key figure", "Member"), ("key figure", "Country"),
                                                      ("key figure", "Competence")}
    for context, singular, plural, forms in messages:
        got = t.npgettext(context, singular, plural, n) if context else t.ngettext(singular, plural, n)
        assert got == expected_form(lang, forms, n), (lang, n, singular)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("n", COUNTS)
def test_a_count_is_the_number_in_the_locale_and_the_word_in_its_form(lang: str, n: int) -> None:
    t = Translator(lang, "de")
    forms = next(f for c, s, _p, f in plural_messages(lang) if c is None and s == "{n} member")
    assert t.count("{n} member", "{n} members", n) == expected_form(lang, forms, n).format(n=t.number(n))
    assert t.count("{n} member", "{n} members", 21000) == forms[1].format(n=t.number(21000))  # "21 000 membres"


@pytest.fixture(scope="module")
def minimal_sites() -> dict:
    """The minimal fixture (one member, one country) as it renders in each language."""
    config = read_config(MINIMAL)
    project, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project is not None, problems
    return {lang: language_site(config, project, lang) for lang in LANGS}


def figures(html: str) -> list[tuple[str, str]]:
    block = re.search(r'<dl class="cf-figures">(.*?)</dl>', html, re.S)
    assert block, "no key figures"
    return re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1))


def number_of(lang: str, text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def assert_figures_agree(lang: str, html: str) -> None:
    """Each key figure's word is in the plural form of its number ("1 Country" is wrong)."""
    forms = {s: f for c, s, _p, f in plural_messages(lang) if c == "key figure"}
    found = figures(html)
    assert [term for term, _n in found] == [expected_form(lang, forms[s], number_of(lang, n)) for s, (_t, n) in zip(("Member", "Country", "Competence"), found, strict=True)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_names_one_member_and_one_country_in_the_singular(minimal_sites: dict, lang: str) -> None:
    site = minimal_sites[lang]
    html = str(site.renderer.body(next(p for p in site.pages if p.kind == "home")))
    assert_figures_agree(lang, html)
    assert figures(html)[:2] == [({"de": "Mitglied", "en": "Member", "fr": "Membre"}[lang], "1"), ({"de": "Land", "en": "Country", "fr": "Pays"}[lang], "1")]
    # The member type's count follows its label: no plural of a manager's label is needed.
    t = Translator(lang, "de")
    sme = site.lang.words.member_type("sme")
    assert f"<li>{t.labelled(sme, '1')}</li>" in html


# --- dates ------------------------------------------------------------------------------------------

D = dt.date
SHAPES = {  # start, end: each shape of CLDR's interval patterns (the greatest field that differs)
    "same day": (D(2026, 4, 15), D(2026, 4, 15)),
    "same month": (D(2026, 4, 15), D(2026, 4, 17)),
    "same year": (D(2026, 4, 28), D(2026, 5, 2)),
    "across years": (D(2026, 12, 28), D(2027, 1, 3)),
}


def spelled_out(text: str, lang: str, *dates: dt.date) -> str:
    """Babel's interval with each month's abbreviation as its full name (MMM as MMMM, as TR35 allows)."""
    months = Locale.parse(lang).months["format"]
    for month in {d.month for d in dates}:
        text = re.sub(rf"(?<!\w){re.escape(months['abbreviated'][month])}(?!\w)", months["wide"][month], text)
    return text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("shape", SHAPES)
def test_a_date_range_is_cldrs_interval_with_the_months_spelled_out(lang: str, shape: str) -> None:
    start, end = SHAPES[shape]
    t = Translator(lang, "de")
    babel = format_interval(start, end, INTERVAL_SKELETON, locale=lang)
    assert t.interval(start, end) == spelled_out(babel, lang, start, end)
    if shape == "same day":  # one day is the long single date
        assert t.interval(start, end) == t.date(start) == t.interval(start, None) == format_date(start, "long", locale=lang)


def test_date_ranges_say_what_both_dates_share_once() -> None:
    fr, de, en = (Translator(lang, "de") for lang in ("fr", "de", "en"))
    assert fr.interval(*SHAPES["same month"]) == "15–17 avril 2026"
    assert fr.interval(*SHAPES["same year"]) == "28 avril\u2009–\u20092 mai 2026"
    assert fr.interval(*SHAPES["across years"]) == "28 décembre 2026\u2009–\u20093 janvier 2027"
    assert de.interval(*SHAPES["same month"]) == "15.–17. April 2026"
    assert en.interval(*SHAPES["same month"]) == "April 15\u2009–\u200917, 2026"


def test_french_writes_the_first_of_a_month_as_an_ordinal() -> None:
    fr = Translator("fr", "de")
    first = D(2026, 12, 1)
    assert format_date(first, "long", locale="fr") == "1 décembre 2026"  # CLDR has no "1er": the rule is ours
    assert fr.date(first) == "1er décembre 2026"
    assert fr.date(D(2026, 12, 11)) == "11 décembre 2026" and fr.date(D(2026, 12, 21)) == "21 décembre 2026"
    assert fr.interval(first, D(2026, 12, 3)) == "1er–3 décembre 2026"
    assert fr.interval(D(2026, 11, 30), first) == "30 novembre\u2009–\u20091er décembre 2026"
    assert Translator("de", "de").date(first) == "1. Dezember 2026"
    assert Translator("en", "de").date(first) == "December 1, 2026"


# --- typography and ranges --------------------------------------------------------------------------


def test_a_label_and_its_value_follow_the_languages_rule() -> None:
    assert Translator("fr", "de").labelled("Statut", "expiré") == "Statut\u00a0: expiré"
    assert Translator("de", "de").labelled("Status", "abgelaufen") == "Status: abgelaufen"
    assert Translator("en", "de").colon == ": "


def test_french_interface_strings_put_a_no_break_space_before_high_punctuation() -> None:
    wrong = []
    for message in (m for m in catalog("fr") if m.id):
        for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
            # : ; ? ! that end a clause (followed by a space or the end), not those of a URL.
            wrong += [text for _ in re.finditer(rf"[^{NO_BREAK}][:;?!](?=\s|$)", text or "")]
    assert wrong == []


def test_ranges_are_written_with_an_en_dash() -> None:
    fr, en = Translator("fr", "de"), Translator("en", "de")
    assert en.band("50-249") == "50–249" and fr.band("1-9") == "1–9"
    assert fr.band("1000+") == f"{fr.number(1000)}+" == "1\u202f000+" and en.band("1000+") == "1,000+"
    assert en.span("2024", "2026") == "2024–2026"
    assert en.band("many") == "many"  # anything else is shown as written


# --- the 404 pages ----------------------------------------------------------------------------------


def test_the_root_404_says_page_not_found_in_every_language(minimal_sites: dict) -> None:
    site = minimal_sites["en"]
    view = not_found_view(site.config, site.project)
    headings = {m.lang: m.heading for m in view.messages}
    assert headings == {lang: Translator(lang, "de")._("Page not found") for lang in LANGS}
    assert headings["fr"] == "Page introuvable" and headings["de"] == "Seite nicht gefunden"
    assert "404 - Not found" not in view.title and view.title.startswith(Translator(site.config.default_language, "de")._("Page not found"))


def test_a_languages_404_speaks_it(minimal_sites: dict) -> None:
    site = minimal_sites["fr"]
    view = language_not_found_view(site.config, "fr", "/")
    assert view.title == "Page introuvable"
    assert [link.href for link in view.links] == ["/fr/", "/fr/members/"]


# --- the built demo ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_demos_key_figures_agree_with_their_numbers(demo_site: Path, lang: str) -> None:
    html = (demo_site / lang / "index.html").read_text(encoding="utf-8")
    assert_figures_agree(lang, html)
    colon = Translator(lang, "de").colon
    types = re.search(r'<ul class="cf-chips cf-types">(.*?)</ul>', html).group(1)  # type: ignore[union-attr]
    assert re.findall(r"<li>(.*?)</li>", types) and all(re.fullmatch(rf".+{re.escape(colon)}\d+", item) for item in re.findall(r"<li>(.*?)</li>", types))


def test_the_demo_writes_employee_bands_with_an_en_dash(demo_site: Path) -> None:
    facts = [m for page in (demo_site / "en" / "members").glob("*/index.html")
             for m in re.findall(r'<p class="cf-member__facts">(.*?)</p>', page.read_text(encoding="utf-8"))]
    assert any("–" in f and "employees" in f for f in facts)
    assert not [f for f in facts if re.search(r"\d-\d", f)]


def test_the_demos_french_pages_follow_french_typography(demo_site: Path) -> None:
    label = (demo_site / "fr" / "label" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"Statut[{NO_BREAK}]:", label) and "Statut:" not in label and "Statut :" not in label
    activities = (demo_site / "fr" / "international" / "index.html").read_text(encoding="utf-8")
    assert "1er septembre 2025" in activities  # the demo's project runs from the first of a month
    assert not re.search(r"(\d+ \w+ \d{4}) – \1", activities)  # no range repeats its month and year


def test_the_demos_french_404_is_french(demo_site: Path) -> None:
    page = (demo_site / "fr" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and "<h1>Page introuvable</h1>" in page and "Not found" not in page
    root = (demo_site / "404.html").read_text(encoding="utf-8")
    assert all(heading in root for heading in ("Seite nicht gefunden", "Page not found", "Page introuvable"))
