"""Search over every page a partner asks about (SPEC §4.3), through Pagefind itself in Chromium.

A table of queries in three languages and the page each must find first, on the demo and on the
fixture cluster nordlicht: country pages by a country or a city named there, the label page, the
value chain, members by a word of their own text (typed with or without its accents). Snippets
are made of the words a reader sees on the page (no fields run together, no logo initials), and
the result count takes each language's plural forms.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from clusterfolio.i18n import Translator
from clusterfolio.site.ui import plural_samples, search_strings

from . import audit
from .conftest import served

# (language, query, the page it must find first). Demo: profiles/ and content/ of this checkout.
DEMO = [
    ("de", "Japan", "/de/countries/jp/"),
    ("en", "Japan", "/en/countries/jp/"),
    ("fr", "Japon", "/fr/countries/jp/"),
    # Osaka is named on the Japan page (a partner cluster, a delegation trip) and in one member's market note.
    ("de", "Osaka", "/de/countries/jp/"),
    ("en", "Osaka", "/en/countries/jp/"),
    ("fr", "Osaka", "/fr/countries/jp/"),
    ("en", "Sherbrooke", "/en/countries/ca/"),
    ("de", "Kanada", "/de/countries/ca/"),
    ("fr", "Corée", "/fr/countries/kr/"),
    ("en", "quality label", "/en/label/"),
    ("de", "Qualitätslabel", "/de/label/"),
    ("fr", "label qualité", "/fr/label/"),
    ("en", "ESCA", "/en/label/"),
    ("en", "value chain", "/en/value-chain/"),
    ("de", "Wertschöpfungskette", "/de/value-chain/"),
    ("fr", "chaîne de valeur", "/fr/value-chain/"),
    ("en", "gap", "/en/value-chain/"),
    ("de", "Lücke", "/de/value-chain/"),
    # The demo has no Müller: a name with an umlaut or an accent, typed without it.
    ("en", "Schonbuch", "/en/members/universitaet-schoenbuch/"),
    ("de", "Schonbuch", "/de/members/universitaet-schoenbuch/"),
    ("fr", "Rhenane", "/fr/members/optique-rhenane/"),
    ("en", "Mossingen", "/en/members/steinlach-medizintechnik/"),
    # Words only the member's French text has: surgical instruments, sapphire (the demo has no titanium).
    ("fr", "chirurgie", "/fr/members/steinlach-medizintechnik/"),
    ("fr", "saphir", "/fr/members/femtoforge/"),
    # A competence's own word: the member who has it before the competence page.
    ("en", "femtosecond", "/en/members/femtoforge/"),
    ("fr", "femtosecondes", "/fr/members/femtoforge/"),
    ("de", "Ultrakurzpuls", "/de/members/femtoforge/"),
    ("fr", "cybersécurité", "/fr/members/torwacht-security/"),
    ("en", "Spektralis", "/en/members/spektralis/"),
    ("de", "Datenschutz", "/de/privacy/"),
    ("en", "imprint", "/en/imprint/"),
]

# tests/fixtures/nordlicht: a second cluster, so the weights are not tuned to the demo alone.
NORDLICHT = [
    ("en", "Denmark", "/en/countries/dk/"),
    ("de", "Dänemark", "/de/countries/dk/"),
    ("fr", "Danemark", "/fr/countries/dk/"),
    # Aarhus: a partner cluster and a delegation trip on the Denmark page, a market note of a member.
    ("en", "Aarhus", "/en/countries/dk/"),
    ("de", "Aarhus", "/de/countries/dk/"),
    ("fr", "Norvège", "/fr/countries/no/"),
    ("en", "Brest", "/en/countries/fr/"),
    ("en", "quality label", "/en/label/"),
    ("de", "Qualitätslabel", "/de/label/"),
    ("fr", "label qualité", "/fr/label/"),
    ("en", "Kielwasser", "/en/members/kielwasser-messtechnik/"),
    ("de", "Drucksensoren", "/de/members/kielwasser-messtechnik/"),
    ("fr", "pression", "/fr/members/kielwasser-messtechnik/"),
    ("de", "Kaimauern", "/de/members/foerde-robotics/"),
    ("en", "Sonar", "/en/members/fjord-sonar/"),
    ("en", "Flensburg", "/en/members/baltic-data-lab/"),
]

TABLE = [("demo", *row) for row in DEMO] + [("nordlicht", *row) for row in NORDLICHT]


@pytest.fixture(scope="module")
def nordlicht_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(audit.nordlicht_site(tmp_path_factory)) as url:
        yield url


@pytest.fixture
def site_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("demo_url" if request.param == "demo" else "nordlicht_url")


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context()
    # The site makes no request to any other host.
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), lambda route: route.abort())
    yield context
    context.close()


@pytest.fixture(scope="module")
def searching(context):
    """One page for the queries: Pagefind loads once per site and language, as for a visitor who searches again."""
    return context.new_page()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


def search(page, url: str, lang: str, query: str) -> list[tuple[str, str]]:
    """Type the query into the search box of the language's home page: (link, excerpt) of each result shown."""
    if page.url != f"{url}/{lang}/":
        page.goto(f"{url}/{lang}/")
    page.fill("#cf-q", query)
    page.press("#cf-q", "Enter")  # at once, without the typing pause
    page.wait_for_selector(".cf-search__panel[aria-busy=false]")
    return [(li.query_selector("a").get_attribute("href"), li.query_selector("p").inner_text())
            for li in page.query_selector_all(".cf-search__results li")]


