"""The cooperation board (issue 26, item 1): every open request for partners once, newest first,
in every language, and none outside its dates; stable ids; the e-mail that names the request; the
directory's filters in the URL (headless Chromium).

On tests/fixtures/nordlicht, copied, with two more members' `seeks` dated (the fixture itself keeps
one undated request, so its goldens stay as they were): Fjord Sonar from 2026-10-01 to 2027-01-31,
Baltic Data Lab from 2026-11-02 with no end. The board is built on the day before Fjord Sonar's
request opens, on the last day of it and on the day after.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.requests import Request, all_requests, open_requests

from .conftest import TEST_DATE, TESTS, build_project, served

NORDLICHT = TESTS / "fixtures" / "nordlicht"
LANGS = ("en", "de", "fr")

FJORD_SEEKS = """seeks:
  text:
    en: A research partner for sonar signal processing in deep fjords.
    de: Ein Forschungspartner für Sonar-Signalverarbeitung in tiefen Fjorden.
    fr: Un partenaire de recherche pour le traitement du signal sonar dans les fjords profonds.
  partner_types: [research]
  countries: [DE, DK]
  since: 2026-10-01
  until: 2027-01-31
"""
BALTIC_SEEKS = """seeks:
  text:
    en: Companies that test our data platform on board.
    de: Unternehmen, die unsere Datenplattform an Bord testen.
    fr: Des entreprises qui testent notre plateforme de données à bord.
  partner_types: [sme]
  since: 2026-11-02
"""
BEFORE, ON, AFTER = "2026-09-30", "2027-01-31", "2027-02-01"  # around Fjord Sonar's dates


def dated_copy(target: Path, page_size: int | None = None) -> Path:
    """nordlicht with two more dated requests (and, if given, another page size)."""
    shutil.copytree(NORDLICHT, target)
    members = target / "profiles" / "members"
    for slug, seeks in (("fjord-sonar", FJORD_SEEKS), ("baltic-data-lab", BALTIC_SEEKS)):
        path = members / f"{slug}.yml"
        path.write_text(path.read_text(encoding="utf-8") + seeks, encoding="utf-8")
    if page_size:
        config = target / "mkdocs.yml"
        config.write_text(re.sub(r"page_size: \d+", f"page_size: {page_size}", config.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def project_of(root: Path, date: str = TEST_DATE):  # noqa: ANN201
    project, problems = load_project(read_config(root), dt.date.fromisoformat(date))
    assert project is not None, problems
    return project


# The fixtures `dated` and `boards` (this copy, built on the four dates) are in tests/conftest.py:
# tests/test_feeds.py and tests/test_request_data.py read the same builds.


def board_pages(site: Path, lang: str) -> list[str]:
    """Every page of one language's board: the first, then page/2/ …"""
    folder = site / lang / "cooperation"
    pages = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))]
    return [p.read_text(encoding="utf-8") for p in pages if p.is_file()]


def card_ids(html: str) -> list[str]:
    return re.findall(r'<li class="cf-card cf-request[^"]*" id="request-([0-9a-f]+)"', html)


# --- the requests, without the site -------------------------------------------------------------


def test_open_requests_are_newest_first_and_only_between_their_dates(dated: Path) -> None:
    project = project_of(dated)

    def members_on(date: str) -> list[str | None]:
        return [r.member for r in open_requests(project, dt.date.fromisoformat(date)) if r.kind == "seeks"]

    # Newest first (Baltic Data Lab since 2 Nov, Fjord Sonar since 1 Oct), the undated after them.
    assert members_on(TEST_DATE) == ["baltic-data-lab", "fjord-sonar", "kielwasser-messtechnik"]
    assert members_on(BEFORE) == ["kielwasser-messtechnik"]  # neither dated request is open yet
    assert members_on(ON) == ["baltic-data-lab", "fjord-sonar", "kielwasser-messtechnik"]  # until is included
    assert members_on(AFTER) == ["baltic-data-lab", "kielwasser-messtechnik"]
    # The gaps come last, one per empty cell of the value chain, always open.
    found = open_requests(project)
    gaps = [(r.competences[0], r.stage) for r in found if r.kind == "gap"]
    assert gaps == project.index.gaps and gaps
    assert [r.kind for r in found] == ["seeks"] * 3 + ["gap"] * len(gaps)


