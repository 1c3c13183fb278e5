"""Listings of bounded size (issue "Scale"): on a project of 24 members with 5 cards a page in the
directory and 3 lines a page in the compact lists, every listing spans pages; every member appears exactly once per listing, in every language; paginated
pages carry their own canonical URL, hreflang and prev/next links and are in the sitemap; the
filters reach every member without JavaScript and, with it, across all pages."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from clusterfolio import urls
from clusterfolio.config import read_config

from .conftest import MINIMAL, build_project, served

LANGS = ("de", "en", "fr")
PAGE_SIZE = 5
ROWS = 3  # rows_per_page: compact lists (competence, stage, type, cell, country) hold lines
BASE = "https://cluster.example.org"


class Links(HTMLParser):
    """Cards, pagination and head links of a built page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.cards: list[str] = []
        self.next: str | None = None
        self.head: dict[str, list[tuple[str, str]]] = {}
        self.filters: dict[str, list[str]] = {}
        self._card = self._name = self._rows = False
        self._filter: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") in ("canonical", "prev", "next", "alternate"):
            self.head.setdefault(a["rel"], []).append((a.get("hreflang", ""), a["href"]))
        if tag == "li" and "cf-card" in a.get("class", "").split():
            self._card = True
        if tag in ("h2", "h3") and "cf-card__name" in a.get("class", ""):
            self._name = self._card
        if tag == "ul" and "cf-rows" in a.get("class", "").split():
            self._rows = True
        if tag == "li" and self._rows:
            self._name = True  # a row's first link is the member's
        if tag == "a" and self._name:
            self.cards.append(a["href"])
            self._name = False
        if tag == "a" and a.get("rel") == "next":
            self.next = a["href"]
        if tag == "details" and "cf-filter" in a.get("class", ""):
            self._filter = a.get("data-filter")
            self.filters[self._filter] = []
        if tag == "a" and self._filter:
            self.filters[self._filter].append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._rows = False
        if tag == "li":
            self._card = False
        if tag == "details":
            self._filter = None


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The minimal project plus 23 generated members, 5 cards a page, built once."""
    from bench.generate import make_project

    root = make_project(MINIMAL, tmp_path_factory.mktemp("scale") / "project", 23)
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + f"  page_size: {PAGE_SIZE}\n  rows_per_page: {ROWS}\n")
    project = build_project(root, root / "site")
    return root / "site", project


def page_file(site: Path, lang: str, path: str) -> Path:
    return site / lang / path / "index.html"


def walk(site: Path, lang: str, base: str) -> tuple[list[str], list[str]]:
    """Follow a listing's next links from its first page: (page paths, member slugs in order)."""
    paths, slugs = [], []
    path: str | None = base
    while path is not None:
        assert path not in paths, f"{base}: the next links go round in a circle at {path}"
        paths.append(path)
        links = Links(page_file(site, lang, path).read_text(encoding="utf-8"))
        here = f"/{lang}/{path}"
        slugs += [urlsplit(urljoin(here, href)).path.split("/")[3] for href in links.cards]
        path = urlsplit(urljoin(here, links.next)).path.removeprefix(f"/{lang}/") if links.next else None
    return paths, slugs


def listings(project) -> dict[str, list[str]]:  # noqa: ANN001
    """Every listing of the site (its first page) and the members it must list, in name order."""
    ix = project.index
    out = {urls.MEMBERS: ix.slugs}
    out |= {urls.competence(c): ix.by_competence.get(c, []) for c in project.taxonomy.competences}
    out |= {urls.stage(s): ix.by_stage.get(s, []) for s in project.taxonomy.value_chain}
    out |= {urls.member_type(t): ix.by_type.get(t, []) for t in project.taxonomy.member_types}
    out |= {urls.cell(s, c): slugs for (c, s), slugs in ix.by_cell.items()}
    for cc in ix.countries:
        for section, slugs in (("located", ix.by_location.get(cc, [])), ("active", ix.by_market.get(cc, [])),
                               ("seeking", ix.by_sought_country.get(cc, []))):
            if len(slugs) > min(12, PAGE_SIZE):  # a country page shows a few; a list of its own has them all
                out[urls.country_list(cc, section)] = slugs
    return out


