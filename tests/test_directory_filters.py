"""The member directory combines and shares (issue 24, item 3), in headless Chromium.

Several values of a facet widen the list (OR), facets together narrow it (AND); the choice is the
URL's query (?competence=laser-systems&country=DE), so that a reload, back and forward, a shared
link and the language links show it again; a reset clears it; a competence chip on a card adds its
competence; the whole card is one link named by the member; nothing moves while the page loads.
On the demo (every member on one page: filtered in place) and on a directory of five cards a page
(tests/test_scale.py's `small`: filtered across all pages from the compact member index). Without
JavaScript a query changes nothing and every filter link is still there
(tests/test_scale.py, tests/test_browser.py: those links reach every member).
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project

from . import audit
from .conftest import ROOT, TEST_DATE, served
from .test_scale import PAGE_SIZE, small  # noqa: F401 - the fixture: 24 members, 5 cards a page

TIMEOUT = 15_000
# Shown cards: of the page's own list, or of the results drawn from the index (across pages).
SHOWN = """() => [...document.querySelectorAll('.cf-directory > .cf-cards:not([hidden]) > .cf-card:not([hidden])')]
  .filter(c => c.checkVisibility()).map(c => new URL(c.querySelector('.cf-card__name a').href).pathname.split('/')[3])"""

# Sums the page's layout shifts (Lighthouse's CLS counts the same entries) into window.cfShift.
SHIFTS = """window.cfShift = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.cfShift += e.value; })
    .observe({type: "layout-shift", buffered: true});"""


@pytest.fixture(scope="module")
def demo():
    """The demo's model (what the directory must show for a choice)."""
    project, problems = load_project(read_config(ROOT), dt.date.fromisoformat(TEST_DATE))
    assert project is not None, problems
    return project


