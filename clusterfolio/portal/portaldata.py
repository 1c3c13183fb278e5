"""The portal's members index (issue 28, item 3): /data/members.json and /data/members.csv, one row
per member of every harvested cluster, linking to its page on its cluster's site, with a published
JSON Schema (/data/schema/portal-members.schema.json). docs/portal.md, "The portal's catalogue".
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..site.dataschemas import DRAFT, SCHEMA_VERSION
from ..site.opendata import inert_cell
from .harvest import read_state
from .search import canonical, harvested
from .settings import ClusterSource

MEMBERS_JSON, MEMBERS_CSV = "data/members.json", "data/members.csv"
SCHEMA = "data/schema/portal-members.schema.json"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
COUNTRY = re.compile(r"[A-Z]{2}")
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


@dataclass(frozen=True)
class HarvestedCluster:
    """One cluster as the portal publishes it: what its kept copy says, checked again."""

    key: str
    name: str
    home: str  # its home page in its first language (cluster.json's urls)
    build_date: str | None
    harvested: str | None
    members: tuple[dict[str, Any], ...]


def _ids(value: object) -> list[str]:
    return list(dict.fromkeys(v for v in value if isinstance(v, str) and ID.fullmatch(v))) if isinstance(value, list) else []


def _row(key: str, member: dict[str, Any], home: str, order: list[str], languages: tuple[str, ...]) -> dict[str, Any] | None:
    """A member as a row of the index, or None when it has no name, slug or page on its cluster's site."""
    addresses = member.get("urls") if isinstance(member.get("urls"), dict) else {}
    pages = {}
    for lang in languages:
        url = addresses.get(lang) or next((addresses[c] for c in order if c in addresses), None)
        if canonical(url, home):
            pages[lang] = url
    slug, name, country = member.get("slug"), member.get("name"), member.get("country")
    if not pages or not isinstance(slug, str) or not SLUG.fullmatch(slug) or not isinstance(name, str) or not name.strip():
        return None
    row: dict[str, Any] = {"cluster": key, "slug": slug, "name": name}
    if isinstance(country, str) and COUNTRY.fullmatch(country):
        row["country"] = country
    return {**row, "competences": _ids(member.get("competences")), "value_chain": _ids(member.get("value_chain")), "urls": pages}


def harvested_clusters(harvest_folder: Path, clusters: Iterable[ClusterSource], languages: tuple[str, ...]) -> list[HarvestedCluster]:
    """The clusters portal.yml lists that the harvest folder has a readable copy of, in its order."""
    out = []
    for source in clusters:
        folder = harvest_folder / source.key
        cluster, members, _ = harvested(folder)
        home_urls = cluster.get("urls") if isinstance(cluster.get("urls"), dict) else {}
        order = [code for code in home_urls if isinstance(code, str)]
        home = next((u for u in home_urls.values() if isinstance(u, str)), "")
        name = cluster.get("name")
        if not isinstance(name, str) or not name.strip() or not canonical(home, home):
            continue
        rows = {}
        for member in members:
            row = _row(source.key, member, home, order, languages) if isinstance(member, dict) else None
            if row is not None:
                rows.setdefault(row["slug"], row)  # a slug once per cluster
        state = read_state(folder)
        out.append(HarvestedCluster(source.key, name, home, state.get("build_date"), state.get("harvested"),
                                    tuple(rows[slug] for slug in sorted(rows))))
    return out


def members_index(portal_name: str, date: dt.date, clusters: list[HarvestedCluster]) -> dict[str, Any]:
    """/data/members.json."""
    return {
        "schema_version": SCHEMA_VERSION,
        "build_date": date.isoformat(),
        "portal": portal_name,
        "clusters": [{"key": c.key, "name": c.name, "home": c.home, "members": len(c.members),
                      **{k: v for k, v in (("build_date", c.build_date), ("harvested", c.harvested)) if isinstance(v, str)}}
                     for c in clusters],
        "members": [row for c in clusters for row in c.members],
    }


def members_csv(clusters: list[HarvestedCluster], languages: tuple[str, ...]) -> str:
    """/data/members.csv: one row per member; lists joined with '; '; no cell a spreadsheet runs."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(["cluster", "cluster_name", "slug", "name", "country", "competences", "value_chain",
                                                   *(f"url_{lang}" for lang in languages)])
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for c in clusters:
        for row in c.members:
            cells = [c.key, c.name, row["slug"], row["name"], row.get("country", ""), "; ".join(row["competences"]),
                     "; ".join(row["value_chain"]), *(row["urls"].get(lang, "") for lang in languages)]
            writer.writerow([inert_cell(cell) for cell in cells])
    return out.getvalue()


def members_schema() -> dict[str, Any]:
    """The JSON Schema of /data/members.json, published beside it."""
    string, ids = {"type": "string"}, {"type": "array", "items": {"type": "string", "pattern": f"^{ID.pattern}$"}}
    return {
        "$schema": DRAFT,
        "$id": "portal-members.schema.json",
        "title": "clusterfolio portal open data: members.json",
        "type": "object",
        "required": ["schema_version", "build_date", "portal", "clusters", "members"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION, "description": "the shape of this file; a breaking change raises it"},
            "build_date": {"type": "string", "format": "date"},
            "portal": string,
            "clusters": {"type": "array", "items": {
                "type": "object", "required": ["key", "name", "home", "members"],
                "properties": {"key": string, "name": string, "home": {"type": "string", "format": "uri"},
                               "members": {"type": "integer", "minimum": 0},
                               "build_date": {**string, "description": "when the cluster's site built the harvested data"},
                               "harvested": {"type": "string", "format": "date"}}}},
            "members": {"type": "array", "items": {
                "type": "object", "required": ["cluster", "slug", "name", "competences", "value_chain", "urls"],
                "properties": {"cluster": {**string, "description": "the key of its cluster in clusters"},
                               "slug": {"type": "string", "pattern": f"^{SLUG.pattern}$"}, "name": string,
                               "country": {"type": "string", "pattern": f"^{COUNTRY.pattern}$"},
                               "competences": ids, "value_chain": ids,
                               "urls": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string", "format": "uri"},
                                        "description": "its page on its cluster's site, by portal language"}}}},
        },
    }