def test_the_project_spans_pages(small) -> None:  # noqa: ANN001
    site, project = small
    assert len(project.members) == 24
    assert (site / "en/members/page/5/index.html").is_file() and not (site / "en/members/page/6").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_every_listing_lists_every_member_exactly_once(small, lang: str) -> None:  # noqa: ANN001
    site, project = small
    found = listings(project)
    assert sum(len(slugs) > ROWS for slugs in found.values()) > 10
    for base, expected in found.items():
        size = PAGE_SIZE if base == urls.MEMBERS else ROWS
        paths, slugs = walk(site, lang, base)
        assert len(slugs) == len(set(slugs)), f"{base}: listed twice: {sorted(s for s in slugs if slugs.count(s) > 1)}"
        assert slugs == expected, base
        assert len(paths) == max(1, -(-len(expected) // size)), base
        for path in paths:
            assert len(Links(page_file(site, lang, path).read_text(encoding="utf-8")).cards) <= size


def test_paginated_pages_carry_their_own_canonical_hreflang_and_neighbours(small) -> None:  # noqa: ANN001
    site, _ = small
    sitemap = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    checked = 0
    for lang in LANGS:
        for file in sorted((site / lang).rglob("page/*/index.html")):
            path = file.parent.relative_to(site / lang).as_posix() + "/"
            links = Links(file.read_text(encoding="utf-8"))
            assert links.head["canonical"] == [("", f"{BASE}/{lang}/{path}")]
            alternates = dict(links.head["alternate"])
            assert {code: alternates[code] for code in LANGS} == {code: f"{BASE}/{code}/{path}" for code in LANGS}
            assert (site / lang / path / "index.html").is_file()
            n = int(path.rstrip("/").rsplit("/", 1)[-1])
            base = path.rsplit("page/", 1)[0]
            prev = urlsplit(urljoin(f"/{lang}/{path}", links.head["prev"][0][1])).path
            assert prev == f"/{lang}/{urls.listing_page(base, n - 1)}"
            if "next" in links.head:
                assert urlsplit(urljoin(f"/{lang}/{path}", links.head["next"][0][1])).path == f"/{lang}/{base}page/{n + 1}/"
            assert f"{BASE}/{lang}/{path}" in sitemap
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("lang", LANGS)
def test_the_filters_without_javascript_reach_every_member(small, lang: str) -> None:  # noqa: ANN001
    site, project = small
    ix = project.index
    directory = Links(page_file(site, lang, urls.MEMBERS).read_text(encoding="utf-8"))
    want = {
        "competences": {c: ix.by_competence[c] for c in ix.by_competence},
        "type": {t: ix.by_type[t] for t in ix.by_type},
        "country": {cc: ix.by_location[cc] for cc in ix.by_location},
        "stages": {s: ix.by_stage[s] for s in ix.by_stage},
    }
    assert sorted(directory.filters) == sorted(want)
    for kind, hrefs in directory.filters.items():
        assert len(hrefs) == len(want[kind])
        for href in hrefs:
            target = urlsplit(urljoin(f"/{lang}/{urls.MEMBERS}", href)).path.removeprefix(f"/{lang}/")
            _, slugs = walk(site, lang, target)
            value = target.split("/")[1]
            key = value.upper() if kind == "country" else value
            assert set(want[kind][key]) <= set(slugs), f"{kind} {target}"


def test_the_directory_index_holds_every_member_once(small) -> None:  # noqa: ANN001
    site, project = small
    rows = json.loads((site / urls.DIRECTORY_INDEX).read_text(encoding="utf-8"))["members"]
    assert [r[0] for r in rows] == project.index.slugs
    for slug, name, kind, country, city, competences, stages, logo, tone in rows:
        m = project.members[slug]
        assert (name, kind, country, city, competences, stages) == (m.name, m.type, m.country, m.city, list(m.competences), list(m.value_chain))
        assert logo in ("", ".svg", ".png") and 0 <= tone < 8


def test_the_directory_filters_across_pages_with_javascript(small, browser) -> None:  # noqa: ANN001
    site, project = small
    with served(site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{base}/en/members/page/3/")
            cid = max(project.index.by_competence, key=lambda c: len(project.index.by_competence[c]))
            expected = project.index.by_competence[cid]
            assert len(expected) > PAGE_SIZE
            page.click('button[aria-controls="cf-facet-competence"]')
            page.check(f'input[name="competence"][value="{cid}"]')
            page.wait_for_function(f"document.querySelectorAll('#cf-results > li').length === {len(expected)}")
            names = page.locator("#cf-results .cf-card__name a").all_inner_texts()
            assert names == [project.members[s].name for s in expected]
            assert page.locator(".cf-pages").is_hidden()
            # The drawn links lead to the members' pages.
            href = page.locator("#cf-results .cf-card__name a").first.get_attribute("href")
            assert urlsplit(urljoin(page.url, href)).path == f"/en/members/{expected[0]}/"
            page.uncheck(f'input[name="competence"][value="{cid}"]')
            assert page.locator(".cf-pages").is_visible()
        finally:
            context.close()


def test_open_data_is_a_valid_data_package(demo_site: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(demo_site / "data/datapackage.json"))
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:10]
    package = json.loads((demo_site / "data/datapackage.json").read_text(encoding="utf-8"))
    fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    assert fields == (demo_site / "data/members.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    rows = frictionless.Resource(str(demo_site / "data/members.csv")).read_rows()
    assert len(rows) == 24


def test_home_page_does_not_grow_with_the_members(small) -> None:  # noqa: ANN001
    site, project = small
    from clusterfolio.site.build import language_site

    home = next(p for p in language_site(read_config(site.parent), project, "en").pages if p.kind == "home")
    assert len(home.jsonld()[0]["member"]) == PAGE_SIZE  # the first page of members, not all 24
    html = (site / "en/index.html").read_text(encoding="utf-8")
    assert sum(project.members[s].name in html for s in project.members) <= PAGE_SIZE


def test_a_large_language_is_searched_across_several_bundles(tmp_path: Path, browser, monkeypatch) -> None:  # noqa: ANN001
    """Pagefind holds a run's index in memory: past SHARD_PAGES pages a language gets more bundles,
    and the search box searches them as one."""
    from bench.generate import make_project
    from clusterfolio.site import search

    monkeypatch.setattr(search, "SHARD_PAGES", 10)
    root = make_project(MINIMAL, tmp_path / "project", 23)
    project = build_project(root, root / "site", jobs=1)
    site = root / "site"
    from clusterfolio.site.build import language_site

    searched = sum(p.search for p in language_site(read_config(root), project, "en").pages)  # every page search indexes
    shards = search.shard_count(searched)
    assert shards >= 3
    assert (site / f"en/pagefind-{shards}/pagefind-entry.json").is_file() and not (site / f"en/pagefind-{shards + 1}").exists()
    assert f'data-shards="{shards}"' in (site / "en/members/index.html").read_text(encoding="utf-8")
    with served(site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{base}/en/")
            last = max(project.index.slugs)  # indexed in the last bundle
            page.locator("#cf-q").fill(project.members[last].name.split()[-2])
            page.wait_for_function("document.querySelector('.cf-search__panel').getAttribute('aria-busy') === 'false'")
            hrefs = page.locator(".cf-search__results a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
            assert f"/en/members/{last}/" in hrefs, hrefs
        finally:
            context.close()


@pytest.mark.parametrize("pages", [0, 1, 9, 10, 11, 25, 31])
def test_shards_hold_every_searchable_page_once_in_even_runs(pages: int, monkeypatch) -> None:  # noqa: ANN001
    """Even runs: the largest bundle (and the largest Pagefind process) is as small as it can be."""
    from clusterfolio.site import search

    monkeypatch.setattr(search, "SHARD_PAGES", 10)
    paths = [f"members/m{i:02}/" for i in range(pages)]
    runs = search.shards(paths)
    assert len(runs) == search.shard_count(pages)
    assert [p for run in runs for p in run] == paths
    assert max(map(len, runs)) <= 10 and max(map(len, runs)) - min(map(len, runs)) <= len(runs)
    assert all(runs) if pages else runs == [[]]