def words(text: str) -> list[str]:
    """The words of a text, without the punctuation around them (Pagefind ends each block with a full stop)."""
    stripped = (w.strip(".,;:!?()[]«»\"'“”„‘’–—·…/→←") for w in text.split())
    return [w for w in stripped if any(ch.isalnum() for ch in w)]


READER_TEXT = """() => {
  // The page as a reader sees it: the rendered text of its content area (blocks apart, hidden
  // parts left out), without the decorative initials that stand in for a missing logo.
  const main = document.querySelector("#cf-main").cloneNode(true);
  const initials = Array.from(main.querySelectorAll("span.cf-avatar"), (a) => a.textContent.trim());
  main.querySelectorAll("span.cf-avatar").forEach((a) => a.remove());
  const box = document.createElement("div");
  box.style.position = "absolute";
  box.appendChild(main);
  document.body.appendChild(box);
  const text = main.innerText;
  box.remove();
  return { text, initials };
}"""

INDEXED = """async ([bundle, query]) => {
  // What Pagefind holds for the results: the whole indexed text of each page. The module is the
  // one the search box loaded, with its options.
  const pf = await import(bundle + "pagefind.js");
  const found = await pf.search(query);
  return Promise.all(found.results.slice(0, 10).map((r) => r.data()));
}"""


def unseen_words(text: str, reader: str) -> list[str]:
    """Words of a search text that the reader does not see on the page, such as two fields run
    together ("languagesGerman") or a field left in a hidden part. Compared without case: CSS may
    show a heading in capitals."""
    seen = {w.casefold() for w in words(reader)}
    return sorted({w for w in words(text) if w.casefold() not in seen})


@pytest.mark.parametrize(("site_url", "lang", "query", "first"), [(s, lang, q, f) for s, lang, q, f in TABLE],
                         ids=[f"{s}-{lang}-{q}" for s, lang, q, _ in TABLE], indirect=["site_url"])
def test_the_query_finds_its_page_first(searching, site_url: str, lang: str, query: str, first: str) -> None:
    shown = search(searching, site_url, lang, query)
    assert shown, f"{query!r} found nothing"
    assert shown[0][0] == first, [href for href, _ in shown]
    # Only pages of the language searched.
    assert all(href.startswith(f"/{lang}/") for href, _ in shown), shown


@pytest.fixture(scope="module")
def reader(context):
    """The page at a URL as a reader sees it (its text, its logos' initials, its first heading), read once."""
    page = context.new_page()

    @functools.cache
    def read(url: str) -> dict[str, object]:
        page.goto(url)
        return {**page.evaluate(READER_TEXT), "h1": page.evaluate("document.querySelector('h1').innerText").strip()}

    return read


@pytest.mark.parametrize(("site_url", "lang", "query"), [(s, lang, q) for s, lang, q, _ in TABLE],
                         ids=[f"{s}-{lang}-{q}" for s, lang, q, _ in TABLE], indirect=["site_url"])
def test_snippets_are_words_the_reader_sees(searching, reader, site_url: str, lang: str, query: str) -> None:
    shown = search(searching, site_url, lang, query)[:3]  # the first results, their snippets and their whole texts
    indexed = searching.evaluate(INDEXED, [f"{site_url}/{lang}/pagefind/", query])
    excerpts = dict(shown)
    assert {found["url"] for found in indexed} >= set(excerpts), "the search box shows what Pagefind found"
    for found in (f for f in indexed if f["url"] in excerpts):
        seen = reader(site_url + found["url"])
        where = f"{found['url']} ({query!r})"
        # Each result's name is the page's own title.
        assert found["meta"]["title"] == seen["h1"], where
        for name, text in (("indexed text", found["content"]), ("snippet", excerpts[found["url"]])):
            joined = [w for w in unseen_words(text, seen["text"]) if re.search(r"[a-zà-ÿ][A-ZÀ-Þ]", w)]
            assert joined == [], f"{where}: the {name} runs fields together: {joined}"
            assert unseen_words(text, seen["text"]) == [], f"{where}: the {name} has words the page does not show"
            stray = [i for i in seen["initials"] if i in words(text)]
            assert stray == [], f"{where}: the {name} has the logo's initials {stray}"


