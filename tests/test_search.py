"""Search in the browser (SPEC §4.3): per language, members first, filters narrow, no mixing."""
from __future__ import annotations

import pytest

QUERIES = [
    ("de", "Ultrakurzpuls", "Femtoforge GmbH"),
    ("en", "femtosecond", "Femtoforge GmbH"),
    ("fr", "femtosecondes", "Femtoforge GmbH"),
    ("de", "Raman", "Spektralis AG"),
    ("en", "cleanroom", "Echaz Mikrotechnik GmbH"),
    ("fr", "cybersécurité", "Torwacht Industrial Security GmbH"),
]


def results(page) -> list[str]:
    """Wait until the search has answered (the panel is no longer busy), then read the titles."""
    page.wait_for_selector(".cf-search__panel[aria-busy=false]")
    return [a.inner_text() for a in page.query_selector_all(".cf-search__results li > a")]


def search(page, query: str) -> list[str]:
    page.fill("#cf-q", query)
    return results(page)


@pytest.fixture
def page(browser, demo_url):
    context = browser.new_context()
    context.route(lambda url: not url.startswith(demo_url), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("lang", "query", "first"), QUERIES, ids=[q[1] for q in QUERIES])
def test_a_competence_word_finds_the_member_first(page, demo_url: str, lang: str, query: str, first: str) -> None:
    page.goto(f"{demo_url}/{lang}/members/")
    results = search(page, query)
    assert results and results[0] == first, results


def test_results_link_to_pages_of_the_same_language(page, demo_url: str) -> None:
    page.goto(f"{demo_url}/en/")
    search(page, "laser")
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(".cf-search__results li > a")]
    assert hrefs and all(h.startswith("/en/") for h in hrefs), hrefs


def hrefs(page) -> list[str]:
    return [a.get_attribute("href") for a in page.query_selector_all(".cf-search__results li > a")]


def test_a_french_query_on_the_english_site_finds_no_french_page(page, demo_url: str) -> None:
    page.goto(f"{demo_url}/fr/members/")
    search(page, "usinage")
    french = hrefs(page)
    assert french and all(h.startswith("/fr/") for h in french)  # the French pages have the word
    page.goto(f"{demo_url}/en/members/")
    search(page, "usinage")
    assert all(h.startswith("/en/") for h in hrefs(page)), hrefs(page)


def test_a_filter_narrows_the_results(page, demo_url: str) -> None:
    page.goto(f"{demo_url}/en/members/")
    everything = search(page, "lenses")
    page.click(".cf-search__toggle")
    page.wait_for_selector(".cf-search__filters select")
    country = page.locator(".cf-search__filters label", has_text="Country").locator("select")
    country.select_option(label=next(o for o in country.locator("option").all_inner_texts() if o.startswith("France")))
    narrowed = results(page)
    assert "Optique Rhénane SAS" in everything and len(everything) > 1
    assert narrowed == ["Optique Rhénane SAS"]


def test_search_works_by_keyboard(page, demo_url: str) -> None:
    page.goto(f"{demo_url}/en/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "cf-q"
    page.keyboard.type("Raman")
    page.wait_for_selector(".cf-search__results li > a")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Spektralis AG"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/members/spektralis/")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_box_the_script_makes_takes_the_slots_place_without_moving_the_page(browser, demo_url: str, width: int) -> None:
    """The page holds an empty slot; clusterfolio.js makes the form in the page's language. Where the
    script is not loaded yet (here: never), the slot already has the form's size, so nothing moves."""
    tops = {}
    for script in (False, True):
        context = browser.new_context(viewport={"width": width, "height": 800})
        context.route(lambda url, script=script: not url.startswith(demo_url) or (not script and url.endswith("/clusterfolio.js")),
                      lambda route: route.abort())
        page = context.new_page()
        page.goto(f"{demo_url}/de/members/lumera-optics/")
        tops[script] = page.evaluate("""() => [document.querySelector('.cf-search').getBoundingClientRect().height,
                                               document.querySelector('main').getBoundingClientRect().top]""")
        if script:
            assert page.get_attribute("#cf-q", "placeholder") == "Mitglieder, Kompetenzen suchen …"
            assert page.inner_text("label[for=cf-q]") == "Suche"
        else:
            assert page.query_selector("#cf-q") is None  # the page's own HTML has no form
        context.close()
    assert tops[False] == tops[True], tops
    assert tops[True][0] > 20
