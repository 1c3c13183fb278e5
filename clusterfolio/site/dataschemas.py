"""JSON Schemas of the open data's JSON files, published at /data/schema/<name>.schema.json (issue 28).

A harvester reads "schema_version" first: a change that breaks a reader of a file raises
SCHEMA_VERSION and is a new schema (docs/open-data.md). The profile parts are the model's own
serialization schemas, so a field added to the model is in the schema the same day."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from ..model import Cluster, LabelStatus, Member, Taxonomy

# The shape of every JSON file under /data/ (requests.json carried it first: requestdata.py).
SCHEMA_VERSION = 1
SCHEMA_DIR = "data/schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_STRING = {"type": "string"}
_TEXTS = {"type": "object", "additionalProperties": _STRING}  # language code -> text
_URLS = {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}, "description": "the page in each site language"}
_LABELS = {"type": "object", "additionalProperties": _TEXTS, "description": "id -> label in each language"}


def schema_path(name: str) -> str:
    """Where the schema of /data/<name>.json is published, under the site root."""
    return f"{SCHEMA_DIR}/{name}.schema.json"


def _envelope(name: str, title: str, properties: dict[str, Any], defs: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": title,
        "type": "object",
        "required": ["schema_version", *properties],
        "properties": {"schema_version": {"const": SCHEMA_VERSION, "description": "the shape of this file; a breaking change raises it"}, **properties},
    }
    if defs:
        out["$defs"] = defs
    return out


def _model(model: type, extra: dict[str, Any], required: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """A model's serialization schema with the keys opendata.py adds to its record; its $defs apart."""
    schema = copy.deepcopy(model.model_json_schema(mode="serialization", ref_template="#/$defs/{model}"))
    defs = schema.pop("$defs", {})
    schema["properties"].update(extra)
    schema["required"] = [*required, *schema.get("required", [])]
    return schema, defs


def members_schema() -> dict[str, Any]:
    record, defs = _model(Member, {
        "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$"},
        "urls": _URLS,
    }, ("slug", "urls"))
    defs["MemberRecord"] = record
    return _envelope("members", "clusterfolio open data: members.json", {
        "build_date": {"type": "string", "format": "date"},
        "taxonomy_labels": {"type": "object", "required": ["member_types", "competences", "value_chain"],
                            "properties": dict.fromkeys(("member_types", "competences", "value_chain"), _LABELS),
                            "description": "the label of every id the members use (type, seeks.partner_types, competences, value_chain)"},
        "members": {"type": "array", "items": {"$ref": "#/$defs/MemberRecord"}, "description": "by slug"},
    }, defs)


def cluster_schema() -> dict[str, Any]:
    taxonomy, taxonomy_defs = _model(Taxonomy, {})
    gap = {"type": "object", "required": ["competence", "stage", "labels"], "properties": {
        "competence": _STRING, "stage": _STRING, "labels": {"type": "object", "properties": {"competence": _TEXTS, "stage": _TEXTS}}}}
    record, defs = _model(Cluster, {
        "schema_version": {"const": SCHEMA_VERSION, "description": "the shape of this file; a breaking change raises it"},
        "build_date": {"type": "string", "format": "date"},
        "urls": _URLS,
        "taxonomy_labels": {"type": "object", "properties": {"focus": _LABELS}},
        "gaps": {"type": "array", "items": gap, "description": "the value chain's open gaps"},
        "country_notes": {"type": "object"},
        "taxonomy": {"$ref": "#/$defs/Taxonomy"},
    }, ("schema_version", "build_date", "urls", "gaps", "taxonomy"))
    # The labels carry their status on the build date and their scheme's details (opendata.cluster_record).
    label = defs["Label"]["properties"]
    label["status"] = {"enum": [s.value for s in LabelStatus], "description": "on the build date"}
    label["scheme_details"] = {"$ref": "#/$defs/LabelScheme"}
    return {"$schema": DRAFT, "$id": "cluster.schema.json", **record, "title": "clusterfolio open data: cluster.json",
            "$defs": {**defs, **taxonomy_defs, "Taxonomy": taxonomy}}


def requests_schema() -> dict[str, Any]:
    nullable = {"type": ["string", "null"]}
    request = {"type": "object", "additionalProperties": False,
               "required": ["id", "kind", "member", "member_name", "since", "until", "text", "partner_types", "countries", "competences", "stage", "urls"],
               "properties": {
                   "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"}, "kind": {"enum": ["seeks", "gap"]},
                   "member": nullable, "member_name": nullable,
                   "since": {"type": ["string", "null"], "format": "date"}, "until": {"type": ["string", "null"], "format": "date"},
                   "text": _TEXTS, "partner_types": {"type": "array", "items": _STRING}, "countries": {"type": "array", "items": _STRING},
                   "competences": {"type": "array", "items": _STRING}, "stage": nullable, "urls": _URLS}}
    return _envelope("requests", "clusterfolio open data: requests.json", {
        "build_date": {"type": "string", "format": "date"}, "requests": {"type": "array", "items": request}})


def datapackage_schema() -> dict[str, Any]:
    """Only what clusterfolio adds to a Frictionless Data Package; the rest is Frictionless's."""
    resource = {"type": "object", "required": ["name", "path"], "properties": {"name": _STRING, "path": _STRING, "schema": {"type": "object"}}}
    return _envelope("datapackage", "clusterfolio open data: datapackage.json (a Frictionless Data Package)", {
        "name": _STRING, "resources": {"type": "array", "items": resource, "minItems": 1},
        "licenses": {"type": "array", "items": {"type": "object", "required": ["name"]}},
    })


def index_schema(name: str, key: str) -> dict[str, Any]:
    """directory.json and board.json: the site's own filter indexes (rows of ids, read by its script)."""
    return _envelope(name, f"clusterfolio open data: {name}.json (the site's filter index)", {key: {"type": "array", "items": {"type": "array"}}})


def data_schemas() -> dict[str, dict[str, Any]]:
    """Name of the JSON file under /data/ -> its schema."""
    return {
        "cluster": cluster_schema(),
        "members": members_schema(),
        "requests": requests_schema(),
        "datapackage": datapackage_schema(),
        "directory": index_schema("directory", "members"),
        "board": index_schema("board", "requests"),
    }


def write_data_schemas(site: Path) -> None:
    """Write /data/schema/<name>.schema.json."""
    folder = site / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, schema in data_schemas().items():
        (site / schema_path(name)).write_text(json.dumps(schema, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