# A stand-in for the bundle's pagefind.js: a query "N" finds N pages. The count is the script's.
STUB = """
export async function options() {}
export async function mergeIndex() {}
export async function filters() { return {}; }
export async function search(query) {
  const n = parseInt(query, 10) || 0;
  const page = (i) => ({ data: async () => ({ url: "/" + i + "/", meta: { title: "Page " + i }, excerpt: "" }) });
  return { results: Array.from({ length: n }, (_, i) => page(i)) };
}
"""

COUNTS = {
    "de": {0: "Keine Treffer", 1: "1 Treffer", 2: "2 Treffer", 5: "5 Treffer", 21: "21 Treffer"},
    "en": {0: "No results", 1: "1 result", 2: "2 results", 5: "5 results", 21: "21 results"},
    "fr": {0: "Aucun résultat", 1: "1 résultat", 2: "2 résultats", 5: "5 résultats", 21: "21 résultats"},
}


@pytest.mark.parametrize("lang", sorted(COUNTS))
def test_the_count_takes_the_plural_form_of_the_language(page, demo_url: str, lang: str) -> None:
    page.route("**/pagefind/pagefind.js", lambda route: route.fulfill(body=STUB, content_type="text/javascript"))
    page.goto(f"{demo_url}/{lang}/")
    for n, text in COUNTS[lang].items():
        page.fill("#cf-q", str(n))
        page.wait_for_selector(".cf-search__panel[aria-busy=false]")
        assert page.inner_text(".cf-search__status") == text, n
        assert len(page.query_selector_all(".cf-search__results li")) == min(n, 10)


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("de", ("Spektralis", r"1 Treffer"), ("Japan", r"\d+ Treffer")),
    ("en", ("Spektralis", r"1 result"), ("Japan", r"\d+ results")),
    ("fr", ("chirurgie", r"1 résultat"), ("Japon", r"\d+ résultats")),
])
def test_a_real_search_counts_in_the_language(searching, demo_url: str, lang: str, one: tuple[str, str], many: tuple[str, str]) -> None:
    for query, pattern in (one, many):
        search(searching, demo_url, lang, query)
        status = searching.inner_text(".cf-search__status")
        assert re.fullmatch(pattern, status), (query, status)


@pytest.mark.parametrize("lang", sorted(COUNTS))
def test_the_page_plural_rule_is_the_languages(page, demo_url: str, lang: str) -> None:
    """assets/strings.js carries the CLDR rule as JavaScript: it agrees with Babel's, French's
    `many` (a million) included, whose rule reads an operand Babel's JavaScript leaves undefined."""
    from babel import Locale

    page.goto(f"{demo_url}/{lang}/")
    numbers = [0, 1, 2, 5, 21, 100, 101, 1_000_000, 2_000_000]
    categories = page.evaluate("(ns) => ns.map((n) => window.cfStrings.plural(n))", numbers)
    assert categories == [Locale.parse(lang).plural_form(n) for n in numbers]


def test_the_count_forms_come_from_the_catalogs() -> None:
    fr = search_strings(Translator("fr", "de"))["count"]
    assert fr == {"many": "{n} résultats", "one": "{n} résultat", "other": "{n} résultats"}
    assert search_strings(Translator("en", "de"))["count"] == {"one": "{n} result", "other": "{n} results"}
    assert search_strings(Translator("de", "de"))["count"] == {"one": "{n} Treffer", "other": "{n} Treffer"}
    # Each form is the catalog's form for a number of its category (French counts 0 as one).
    assert plural_samples("fr") == {"many": 1_000_000, "one": 0, "other": 2}


def test_every_page_a_partner_asks_about_is_indexed(demo_site: Path) -> None:
    """The label, international, countries, each country, the value chain, its stages and cells and the
    content pages, besides members and competences; the directory, the home page and listings' later
    pages are not (their texts are the members' own)."""
    import gzip
    import json

    def urls(lang: str) -> set[str]:
        found = set()
        for fragment in (demo_site / lang / "pagefind" / "fragment").iterdir():
            data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
            found.add(data["url"])
        return found

    for lang in ("de", "en", "fr"):
        indexed = urls(lang)
        assert {"/label/", "/international/", "/countries/", "/countries/jp/", "/countries/fr/", "/value-chain/",
                "/value-chain/production/", "/value-chain/production/laser-systems/", "/about/", "/imprint/",
                "/members/femtoforge/", "/competences/laser-systems/"} <= indexed, lang
        assert not {"/", "/members/", "/members/page/2/"} & indexed, lang
