"""The portal's own open data and DCAT-AP catalogue (issue 28, item 3), so that a national or
European portal harvests the portal as it would a cluster.

`write_portal_data` writes /data/members.json, /data/members.csv and their JSON Schema
(portal/portaldata.py), and, when the portal knows its address, /data/catalog.ttl and
/data/catalog.jsonld: a dcat:Catalog published by the portal, whose dcat:catalog are the harvested
clusters' own catalogues (their datasets and distributions as each cluster published them, pointing
at its own files) and whose dcat:dataset is the portal's members index. The graph is built with the
cluster site's (site/catalog.py's CatalogueGraph) and written by its serialisers. docs/portal.md,
"The portal's catalogue".
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from .. import urls
from ..site.catalog import CATALOG_JSONLD, CATALOG_TTL, CatalogueGraph, Part, Topic, file_sizes, jsonld, turtle
from .checks import Invalid, catalogue_graph
from .harvest import CATALOGUES
from .portaldata import (
    MEMBERS_CSV,
    MEMBERS_JSON,
    SCHEMA,
    HarvestedCluster,
    harvested_clusters,
    members_csv,
    members_index,
    members_schema,
)
from .settings import Portal

MEMBERS = Topic("members", "", (Part(MEMBERS_CSV, "csv"), Part(MEMBERS_JSON, "json")))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def kept_catalogue(folder: Path) -> Graph | None:
    """A harvested cluster's kept catalogue, read as the harvest read it (offline), or None."""
    for name in CATALOGUES:
        path = folder / "data" / name
        if path.is_file():
            try:
                return catalogue_graph(name, path.read_bytes())
            except (Invalid, OSError):
                return None
    return None


class PortalCatalogue(CatalogueGraph):
    """The portal's catalogue's graph."""

    def __init__(self, portal: Portal, site_url: str, date: dt.date, sizes: dict[str, int]) -> None:
        super().__init__(site_url, portal.languages, date, portal.name, sizes)
        self.portal = portal

    def build(self, clusters: list[tuple[HarvestedCluster, Graph]]) -> Graph:
        catalog = self.node("catalog")
        self.add(catalog, RDF.type, DCAT.Catalog)
        for t in self.translators:
            self.add(catalog, DCTERMS.title, Literal(t._("{name}: open data").format(name=self.portal.name), lang=t.lang))
            self.add(catalog, DCTERMS.description, Literal(t._("The open data of the clusters this portal lists, as each publishes it on "
                                                               "its own site, and the portal's index of their members."), lang=t.lang))
        self.add(catalog, DCTERMS.publisher, self.publisher())
        self.add(catalog, FOAF.homepage, self.document(urls.asset(self.site_url, "")))
        self.add(catalog, DCTERMS.language, *self.languages())
        self.add(catalog, DCTERMS.modified, self.modified)
        self.add(catalog, DCTERMS.license, self.licence())
        self.theme_taxonomy(catalog)
        self.add(catalog, DCAT.dataset, self.members())
        others = {origin(c.home) for c, _ in clusters} | {origin(self.site_url)}
        for cluster, graph in clusters:
            for sub in self.merge(graph, origin(cluster.home), others):
                self.add(catalog, DCAT.catalog, sub)
        return self.g

    def publisher(self) -> URIRef:
        agent = self.node("publisher")
        self.add(agent, RDF.type, FOAF.Agent, FOAF.Organization)
        self.add(agent, FOAF.name, Literal(self.portal.name))
        self.add(agent, FOAF.homepage, self.document(urls.asset(self.site_url, "")))
        return agent

    def members(self) -> URIRef:
        """The portal's members index as a dataset."""
        ds = self.node("members")
        self.add(ds, RDF.type, DCAT.Dataset)
        for t in self.translators:
            self.add(ds, DCTERMS.title, Literal(t._("Members of the portal's clusters"), lang=t.lang))
            self.add(ds, DCTERMS.description, Literal(t._("One row per member of every cluster of the portal: its cluster, competences, "
                                                          "value-chain stages, country and its page on its cluster's site."), lang=t.lang))
        self.add(ds, DCTERMS.identifier, Literal(str(ds)))
        self.add(ds, DCTERMS.publisher, self.node("publisher"))
        self.add(ds, DCTERMS.modified, self.modified)
        self.add(ds, DCTERMS.language, *self.languages())
        self.add(ds, DCAT.landingPage, *(self.document(urls.absolute(self.site_url, lang, "")) for lang in self.langs))
        for part in MEMBERS.parts:
            self.add(ds, DCAT.distribution, self.distribution(MEMBERS, part))
        schema = self.distribution(MEMBERS, Part(SCHEMA, "json"))
        self.add(ds, DCAT.distribution, schema)
        return ds

    def merge(self, graph: Graph, own: str, others: set[str]) -> list[URIRef]:
        """Add what a cluster's catalogue says about its own nodes and the outside resources it
        names, never about the portal's or another cluster's; its catalogues."""
        for s, p, o in sorted(graph):
            if isinstance(s, BNode) or isinstance(o, BNode):
                continue  # a clusterfolio catalogue has none; an id of one would change from run to run
            where = origin(str(s))
            if where in others and where != own:
                continue
            self.g.add((s, p, o))
        return sorted(c for c in graph.subjects(RDF.type, DCAT.Catalog)
                      if isinstance(c, URIRef) and origin(str(c)) == own)


def write_portal_data(site: Path, portal: Portal, harvest_folder: Path, date: dt.date, site_url: str | None = None) -> None:
    """Write the portal's /data/: the members index and its schema, then (with the portal's address,
    portal.yml's site_url) the catalogue, which states the index's sizes."""
    site_url = site_url or getattr(portal, "site_url", None)
    clusters = harvested_clusters(harvest_folder, portal.clusters, portal.languages)
    data = site / "data"
    (data / "schema").mkdir(parents=True, exist_ok=True)
    (site / MEMBERS_JSON).write_text(json.dumps(members_index(portal.name, date, clusters), ensure_ascii=False, separators=(",", ":")) + "\n",
                                     encoding="utf-8")
    (site / MEMBERS_CSV).write_text(members_csv(clusters, portal.languages), encoding="utf-8")
    (site / SCHEMA).write_text(json.dumps(members_schema(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not site_url:
        return  # a catalogue names every file by its address
    graphs = [(c, g) for c in clusters if (g := kept_catalogue(harvest_folder / c.key)) is not None]
    sizes = file_sizes(site, [MEMBERS_CSV, MEMBERS_JSON, SCHEMA])
    graph = PortalCatalogue(portal, site_url, date, sizes).build(graphs)
    (site / CATALOG_TTL).write_text(turtle(graph), encoding="utf-8")
    (site / CATALOG_JSONLD).write_text(jsonld(graph), encoding="utf-8")
