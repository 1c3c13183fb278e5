"""The DCAT-AP catalogue, the open data's JSON Schemas and the sitemap index (issue 28, items 1 and 4).

The catalogue is checked as a harvester reads it: rdflib parses both files to one graph, and pySHACL
validates it against the official DCAT-AP 3.0.1 shapes (tests/shapes/, with their licence)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef

# The vocabularies through their module: pytest's collection probes the test module's names, and
# rdflib's closed namespaces warn on an unknown attribute.
from rdflib import namespace as rns
from rdflib.compare import isomorphic

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.site import sitefiles
from clusterfolio.site.catalog import catalogue, jsonld, turtle
from clusterfolio.site.dataschemas import SCHEMA_VERSION, data_schemas

from .conftest import ROOT, TEST_DATE, TESTS, build_project

SHAPES = TESTS / "shapes" / "dcat-ap-3.0.1-SHACL.ttl"
FIXTURES = ("minimal", "nordlicht")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def project_of(root: Path):
    config = read_config(root)
    project, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project is not None, problems
    return config, project


def conforms(graph: Graph, shapes: Graph) -> tuple[bool, str, set[str]]:
    """Whether the graph conforms; the report's text; the paths of the violations."""
    ok, report, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=False)
    paths = {str(p) for p in report.objects(None, rns.SH.resultPath)}
    return ok, text, paths


def test_both_files_are_one_graph(demo_site: Path) -> None:
    ttl = Graph().parse(demo_site / "data/catalog.ttl", format="turtle")
    ld = Graph().parse(demo_site / "data/catalog.jsonld", format="json-ld")
    assert len(ttl) > 300 and isomorphic(ttl, ld)
    catalog = URIRef("https://cluster.example.org/data/catalog.ttl#catalog")
    assert (catalog, rns.RDF.type, rns.DCAT.Catalog) in ttl
    datasets = {str(d).rsplit("#", 1)[1] for d in ttl.objects(catalog, rns.DCAT.dataset)}
    assert datasets == {"members", "requests", "labels", "activities", "gaps"}


def test_the_demo_catalogue_conforms_to_dcat_ap(demo_site: Path, shapes: Graph) -> None:
    ok, text, _ = conforms(Graph().parse(demo_site / "data/catalog.ttl", format="turtle"), shapes)
    assert ok, text


@pytest.mark.parametrize("fixture", FIXTURES)
def test_the_fixture_clusters_catalogues_conform_to_dcat_ap(fixture: str, shapes: Graph) -> None:
    config, project = project_of(TESTS / "fixtures" / fixture)
    graph = Graph().parse(data=turtle(catalogue(config, project)), format="turtle")
    ok, text, _ = conforms(graph, shapes)
    assert ok, text


def test_a_broken_catalogue_fails_the_shapes(demo_site: Path, shapes: Graph) -> None:
    graph = Graph().parse(demo_site / "data/catalog.ttl", format="turtle")
    members = URIRef("https://cluster.example.org/data/catalog.ttl#members")
    graph.remove((members, rns.DCTERMS.title, None))  # a dataset needs a title
    publisher = URIRef("https://cluster.example.org/data/catalog.ttl#publisher")
    graph.remove((publisher, rns.RDF.type, rns.FOAF.Agent))  # a publisher must be a foaf:Agent
    graph.add((members, rns.DCAT.distribution, Literal("members.csv")))  # a distribution is a node, not text
    ok, text, paths = conforms(graph, shapes)
    assert not ok
    assert {str(rns.DCTERMS.title), str(rns.DCTERMS.publisher), str(rns.DCAT.distribution)} <= paths, text


def test_the_catalogue_says_what_a_harvester_needs(demo_site: Path) -> None:
    g = Graph().parse(demo_site / "data/catalog.ttl", format="turtle")
    base = "https://cluster.example.org/data/catalog.ttl#"
    members = URIRef(base + "members")
    downloads = {str(g.value(d, rns.DCAT.downloadURL)) for d in g.objects(members, rns.DCAT.distribution)}
    assert downloads == {f"https://cluster.example.org/data/{n}" for n in ("members.csv", "members.json", "datapackage.json")}
    csv_dist = URIRef(base + "members-members-csv")
    assert int(g.value(csv_dist, rns.DCAT.byteSize)) == (demo_site / "data/members.csv").stat().st_size
    assert str(g.value(csv_dist, rns.DCTERMS.license)) == "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    assert str(g.value(members, rns.DCTERMS.modified)) == TEST_DATE
    assert {str(x).rsplit("/", 1)[1] for x in g.objects(members, rns.DCTERMS.language)} == {"DEU", "ENG", "FRA"}
    assert "http://publications.europa.eu/resource/authority/country/DEU" in {str(x) for x in g.objects(members, rns.DCTERMS.spatial)}
    titles = {t.language: str(t) for t in g.objects(members, rns.DCTERMS.title)}
    assert set(titles) == {"de", "en", "fr"} and titles["en"] == "Cluster members" and titles["de"] != titles["en"]
    contact = g.value(members, rns.DCAT.contactPoint)
    assert str(g.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))).startswith("mailto:")


