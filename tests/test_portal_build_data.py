"""The portal's own open data, DCAT-AP catalogue and search as `portal build` writes them (issue 28,
item 3: "the portal's own open data and DCAT-AP catalogue, which harvests upward"): a national or
European portal harvests the portal as it would a cluster. Built over the three folder clusters of
test_portal_build; tests/test_portal_catalog.py tests write_portal_data on its own."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from rdflib import RDF, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF

from clusterfolio.portal.build import build_portal
from clusterfolio.portal.settings import read_portal

from .test_catalog import SHAPES, conforms
from .test_portal_build import DAY_AFTER, files_of, portal_home, portal_site  # noqa: F401 - fixtures
from .test_portal_harvest import demo_data  # noqa: F401 - a fixture
from .test_xss import PAYLOADS

PORTAL = "https://portal.example.org/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def catalogue(portal_site: Path) -> Graph:  # noqa: F811 - the fixture
    return Graph().parse(portal_site / "data" / "catalog.ttl", format="turtle")


def kept_members(home: Path) -> dict[str, list[dict]]:
    return {folder.name: json.loads((folder / "data" / "members.json").read_text(encoding="utf-8"))["members"]
            for folder in sorted((home / "harvest").iterdir()) if (folder / "data" / "members.json").is_file()}


def test_both_files_are_one_graph_and_conform_to_dcat_ap(portal_site: Path, catalogue: Graph, shapes: Graph) -> None:  # noqa: F811
    other = Graph().parse(portal_site / "data" / "catalog.jsonld", format="json-ld")
    assert len(catalogue) > 50 and isomorphic(catalogue, other)
    ok, report, _ = conforms(catalogue, shapes)
    assert ok, report


def test_a_broken_portal_catalogue_fails_the_shapes(catalogue: Graph, shapes: Graph) -> None:
    broken = Graph() + catalogue
    for catalog in broken.subjects(RDF.type, DCAT.Catalog):
        broken.remove((catalog, DCTERMS.publisher, None))
        broken.remove((catalog, DCTERMS.title, None))
    assert not conforms(broken, shapes)[0]


def test_the_catalogue_names_the_portal_and_each_clusters_own_catalogue(catalogue: Graph, portal_home: Path) -> None:  # noqa: F811
    portal = [c for c in catalogue.subjects(RDF.type, DCAT.Catalog) if str(c).startswith(PORTAL)]
    assert len(portal) == 1, portal
    (root,) = portal
    publisher = catalogue.value(root, DCTERMS.publisher)
    assert catalogue.value(publisher, FOAF.name) == Literal("Portal Test")
    subs = set(catalogue.objects(root, DCAT.catalog))
    assert len(subs) == 3 and all(not str(s).startswith(PORTAL) for s in subs)
    for sub in subs:  # a cluster's catalogue as it published it: its datasets, its own files
        datasets = list(catalogue.objects(sub, DCAT.dataset))
        assert datasets
        for ds in datasets:
            for dist in catalogue.objects(ds, DCAT.distribution):
                assert str(catalogue.value(dist, DCAT.accessURL)).split("/data/")[0] == str(sub).split("/data/")[0]
    (members,) = list(catalogue.objects(root, DCAT.dataset))
    files = {str(catalogue.value(d, DCAT.downloadURL) or catalogue.value(d, DCAT.accessURL)) for d in catalogue.objects(members, DCAT.distribution)}
    assert {PORTAL + "data/members.json", PORTAL + "data/members.csv"} <= files


def test_the_members_index_holds_every_harvested_member_once_and_validates(portal_site: Path, portal_home: Path) -> None:  # noqa: F811
    index = json.loads((portal_site / "data" / "members.json").read_text(encoding="utf-8"))
    schema = json.loads((portal_site / "data" / "schema" / "portal-members.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(index)
    assert index["schema_version"] == 1 and index["build_date"] == DAY_AFTER.isoformat()
    want = sorted((key, m["slug"]) for key, members in kept_members(portal_home).items() for m in members)
    got = sorted((m["cluster"], m["slug"]) for m in index["members"])
    assert got == want and len(set(got)) == len(got)
    rows = list(csv.DictReader(io.StringIO((portal_site / "data" / "members.csv").read_text(encoding="utf-8"))))
    assert sorted((r["cluster"], r["slug"]) for r in rows) == want
    for m in index["members"]:  # each member's page is on its own cluster's site
        home = next(c["home"] for c in index["clusters"] if c["key"] == m["cluster"])
        assert all(url.startswith(home.split("/en/")[0].split("/de/")[0]) for url in m["urls"].values()), m


def test_the_catalogue_is_linked_from_the_home_and_robots(portal_site: Path) -> None:  # noqa: F811
    home = (portal_site / "en" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PORTAL}data/catalog.ttl"' in home and f'href="{PORTAL}data/catalog.jsonld"' in home
    robots = (portal_site / "robots.txt").read_text(encoding="utf-8")
    assert f"{PORTAL}data/catalog.ttl" in robots


def test_two_builds_give_the_same_data_bytes(portal_home: Path, portal_site: Path, tmp_path: Path) -> None:  # noqa: F811
    build_portal(read_portal(portal_home), DAY_AFTER, target=tmp_path / "again")
    first, second = files_of(portal_site / "data"), files_of(tmp_path / "again" / "data")
    assert first == second


def test_hostile_names_stay_literal_text(portal_home: Path, tmp_path: Path) -> None:  # noqa: F811
    """Member and cluster names from the XSS corpus are literals in the catalogue, strings in the JSON,
    and no CSV cell a spreadsheet would run."""
    import shutil

    home = tmp_path / "portal"
    shutil.copytree(portal_home, home, ignore=shutil.ignore_patterns("site"))
    folder = sorted((home / "harvest").iterdir())[0]
    path = folder / "data" / "members.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for member, payload in zip(data["members"], [*PAYLOADS, "=HYPERLINK(\"https://evil.example.com\")"], strict=False):
        member["name"] = payload
    path.write_text(json.dumps(data), encoding="utf-8")
    build_portal(read_portal(home), DAY_AFTER)
    site = home / "site" / "data"
    names = {m["name"] for m in json.loads((site / "members.json").read_text(encoding="utf-8"))["members"]}
    assert set(PAYLOADS[: len(data["members"])]) & names
    for row in csv.reader(io.StringIO((site / "members.csv").read_text(encoding="utf-8"))):
        assert not any(cell[:1] in "=+-@" and cell for cell in row[1:]), row
    graph = Graph().parse(site / "catalog.ttl", format="turtle")  # still parses: the payloads are data
    assert len(graph) > 50


def test_the_build_indexes_every_harvested_member_for_search_in_each_language(portal_site: Path, portal_home: Path) -> None:  # noqa: F811
    """portal build writes one Pagefind index a language from the harvested records (portal/search.py;
    tests/test_portal_search.py queries such an index in Chromium)."""
    members = sum(len(m) for m in kept_members(portal_home).values())
    for lang in ("en", "de", "fr"):
        entry = json.loads((portal_site / lang / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts = [language["page_count"] for language in entry["languages"].values()]
        assert sum(counts) == members, (lang, counts, members)