@pytest.fixture
def page(browser, demo_url: str) -> Iterator:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    # The site asks no other host (SPEC §4): anything else is refused, not sent.
    context.route(lambda url: not url.startswith(demo_url), lambda route: route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()


def query(page) -> list[tuple[str, str]]:  # noqa: ANN001
    return parse_qsl(urlsplit(page.url).query)


def shown(page) -> list[str]:  # noqa: ANN001
    return page.evaluate(SHOWN)


def members(project, competences=(), countries=()) -> list[str]:  # noqa: ANN001
    """The directory's members, in its order, with any of the competences and in any of the countries."""
    return [s for s in project.index.slugs
            if (not competences or set(project.members[s].competences) & set(competences))
            and (not countries or project.members[s].country in countries)]


def choose(page, param: str, value: str) -> None:  # noqa: ANN001
    """Open the facet (if it is closed) and tick the box, as a visitor does."""
    button = page.locator(f'button.cf-facet[aria-controls="cf-facet-{param}"]')
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    page.locator(f'#cf-facet-{param} input[value="{value}"]').check()


def count_text(page, n: int, total: int) -> str:  # noqa: ANN001
    template = page.locator(".cf-count").get_attribute("data-template")
    return template.replace("{n}", str(n)).replace("{total}", str(total))


# --- in place: every member on one page ----------------------------------------------------------


def test_two_competences_show_the_members_with_either(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    a, b = "laser-systems", "optical-metrology"
    either = members(demo, (a, b))
    assert len(members(demo, (a,))) < len(either) and len(members(demo, (b,))) < len(either)
    choose(page, "competence", a)
    assert shown(page) == members(demo, (a,))
    choose(page, "competence", b)
    assert shown(page) == either
    # The count says it, to a screen reader too (a polite live region).
    assert page.locator(".cf-count").get_attribute("aria-live") == "polite"
    assert page.locator(".cf-count").inner_text() == count_text(page, len(either), len(demo.members))
    # The facet's button counts the values chosen, for the eye and in words.
    assert page.locator('button[aria-controls="cf-facet-competence"] .cf-facet__count').inner_text() == "2"
    assert "Chosen: 2" in page.locator('button[aria-controls="cf-facet-competence"]').text_content()


def test_a_competence_and_a_country_show_the_members_with_both(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    competence = "optical-metrology"
    both = members(demo, (competence,), ("DE",))
    assert 0 < len(both) < len(members(demo, (competence,)))
    choose(page, "competence", competence)
    choose(page, "country", "DE")
    assert shown(page) == both
    # Two countries: either of them (and still the competence).
    choose(page, "country", "FR")
    assert shown(page) == members(demo, (competence,), ("DE", "FR"))


def test_the_choice_is_in_the_url(page, demo_url: str) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    assert query(page) == []
    choose(page, "competence", "optical-metrology")
    choose(page, "competence", "laser-systems")
    choose(page, "country", "DE")
    assert urlsplit(page.url).path == "/en/members/"
    # In the order of the boxes (the same link for the same choice), ids as in every language.
    assert query(page) == [("competence", "laser-systems"), ("competence", "optical-metrology"), ("country", "DE")]


def test_a_reload_and_a_shared_link_show_the_same_choice(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/?competence=laser-systems&competence=optical-metrology&country=DE")
    expected = members(demo, ("laser-systems", "optical-metrology"), ("DE",))
    assert shown(page) == expected
    checked = page.locator(".cf-facet__panel input:checked").evaluate_all("bs => bs.map(b => b.name + '=' + b.value)")
    assert checked == ["competence=laser-systems", "competence=optical-metrology", "country=DE"]
    assert page.locator(".cf-count").inner_text() == count_text(page, len(expected), len(demo.members))
    page.reload()
    assert shown(page) == expected
    assert query(page) == [("competence", "laser-systems"), ("competence", "optical-metrology"), ("country", "DE")]
    # A link typed by hand: a country in lower case is still the country; an unknown value is left out.
    page.goto(f"{demo_url}/en/members/?country=de&competence=no-such-thing")
    assert shown(page) == members(demo, (), ("DE",))
    assert query(page) == [("country", "DE")]


def test_back_and_forward_restore_the_choice(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    choose(page, "competence", "laser-systems")
    choose(page, "competence", "optical-metrology")
    page.go_back()
    assert query(page) == [("competence", "laser-systems")]
    assert shown(page) == members(demo, ("laser-systems",))
    assert not page.locator('input[value="optical-metrology"]').is_checked()
    page.go_back()
    assert query(page) == [] and len(shown(page)) == len(demo.members)
    page.go_forward()
    page.go_forward()
    assert shown(page) == members(demo, ("laser-systems", "optical-metrology"))
    assert page.locator('input[value="optical-metrology"]').is_checked()


def test_the_language_links_carry_the_choice(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    choose(page, "competence", "optical-metrology")
    choose(page, "country", "FR")
    choose(page, "country", "CH")
    expected = members(demo, ("optical-metrology",), ("FR", "CH"))
    assert expected
    hrefs = page.locator(".cf-languages a[hreflang]").evaluate_all("as => as.map(a => a.href)")
    assert all(urlsplit(h).query == "competence=optical-metrology&country=FR&country=CH" for h in hrefs), hrefs
    page.locator('.cf-languages a[hreflang="fr"]').click()
    page.wait_for_url(f"{demo_url}/fr/members/?competence=optical-metrology&country=FR&country=CH")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert shown(page) == expected
    assert page.locator('.cf-facet__panel input:checked').evaluate_all("bs => bs.map(b => b.value)") == ["optical-metrology", "FR", "CH"]
    # ... and back to German from there, still with the choice.
    assert urlsplit(page.locator('.cf-languages a[hreflang="de"]').get_attribute("href")).query == "competence=optical-metrology&country=FR&country=CH"


def test_reset_clears_the_url_and_the_filters(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/?competence=laser-systems&type=sme")
    assert len(shown(page)) < len(demo.members)
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("location.search === ''")
    assert urlsplit(page.url).path == "/en/members/"
    assert page.locator(".cf-facet__panel input:checked").count() == 0
    assert len(shown(page)) == len(demo.members)
    assert page.locator(".cf-count").inner_text() == count_text(page, len(demo.members), len(demo.members))
    assert page.locator(".cf-facet__count").count() == 0
    assert all(urlsplit(h).query == "" for h in page.locator(".cf-languages a").evaluate_all("as => as.map(a => a.href)"))
    page.go_back()  # the reset is a step back can undo
    assert query(page) == [("competence", "laser-systems"), ("type", "sme")]


def test_a_chip_on_a_card_filters_by_its_competence(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/?country=DE")
    card = page.locator(".cf-card", has=page.locator('.cf-card__name a[href$="lumera-optics/"]'))
    chip = card.locator(".cf-chips a").first
    cid = demo.members["lumera-optics"].competences[0]
    # Its address is the directory with the competence added (to open in a new tab or to share).
    assert urlsplit(chip.get_attribute("href")).path == "/en/members/"
    assert parse_qsl(urlsplit(chip.get_attribute("href")).query) == [("competence", cid), ("country", "DE")]
    chip.click()
    assert query(page) == [("competence", cid), ("country", "DE")]
    assert shown(page) == members(demo, (cid,), ("DE",))
    assert page.locator(f'input[value="{cid}"]').is_checked()
    # The focus goes where the choice shows: the competence facet, above the results.
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "cf-facet-competence"


def test_the_whole_card_is_one_link_named_by_the_member(page, demo_url: str, demo) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    slug = "lumera-optics"
    name = demo.members[slug].name
    card = page.locator(".cf-card", has=page.locator(f'.cf-card__name a[href$="{slug}/"]'))
    # One link to the member, named by the member's name; the chips are links of their own, none inside another.
    to_member = card.locator(f'a[href$="{slug}/"]')
    assert to_member.count() == 1
    assert card.get_by_role("link", name=name, exact=True).count() == 1
    assert card.locator("a").count() == 1 + len(demo.members[slug].competences)
    assert page.locator("a a").count() == 0
    # The summary, the avatar and the card's padding lead to the member; a chip stays a chip.
    card.scroll_into_view_if_needed()
    for part in (".cf-card__summary", ".cf-avatar", ".cf-card__meta"):
        box = card.locator(part).bounding_box()
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')",
                            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert hit == to_member.get_attribute("href"), part
    chip = card.locator(".cf-chips a").first.bounding_box()
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.cf-chips') !== null",
                         [chip["x"] + chip["width"] / 2, chip["y"] + chip["height"] / 2])
    box = card.locator(".cf-card__summary").bounding_box()
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)
    page.wait_for_url(f"{demo_url}/en/members/{slug}/")


def test_the_facets_work_with_the_keyboard(page, demo_url: str) -> None:  # noqa: ANN001
    page.goto(f"{demo_url}/en/members/")
    button = page.locator('button[aria-controls="cf-facet-competence"]')
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("group", name="Competence").is_visible()
    page.keyboard.press("Tab")  # into the facet's boxes, which follow its button
    first = page.locator("#cf-facet-competence input").first
    assert first.evaluate("b => b === document.activeElement")
    page.keyboard.press("Space")
    assert first.is_checked() and query(page) == [("competence", first.get_attribute("value"))]
    # Each box is named by its label.
    assert page.get_by_role("checkbox", name="Laser systems", exact=True).count() == 1
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.evaluate("b => b === document.activeElement")
    assert page.locator("#cf-facet-competence").is_hidden()


@pytest.mark.parametrize("path", ["/en/members/", "/en/members/?competence=laser-systems&country=DE"])
def test_nothing_moves_while_the_directory_loads(page, demo_url: str, path: str) -> None:  # noqa: ANN001
    """The facets are in their place from the first paint; a choice in the URL is applied before it."""
    page.add_init_script(SHIFTS)
    page.goto(demo_url + path, wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.cfShift") == 0
    assert page.locator('button[aria-controls="cf-facet-competence"]').is_visible()


def test_without_javascript_a_query_changes_nothing_and_every_filter_link_is_there(browser, demo_url: str, demo) -> None:  # noqa: ANN001
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/en/members/?competence=laser-systems&country=DE")
        cards = page.locator(".cf-cards > .cf-card")
        assert cards.count() == len(demo.members)
        assert cards.evaluate_all("cs => cs.every(c => c.checkVisibility())")
        assert page.locator(".cf-facets").is_hidden() and page.locator("details.cf-filter").count() == 4
        assert all(page.locator(f'details.cf-filter[data-filter="{kind}"] a').count() for kind in ("competences", "type", "country", "stages"))
        # A chip leads to its competence's page, which lists the member.
        card = page.locator(".cf-card", has=page.locator('.cf-card__name a[href$="lumera-optics/"]'))
        cid = demo.members["lumera-optics"].competences[0]
        chip = card.locator(".cf-chips a").first
        assert chip.get_attribute("href") == f"../competences/{cid}/"
        chip.click()
        page.wait_for_url(f"{demo_url}/en/competences/{cid}/")
        assert page.locator('a[href$="lumera-optics/"]').count() >= 1
    finally:
        context.close()


# --- across pages: five cards a page, the compact member index ------------------------------------


def test_across_pages_the_choice_combines_and_is_shared(small, browser) -> None:  # noqa: ANN001, F811
    site, project = small
    ix = project.index
    a, b = sorted(ix.by_competence, key=lambda c: -len(ix.by_competence[c]))[:2]
    either = [s for s in ix.slugs if s in set(ix.by_competence[a]) | set(ix.by_competence[b])]
    kind = project.members[either[0]].type
    both = [s for s in either if project.members[s].type == kind]
    assert len(either) > 5 and len(both) < len(either)
    results = "document.querySelectorAll('#cf-results > li').length === {n} && !document.querySelector('.cf-directory[aria-busy]')"
    with served(site) as base:
        context = browser.new_context()
        context.set_default_timeout(TIMEOUT)
        try:
            page = context.new_page()
            page.goto(f"{base}/en/members/page/2/")
            choose(page, "competence", a)
            choose(page, "competence", b)
            page.wait_for_function(results.format(n=len(either)))
            assert shown(page) == either and page.locator(".cf-pages").is_hidden()
            choose(page, "type", kind)
            page.wait_for_function(results.format(n=len(both)))
            assert shown(page) == both
            assert urlsplit(page.url).path == "/en/members/page/2/"
            assert sorted(query(page)) == sorted([("competence", a), ("competence", b), ("type", kind)])
            # Reload, back, the language link.
            page.reload()
            page.wait_for_function(results.format(n=len(both)))
            assert shown(page) == both
            page.go_back()
            page.wait_for_function(results.format(n=len(either)))
            assert shown(page) == either
            page.locator('.cf-languages a[hreflang="de"]').click()
            page.wait_for_url(f"{base}/de/members/page/2/?*")
            page.wait_for_function(results.format(n=len(either)))
            assert shown(page) == either
            # A chip of a drawn card adds its competence.
            first = project.members[either[0]]
            other = next(c for c in first.competences if c not in (a, b))
            with_other = [s for s in ix.slugs if set(project.members[s].competences) & {a, b, other}]
            page.locator("#cf-results > li").first.locator(f'.cf-chips a[data-competence="{other}"]').click()
            page.wait_for_function(results.format(n=len(with_other)))
            assert sorted(query(page)) == sorted([("competence", a), ("competence", b), ("competence", other)])
            # Reset: the page as it was built, its own five cards and the pages.
            page.get_by_role("button", name="Filter zurücksetzen").click()
            page.wait_for_function("location.search === ''")
            assert page.locator("#cf-results").is_hidden() and page.locator(".cf-pages").is_visible()
            assert shown(page) == ix.slugs[5:10]
        finally:
            context.close()


def test_across_pages_a_shared_link_draws_its_results_without_a_shift(small, browser) -> None:  # noqa: ANN001, F811
    """The page's own cards never show: the directory waits unseen until the index's results are drawn
    (on a slow line: the index arrives after the page is painted; fewer results than the page's own
    cards, so that what follows them would move up)."""
    site, project = small
    kind = min(project.index.by_type, key=lambda t: len(project.index.by_type[t]))
    assert len(project.index.by_type[kind]) < PAGE_SIZE

    def slow(route) -> None:  # noqa: ANN001
        time.sleep(0.6)
        route.continue_()

    with served(site) as base:
        context = browser.new_context()
        context.set_default_timeout(TIMEOUT)
        try:
            page = context.new_page()
            page.route("**/data/directory.json", slow)
            page.add_init_script(SHIFTS)
            page.goto(f"{base}/en/members/page/3/?type={kind}", wait_until="load")
            page.wait_for_function("!document.documentElement.classList.contains('cf-filtering')")
            page.wait_for_timeout(300)
            assert shown(page) == project.index.by_type[kind]
            assert page.evaluate("window.cfShift") == 0
        finally:
            context.close()


@pytest.mark.audit
@pytest.mark.parametrize("width", sorted(audit.WIDTHS))
def test_a_choice_and_an_open_facet_pass_axe_and_the_contrast_check(browser, demo_url: str, width: int) -> None:  # noqa: ANN001
    """tests/test_audit_a11y.py audits the directory as it loads; this, with boxes ticked and a facet open."""
    audit.require_npm_file(audit.AXE_JS)
    context = audit.new_context(browser, width, (demo_url,))
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/en/members/?competence=laser-systems&competence=optical-metrology&country=DE")
        choose(page, "type", "sme")
        page.locator(".cf-facet__panel input").first.focus()
        contrast = audit.run_contrast(page)
        violations = audit.run_axe(page)
        where = f"the directory with a choice, at {width} px"
        assert not violations, audit.axe_report(where, violations)
        assert not contrast["failures"] and not contrast["unknown"], audit.contrast_report(where, contrast)
    finally:
        context.close()
