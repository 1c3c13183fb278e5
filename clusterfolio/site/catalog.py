"""The DCAT-AP catalogue of the open data (SPEC §4.4, §7; issue 28): /data/catalog.ttl and
/data/catalog.jsonld describe the files under /data/ so that portals (a clusterfolio portal, CKAN
with ckanext-dcat, GovData, data.europa.eu) harvest them without reading clusterfolio's formats.

Every node has an IRI under the site (no blank nodes), so two builds of the same input on the same
date write the same bytes; docs/decisions.md, "The DCAT-AP catalogue", says what is mapped and why."""
from __future__ import annotations

import datetime as dt
import json
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Project
from .dataschemas import schema_path

CATALOG_TTL, CATALOG_JSONLD = urls.CATALOG_TTL, urls.CATALOG_JSONLD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
# The open data's licence (docs/decisions.md): the EU licence table's entry, its deed, its SPDX id.
LICENCE = URIRef(EU + "licence/CC_BY_4_0")
LICENCE_DEED = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_SPDX = "CC-BY-4.0"
THEME = URIRef(EU + "data-theme/ECON")  # "Economy and finance": data about businesses and their networks
FREQUENCY = URIRef(EU + "frequency/DAILY")  # a published site is rebuilt daily (SPEC §4.1)
# ADMS publisher type: a cluster initiative is a consortium of companies and research institutes.
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/IndustryConsortium")
FRICTIONLESS = URIRef("https://specs.frictionlessdata.io/data-package/")
TABLE_SCHEMA = URIRef("https://specs.frictionlessdata.io/table-schema/")

# ISO 639-1 → the EU language table (ISO 639-3 codes): the EU's languages, the EEA's and those a
# cluster abroad often writes in. A site language outside it is left out of dct:language.
EU_LANGUAGES = {
    "bg": "BUL", "ca": "CAT", "cs": "CES", "cy": "CYM", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG",
    "es": "SPA", "et": "EST", "eu": "EUS", "fi": "FIN", "fr": "FRA", "ga": "GLE", "gl": "GLG", "hr": "HRV",
    "hu": "HUN", "is": "ISL", "it": "ITA", "lb": "LTZ", "lt": "LIT", "lv": "LAV", "mk": "MKD", "mt": "MLT",
    "nb": "NOB", "nl": "NLD", "nn": "NNO", "no": "NOR", "pl": "POL", "pt": "POR", "ro": "RON", "sk": "SLK",
    "sl": "SLV", "sq": "SQI", "sr": "SRP", "sv": "SWE", "tr": "TUR", "uk": "UKR", "ru": "RUS", "ar": "ARA",
    "ja": "JPN", "ko": "KOR", "zh": "ZHO",
}
# CLDR's territory aliases include every ISO 3166-1 alpha-3 code; these few are withdrawn ones.
_WITHDRAWN = {"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"}


def iri(address: str) -> URIRef:
    """An address from a profile as an IRI: characters Turtle and N-Triples cannot carry inside
    <…> (space, <, >, ", {, }, |, \\, ^, `) percent-encoded, whatever the profile let through."""
    return URIRef(urllib.parse.quote(address, safe="".join(chr(i) for i in range(0x21, 0x7F) if chr(i) not in '<>"{}|\\^`') + "%"))


