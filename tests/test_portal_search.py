"""The portal's search (issue 28, item 3): one Pagefind index per language, made from the harvested
members through Pagefind's record API, searched in Chromium with the site's own search box
(theme/overrides/assets/clusterfolio.js) on a small page over the written folder."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from clusterfolio.portal.search import SearchRecord, cluster_records, records_from_harvest, write_portal_search
from clusterfolio.portal.settings import ClusterSource

from .conftest import ROOT, served
from .test_xss import PAYLOADS

LANGS = ("de", "en", "fr")
DEMO = "https://cluster.example.org/"
FJORD = "https://fjord.example.com/"
SCRIPT = ROOT / "theme/overrides/assets/clusterfolio.js"
PAGE = """<!doctype html>
<html lang="{lang}" class="cf-js"><head><meta charset="utf-8"><title>Portal search</title></head>
<body><div class="cf-search" data-bundle="/{lang}/pagefind/" data-shards="1" hidden></div>
<script src="/assets/clusterfolio.js"></script></body></html>
"""


def search_page(site: Path, lang: str) -> None:
    """/<lang>/members/index.html: the site's search box and nothing else."""
    page = site / lang / "members" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(lang=lang), encoding="utf-8")
    (site / "assets").mkdir(exist_ok=True)
    shutil.copyfile(SCRIPT, site / "assets" / "clusterfolio.js")


def read(folder: Path, name: str) -> dict:
    return json.loads((folder / "data" / name).read_text(encoding="utf-8"))


