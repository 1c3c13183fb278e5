"""Open data (SPEC §4.4): the validated profiles as JSON and CSV, and the JSON Schemas."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import urls
from ..config import Config
from ..model import Member, Project
from ..paths import slugify
from ..requests import board_pages, open_requests
from ..resources import schema_dir
from .catalog import LICENCE_DEED, LICENCE_SPDX
from .dataschemas import SCHEMA_VERSION, schema_path, write_data_schemas
from .pages.parts import avatar_tone

# Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
# (OWASP, "CSV Injection"). A cell starts at a field's start, and also after any ';', ',', tab
# or line break inside it: German and French spreadsheet programs split a CSV at semicolons,
# a tab-separated import at tabs, and quotes do not keep them from doing so. Blanks and double
# quotes before the character do not help either (they are trimmed or taken as quoting). So at
# each such place the text gets a "'" before the formula character, the neutraliser OWASP names
# (a spreadsheet shows it, and reads the cell as text). Only members.csv: the JSON files keep the text.
_FORMULA = re.compile(r"(?:^|(?<=[;,\t\r\n]))([ \u00a0\u3000\"]*)(?=[=+\-@\t\r])")
NEUTRALISER = "'"


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True, exclude_defaults=False)


def _labels(section: dict[str, Any], ids: list[str], attr: str = "label") -> dict[str, Any]:
    return {i: dict(getattr(section[i], attr)) for i in dict.fromkeys(ids) if i in section}


def member_record(config: Config, project: Project, slug: str, m: Member) -> dict[str, Any]:
    """One member with all translations; the labels of its ids are members.json's taxonomy_labels."""
    return {
        "slug": slug,
        "urls": {lang: urls.absolute(config.site_url, lang, urls.member(slug)) for lang in config.languages},
        **_dump(m),
    }


def taxonomy_labels(project: Project) -> dict[str, Any]:
    """The labels of every member type, competence and value-chain stage, in each language: once in
    members.json, not with each member (they were ~0.58 KB a member, 5.5 MiB at 10,000 members)."""
    tax = project.taxonomy
    return {
        "member_types": _labels(tax.member_types, list(tax.member_types)),
        "competences": _labels(tax.competences, list(tax.competences)),
        "value_chain": _labels(tax.value_chain, list(tax.value_chain)),
    }


def cluster_record(config: Config, project: Project) -> dict[str, Any]:
    c, tax = project.cluster, project.taxonomy
    data = _dump(c)
    for label, dumped in zip(c.labels, data.get("labels", []), strict=True):
        dumped["status"] = label.status(project.build_date).value
        if label.scheme in tax.label_schemes:
            dumped["scheme_details"] = _dump(tax.label_schemes[label.scheme])
    return {
        "schema_version": SCHEMA_VERSION,
        "build_date": project.build_date.isoformat(),
        "urls": {lang: urls.absolute(config.site_url, lang, urls.HOME) for lang in config.languages},
        **data,
        "taxonomy_labels": {"focus": _labels(tax.competences, c.focus)},
        # The value chain's open gaps: what the cluster seeks partners for (as on the value-chain page).
        "gaps": [
            {"competence": cid, "stage": sid, "labels": {"competence": dict(tax.competences[cid].label), "stage": dict(tax.value_chain[sid].label)}}
            for cid, sid in project.index.gaps
        ],
        "country_notes": project.country_notes,
        "taxonomy": _dump(tax),
    }


def inert_cell(text: str) -> str:
    """Text that no spreadsheet reads as a formula, whatever it splits the file at."""
    return _FORMULA.sub(lambda m: m.group(1) + NEUTRALISER, text)


def _cell(value: Any) -> str:
    text = "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
    return inert_cell(text)