def test_the_catalogue_is_the_same_bytes_in_another_process(demo_site: Path) -> None:
    # Another hash seed: nothing in the bytes may follow set or dict order of one process.
    code = ("import sys, datetime as dt; from pathlib import Path; from clusterfolio.config import read_config;"
            "from clusterfolio.project import load_project; from clusterfolio.site.catalog import catalogue, turtle, jsonld, file_sizes, topics;"
            "c = read_config(Path(sys.argv[1])); p, _ = load_project(c, dt.date.fromisoformat(sys.argv[2]));"
            "site = Path(sys.argv[3]); paths = sorted({x.path for t in topics(c) for x in t.parts} | {'data/datapackage.json'});"
            "g = catalogue(c, p, file_sizes(site, paths)); sys.stdout.write(turtle(g) + '\\0' + jsonld(g))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), TEST_DATE, str(demo_site)], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    ttl, ld = out.split("\0")
    assert ttl == (demo_site / "data/catalog.ttl").read_text(encoding="utf-8")
    assert ld == (demo_site / "data/catalog.jsonld").read_text(encoding="utf-8")


def test_the_catalogue_is_linked_from_the_home_robots_and_the_data_package(demo_site: Path) -> None:
    for lang in ("de", "en", "fr"):
        home = (demo_site / lang / "index.html").read_text(encoding="utf-8")
        assert '<link rel="alternate" type="text/turtle"' in home and 'href="https://cluster.example.org/data/catalog.ttl"' in home
        assert 'type="application/ld+json"' in home and 'href="https://cluster.example.org/data/catalog.jsonld"' in home
    assert "data/catalog.ttl" not in (demo_site / "en/members/index.html").read_text(encoding="utf-8")
    robots = (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert "# https://cluster.example.org/data/catalog.ttl" in robots
    package = json.loads((demo_site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["catalog"] == {"turtle": "catalog.ttl", "jsonld": "catalog.jsonld"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


# --- The open data's JSON and its schemas (item 3) ---

JSON_FILES = ("cluster", "members", "requests", "datapackage", "directory", "board")


def validator(site: Path, name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((site / f"data/schema/{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("name", JSON_FILES)
def test_each_json_file_carries_its_version_and_validates_against_its_published_schema(demo_site: Path, name: str) -> None:
    data = json.loads((demo_site / f"data/{name}.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(demo_site, name).iter_errors(data)]
    assert not errors, errors[:5]


def test_the_schemas_refuse_what_would_break_a_reader(demo_site: Path) -> None:
    members = json.loads((demo_site / "data/members.json").read_text(encoding="utf-8"))
    check = validator(demo_site, "members")
    assert len(members["members"]) == 24 and check.is_valid(members)
    assert not check.is_valid({**members, "schema_version": SCHEMA_VERSION + 1})
    nameless = {k: v for k, v in members["members"][0].items() if k != "name"}
    assert not check.is_valid({**members, "members": [nameless]})
    assert not check.is_valid({**members, "members": [{**members["members"][0], "founded": "long ago"}]})
    cluster = json.loads((demo_site / "data/cluster.json").read_text(encoding="utf-8"))
    assert not validator(demo_site, "cluster").is_valid({**cluster, "labels": [{**cluster["labels"][0], "status": "current"}]})


def test_the_data_package_names_each_json_files_schema(demo_site: Path) -> None:
    package = json.loads((demo_site / "data/datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["path"]: r.get("json_schema") for r in package["resources"] if r["path"].endswith(".json")}
    assert schemas == {"members.json": "schema/members.schema.json", "cluster.json": "schema/cluster.schema.json",
                       "requests.json": "schema/requests.schema.json"}
    assert package["json_schema"] == "schema/datapackage.schema.json"
    assert set(data_schemas()) == set(JSON_FILES)
    assert all((demo_site / "data" / path).is_file() for path in [*schemas.values(), package["json_schema"]])


# --- The sitemap index (item 4) ---

def written_sitemaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, urls: int = 10**9, size: int = 10**9) -> tuple[Path, list[str]]:
    monkeypatch.setattr(sitefiles, "SITEMAP_URLS", urls)
    monkeypatch.setattr(sitefiles, "SITEMAP_BYTES", size)
    config, project = project_of(TESTS / "fixtures" / "minimal")
    paths = ["", "members/", *(f"members/member-{i:03d}/" for i in range(40))]
    sitefiles.write_site_files(config, project, tmp_path, paths)
    return tmp_path, [f"{base}{lang}/{p}" for p in paths for lang in config.languages for base in ["https://cluster.example.org/"]]


def locs(path: Path, tag: str) -> list[str]:
    return [e.text or "" for e in ET.parse(path).getroot().iter(f"{SITEMAP_NS}{tag}")]


def test_a_site_under_the_limit_has_one_sitemap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, expected = written_sitemaps(tmp_path, monkeypatch)
    assert ET.parse(site / "sitemap.xml").getroot().tag == f"{SITEMAP_NS}urlset"
    assert locs(site / "sitemap.xml", "loc") == expected and not list(site.glob("sitemap-*.xml"))


@pytest.mark.parametrize("limit", [{"urls": 10}, {"size": 4000}])
def test_past_the_limit_the_sitemap_is_an_index_of_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: dict[str, int]) -> None:
    site, expected = written_sitemaps(tmp_path, monkeypatch, **limit)
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    parts = locs(site / "sitemap.xml", "loc")
    assert len(parts) > 2 and parts == [f"https://cluster.example.org/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert [e.text for e in index.iter(f"{SITEMAP_NS}lastmod")] == [TEST_DATE] * len(parts)
    seen: list[str] = []
    for n in range(1, len(parts) + 1):
        part = site / f"sitemap-{n}.xml"
        assert ET.parse(part).getroot().tag == f"{SITEMAP_NS}urlset"
        found = locs(part, "loc")
        assert found and len(found) <= limit.get("urls", 10**9) and part.stat().st_size <= limit.get("size", 10**9)
        seen += found
    assert seen == expected  # every page once, in order, in exactly one part
    assert not (site / f"sitemap-{len(parts) + 1}.xml").exists()
    assert "Sitemap: https://cluster.example.org/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_hostile_texts_and_addresses_stay_data_in_both_files() -> None:
    # As if check had been skipped: quotes, triple quotes, a line break, markup and a backslash in
    # the names, characters Turtle cannot carry in an address in the web address.
    config, project = project_of(TESTS / "fixtures" / "minimal")
    hostile = 'Evil """ \\" e.V.\n<script>alert(1)</script> \'\'\' @prefix x: <http://x.example.com/> .'
    website = 'https://cluster.example.org/a b<c>"d"{|}^`'
    cluster = project.cluster.model_copy(update={"legal_name": hostile, "website": website})
    graph = catalogue(config, dataclasses.replace(project, cluster=cluster))
    for data, fmt in ((turtle(graph), "turtle"), (jsonld(graph), "json-ld")):
        parsed = Graph().parse(data=data, format=fmt)
        assert isomorphic(parsed, graph)
        names = {str(o) for o in parsed.objects(None, rns.FOAF.name)}
        assert names == {hostile}
        homepage = str(parsed.value(URIRef("https://cluster.example.org/data/catalog.ttl#publisher"), rns.FOAF.homepage))
        assert homepage == "https://cluster.example.org/a%20b%3Cc%3E%22d%22%7B%7C%7D%5E%60"
        assert "http://x.example.com/" not in {str(ns) for _, ns in parsed.namespaces()}


def test_without_site_url_check_warns_and_the_build_writes_no_catalogue(project: Path, run, tmp_path: Path) -> None:
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(re.sub(r"(?m)^site_url:.*\n", "", mkdocs.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("--root", project, "check", "--format", "json")
    assert [(p["code"], p["file"], p["field"]) for p in result.problems] == [("CF-W605", "mkdocs.yml", "site_url")]
    assert "/data/catalog.ttl" in result.problems[0]["message"]
    out = tmp_path / "site"
    build_project(project, out)
    assert (out / "data/members.json").is_file() and not list((out / "data").glob("catalog.*"))
    assert "text/turtle" not in (out / "en/index.html").read_text(encoding="utf-8")
    assert "catalog" not in (out / "robots.txt").read_text(encoding="utf-8")
    config, built = project_of(TESTS / "fixtures" / "minimal")  # with site_url: not a word about it
    assert not [p for p in load_project(config, built.build_date)[1] if p.code == "CF-W605"]
