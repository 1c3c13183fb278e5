"""members.csv starts no spreadsheet formula, whatever the spreadsheet splits it at (issue 21, item 3).

German and French spreadsheet programs split a CSV at semicolons, a tab-separated import at tabs;
either way a cell starts after every ';', ',', tab or line break inside a text, not only at the
field's start. A scratch project gets a member whose texts hide formulas after each of them; the
written file is read back with Python's csv reader and split naively at each delimiter, and no
cell may start with =, +, -, @, a tab or a carriage return (after the blanks and double quotes a
spreadsheet drops). The JSON keeps the texts as written, and the data package stays valid.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.site.opendata import inert_cell, members_csv, write_open_data

from .conftest import TEST_DATE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = (";", ",", "\t")

# Quoted with JSON, which YAML reads as a double-quoted scalar: tabs and line breaks as escapes.
# Tabs only in the multi-line texts (descriptions): check refuses them in one-line fields (CF-E131).
HOSTILE = {
    "name": "Evil, =2+3 GmbH; @SUM(A1)",
    "city": "Reutlingen;=1+1",
    "summary": 'We ship worldwide;=1+1; and, +cmd|" /C calc"!A0 "=HYPERLINK(""https://evil.example"")',
    "description": "Line one\t=1+1\n- a bullet\n  -2+3 after blanks\r\n@SUM(1)\n\"=quoted\"\n\t\tx",
    "certification": 'ISO 9001;=HYPERLINK("https://evil.example";"x")',
    "offer": "-20 % on lasers, =1+1",
}


def hostile_member() -> str:
    h = {key: json.dumps(value, ensure_ascii=False) for key, value in HOSTILE.items()}
    return f"""\
name: {h['name']}
type: sme
city: {h['city']}
country: DE
website: https://evil.example.com
summary:
  de: {h['summary']}
  en: {h['summary']}
  fr: {h['summary']}
description:
  de: {h['description']}
  en: {h['description']}
  fr: {h['description']}
competences: [laser-systems]
offers:
  de: [{h['offer']}, "@first"]
  en: [{h['offer']}]
certifications: ["=1+1", {h['certification']}, "+ISO"]
contact:
  email: info@evil.example.com
  phone: "+49 7121 555010"
"""


@pytest.fixture
def written(project: Path, tmp_path: Path) -> Path:
    """The open data of the minimal project with the hostile member, as the build writes it."""
    (project / "profiles/members/evil.yml").write_text(hostile_member(), encoding="utf-8")
    config = read_config(project)
    loaded, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert loaded is not None, "\n".join(p.text() for p in problems)
    site = tmp_path / "site"
    write_open_data(config, loaded, site)
    assert (site / "data/members.csv").read_bytes().decode("utf-8") == members_csv(config, loaded)
    return site / "data"


def starts_a_formula(cell: str) -> bool:
    # A spreadsheet drops blanks before a cell's text and takes double quotes as quoting.
    return cell.lstrip(' "\u00a0\u3000').startswith(FORMULA_START)


def test_item_3_no_csv_cell_starts_a_formula_with_semicolon_comma_or_tab_as_delimiter(written: Path) -> None:
    text = (written / "members.csv").read_bytes().decode("utf-8")  # CR kept as written
    assert "=1+1" in text and "HYPERLINK" in text  # the texts are there, only made inert
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        bad = [cell for row in rows for cell in row if starts_a_formula(cell)]
        assert not bad, (delimiter, bad)
        # Split naively too: at the delimiter and at every line break (CR, LF).
        for pieces in (re.split(f"[{re.escape(delimiter)}\n]", text), re.split(f"[{re.escape(delimiter)}\r\n]", text)):
            bad = [piece for piece in pieces if starts_a_formula(piece)]
            assert not bad, (delimiter, bad)


def test_item_3_every_field_is_quoted_and_reads_back_as_one_record_per_member_and_the_json_keeps_the_text(written: Path) -> None:
    text = (written / "members.csv").read_bytes().decode("utf-8")  # CR kept as written
    header, *records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 2  # good and evil: the ';', tabs and line breaks split no record
    row = dict(zip(header, next(r for r in records if r[0] == "evil"), strict=True))
    assert row["city"] == "Reutlingen;'=1+1"
    assert row["name"] == "Evil, '=2+3 GmbH; '@SUM(A1)"
    assert row["certifications"] == "'=1+1; ISO 9001;'=HYPERLINK(\"https://evil.example\";\"x\"); '+ISO"
    assert row["description_en"] == "Line one\t'=1+1\n'- a bullet\n  '-2+3 after blanks\r\n'@SUM(1)\n\"'=quoted\"\n'\t'\tx"
    assert row["phone"] == "'+49 7121 555010"
    # Every data field is quoted, not only those the csv module thinks need it.
    first_record = text.split("\n", 1)[1]
    assert first_record.startswith('"evil","')
    # The JSON keeps every text as written: the neutraliser is the CSV's alone.
    evil = next(m for m in json.loads((written / "members.json").read_text(encoding="utf-8"))["members"] if m["slug"] == "evil")
    assert (evil["name"], evil["city"], evil["description"]["en"]) == (HOSTILE["name"], HOSTILE["city"], HOSTILE["description"])
    assert evil["certifications"] == ["=1+1", HOSTILE["certification"], "+ISO"]


def test_item_3_the_neutraliser_is_a_leading_apostrophe_at_every_cell_start() -> None:
    assert inert_cell("We ship worldwide;=1+1;") == "We ship worldwide;'=1+1;"
    assert inert_cell('a, "=1') == "a, \"'=1"
    assert inert_cell("a;\t=1") == "a;'\t'=1"
    assert inert_cell("x\r=1") == "x\r'=1"
    assert inert_cell("\r") == "'\r"
    assert inert_cell("a-b, c=d; e@f") == "a-b, c=d; e@f"  # not at a cell's start: unchanged


def test_item_3_the_data_package_stays_valid_with_the_hostile_member(written: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(written / "datapackage.json"))
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:10]
    package = json.loads((written / "datapackage.json").read_text(encoding="utf-8"))
    assert "'" in package["resources"][0]["description"]  # the neutraliser is documented where the CSV is
    assert len(frictionless.Resource(str(written / "members.csv")).read_rows()) == 2