def csv_header(languages: tuple[str, ...]) -> list[str]:
    """The columns of members.csv."""
    langs = languages
    return ["slug", "name", "type", *(f"type_{lang}" for lang in langs), "city", "country", "website", "employees", "founded", "member_since",
              "competences", *(f"competences_{lang}" for lang in langs), "value_chain", "markets", "languages", "certifications",
              "email", "phone", "contact_page", *(f"summary_{lang}" for lang in langs), *(f"description_{lang}" for lang in langs),
              *(f"offers_{lang}" for lang in langs), *(f"seeks_{lang}" for lang in langs), "seeks_partner_types", "seeks_countries",
              *(f"url_{lang}" for lang in langs)]


def members_csv(config: Config, project: Project) -> str:
    """One row per member; lists joined with '; '; one column per language for texts."""
    langs = config.languages
    tax = project.taxonomy
    header = csv_header(langs)
    out = io.StringIO()
    # The column names are ours (ASCII, no separator) and stay bare, as tools that read the header
    # line expect; every field below is quoted, so that a ';' or a tab in a text never splits a
    # record for a reader that honours quotes.
    csv.writer(out, lineterminator="\n").writerow(header)
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for slug, m in sorted(project.members.items()):
        def label(section: dict, i: str, lang: str) -> str:
            return section[i].label.get(lang, "") if i in section else i

        row = [slug, m.name, m.type, *(label(tax.member_types, m.type, lang) for lang in langs), m.city, m.country, m.website,
               m.employees, m.founded, m.member_since, m.competences,
               *([label(tax.competences, c, lang) for c in m.competences] for lang in langs),
               m.value_chain, m.markets, m.languages, m.certifications,
               m.contact.email, m.contact.phone, m.contact.contact_page,
               *(m.summary.get(lang, "") for lang in langs), *((m.description or {}).get(lang, "") for lang in langs),
               *((m.offers or {}).get(lang, []) for lang in langs),
               *(((m.seeks.text or {}).get(lang, "") if m.seeks else "") for lang in langs),
               m.seeks.partner_types if m.seeks else [], m.seeks.countries if m.seeks else [],
               *(urls.absolute(config.site_url, lang, urls.member(slug)) for lang in langs)]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _field(name: str) -> dict[str, Any]:
    """A Table Schema field for a column of members.csv."""
    base = name.rsplit("_", 1)[0] if name[-3:-2] == "_" and name[-2:].isalpha() else name
    field: dict[str, Any] = {"name": name, "type": "string"}
    if name == "slug":
        field["constraints"] = {"required": True, "unique": True, "pattern": "[a-z0-9][a-z0-9-]{0,62}"}
    elif name in ("name", "city", "type"):
        field["constraints"] = {"required": True}
    elif name in ("founded", "member_since"):
        field["type"] = "integer"
    elif name == "country":
        field["constraints"] = {"required": True, "pattern": "[A-Z]{2}"}
    elif name in ("website", "contact_page") or base == "url":
        field["format"] = "uri"
    elif name == "email":
        field["format"] = "email"
    if name.endswith(("competences", "value_chain", "markets", "languages", "certifications", "partner_types", "countries")) or base in ("competences", "offers"):
        field["description"] = "a list: entries separated by '; '"
    if name[-3:-2] == "_" and name[-2:].isalpha() and base not in ("seeks_partner",):
        field.setdefault("description", f"in language '{name[-2:]}'")
    return field