def test_request_ids_do_not_change_when_members_are_added_or_reordered(dated: Path, tmp_path: Path) -> None:
    before = {r.id: r for r in all_requests(project_of(dated))}
    # A new member whose name sorts first moves every other member one place down the list.
    other = tmp_path / "other"
    shutil.copytree(dated, other)
    first = other / "profiles" / "members" / "aaa-first.yml"
    text = (other / "profiles" / "members" / "fjord-sonar.yml").read_text(encoding="utf-8")
    first.write_text(text.replace("name: Fjord Sonar AS", "name: AAA First AS").replace("fjordsonar", "aaafirst"), encoding="utf-8")
    after = {r.id: r for r in all_requests(project_of(other))}
    assert set(before) < set(after)
    assert all(after[i].member == r.member and after[i].stage == r.stage for i, r in before.items())
    # The same words from another member are another request; the gaps' ids are their cells.
    new = [r for i, r in after.items() if i not in before]
    assert [r.member for r in new if r.kind == "seeks"] == ["aaa-first"]
    assert len({r.id for r in after.values()}) == len(after)


# --- the board ----------------------------------------------------------------------------------


@pytest.mark.parametrize("date", [BEFORE, TEST_DATE, ON, AFTER])
def test_every_open_request_is_on_the_board_once_in_every_language(dated: Path, boards: dict[str, Path], date: str) -> None:
    project = project_of(dated, date)
    expected: list[Request] = open_requests(project)
    closed = [r for r in all_requests(project) if r not in expected]
    for lang in LANGS:
        pages = board_pages(boards[date], lang)
        shown = [i for html in pages for i in card_ids(html)]
        # Every open request exactly once, in the board's order across its pages; none other.
        assert shown == [r.id for r in expected], (lang, date)
        assert not {r.id for r in closed} & set(shown)
        whole = "".join(pages)
        for r in expected:
            if r.member:  # who asks links to its page, once per request
                assert whole.count(f'href="../members/{r.member}/"') + whole.count(f'href="../../../members/{r.member}/"') >= 1
    fjord = "A research partner for sonar signal processing"
    assert (fjord in "".join(board_pages(boards[date], "en"))) == (date in (TEST_DATE, ON))


def test_a_card_says_who_since_when_and_what_and_mails_the_asker_with_a_subject(boards: dict[str, Path]) -> None:
    site = boards[TEST_DATE]
    html = next(h for h in board_pages(site, "de") if 'members/fjord-sonar/"' in h)  # on whichever page the order puts it
    card = html[re.search(r'href="(\.\./)+members/fjord-sonar/"', html).start():]
    card = card[:card.index("</div>\n</li>")]
    assert "Offen seit 1. Oktober 2026" in card and "bis 31. Januar 2027" in card
    assert "Ein Forschungspartner für Sonar-Signalverarbeitung" in card
    assert "Forschungseinrichtung" in card and "Dänemark und Deutschland" in card
    mailto = re.search(r'href="(mailto:[^"]+)"', card)
    assert mailto
    address, _, query = mailto.group(1).partition("?")
    assert address == "mailto:post@fjordsonar.example.com"
    subject = dict(parse_qsl(query))["subject"]
    assert subject.startswith("Ihr Partnergesuch: Ein Forschungspartner für Sonar")
    assert "%20" in query and " " not in mailto.group(1)  # encoded, not raw
    # A gap's e-mail goes to the cluster and names the cell, in the page's language.
    gaps = [unquote(m) for html in board_pages(site, "fr") for m in re.findall(r'href="mailto:office@[^"?]+\?subject=([^"]+)"', html)]
    assert gaps and all(g.startswith("Partenaire pour une lacune de la chaîne de valeur") for g in gaps)


def test_the_board_is_in_the_navigation_after_international(boards: dict[str, Path]) -> None:
    for lang in LANGS:
        html = (boards[TEST_DATE] / lang / "index.html").read_text(encoding="utf-8")
        nav = html[html.index('<nav class="cf-nav"'):]
        tabs = re.findall(r'href="([a-z-]+/)"', nav[:nav.index("</nav>")])
        assert "cooperation/" in tabs
        assert tabs.index("cooperation/") == tabs.index("international/") + 1, tabs


def test_the_board_is_searched_and_lean(boards: dict[str, Path]) -> None:
    html = board_pages(boards[TEST_DATE], "en")[0]
    assert "data-pagefind-body" in html
    board = html[html.index('class="cf-cards cf-requests"'):]
    assert "<img" not in board[:board.index("</article>")]  # cards of text: no logos


# --- the filters, in Chromium -------------------------------------------------------------------

