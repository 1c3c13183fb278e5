"""The catalogues a harvest keeps (issue 28, acceptance: "the SHACL validation of every demo and
fixture catalogue passes; a deliberately broken catalogue fails it").

The harvest reads each cluster's catalogue as RDF, offline (no JSON-LD context from elsewhere), and
checks what a harvester needs (portal/checks.py); here pySHACL validates what it kept against the
official DCAT-AP 3.0.1 shapes (tests/shapes/, as tests/test_catalog.py does for the sites)."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.compare import isomorphic

from clusterfolio.portal.checks import Invalid, catalogue_graph, remote_context
from clusterfolio.portal.harvest import Outcome, harvest
from clusterfolio.portal.settings import ClusterSource, Portal

from .conftest import TEST_DATE, TESTS, build_project
from .test_catalog import SHAPES, conforms

DATE = dt.date.fromisoformat(TEST_DATE)
FIXTURES = ("minimal", "nordlicht")
DEMO = "https://cluster.example.org/data/catalog.ttl#"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def sites(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo's and the fixture clusters' built sites."""
    out = {"demo": demo_site}
    for fixture in FIXTURES:
        out[fixture] = tmp_path_factory.mktemp(fixture) / "site"
        build_project(TESTS / "fixtures" / fixture, out[fixture])
    return out


def harvested(tmp_path: Path, **folders: Path) -> tuple[Path, list[Outcome]]:
    """Harvest the built sites given as folders; the harvest folder and the outcomes."""
    clusters = tuple(ClusterSource(key=key, path=folder) for key, folder in folders.items())
    portal = Portal(root=tmp_path / "portal", name="Portal", languages=("en",), clusters=clusters)
    return portal.root / "harvest", list(harvest(portal, DATE))