def write(folder: Path, name: str, data: object) -> None:
    (folder / "data" / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def member(template: dict, site: str, slug: str, name: str, summary: dict[str, str], country: str) -> dict:
    return {**template, "slug": slug, "name": name, "summary": summary, "country": country,
            "urls": {lang: f"{site}{lang}/members/{slug}/" for lang in LANGS}}


def second_cluster(demo_data: Path, folder: Path) -> None:
    """A cluster of two members on another site, made from the demo's data."""
    shutil.copytree(demo_data, folder / "data")
    cluster = read(folder, "cluster.json")
    write(folder, "cluster.json", {**cluster, "name": "Fjordlys Optikk", "urls": {lang: f"{FJORD}{lang}/" for lang in LANGS}})
    members = read(folder, "members.json")
    first = members["members"][0]
    members["members"] = [
        member(first, FJORD, "nordkapp-sonar", "Nordkapp Sonar AS", {"de": "Hydroakustische Sensoren für Fischerei und Offshore.",
               "en": "Hydroacoustic sensors for fisheries and offshore.", "fr": "Capteurs hydroacoustiques pour la pêche et l'offshore."}, "NO"),
        member(first, FJORD, "bergen-linse", "Bergen Linse AS", {"en": "Lenses for ship cameras."}, "NO"),
    ]
    write(folder, "members.json", members)


@pytest.fixture(scope="module")
def harvest(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A harvest folder of two clusters: the demo, and a second one on another site."""
    folder = tmp_path_factory.mktemp("harvest")
    shutil.copytree(demo_site / "data", folder / "photonik" / "data")
    second_cluster(demo_site / "data", folder / "fjord")
    return folder


CLUSTERS = (ClusterSource(key="photonik", url=DEMO), ClusterSource(key="fjord", url=FJORD), ClusterSource(key="never-harvested", url=DEMO))


@pytest.fixture(scope="module")
def portal_site(harvest: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("portal") / "site"
    for lang in LANGS:
        assert write_portal_search(site, lang, records_from_harvest(harvest, CLUSTERS, lang)) == 26
        search_page(site, lang)
    return site


@pytest.fixture
def page(browser, portal_site: Path):
    with served(portal_site) as url:
        context = browser.new_context()
        context.route(lambda u: not u.startswith(url), lambda route: route.abort())
        page = context.new_page()
        page.base = url
        yield page
        context.close()


def search(page, lang: str, query: str) -> list[tuple[str, str]]:
    """(title, href) of the shown results of a query on the language's page."""
    page.goto(f"{page.base}/{lang}/members/")
    page.fill("#cf-q", query)
    return shown(page)


def shown(page) -> list[tuple[str, str]]:
    page.wait_for_selector(".cf-search__panel[aria-busy=false]")
    return [(a.inner_text(), a.get_attribute("href")) for a in page.query_selector_all(".cf-search__results li > a")]


QUERIES = [
    ("de", "Ultrakurzpuls", "Femtoforge GmbH", f"{DEMO}de/members/femtoforge/"),
    ("en", "ultrashort", "Femtoforge GmbH", f"{DEMO}en/members/femtoforge/"),
    ("fr", "saphir", "Femtoforge GmbH", f"{DEMO}fr/members/femtoforge/"),
    ("de", "Hydroakustische", "Nordkapp Sonar AS", f"{FJORD}de/members/nordkapp-sonar/"),
    ("en", "hydroacoustic", "Nordkapp Sonar AS", f"{FJORD}en/members/nordkapp-sonar/"),
    ("fr", "hydroacoustiques", "Nordkapp Sonar AS", f"{FJORD}fr/members/nordkapp-sonar/"),
    ("fr", "Fjordlys", "Bergen Linse AS", f"{FJORD}fr/members/bergen-linse/"),  # by its cluster's name, in its only language
]


@pytest.mark.parametrize(("lang", "query", "title", "href"), QUERIES, ids=[f"{q[0]}-{q[1]}" for q in QUERIES])
def test_a_query_finds_the_member_linking_to_its_cluster_site(page, lang: str, query: str, title: str, href: str) -> None:
    found = search(page, lang, query)
    assert found and found[0] == (title, href), found


def test_each_result_names_the_members_cluster(page, harvest: Path) -> None:
    # The result leads to another site: the line under its name says whose.
    search(page, "en", "lenses")
    items = page.query_selector_all(".cf-search__results li")
    named = {item.query_selector("a").inner_text(): item.query_selector(".cf-search__cluster").inner_text() for item in items}
    assert named["Bergen Linse AS"] == "Fjordlys Optikk"
    assert named["Optique Rhénane SAS"] == read(harvest / "photonik", "cluster.json")["name"] != "Fjordlys Optikk"
    # in the reading order: the name, the cluster, the excerpt
    order = page.evaluate("[...document.querySelector('.cf-search__results li').children].map(e => e.className || e.tagName)")
    assert order == ["A", "cf-search__cluster", "cf-search__excerpt"]


def test_results_are_in_the_page_language_only(page) -> None:
    found = search(page, "en", "Femtoforge")
    assert [h for _, h in found] == [f"{DEMO}en/members/femtoforge/"]
    found = search(page, "de", "hydroacoustic")  # the English word: the German index has the German text
    assert found == []


def test_a_filter_narrows_the_results(page) -> None:
    everything = search(page, "en", "lenses")
    page.click(".cf-search__toggle")
    page.wait_for_selector(".cf-search__filters select")
    labels = page.locator(".cf-search__filters label").all_inner_texts()
    assert {label.split()[0] for label in labels} == {"Cluster", "Competence", "Country", "Value-chain"}
    country = page.locator(".cf-search__filters label", has_text="Country").locator("select")
    country.select_option(label=next(o for o in country.locator("option").all_inner_texts() if o.startswith("Norway")))
    narrowed = shown(page)
    assert ("Optique Rhénane SAS", f"{DEMO}en/members/optique-rhenane/") in everything
    assert narrowed == [("Bergen Linse AS", f"{FJORD}en/members/bergen-linse/")]


# --- the records ---------------------------------------------------------------------------------


def test_a_record_has_the_member_its_cluster_and_filters_in_the_language(harvest: Path) -> None:
    records = {r.url: r for r in records_from_harvest(harvest, CLUSTERS, "de")}
    femto = records[f"{DEMO}de/members/femtoforge/"]
    assert femto.title == "Femtoforge GmbH" and femto.lang == "de" and femto.meta == {"cluster": "Photonik & Präzision Neckar-Alb"}
    assert "Ultrakurzpuls" in femto.content and "Photonik & Präzision Neckar-Alb" in femto.content
    assert femto.filters["Land"] == ("Deutschland",) and femto.filters["Cluster"] == ("Photonik & Präzision Neckar-Alb",)
    assert "Mikrobearbeitung" in femto.filters["Kompetenz"] and "Forschung" in femto.filters["Wertschöpfungsstufe"]
    # A member without German text: its cluster's first language that has one.
    assert records[f"{FJORD}de/members/bergen-linse/"].content.startswith("Bergen Linse AS · Lenses for ship cameras. · ")


def test_a_member_whose_address_is_not_on_its_cluster_site_is_left_out(harvest: Path, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(harvest / "fjord", folder)
    members = read(folder, "members.json")
    first = members["members"][0]
    bad = ["javascript:alert(1)//", "https://evil.example.net/en/members/x/", "data:text/html,<script>alert(1)</script>",
           "http://fjord.example.com/en/members/x/", "https://fjord.example.com\\@evil.example.net/", " https://fjord.example.com/x/", None, 7]
    members["members"] = [{**first, "slug": f"m{i}", "name": f"Member {i}", "urls": {"en": url}} for i, url in enumerate(bad)]
    members["members"].append({**first, "urls": {"en": f"{FJORD}en/members/good/"}, "name": "Good AS"})
    members["members"].append({**first, "urls": {"en": f"{FJORD}en/members/nameless/"}, "name": {"en": "not a text"}})
    write(folder, "members.json", members)
    assert [(r.url, r.title) for r in cluster_records(folder, "en")] == [(f"{FJORD}en/members/good/", "Good AS")]


def test_a_broken_harvested_copy_gives_no_record_and_no_error(tmp_path: Path) -> None:
    (tmp_path / "c" / "data").mkdir(parents=True)
    (tmp_path / "c" / "data" / "members.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "c" / "data" / "cluster.json").write_text('{"name": "C", "urls": {"en": "https://c.example.org/en/"}}', encoding="utf-8")
    assert list(cluster_records(tmp_path / "c", "en")) == []
    (tmp_path / "c" / "data" / "members.json").write_text('{"members": [1, "x", {"name": "N"}]}', encoding="utf-8")
    assert list(cluster_records(tmp_path / "c", "en")) == []


def test_a_record_of_another_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="for the index of 'en'"):
        write_portal_search(tmp_path, "en", [SearchRecord("https://c.example.org/de/", "de", "T", "x")])


# --- reproducible ---------------------------------------------------------------------------------


def files(tree: Path) -> dict[str, bytes]:
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def test_two_runs_write_the_same_bytes_whatever_the_records_order(harvest: Path, portal_site: Path, tmp_path: Path) -> None:
    records = list(records_from_harvest(harvest, CLUSTERS, "en"))
    random.Random(3).shuffle(records)
    assert write_portal_search(tmp_path, "en", records + records[:5]) == 26  # each address once
    again = files(tmp_path / "en" / "pagefind")
    assert again == files(portal_site / "en" / "pagefind")
    assert "pagefind.js" in again and not [name for name in again if "ui" in name.split("/")[-1]]
    # A second run over the same folder replaces the bundle: nothing of the first is left.
    write_portal_search(tmp_path, "en", records[:3])
    assert set(files(tmp_path / "en" / "pagefind")) != set(again) and len(list((tmp_path / "en").iterdir())) == 1


# --- hostile harvested text --------------------------------------------------------------------------


def hostile_cluster(template: Path, folder: Path) -> None:
    """A cluster whose name, members' names, summaries and competence ids are the XSS corpus."""
    shutil.copytree(template / "data", folder / "data")
    site = "https://hostile.example.com/"
    write(folder, "cluster.json", {**read(folder, "cluster.json"), "name": "Hostile " + PAYLOADS[0], "urls": {"en": f"{site}en/"}})
    members = read(folder, "members.json")
    first = members["members"][0]
    members["members"] = [{**first, "slug": f"p{i:02d}", "name": f"xssprobe {payload}", "summary": {"en": f"xssprobe {payload}"},
                           "competences": [payload], "urls": {"en": f"{site}en/members/p{i:02d}/"}}
                          for i, payload in enumerate(PAYLOADS)]
    members["members"].append({**first, "name": "xssprobe link", "urls": {"en": "javascript:window.__xss=1//"}})
    write(folder, "members.json", members)


def test_hostile_harvested_text_stays_text(harvest: Path, browser, tmp_path: Path) -> None:
    hostile_cluster(harvest / "fjord", tmp_path / "harvest" / "hostile")
    site = tmp_path / "site"
    records = list(records_from_harvest(tmp_path / "harvest", [ClusterSource(key="hostile", url="https://hostile.example.com/")], "en"))
    assert len(records) == len(PAYLOADS)  # not the javascript: one
    write_portal_search(site, "en", records)
    search_page(site, "en")
    names = {" ".join(f"xssprobe {p}".split()) for p in PAYLOADS}
    with served(site) as url:
        context = browser.new_context()
        outside: list[str] = []
        context.route(lambda u: not u.startswith(url), lambda route: (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.base = url
        found = search(page, "en", "xssprobe")
        clusters = page.locator(".cf-search__cluster").all_inner_texts()
        tags = page.evaluate("[...document.querySelectorAll('.cf-search__results *')].map(e => e.tagName.toLowerCase())")
        xss = page.evaluate("typeof window.__xss")
        context.close()
    assert len(found) == 10 and all(href.startswith("https://hostile.example.com/en/members/p") for _, href in found)
    assert {title for title, _ in found} <= names  # each payload shown as the text it is
    assert set(tags) <= {"li", "a", "p", "mark"} and dialogs == [] and xss == "undefined" and outside == []
    assert clusters == [" ".join(("Hostile " + PAYLOADS[0]).split())] * 10  # the cluster's name as the text it is
