"""Requests as structured and open data (issue 26, item 3): schema.org Demand on the board and the
member pages, /data/requests.json and /data/requests.csv in the data package.

On the dated copy of tests/fixtures/nordlicht of tests/test_cooperation.py, built on the day
before Fjord Sonar's request opens, the test date, its last day and the day after: every open
request is exactly once in each output, and none after its `until`.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from clusterfolio.config import read_config
from clusterfolio.requests import all_requests, board_pages, open_requests
from clusterfolio.site import structured
from clusterfolio.site.markup import script_json
from clusterfolio.site.requestdata import csv_header, requests_csv, requests_json

from .conftest import TEST_DATE
from .test_cooperation import AFTER, BEFORE, LANGS, ON, project_of
from .test_open_data_csv import DELIMITERS, HOSTILE, starts_a_formula
from .test_xss import PAYLOADS

DATES = (BEFORE, TEST_DATE, ON, AFTER)

# The properties schema.org defines for the types our request data uses (schema.org's pages of
# Demand, Organization, ItemList, ListItem, Service and Country, with what they inherit from
# Thing, Intangible and Place), only those our builders may reach for: a property outside them is
# a word schema.org does not have for that type.
THING = {"@type", "@id", "@context", "name", "description", "url", "identifier", "sameAs", "alternateName", "image",
         "mainEntityOfPage", "additionalType", "disambiguatingDescription", "potentialAction", "subjectOf"}
VOCABULARY = {
    "Demand": THING | {"areaServed", "eligibleRegion", "ineligibleRegion", "availabilityStarts", "availabilityEnds", "businessFunction",
                       "itemOffered", "eligibleCustomerType", "validFrom", "validThrough", "seller", "availability"},
    "Organization": THING | {"seeks", "member", "memberOf", "address", "email", "telephone", "logo", "foundingDate", "legalName",
                             "knowsAbout", "knowsLanguage", "areaServed", "numberOfEmployees", "contactPoint", "hasCredential"},
    "ItemList": THING | {"itemListElement", "numberOfItems", "itemListOrder"},
    "ListItem": THING | {"item", "position", "nextItem", "previousItem"},
    "Service": THING | {"category", "serviceType", "provider", "areaServed", "audience"},
    "Country": THING | {"address", "geo", "containedInPlace"},
    "PostalAddress": THING | {"addressLocality", "addressCountry", "addressRegion", "postalCode", "streetAddress"},
    "QuantitativeValue": THING | {"minValue", "maxValue", "value", "unitCode"},
    "BreadcrumbList": THING | {"itemListElement", "numberOfItems"},
}


@pytest.fixture
def sites(boards: dict[str, Path]) -> dict[str, Path]:
    """test_cooperation's builds of the dated copy on DATES (built once for the session)."""
    assert set(boards) == set(DATES)
    return boards