@pytest.fixture(scope="module")
def kept(sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, outcomes = harvested(tmp_path_factory.mktemp("harvest"), **sites)
    assert [o.result for o in outcomes] == ["fetched"] * len(sites), [o.reason and o.reason.render("en") for o in outcomes]
    return folder


@pytest.mark.parametrize("key", ["demo", *FIXTURES])
def test_the_kept_catalogues_conform_to_dcat_ap(kept: Path, sites: dict[str, Path], shapes: Graph, key: str) -> None:
    graph = catalogue_graph("catalog.jsonld", (kept / key / "data/catalog.jsonld").read_bytes())
    ok, text, _ = conforms(graph, shapes)
    assert ok, text
    assert len(graph) > 100 and isomorphic(graph, Graph().parse(sites[key] / "data/catalog.ttl", format="turtle"))


def site_copy(site: Path, folder: Path) -> Path:
    shutil.copytree(site / "data", folder / "data")
    return folder


def test_a_site_with_only_turtle_is_harvested_and_conforms(sites: dict[str, Path], shapes: Graph, tmp_path: Path) -> None:
    site = site_copy(sites["nordlicht"], tmp_path / "ttl")
    (site / "data/catalog.jsonld").unlink()
    folder, [outcome] = harvested(tmp_path, ttl=site)
    assert outcome.result == "fetched" and not (folder / "ttl/data/catalog.jsonld").exists()
    graph = catalogue_graph("catalog.ttl", (folder / "ttl/data/catalog.ttl").read_bytes())
    assert conforms(graph, shapes)[0]


def test_a_broken_catalogue_fails_the_shapes(kept: Path, shapes: Graph) -> None:
    graph = catalogue_graph("catalog.jsonld", (kept / "demo/data/catalog.jsonld").read_bytes())
    graph.remove((URIRef(DEMO + "publisher"), rns.RDF.type, rns.FOAF.Agent))  # a publisher must be a foaf:Agent
    graph.remove((URIRef(DEMO + "members-members-csv"), rns.DCAT.mediaType, None))
    graph.add((URIRef(DEMO + "members"), rns.DCTERMS.modified, Literal("last week")))  # a date, not text
    ok, text, paths = conforms(graph, shapes)
    assert not ok
    assert {str(rns.DCTERMS.publisher), str(rns.DCTERMS.modified)} <= paths, text


# --- what the harvest refuses --------------------------------------------------------------------


def edited(site: Path, folder: Path, edit) -> Path:
    """A copy of the site whose catalog.jsonld is edit(its JSON)."""
    copy = site_copy(site, folder)
    path = copy / "data/catalog.jsonld"
    path.write_text(json.dumps(edit(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
    return copy


def nodes(doc: dict, suffix: str) -> dict:
    return next(n for n in doc["@graph"] if n["@id"].endswith(suffix))


def remote(doc: dict) -> dict:
    return {**doc, "@context": "https://evil.example.net/context.jsonld"}


def remote_in_a_node(doc: dict) -> dict:
    nodes(doc, "#members")["@context"] = [{"x": "http://x.example.net/"}, "https://evil.example.net/more.jsonld"]
    return doc


def imported(doc: dict) -> dict:
    return {**doc, "@context": {**doc["@context"], "@import": "https://evil.example.net/base.jsonld"}}


def untyped_catalogue(doc: dict) -> dict:
    nodes(doc, "#catalog")["@type"] = "dcat:Dataset"
    return doc


def untitled_dataset(doc: dict) -> dict:
    del nodes(doc, "#members")["dct:title"]
    return doc


def text_distribution(doc: dict) -> dict:
    nodes(doc, "#labels")["dcat:distribution"] = "cluster.json"
    return doc


REFUSED = [
    (remote, "catalog.jsonld loads its JSON-LD context from 'https://evil.example.net/context.jsonld'"),
    (remote_in_a_node, "catalog.jsonld loads its JSON-LD context from 'https://evil.example.net/more.jsonld'"),
    (imported, "catalog.jsonld loads its JSON-LD context from 'https://evil.example.net/base.jsonld'"),
    (untyped_catalogue, "catalog.jsonld: it describes no dcat:Catalog"),
    (untitled_dataset, f"catalog.jsonld: the dataset '{DEMO}members' has no dct:title"),
    (text_distribution, f"catalog.jsonld: a distribution of the dataset '{DEMO}labels' has no dcat:accessURL"),
]


@pytest.mark.parametrize(("edit", "reason"), REFUSED, ids=[e.__name__ for e, _ in REFUSED])
def test_a_catalogue_that_is_not_one_is_refused_and_the_last_good_copy_kept(
        sites: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit, reason: str) -> None:
    good = site_copy(sites["demo"], tmp_path / "good")
    folder, [first] = harvested(tmp_path, c=good)
    kept = (folder / "c/data/catalog.jsonld").read_bytes()
    shutil.rmtree(good)
    edited(sites["demo"], good, edit)

    def no_network(*args: object) -> None:
        raise AssertionError("the harvest opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    _, [second] = harvested(tmp_path, c=good)
    assert first.result == "fetched" and second.result == "failed"
    assert second.reason is not None and second.reason.render("en").startswith(reason), second.reason.render("en")
    assert second.kept == TEST_DATE and (folder / "c/data/catalog.jsonld").read_bytes() == kept


def test_turtle_that_does_not_parse_is_refused(sites: dict[str, Path], tmp_path: Path) -> None:
    site = site_copy(sites["minimal"], tmp_path / "bad")
    (site / "data/catalog.jsonld").unlink()
    (site / "data/catalog.ttl").write_text("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> dcat:dataset \"unclosed .\n", encoding="utf-8")
    _, [outcome] = harvested(tmp_path, bad=site)
    assert outcome.result == "failed" and outcome.reason.render("en").startswith("catalog.ttl is not RDF that can be read: ")


def test_hostile_text_in_a_catalogue_is_quoted_in_the_reason() -> None:
    body = json.dumps({"@context": "https://evil.example.net/\x1b[31mred\n::error::x"}).encode()
    with pytest.raises(Invalid) as caught:
        catalogue_graph("catalog.jsonld", body)
    text = caught.value.reason.render("en")
    assert "\x1b" not in text and "\n" not in text and "\\x1b" in text


def test_remote_context_finds_strings_only_where_a_context_is() -> None:
    assert remote_context({"@context": {"dcat": "http://www.w3.org/ns/dcat#"}, "@graph": [{"@id": "https://a.example/", "x": "y"}]}) is None
    assert remote_context({"@graph": [{"p": {"@context": "https://b.example/c"}}]}) == "https://b.example/c"
    assert remote_context([{"@context": [None, {"@import": "https://c.example/d"}]}]) == "https://c.example/d"