def datapackage(config: Config, project: Project, more: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """A Frictionless Data Package describing /data/: members.csv with its Table Schema, and the JSON
    files; `more`: the resources other modules write there (site/requestdata.py)."""
    cluster = project.cluster
    return {
        "schema_version": SCHEMA_VERSION,
        "profile": "data-package",
        "name": slugify(cluster.name) or "cluster",
        "title": f"{cluster.name}: members",
        "description": "The validated member profiles of the cluster, with all translations (clusterfolio).",
        "homepage": urls.asset(config.site_url, "") if config.site_url else None,
        "created": f"{project.build_date.isoformat()}T00:00:00Z",
        "licenses": [{"name": LICENCE_SPDX, "path": LICENCE_DEED, "title": "Creative Commons Attribution 4.0 International"}],
        # The DCAT-AP catalogue of these files (site/catalog.py) and each JSON file's JSON Schema
        # (site/dataschemas.py), by paths relative to this file, as the resources' own.
        "catalog": {"turtle": "catalog.ttl", "jsonld": "catalog.jsonld"},
        "json_schema": relative_schema("datapackage"),
        "resources": [
            {
                "name": "members",
                "path": "members.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": True, "header": True},
                "description": ("Texts as in members.json, except that a ' stands before =, +, -, @, a tab or a carriage return "
                                "at the start of a text and after any ';', ',', tab or line break in it, so that no spreadsheet "
                                "runs a formula from a member's text."),
                "schema": {"fields": [_field(name) for name in csv_header(config.languages)], "primaryKey": ["slug"], "missingValues": [""]},
            },
            {"name": "members-json", "path": "members.json", "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "json_schema": relative_schema("members"),
             "description": "Every member with all fields and translations, and the taxonomy labels of the ids it names."},
            {"name": "cluster", "path": "cluster.json", "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "json_schema": relative_schema("cluster"),
             "description": "The cluster, its labels with their status on the build date, and the taxonomy."},
            *more,
        ],
    }


def relative_schema(name: str) -> str:
    """The JSON Schema of /data/<name>.json, from /data/."""
    return schema_path(name).removeprefix(urls.DATA_DIR)


def directory_index(project: Project) -> dict[str, Any]:
    """One small row per member for the directory's filters across pages (ids, not labels: one
    file for every language; the page's filter options name the ids)."""
    rows = []
    for slug, m in project.index.members:
        logo = urls.member_logo(slug, m.logo)[len(f"logos/members/{slug}"):] if m.logo else ""
        rows.append([slug, m.name, m.type, m.country, m.city, list(m.competences), list(m.value_chain), logo, avatar_tone(slug)])
    return {"schema_version": SCHEMA_VERSION, "members": rows}


def board_index(config: Config, project: Project) -> dict[str, Any]:
    """One small row per open request for the board's filters across its pages: its id, the page of
    the board that shows it (the same in every language: the order is), and the ids it is filtered
    on. The script takes the cards from those pages (theme/overrides/assets/clusterfolio.js)."""
    found = open_requests(project)
    page = board_pages(found, config.board_page_size)
    rows = [[r.id, page[r.id], list(r.countries), list(r.partner_types), list(r.competences)] for r in found]
    return {"schema_version": SCHEMA_VERSION, "requests": rows}


def write_open_data(config: Config, project: Project, site: Path, more: Sequence[dict[str, Any]] = ()) -> None:
    """Write /data/ and /schema/ at the site root (`more`: see datapackage)."""
    data = site / "data"
    data.mkdir(parents=True, exist_ok=True)
    members = [member_record(config, project, slug, m) for slug, m in sorted(project.members.items())]
    # Compact: members.json of a large cluster is tens of megabytes; indentation would add a third.
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"  # noqa: E731
    (data / "cluster.json").write_text(dump(cluster_record(config, project)), encoding="utf-8")
    # An object, not a bare list, so that it carries its schema_version (docs/open-data.md).
    (data / "members.json").write_text(dump({"schema_version": SCHEMA_VERSION, "build_date": project.build_date.isoformat(),
                                         "taxonomy_labels": taxonomy_labels(project), "members": members}), encoding="utf-8")
    (data / "members.csv").write_text(members_csv(config, project), encoding="utf-8")
    package = {k: v for k, v in datapackage(config, project, more).items() if v is not None}
    (data / "datapackage.json").write_text(dump(package), encoding="utf-8")
    (site / urls.DIRECTORY_INDEX).write_text(json.dumps(directory_index(project), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (site / urls.BOARD_INDEX).write_text(dump(board_index(config, project)), encoding="utf-8")
    write_data_schemas(site)
    schemas = schema_dir()
    (site / "schema").mkdir(exist_ok=True)
    for schema in sorted(schemas.glob("*.json")):
        shutil.copyfile(schema, site / "schema" / schema.name)
