"""The portal's own open data and DCAT-AP catalogue (issue 28, item 3): the clusters' catalogues as
its sub-catalogues, its members index with a JSON Schema; SHACL, schema, same bytes, hostile text."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as rns
from rdflib.compare import isomorphic

from clusterfolio.portal.catalogue import write_portal_data
from clusterfolio.portal.settings import ClusterSource, Portal

from .test_catalog import SHAPES
from .test_portal_search import FJORD, second_cluster
from .test_xss import PAYLOADS

DATE = dt.date(2026, 11, 27)
PORTAL = "https://portal.example.org/"
BASE = PORTAL + "data/catalog.ttl#"
CLUSTERS = (ClusterSource(key="photonik", url="https://cluster.example.org/"), ClusterSource(key="fjord", url=FJORD))


@pytest.fixture(scope="module")
def harvest(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("harvest")
    shutil.copytree(demo_site / "data", folder / "photonik" / "data")
    second_cluster(demo_site / "data", folder / "fjord")
    (folder / "fjord/data/catalog.ttl").unlink()  # it has the JSON-LD, the demo both
    return folder


def portal(tmp_path: Path, clusters: tuple[ClusterSource, ...] = CLUSTERS, name: str = "Clusterportal Test") -> Portal:
    return Portal(root=tmp_path, name=name, languages=("de", "en", "fr"), clusters=clusters)


def written(harvest: Path, out: Path, **kw) -> Path:
    write_portal_data(out, portal(out.parent, **kw), harvest, DATE, PORTAL)
    return out


def test_the_portal_catalogue_conforms_and_holds_the_clusters_catalogues(harvest: Path, tmp_path: Path) -> None:
    site = written(harvest, tmp_path / "site")
    g = Graph().parse(site / "data/catalog.ttl", format="turtle")
    assert isomorphic(g, Graph().parse(site / "data/catalog.jsonld", format="json-ld"))
    ok, _, text = pyshacl.validate(g, shacl_graph=Graph().parse(SHAPES, format="turtle"), inference="none")
    assert ok, text
    catalog = URIRef(BASE + "catalog")
    assert str(g.value(g.value(catalog, rns.DCTERMS.publisher), rns.FOAF.name)) == "Clusterportal Test"
    assert set(g.objects(catalog, rns.DCAT.catalog)) == {URIRef("https://cluster.example.org/data/catalog.ttl#catalog")}
    assert set(g.objects(catalog, rns.DCAT.dataset)) == {URIRef(BASE + "members")}
    assert str(g.value(catalog, rns.DCTERMS.modified)) == DATE.isoformat()
    assert {str(x).rsplit("/", 1)[1] for x in g.objects(catalog, rns.DCTERMS.language)} == {"DEU", "ENG", "FRA"}
    # The clusters' datasets as they published them, their files on their own sites.
    members = URIRef("https://cluster.example.org/data/catalog.ttl#members")
    assert {str(g.value(d, rns.DCAT.downloadURL)) for d in g.objects(members, rns.DCAT.distribution)} >= {
        "https://cluster.example.org/data/members.json"}
    own = {str(g.value(d, rns.DCAT.downloadURL)) for d in g.objects(URIRef(BASE + "members"), rns.DCAT.distribution)}
    assert own == {PORTAL + "data/members.csv", PORTAL + "data/members.json", PORTAL + "data/schema/portal-members.schema.json"}
    size = g.value(URIRef(BASE + "members-members-csv"), rns.DCAT.byteSize)
    assert int(size) == (site / "data/members.csv").stat().st_size


def test_the_members_index_validates_against_its_schema(harvest: Path, tmp_path: Path) -> None:
    site = written(harvest, tmp_path / "site")
    schema = json.loads((site / "data/schema/portal-members.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = json.loads((site / "data/members.json").read_text(encoding="utf-8"))
    assert not list(check.iter_errors(data))
    assert [(c["key"], c["members"]) for c in data["clusters"]] == [("photonik", 24), ("fjord", 2)]
    assert len(data["members"]) == 26
    sonar = next(m for m in data["members"] if m["slug"] == "nordkapp-sonar")
    assert sonar["cluster"] == "fjord" and sonar["urls"]["fr"] == f"{FJORD}fr/members/nordkapp-sonar/"
    assert not check.is_valid({**data, "schema_version": 2})
    assert not check.is_valid({**data, "members": [{k: v for k, v in sonar.items() if k != "urls"}]})
    rows = list(csv.DictReader(io.StringIO((site / "data/members.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 26 and rows[-1]["cluster_name"] == "Fjordlys Optikk"


def files(tree: Path) -> dict[str, bytes]:
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def test_two_runs_write_the_same_bytes(harvest: Path, tmp_path: Path) -> None:
    assert files(written(harvest, tmp_path / "a")) == files(written(harvest, tmp_path / "b"))


def test_without_its_address_the_portal_writes_no_catalogue(harvest: Path, tmp_path: Path) -> None:
    write_portal_data(tmp_path / "site", portal(tmp_path), harvest, DATE)
    assert (tmp_path / "site/data/members.json").is_file() and not list((tmp_path / "site/data").glob("catalog.*"))


def test_hostile_text_stays_literal_and_no_cluster_speaks_for_the_portal(harvest: Path, tmp_path: Path) -> None:
    folder = tmp_path / "harvest"
    shutil.copytree(harvest / "fjord", folder / "fjord")
    members = json.loads((folder / "fjord/data/members.json").read_text(encoding="utf-8"))
    first = members["members"][0]
    members["members"] = [{**first, "slug": f"p{i:02d}", "name": p, "urls": {"en": f"{FJORD}en/members/p{i:02d}/"}}
                          for i, p in enumerate(PAYLOADS)]
    members["members"].append({**first, "slug": "bad-link", "name": "x", "urls": {"en": "javascript:alert(1)"}})
    (folder / "fjord/data/members.json").write_text(json.dumps(members), encoding="utf-8")
    doc = json.loads((folder / "fjord/data/catalog.jsonld").read_text(encoding="utf-8"))
    doc["@graph"].append({"@id": BASE + "catalog", "dct:title": "Owned by the fjord"})  # about the portal's node
    (folder / "fjord/data/catalog.jsonld").write_text(json.dumps(doc), encoding="utf-8")
    hostile = '<script>alert(1)</script> """ \\" @prefix x: <http://x.example.com/> .'
    site = tmp_path / "site"
    write_portal_data(site, portal(tmp_path, (CLUSTERS[1],), name=hostile), folder, DATE, PORTAL)
    g = Graph().parse(site / "data/catalog.ttl", format="turtle")
    assert str(g.value(g.value(URIRef(BASE + "catalog"), rns.DCTERMS.publisher), rns.FOAF.name)) == hostile
    assert "Owned by the fjord" not in {str(t) for t in g.objects(URIRef(BASE + "catalog"), rns.DCTERMS.title)}
    assert "http://x.example.com/" not in {str(ns) for _, ns in g.namespaces()}
    data = json.loads((site / "data/members.json").read_text(encoding="utf-8"))
    assert [m["name"] for m in data["members"]] == PAYLOADS and data["portal"] == hostile
    names = [r["name"] for r in csv.DictReader(io.StringIO((site / "data/members.csv").read_text(encoding="utf-8")))]
    assert len(names) == len(PAYLOADS) and not any(n[:1] in "=+-@" for n in names)
