"""/data/requests.json and /data/requests.csv: the open requests (requests.open_requests on the
build date, as on the board) with all their translations, and their place in the data package."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .. import urls
from ..config import Config
from ..model import Project
from ..requests import Request, board_pages, open_requests
from .dataschemas import SCHEMA_VERSION
from .opendata import inert_cell, relative_schema
from .requestlinks import card_url

# The JSON's shape (docs/open-data.md): a reader checks this before reading on; one version for
# every JSON file under /data/ (dataschemas.py).
REQUESTS_SCHEMA_VERSION = SCHEMA_VERSION


def request_record(config: Config, project: Project, r: Request, page: int) -> dict[str, Any]:
    """One open request with its texts in every language given and its card on each language's board."""
    m = project.members[r.member] if r.member else None
    return {
        "id": r.id,
        "kind": r.kind,
        "member": r.member,
        "member_name": m.name if m else None,
        "since": r.since.isoformat() if r.since else None,
        "until": r.until.isoformat() if r.until else None,
        "text": dict(r.text) if r.text else {},
        "partner_types": list(r.partner_types),
        "countries": list(r.countries),
        "competences": list(r.competences),
        "stage": r.stage,
        "urls": {lang: card_url(config, lang, r.id, page) for lang in config.languages},
    }


def requests_json(config: Config, project: Project) -> dict[str, Any]:
    found = open_requests(project)
    pages = board_pages(found, config.board_page_size)
    return {
        "schema_version": REQUESTS_SCHEMA_VERSION,
        "build_date": project.build_date.isoformat(),
        "requests": [request_record(config, project, r, pages[r.id]) for r in found],
    }


def csv_header(languages: tuple[str, ...]) -> list[str]:
    """The columns of requests.csv."""
    return ["id", "kind", "member", "member_name", "since", "until", *(f"text_{lang}" for lang in languages),
            "partner_types", "countries", "competences", "stage", *(f"url_{lang}" for lang in languages)]


def requests_csv(config: Config, records: list[dict[str, Any]]) -> str:
    """One row per open request, as members.csv: lists joined with '; ', every cell quoted and inert."""
    langs = config.languages
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(csv_header(langs))
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for rec in records:
        row = [rec["id"], rec["kind"], rec["member"], rec["member_name"], rec["since"], rec["until"],
               *(rec["text"].get(lang, "") for lang in langs),
               rec["partner_types"], rec["countries"], rec["competences"], rec["stage"],
               *(rec["urls"][lang] for lang in langs)]
        writer.writerow([inert_cell("; ".join(v) if isinstance(v, list) else "" if v is None else str(v)) for v in row])
    return out.getvalue()


def _field(name: str) -> dict[str, Any]:
    """A Table Schema field for a column of requests.csv."""
    field: dict[str, Any] = {"name": name, "type": "string"}
    if name == "id":
        field["constraints"] = {"required": True, "unique": True, "pattern": "[0-9a-f]{16}"}
    elif name == "kind":
        field["constraints"] = {"required": True, "enum": ["seeks", "gap"]}
        field["description"] = "seeks: a member's request; gap: a competence at a value-chain stage no member works on"
    elif name == "member":
        field["constraints"] = {"pattern": "[a-z0-9][a-z0-9-]{0,62}"}
        field["description"] = "the member's slug; empty for a gap (the cluster asks)"
    elif name in ("since", "until"):
        field["type"] = "date"
    elif name.startswith("url_"):
        field["format"] = "uri"
        field["description"] = f"the request's card on the board in language '{name[-2:]}'"
    elif name.startswith("text_"):
        field["description"] = f"the request's text in language '{name[-2:]}' (empty: not given in it)"
    elif name in ("partner_types", "countries", "competences"):
        field["description"] = "a list: entries separated by '; '"
    return field


def csv_resource(config: Config) -> dict[str, Any]:
    """requests.csv in the data package, with its Table Schema."""
    return {
        "name": "requests",
        "path": "requests.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": True, "header": True},
        "description": ("The open requests for partners on the build date, as on the cooperation board; texts as in "
                        "requests.json, with the same ' before a formula character as in members.csv."),
        "schema": {"fields": [_field(name) for name in csv_header(config.languages)], "primaryKey": ["id"], "missingValues": [""]},
    }


def request_resources(config: Config) -> list[dict[str, Any]]:
    """The data package's entries for the files write_request_data writes."""
    return [csv_resource(config), {"name": "requests-json", "path": "requests.json", "format": "json", "mediatype": "application/json", "encoding": "utf-8",
            "json_schema": relative_schema("requests"),
            "description": "The open requests for partners on the build date, with all translations (docs/open-data.md)."}]


def write_request_data(config: Config, project: Project, site: Path) -> None:
    """Write /data/requests.json and /data/requests.csv."""
    data = requests_json(config, project)
    (site / urls.REQUESTS_JSON).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (site / urls.REQUESTS_CSV).write_text(requests_csv(config, data["requests"]), encoding="utf-8")
