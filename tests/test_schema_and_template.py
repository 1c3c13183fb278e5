"""Generated files (JSON Schemas, the problem codes page) stay in step with their source;
new-member writes a template members can fill in."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from clusterfolio import codes
from clusterfolio.newmember import propose_slug
from clusterfolio.schema import schemas
from clusterfolio.yamlsafe import parse

from .conftest import MINIMAL, ROOT, TEST_DATE


@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    assert committed == schemas()[name], f"schema/{name} is out of date: run `python build.py schema`"


@pytest.mark.parametrize("lang", codes.DOC_LANGUAGES)
def test_committed_problem_codes_page_is_up_to_date(lang: str) -> None:
    committed = (ROOT / codes.doc_path(lang)).read_text(encoding="utf-8")
    assert committed == codes.document(lang), f"{codes.doc_path(lang)} is out of date: run `make codes`"
    for code in codes.CODES:
        assert f"\n### {code}\n" in committed, code  # the anchor #cf-… every message links to


def test_the_members_guide_lists_its_codes_from_the_registry() -> None:
    from clusterfolio.problems import help_url

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert guide == codes.with_member_tables(guide, help_url), "CONTRIBUTING.md's code tables are out of date: run `make codes`"
    for lang in ("de", "en"):
        assert f"<!-- codes:{lang} -->\n| " in guide


@pytest.mark.parametrize(
    ("kind", "path"),
    [("cluster", "profiles/cluster.yml"), ("taxonomy", "profiles/taxonomy.yml"), ("member", "profiles/members/good.yml")],
)
def test_schema_accepts_valid_profiles(kind: str, path: str) -> None:
    schema = json.loads(schemas()[f"{kind}.schema.json"])
    data = parse((MINIMAL / path).read_text(), path).data
    jsonschema.validate(data, schema)


def test_member_schema_rejects_unknown_fields_and_http() -> None:
    schema = json.loads(schemas()["member.schema.json"])
    data = parse((MINIMAL / "profiles/members/good.yml").read_text(), "m").data
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "sumary": {"de": "x"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "website": "http://x.example.com"}, schema)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Lumera Optics GmbH", "lumera-optics"),
        ("Müller & Söhne GmbH & Co. KG", "mueller-soehne"),
        ("Institut für Mikrosensorik e.V.", "institut-fuer-mikrosensorik"),
        ("Société Générale d'Optique SAS", "societe-generale-d-optique"),
        ("GmbH", "gmbh"),
    ],
)
def test_slug_proposal(name: str, slug: str) -> None:
    assert propose_slug(name) == slug


def test_new_member_writes_commented_template(project: Path, run) -> None:
    result = run("--root", project, "new-member", "Neue Optik GmbH")
    assert result.code == 0
    assert "wrote profiles/members/neue-optik.yml" in result.out
    text = (project / "profiles/members/neue-optik.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/member.schema.json\n")
    assert 'name: "Neue Optik GmbH"' in text
    assert "laser-systems, optical-coatings, precision-machining" in text  # ids from the taxonomy
    # Every field has a comment in German and English on the line(s) before it:
    # "Deutsch / English" on one line, or one line each.
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith((" ", "#")):
            block = []
            while lines[index - 1 - len(block)].startswith("#"):
                block.append(lines[index - 1 - len(block)])
            assert block and (" / " in block[0] or len(block) >= 2), line

    # Unfilled, check names exactly what is left to do, and nothing else.
    check = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    mine = [p for p in check.problems if p["file"] == "profiles/members/neue-optik.yml"]
    assert {(p["field"], p["code"], p["message"].split(";")[0]) for p in mine} == {
        ("type", "CF-E101", "is empty"),
        ("city", "CF-E101", "is empty"),
        ("website", "CF-E101", "is empty"),
        ("summary", "CF-E101", "is required, but its lines below are all empty"),
        ("competences[0]", "CF-E107", "expected an id, found nothing"),
        ("contact", "CF-E101", "is required, but its lines below are all empty"),
    }


def test_filled_template_passes(project: Path, run) -> None:
    run("--root", project, "new-member", "Neue Optik GmbH")
    path = project / "profiles/members/neue-optik.yml"
    text = path.read_text()
    for old, new in [
        ("type:\n", "type: sme\n"), ("city:\n", "city: Tübingen\n"), ("website:\n", "website: https://neue.example.com\n"),
        ("summary:\n  de:\n  en:\n  fr:\n", "summary:\n  de: Optik.\n  en: Optics.\n  fr: Optique.\n"),
        ("competences:\n  -\n", "competences:\n  - laser-systems\n"), ("  email:\n", "  email: info@neue.example.com\n"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    result = run("--root", project, "check", "--strict", "--date", TEST_DATE)
    assert result.code == 0, result.out


def test_new_member_refuses_to_overwrite(project: Path, run) -> None:
    before = (project / "profiles/members/good.yml").read_text()
    result = run("--root", project, "new-member", "Good", "--slug", "good")
    assert result.code == 1
    assert "profiles/members/good.yml exists already; nothing was written" in result.err
    assert (project / "profiles/members/good.yml").read_text() == before


def test_new_member_rejects_bad_slug(project: Path, run) -> None:
    result = run("--root", project, "new-member", "X", "--slug", "Bad_Slug")
    assert result.code == 2
    assert not (project / "profiles/members/Bad_Slug.yml").exists()
