"""What a harvested file must be before the portal keeps it (docs/portal.md, "What is checked").

The JSON files are checked against the tool's own JSON Schemas of the open data
(site/dataschemas.py) for the schema_version they declare, not against the schemas the site
publishes: a site could publish a schema that lets anything through. A resource of the data
package names a file under the cluster's /data/ by a plain relative path, nothing else.
"""
from __future__ import annotations

import copy
import json
import re
from functools import cache
from typing import Any

from ..messages import M, Msg
from ..problems import quote
from ..site.dataschemas import SCHEMA_VERSION, data_schemas

# The schema versions this portal reads.
READS = (SCHEMA_VERSION,)
MAX_RESOURCES = 32
# A path under /data/: segments of letters, digits, '.', '_' and '-', none starting with a dot (so
# no '..', no hidden file), no scheme, no host, no leading '/', no backslash, no percent escape.
_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}"
RESOURCE_PATH = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT}){{0,3}}")


class Invalid(Exception):
    """A file the portal does not keep; its message (a Msg) says why."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(reason)
        self.reason = reason


@cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = lenient(copy.deepcopy(data_schemas()[name]))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def lenient(schema: Any) -> Any:
    """The schema with every `additionalProperties: false` taken out: a key added to the open data
    is no new schema_version (docs/open-data.md, "readers must ignore keys they do not know"), so a
    site of a later clusterfolio with version 1 still passes this portal's check."""
    if isinstance(schema, dict):
        return {k: lenient(v) for k, v in schema.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(schema, list):
        return [lenient(v) for v in schema]
    return schema


def parsed(name: str, body: bytes) -> Any:
    """The JSON of data/<name>, or Invalid."""
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise Invalid(M("{file} is not UTF-8 text", file=name)) from None
    except json.JSONDecodeError as exc:
        raise Invalid(M("{file} is not JSON: {detail} (line {line})", file=name, detail=exc.msg, line=exc.lineno)) from None
    except ValueError as exc:  # a number of more digits than Python converts (sys.get_int_max_str_digits)
        raise Invalid(M("{file} is not JSON: {detail} (line {line})", file=name, detail=quote(exc, 80), line="?")) from None
    except RecursionError:
        raise Invalid(M("{file} is nested too deeply", file=name)) from None


def checked(name: str, body: bytes) -> Any:
    """data/<name> parsed and, for the open data's own JSON files, valid against its schema."""
    data = parsed(name, body)
    stem = name.removesuffix(".json")
    if name.endswith(".json") and stem in data_schemas() and "/" not in name:
        version = data.get("schema_version") if isinstance(data, dict) else None
        if version not in READS:
            raise Invalid(M("{file} has schema_version {value}; this portal reads {versions}", file=name, value=json.dumps(version)[:60],
                            versions=", ".join(map(str, READS))))
        try:
            error = next(_validator(stem).iter_errors(data), None)  # the first: a broken file of 10,000 members has 10,000
        except RecursionError:
            raise Invalid(M("{file} is nested too deeply", file=name)) from None
        if error is not None:
            # The path may hold the cluster's own keys: quoted like its values (no control character reaches a terminal).
            where = quote("/".join(map(str, error.absolute_path)), 80) if error.absolute_path else "(top)"
            raise Invalid(M("{file} does not match its schema at {field}: {detail}", file=name, field=where, detail=quote(error.message, 120)))
    return data


def resource_paths(package: Any) -> list[str]:
    """The files the data package lists, each a plain path under /data/; Invalid for any other."""
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        raise Invalid(M("datapackage.json lists no resources"))
    if len(resources) > MAX_RESOURCES:
        raise Invalid(M("datapackage.json lists {count} resources, more than {limit}", count=len(resources), limit=MAX_RESOURCES))
    paths = []
    for resource in resources:
        path = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(path, str) or not RESOURCE_PATH.fullmatch(path):
            raise Invalid(M("datapackage.json names a resource outside the site's /data/: {value}", value=quote(path)))
        paths.append(path)
    if "members.json" not in paths:
        raise Invalid(M("datapackage.json lists no members.json"))
    return list(dict.fromkeys(paths))


def build_date(files: dict[str, Any]) -> str | None:
    """When the cluster's site was last built: cluster.json's build_date, else members.json's."""
    for name in ("cluster.json", "members.json"):
        value = files.get(name, {}).get("build_date") if isinstance(files.get(name), dict) else None
        if isinstance(value, str):
            return value
    return None


# --- the DCAT-AP catalogue -------------------------------------------------------------------

def remote_context(data: Any) -> str | None:
    """A JSON-LD context the document would load from elsewhere (a string where a context or an
    @import is), or None: the portal parses offline, and a context fetched at parse time could
    change what the catalogue says after it was checked."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("@context", "@import"):
                contexts = value if isinstance(value, list) else [value]
                found = next((c for c in contexts if isinstance(c, str)), None)
                if found is not None:
                    return found
            if (found := remote_context(value)) is not None:
                return found
    elif isinstance(data, list):
        for value in data:
            if (found := remote_context(value)) is not None:
                return found
    return None


def catalogue_graph(name: str, body: bytes) -> Any:
    """data/<name> (catalog.jsonld or catalog.ttl) as an rdflib graph that describes a DCAT
    catalogue, or Invalid (docs/portal.md, "SHACL")."""
    from rdflib import Graph

    if name.endswith(".jsonld"):
        found = remote_context(parsed(name, body))
        if found is not None:
            raise Invalid(M("{file} loads its JSON-LD context from {value}; the portal reads catalogues whose context is written in them",
                            file=name, value=quote(found, 80)))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(M("{file} is not UTF-8 text", file=name)) from None
    try:
        graph = Graph().parse(data=text, format="json-ld" if name.endswith(".jsonld") else "turtle")
    except RecursionError:
        raise Invalid(M("{file} is nested too deeply", file=name)) from None
    except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many kinds; any of them is a catalogue not kept
        raise Invalid(M("{file} is not RDF that can be read: {detail}", file=name, detail=quote(exc, 120))) from None
    problem = catalogue_problem(graph)
    if problem is not None:
        raise Invalid(M("{file}: {reason}", file=name, reason=problem))
    return graph


def catalogue_problem(graph: Any) -> Msg | None:
    """What a harvester needs that the graph lacks: a dcat:Catalog with a title and a publisher,
    whose datasets are nodes with a title, whose distributions are nodes with an access address."""
    from rdflib import RDF, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS

    catalogues = sorted(graph.subjects(RDF.type, DCAT.Catalog))
    if not catalogues:
        return M("it describes no dcat:Catalog")
    for catalogue in catalogues:
        if not any(isinstance(t, Literal) for t in graph.objects(catalogue, DCTERMS.title)):
            return M("the catalogue {value} has no dct:title", value=quote(catalogue, 80))
        if graph.value(catalogue, DCTERMS.publisher) is None:
            return M("the catalogue {value} has no dct:publisher", value=quote(catalogue, 80))
        for dataset in graph.objects(catalogue, DCAT.dataset):
            if not isinstance(dataset, URIRef) or (dataset, RDF.type, DCAT.Dataset) not in graph:
                return M("the catalogue lists {value} as a dataset, which is no dcat:Dataset", value=quote(dataset, 80))
            if not any(isinstance(t, Literal) for t in graph.objects(dataset, DCTERMS.title)):
                return M("the dataset {value} has no dct:title", value=quote(dataset, 80))
            for distribution in graph.objects(dataset, DCAT.distribution):
                if isinstance(distribution, Literal) or not isinstance(graph.value(distribution, DCAT.accessURL), URIRef):
                    return M("a distribution of the dataset {value} has no dcat:accessURL", value=quote(dataset, 80))
    return None