# Shown cards: of the page's own list, or of the results drawn across the board's pages.
SHOWN = """() => [...document.querySelectorAll('.cf-directory > .cf-requests:not([hidden]) > .cf-request:not([hidden])')]
  .filter(c => c.checkVisibility()).map(c => c.dataset.request)"""
SETTLED = "() => !document.documentElement.classList.contains('cf-filtering') && !document.querySelector('.cf-directory[aria-busy]')"


def matching(found: list[Request], countries: set[str] = frozenset(), types: set[str] = frozenset(),
             comps: set[str] = frozenset()) -> list[str]:
    """The ids of the requests a choice shows, in the board's order: any value of a facet, every facet."""
    return [r.id for r in found if (not countries or set(r.countries) & countries)
            and (not types or set(r.partner_types) & types) and (not comps or set(r.competences) & comps)]


@pytest.fixture
def tab(browser) -> Iterator:  # noqa: ANN001
    context = browser.new_context()
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="module")
def board_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dated copy with every request on one page, served."""
    root = dated_copy(tmp_path_factory.mktemp("coop-one-page") / "nordlicht", page_size=48)
    site = tmp_path_factory.mktemp("coop-one-page-site") / "site"
    build_project(root, site)
    with served(site) as url:
        yield url


def test_filters_combine_and_live_in_the_url(browser, board_url: str, dated: Path) -> None:
    project = project_of(dated)
    found = open_requests(project)

    def ids(countries: set[str] = frozenset(), types: set[str] = frozenset(), comps: set[str] = frozenset()) -> list[str]:
        return matching(found, countries, types, comps)

    context = browser.new_context()
    context.set_default_timeout(15_000)
    context.route(lambda url: not url.startswith(board_url), lambda route: route.abort())
    try:
        page = context.new_page()
        # A shared link: the choice is applied on arrival.
        page.goto(f"{board_url}/en/cooperation/?country=DK")
        page.wait_for_function("() => !document.documentElement.classList.contains('cf-filtering')")
        assert page.evaluate(SHOWN) == ids({"DK"}) and len(ids({"DK"})) == 2
        # A second facet narrows (AND); the URL says both.
        page.locator('button.cf-facet[aria-controls="cf-facet-partner"]').click()
        page.locator('#cf-facet-partner input[value="research"]').check()
        assert page.evaluate(SHOWN) == ids({"DK"}, {"research"}) and len(ids({"DK"}, {"research"})) == 1
        assert sorted(parse_qsl(urlsplit(page.url).query)) == [("country", "DK"), ("partner", "research")]
        # The language links carry the choice; a reload keeps it.
        assert "?country=DK&partner=research" in page.locator('.cf-languages a[hreflang="de"]').get_attribute("href")
        page.reload()
        page.wait_for_function("() => !document.documentElement.classList.contains('cf-filtering')")
        assert page.evaluate(SHOWN) == ids({"DK"}, {"research"})
        # A competence chip adds its competence; reset shows everything again.
        page.goto(f"{board_url}/en/cooperation/?competence=sonar")
        page.wait_for_function("() => !document.documentElement.classList.contains('cf-filtering')")
        assert page.evaluate(SHOWN) == ids(comps={"sonar"})
        page.locator("button.cf-reset").click()
        page.wait_for_function(f"() => document.querySelectorAll('.cf-request:not([hidden])').length === {len(found)}")
        assert urlsplit(page.url).query == ""
    finally:
        context.close()


def test_filters_reach_every_page_of_a_paginated_board(tab, boards: dict[str, Path], dated: Path) -> None:  # noqa: ANN001
    found = open_requests(project_of(dated))
    with served(boards[TEST_DATE]) as url:  # two requests a page: three pages
        tab.route(lambda u: not u.startswith(url), lambda route: route.abort())
        page = tab.new_page()
        page.goto(f"{url}/en/cooperation/page/2/?competence=sonar")
        page.wait_for_function(SETTLED)
        wanted = matching(found, comps={"sonar"})
        assert page.evaluate(SHOWN) == wanted and len(wanted) == 2  # one from page 1, one from page 2
        assert page.locator(".cf-count").inner_text() == "2 of 6 requests shown"
        page.locator("button.cf-facet[aria-controls='cf-facet-competence']").click()
        page.locator("#cf-facet-competence input[value='data-platforms']").check()
        page.wait_for_function(SETTLED)
        assert page.evaluate(SHOWN) == matching(found, comps={"sonar", "data-platforms"})  # gaps of page 3 too
        # A card drawn from another page links as it does there.
        page.locator("#cf-results .cf-request__title a").first.click()
        page.wait_for_url(f"{url}/en/members/baltic-data-lab/")


# --- report and release notes (item 5) ----------------------------------------------------------


def test_report_lists_open_requests_by_age_and_those_without_since(dated: Path, run) -> None:  # noqa: ANN001
    result = run("--root", dated, "report", "--date", TEST_DATE, "--format", "json")
    assert result.code == 0, result.err
    requests = json.loads(result.out)["requests"]
    assert [(r["member"], r["days_open"]) for r in requests["open"]] == [("fjord-sonar", 56), ("baltic-data-lab", 24)]  # oldest first
    assert [r["member"] for r in requests["without_since"]] == ["kielwasser-messtechnik"]
    later = json.loads(run("--root", dated, "report", "--date", AFTER, "--format", "json").out)["requests"]
    assert [r["member"] for r in later["expired"]] == ["fjord-sonar"] and [r["member"] for r in later["open"]] == ["baltic-data-lab"]
    text = run("--root", dated, "report", "--date", TEST_DATE).out
    assert "fjord-sonar: open 56 days (since 2026-10-01, until 2027-01-31)" in text
    assert "without a since date (add one to the seeks of: kielwasser-messtechnik)" in text


def test_release_notes_list_new_and_closed_requests(minimal_repo: Path, run) -> None:  # noqa: ANN001
    from .test_scope import git

    members = minimal_repo / "profiles" / "members"
    good = (members / "good.yml").read_text(encoding="utf-8")
    seeks = "seeks:\n  text:\n    en: Distributors in France.\n    de: Vertriebspartner in Frankreich.\n  partner_types: [sme]\n"
    (members / "good.yml").write_text(good + seeks, encoding="utf-8")
    git(minimal_repo, "commit", "-qam", "a request")
    git(minimal_repo, "tag", "v2")
    notes = run("--root", minimal_repo, "changes", "base").out
    assert "### New requests for partners" in notes and "`Gute Optik GmbH` (`good`): `Distributors in France.`" in notes
    # Only its dates changed: the same request, neither new nor closed.
    (members / "good.yml").write_text(good + seeks + "  since: 2026-11-01\n", encoding="utf-8")
    assert "requests for partners" not in run("--root", minimal_repo, "changes", "v2").out
    # Reworded: the old one is closed, the new one is new.
    (members / "good.yml").write_text(good + seeks.replace("France", "Belgium"), encoding="utf-8")
    notes = run("--root", minimal_repo, "changes", "v2").out
    assert "### New requests for partners" in notes and "Belgium" in notes.split("### Closed")[0]
    assert "### Closed requests for partners" in notes and "Distributors in France." in notes.split("### Closed")[1]


def test_an_empty_seeks_from_the_template_is_no_request(dated: Path) -> None:
    path = dated / "profiles" / "members" / "foerde-robotics.yml"
    before = path.read_text(encoding="utf-8")
    try:
        path.write_text(before + "seeks:\n  text:\n    en:\n  partner_types: []\n  countries: []\n", encoding="utf-8")
        assert "foerde-robotics" not in [r.member for r in all_requests(project_of(dated))]
    finally:
        path.write_text(before, encoding="utf-8")


@pytest.mark.parametrize(("lang", "one", "many"), [("en", "Partner type", "Partner types"), ("de", "Partnertyp", "Partnertypen"),
                                                   ("fr", "Type de partenaire", "Types de partenaires")])
def test_a_request_for_one_partner_type_names_it_in_the_singular(dated: Path, lang: str, one: str, many: str) -> None:
    import dataclasses

    from clusterfolio.site.pages.context import Context
    from clusterfolio.site.pages.cooperation import request_card

    config, base = read_config(dated), project_of(dated)
    slug, member = next((s, m) for s, m in sorted(base.members.items()) if m.seeks and m.seeks.text)
    types = list(base.taxonomy.member_types)
    labels = {}
    for n in (1, 2):
        seeks = member.seeks.model_copy(update={"partner_types": types[:n], "countries": ["DE", "FR"][:n]})
        project = dataclasses.replace(base, members={**base.members, slug: member.model_copy(update={"seeks": seeks})})
        r = next(r for r in all_requests(project) if r.member == slug)
        labels[n] = [f.term for f in request_card(Context(config, project, lang), "cooperation/", r).facts]
    assert labels[1][0] == one and labels[2][0] == many
    assert labels[1][1] != labels[2][1] or lang == "fr"  # Country / Countries; French says "Pays" for both