def jsonld(html: str) -> list[Any]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def nodes(data: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object in data, nested ones too."""
    if isinstance(data, dict):
        return [data, *(n for v in data.values() for n in nodes(v))]
    if isinstance(data, list):
        return [n for v in data for n in nodes(v)]
    return []


def demands(data: Any) -> list[str]:
    return [n["identifier"] for n in nodes(data) if n.get("@type") == "Demand"]


def board_jsonld(site: Path, lang: str) -> list[Any]:
    folder = site / lang / "cooperation"
    pages = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))]
    return [d for p in pages for d in jsonld(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("date", DATES)
def test_every_open_request_is_once_in_each_output_and_none_after_its_until(dated: Path, sites: dict[str, Path], date: str) -> None:
    project, site = project_of(dated, date), sites[date]
    expected = [r.id for r in open_requests(project)]
    closed = {r.id for r in all_requests(project)} - set(expected)
    assert {r.kind for r in open_requests(project)} == {"seeks", "gap"}
    for lang in LANGS:
        assert demands(board_jsonld(site, lang)) == expected, (lang, date)  # once each, in the board's order
        for slug in project.members:
            shown = demands(jsonld((site / lang / "members" / slug / "index.html").read_text(encoding="utf-8")))
            assert shown == [r.id for r in open_requests(project) if r.member == slug], (lang, slug)
    data = json.loads((site / "data/requests.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and data["build_date"] == date
    assert [r["id"] for r in data["requests"]] == expected
    rows = list(csv.DictReader(io.StringIO((site / "data/requests.csv").read_text(encoding="utf-8"), newline="")))
    assert [r["id"] for r in rows] == expected
    assert not closed & {r["id"] for r in rows}
    fjord = next(r for r in all_requests(project) if r.member == "fjord-sonar")
    assert (fjord.id in expected) == (date in (TEST_DATE, ON))


def test_a_demand_says_what_where_and_when_in_the_pages_language(dated: Path, sites: dict[str, Path]) -> None:
    project, config = project_of(dated), read_config(dated)
    fjord = next(r for r in open_requests(project) if r.member == "fjord-sonar")
    page = board_pages(open_requests(project), config.board_page_size)[fjord.id]
    html = (sites[TEST_DATE] / "fr/members/fjord-sonar/index.html").read_text(encoding="utf-8")
    org = next(d for d in jsonld(html) if d["@type"] == "Organization")
    assert org["@id"] == "https://nordlicht.example.org/en/members/fjord-sonar/#organization"  # one node in every language
    seeks = org["seeks"]
    assert seeks["description"] == "Un partenaire de recherche pour le traitement du signal sonar dans les fjords profonds."
    assert seeks["name"] == "Recherche de partenaires"
    assert seeks["availabilityStarts"] == "2026-10-01" and seeks["availabilityEnds"] == "2027-01-31"
    assert seeks["eligibleRegion"] == [{"@type": "Country", "name": "Allemagne", "identifier": "DE"},
                                       {"@type": "Country", "name": "Danemark", "identifier": "DK"}]
    assert seeks["url"] == f"https://nordlicht.example.org/fr/{'cooperation/' if page == 1 else f'cooperation/page/{page}/'}#request-{fjord.id}"
    assert seeks["@id"] == f"https://nordlicht.example.org/#request-{fjord.id}"  # one node in every language
    # The board names the same request by the same @id, asked by the same Organization node.
    board = board_jsonld(sites[TEST_DATE], "de")
    asker = next(n for n in nodes(board) if n.get("@type") == "Organization" and n.get("seeks", {}).get("identifier") == fjord.id)
    assert asker["@id"] == org["@id"] and asker["seeks"]["@id"] == seeks["@id"]
    gap = next(n for n in nodes(board) if n.get("@type") == "Organization" and n["seeks"].get("identifier") not in (None, fjord.id)
               and n["@id"].endswith("/#organization") and "/members/" not in n["@id"])
    assert gap["@id"] == "https://nordlicht.example.org/#organization"  # a gap: the cluster seeks


def test_jsonld_uses_only_schema_org_properties_of_its_types(sites: dict[str, Path]) -> None:
    site = sites[TEST_DATE]
    pages = [*(site / "en/cooperation").glob("**/index.html"), *(site / "en/members").glob("*/index.html")]
    seen = set()
    for page in pages:
        for data in jsonld(page.read_text(encoding="utf-8")):
            for n in nodes(data):
                if "@type" not in n:
                    continue
                seen.add(n["@type"])
                assert n["@type"] in VOCABULARY, n["@type"]
                assert set(n) <= VOCABULARY[n["@type"]], (page, n["@type"], set(n) - VOCABULARY[n["@type"]])
    assert {"Demand", "ItemList", "ListItem", "Country", "Service"} <= seen


def test_requests_csv_validates_against_its_table_schema(sites: dict[str, Path]) -> None:
    frictionless = pytest.importorskip("frictionless")
    site = sites[TEST_DATE]
    report = frictionless.validate(str(site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["requests"]["path"] == "requests.csv" and resources["requests-json"]["path"] == "requests.json"
    assert [f["name"] for f in resources["requests"]["schema"]["fields"]] == csv_header(("en", "de", "fr"))
    rows = frictionless.Resource(str(site / "data/requests.csv")).read_rows()
    assert len(rows) == len(json.loads((site / "data/requests.json").read_text(encoding="utf-8"))["requests"])


def _with_seeks_text(base: Any, text: str) -> Any:
    fjord = base.members["fjord-sonar"]
    seeks = fjord.seeks.model_copy(update={"text": dict.fromkeys(LANGS, text)})
    return dataclasses.replace(base, members={**base.members, "fjord-sonar": fjord.model_copy(update={"seeks": seeks})})


def test_no_csv_cell_starts_a_formula(dated: Path) -> None:
    config, base = read_config(dated), project_of(dated)
    for text in (*HOSTILE.values(), *PAYLOADS):
        project = _with_seeks_text(base, text)
        written = requests_csv(config, requests_json(config, project)["requests"])
        for delimiter in DELIMITERS:
            rows = list(csv.reader(io.StringIO(written, newline=""), delimiter=delimiter))
            assert not [c for row in rows for c in row if starts_a_formula(c)], (delimiter, text)
            for pieces in (re.split(f"[{re.escape(delimiter)}\n]", written), re.split(f"[{re.escape(delimiter)}\r\n]", written)):
                assert not [p for p in pieces if starts_a_formula(p)], (delimiter, text)


def test_xss_payloads_in_seeks_texts_stay_inert_in_jsonld_csv_and_json(dated: Path) -> None:
    config, base = read_config(dated), project_of(dated)
    for payload in PAYLOADS:
        project = _with_seeks_text(base, payload)
        found = open_requests(project)
        pages = board_pages(found, config.board_page_size)
        fjord = next(r for r in found if r.member == "fjord-sonar")
        for data in (structured.board(config, project, "en", found, 1, len(found)),
                     structured.member(config, project, "en", "fjord-sonar", project.members["fjord-sonar"], pages)):
            text = str(script_json(data))
            assert "<" not in text and ">" not in text, payload  # nothing can end the <script> element
            back = json.loads(text)
            mine = next(n for n in nodes(back) if n.get("@type") == "Demand" and n["identifier"] == fjord.id)
            assert mine["description"] == payload, payload  # its words, as text
        records = requests_json(config, project)["requests"]
        assert next(r for r in records if r["id"] == fjord.id)["text"]["en"] == payload  # the JSON keeps the text as written
        rows = list(csv.DictReader(io.StringIO(requests_csv(config, records), newline="")))
        assert len(rows) == len(records)  # no payload splits a record