def alpha3(country: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 one (the EU country table's code), from CLDR."""
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and code not in _WITHDRAWN and targets == [country.upper()]:
            return code
    return None


@dataclass(frozen=True)
class Part:
    """One file of /data/ as a distribution of a dataset."""

    path: str  # under the site root
    kind: str  # "csv" or "json"
    conforms: URIRef | None = None  # what its shape follows (a JSON Schema, a Table Schema)


@dataclass(frozen=True)
class Topic:
    """One dataset of the catalogue: the site page it is shown on, and its files."""

    name: str
    page: str  # the page of every language that shows it
    parts: tuple[Part, ...]


def topics(config: Config) -> tuple[Topic, ...]:
    """The datasets: what opendata.py and requestdata.py write, one dataset per thing a partner asks about."""
    def schema(name: str) -> URIRef:
        return URIRef(urls.asset(config.site_url, schema_path(name)))

    cluster = Part("data/cluster.json", "json", schema("cluster"))
    return (
        Topic("members", urls.MEMBERS, (Part("data/members.csv", "csv", TABLE_SCHEMA), Part("data/members.json", "json", schema("members")))),
        Topic("requests", urls.COOPERATION, (Part("data/requests.csv", "csv", TABLE_SCHEMA), Part("data/requests.json", "json", schema("requests")))),
        Topic("labels", urls.LABEL, (cluster,)),
        Topic("activities", urls.INTERNATIONAL, (cluster,)),
        Topic("gaps", urls.VALUE_CHAIN, (cluster,)),
    )


def texts(t: Translator, name: str) -> tuple[str, str]:
    """A dataset's title and description in one language (the catalogue's own words)."""
    _ = t._
    return {
        "members": (_("Cluster members"), _("The members' competence profiles with all their translations: competences, value-chain stages, markets, offers and what partners they seek.")),
        "requests": (_("Open requests for partners"), _("The members' open requests for partners and the value chain's gaps on the build date, as on the cooperation board.")),
        "labels": (_("Cluster quality labels"), _("The cluster's quality labels with their issuer, validity dates and status on the build date (key \"labels\" of cluster.json).")),
        "activities": (_("International activities"), _("The cluster's international activities: trade fairs, conferences, delegations, matchmaking events and projects (key \"activities\" of cluster.json).")),
        "gaps": (_("Value-chain gaps"), _("The competences at value-chain stages that no member works on, for which the cluster seeks partners (key \"gaps\" of cluster.json).")),
    }[name]


class CatalogueGraph:
    """What every DCAT-AP catalogue of clusterfolio is built with, a cluster site's (Catalogue) and a
    portal's (portal/catalogue.py): its nodes under the site's catalogue address, the outside
    resources it names typed, the languages, the licence, and distributions of the site's files."""

    def __init__(self, site_url: str, languages: tuple[str, ...], modified: dt.date, attribution: str,
                 sizes: dict[str, int] | None = None) -> None:
        self.site_url, self.langs, self.attribution, self.sizes = site_url, languages, attribution, sizes or {}
        self.base = urls.asset(site_url, CATALOG_TTL)
        self.g = Graph()
        for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("skos", SKOS), ("vcard", VCARD), ("dcatde", DCATDE)):
            self.g.bind(prefix, ns)
        self.translators = [Translator(lang, languages[0]) for lang in languages]
        self.modified = Literal(modified.isoformat(), datatype=XSD.date)

    def node(self, name: str) -> URIRef:
        return URIRef(f"{self.base}#{name}")

    def add(self, subject: URIRef, predicate: URIRef, *objects: URIRef | Literal) -> None:
        for obj in objects:
            self.g.add((subject, predicate, obj))

    def typed(self, iri: URIRef, *classes: URIRef, label: str | None = None) -> URIRef:
        """An outside resource with its class stated, as DCAT-AP's SHACL ranges ask (no inference)."""
        self.add(iri, RDF.type, *classes)
        if label:
            self.add(iri, SKOS.prefLabel, Literal(label, lang="en"))
        return iri

    def languages(self) -> list[URIRef]:
        codes = [EU_LANGUAGES[lang] for lang in self.langs if lang in EU_LANGUAGES]
        return [self.typed(URIRef(f"{EU}language/{code}"), DCTERMS.LinguisticSystem) for code in codes]

    def document(self, url: str) -> URIRef:
        return self.typed(URIRef(url), FOAF.Document)

    def theme_taxonomy(self, catalog: URIRef) -> None:
        scheme = self.typed(URIRef(EU + "data-theme"), SKOS.ConceptScheme)
        self.add(scheme, DCTERMS.title, Literal("Data theme", lang="en"))
        self.add(catalog, DCAT.themeTaxonomy, scheme)

    def licence(self) -> URIRef:
        self.typed(LICENCE, DCTERMS.LicenseDocument)
        self.add(LICENCE, DCTERMS.identifier, Literal(LICENCE_SPDX))
        return LICENCE

    def distribution(self, topic: Topic, part: Part) -> URIRef:
        """One file of the site's /data/ as a distribution of the topic's dataset."""
        name = part.path.removeprefix("data/").replace(".", "-")
        dist = self.node(f"{topic.name}-{name}")
        url = URIRef(urls.asset(self.site_url, part.path))
        self.add(dist, RDF.type, DCAT.Distribution)
        self.add(dist, DCTERMS.title, Literal(part.path.removeprefix("data/")))
        self.add(dist, DCAT.accessURL, url)
        self.add(dist, DCAT.downloadURL, url)
        media = "text/csv" if part.kind == "csv" else "application/json"
        self.add(dist, DCAT.mediaType, self.typed(URIRef(IANA + media), DCTERMS.MediaType))
        self.add(dist, DCTERMS["format"], self.typed(URIRef(f"{EU}file-type/{part.kind.upper()}"), DCTERMS.MediaTypeOrExtent))
        self.add(dist, DCTERMS.license, self.licence())
        # DCAT-AP.de: the attribution a CC BY licence asks for, in the words to use.
        self.add(dist, DCATDE.licenseAttributionByText, Literal(self.attribution))
        self.add(dist, DCTERMS.modified, self.modified)
        if part.conforms is not None:
            self.add(dist, DCTERMS.conformsTo, self.typed(part.conforms, DCTERMS.Standard))
        if part.path in self.sizes:
            self.add(dist, DCAT.byteSize, Literal(self.sizes[part.path], datatype=XSD.nonNegativeInteger))
        return dist


class Catalogue(CatalogueGraph):
    """The cluster site's catalogue's graph, built from the project in a fixed order."""

    def __init__(self, config: Config, project: Project, sizes: dict[str, int]) -> None:
        super().__init__(config.site_url, config.languages, project.build_date, project.cluster.legal_name or project.cluster.name, sizes)
        self.config, self.project = config, project

    def places(self) -> list[URIRef]:
        """The cluster's country first, then its members' countries (sorted)."""
        countries = [self.project.cluster.country, *sorted({m.country for m in self.project.members.values()} - {self.project.cluster.country})]
        codes = [code for code in map(alpha3, countries) if code]
        return [self.typed(URIRef(f"{EU}country/{code}"), DCTERMS.Location) for code in codes]

    def build(self) -> Graph:
        cluster = self.project.cluster
        catalog = self.node("catalog")
        self.add(catalog, RDF.type, DCAT.Catalog)
        for t in self.translators:
            tagline = t.text(cluster.tagline)  # required in the default language: one description at least
            self.add(catalog, DCTERMS.title, Literal(t._("{name}: open data").format(name=cluster.name), lang=t.lang))
            if tagline and not tagline.fallback:
                self.add(catalog, DCTERMS.description, Literal(tagline.text, lang=t.lang))
        self.add(catalog, DCTERMS.publisher, self.publisher())
        self.add(catalog, FOAF.homepage, self.document(urls.asset(self.config.site_url, "")))
        self.add(catalog, DCTERMS.language, *self.languages())
        self.add(catalog, DCTERMS.spatial, *self.places())
        self.add(catalog, DCTERMS.modified, self.modified)
        self.add(catalog, DCTERMS.license, self.licence())
        self.theme_taxonomy(catalog)
        contact = self.contact()
        for topic in topics(self.config):
            self.add(catalog, DCAT.dataset, self.dataset(topic, contact))
        return self.g

    def publisher(self) -> URIRef:
        """The cluster initiative as a foaf:Agent (its legal name where it has one)."""
        cluster = self.project.cluster
        agent = self.node("publisher")
        self.add(agent, RDF.type, FOAF.Agent, FOAF.Organization)
        self.add(agent, FOAF.name, Literal(cluster.legal_name or cluster.name))
        self.add(agent, FOAF.homepage, self.typed(iri(str(cluster.website)), FOAF.Document))
        self.add(agent, DCTERMS.type, self.typed(PUBLISHER_TYPE, SKOS.Concept, label="Industry consortium"))
        return agent

    def contact(self) -> URIRef:
        """The cluster management's contact (cluster.yml's contact) as a vCard organisation."""
        cluster, c = self.project.cluster, self.project.cluster.contact
        card = self.node("contact")
        self.add(card, RDF.type, VCARD.Kind, VCARD.Organization)
        self.add(card, VCARD.fn, Literal(c.organisation or cluster.legal_name or cluster.name))
        if c.email:
            self.add(card, VCARD.hasEmail, iri(f"mailto:{c.email}"))
        if c.contact_page:
            self.add(card, VCARD.hasURL, iri(str(c.contact_page)))
        if c.phone:
            self.add(card, VCARD.hasTelephone, URIRef("tel:" + "".join(ch for ch in c.phone if ch.isdigit() or ch == "+")))
        if c.street or c.city:
            address = self.node("address")
            self.add(card, VCARD.hasAddress, address)
            self.add(address, RDF.type, VCARD.Address)
            for predicate, value in ((VCARD["street-address"], c.street), (VCARD["postal-code"], c.postal_code),
                                     (VCARD.locality, c.city), (VCARD["country-name"], self.country_name())):
                if value:
                    self.add(address, predicate, Literal(value))
        return card

    def country_name(self) -> str:
        """The cluster's country as its default language names it (vCard wants a name, not a code)."""
        t = Translator(self.config.default_language, self.config.default_language)
        return t.locale.territories.get(self.project.cluster.country, self.project.cluster.country)

    def dataset(self, topic: Topic, contact: URIRef) -> URIRef:
        cfg = self.config
        ds = self.node(topic.name)
        self.add(ds, RDF.type, DCAT.Dataset)
        for t in self.translators:
            title, description = texts(t, topic.name)
            self.add(ds, DCTERMS.title, Literal(title, lang=t.lang))
            self.add(ds, DCTERMS.description, Literal(description, lang=t.lang))
        self.add(ds, DCTERMS.identifier, Literal(str(ds)))
        self.add(ds, DCTERMS.publisher, self.node("publisher"))
        self.add(ds, DCAT.contactPoint, contact)
        self.add(ds, DCTERMS.modified, self.modified)
        self.add(ds, DCTERMS.language, *self.languages())
        self.add(ds, DCTERMS.spatial, *self.places())
        self.add(ds, DCAT.theme, self.typed(THEME, SKOS.Concept, label="Economy and finance"))
        self.add(ds, DCTERMS.accrualPeriodicity, self.typed(FREQUENCY, DCTERMS.Frequency))
        self.add(ds, DCAT.landingPage, *(self.document(urls.absolute(cfg.site_url, lang, topic.page)) for lang in cfg.languages))
        for t in self.translators:
            for cid in self.project.cluster.focus:
                label = self.project.taxonomy.competences[cid].label.get(t.lang) if cid in self.project.taxonomy.competences else None
                if label:
                    self.add(ds, DCAT.keyword, Literal(label, lang=t.lang))
        for part in topic.parts:
            self.add(ds, DCAT.distribution, self.distribution(topic, part))
        self.add(ds, DCAT.distribution, self.distribution(topic, Part(urls.DATA_PACKAGE, "json", FRICTIONLESS)))
        return ds


def catalogue(config: Config, project: Project, sizes: dict[str, int] | None = None) -> Graph:
    """The catalogue's graph; `sizes`: the files' byte sizes by path, where they are written."""
    return Catalogue(config, project, sizes or {}).build()


def turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def jsonld(graph: Graph) -> str:
    """JSON-LD, compacted with the Turtle's prefixes; nodes sorted by @id, keys sorted, so the
    bytes follow the graph alone."""
    context = {prefix: str(ns) for prefix, ns in sorted(graph.namespaces()) if prefix in ("dcat", "dct", "foaf", "skos", "vcard", "dcatde", "xsd", "rdf")}
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    out = {"@context": context, "@graph": sorted(({k: v for k, v in n.items() if k != "@context"} for n in nodes), key=lambda n: n["@id"])}
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def file_sizes(site: Path, paths: Iterable[str]) -> dict[str, int]:
    return {p: (site / p).stat().st_size for p in paths if (site / p).is_file()}


def write_catalogue(config: Config, project: Project, site: Path) -> None:
    """Write /data/catalog.ttl and /data/catalog.jsonld (after the data files: it states their sizes).

    Not without site_url: a catalogue names every file by its absolute address, and a harvester
    has nothing to fetch from a site that does not know its own."""
    if not config.site_url:
        return
    parts = {part.path for topic in topics(config) for part in topic.parts} | {urls.DATA_PACKAGE}
    graph = catalogue(config, project, file_sizes(site, sorted(parts)))
    (site / CATALOG_TTL).write_text(turtle(graph), encoding="utf-8")
    (site / CATALOG_JSONLD).write_text(jsonld(graph), encoding="utf-8")
