"""Issue 23, item 1: every problem of a file in one run, in every format, and after the browser
editor's round trip; and the bad-input corpus told the same in German as in English."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import TEST_DATE
from .test_admin import DECAP_YAML, node_tools
from .test_bad_inputs import FIXTURES, placement, read_header

FIVE = """\
name: "Müller Präzision GmbH"
type: sme
city: Tuttlingen
country: DE
website: www.mueller-praezision.de
logo: logos/mueller-praezision.png
summary:
  de: Wir fertigen Präzisionsteile.
competences:
  - laser-sytems
  - precision-machning
contact:
  email: vertrieb@mueller-praezision.example
  phone: ask for Mr. Müller
"""
# The five mistakes of the issue: a website without https://, a PNG of 3 MB, a missing English
# (and French) summary, two misspelt competences, a phone number that is none.
FIVE_EXPECTED = [
    ("profiles/logos/mueller-praezision.png", 1, "CF-E404"),
    ("profiles/members/mueller-praezision.yml", 5, "CF-E115"),
    ("profiles/members/mueller-praezision.yml", 7, "CF-W201"),
    ("profiles/members/mueller-praezision.yml", 7, "CF-W201"),
    ("profiles/members/mueller-praezision.yml", 10, "CF-E201"),
    ("profiles/members/mueller-praezision.yml", 11, "CF-E201"),
    ("profiles/members/mueller-praezision.yml", 14, "CF-E119"),
]

TEN = """\
name: "Zehn\\tFehler GmbH"
type: smee
employees: 11-50
founded: 98
city: Reutlingen
country: Germany
website: http://zehn.example.com
summary:
  de: Wir bauen Laser.
  en: We build lasers.
  fr: Nous construisons des lasers.
  it: Costruiamo laser.
competences: [laser-systems, laser-systems, optical-coating]
markets: [FR, XX]
languages: [deutsch]
contact:
  email: mailto:info@zehn.example.com
colour: blue
"""
TEN_EXPECTED = [
    (1, "CF-E131"), (2, "CF-E201"), (3, "CF-E122"), (4, "CF-E110"), (6, "CF-E112"), (7, "CF-E114"), (12, "CF-E202"),
    (13, "CF-E132"), (13, "CF-E201"), (14, "CF-E112"), (15, "CF-E113"), (17, "CF-E117"), (18, "CF-E102"),
]


def _project(project: Path, text: str, slug: str) -> None:
    (project / f"profiles/members/{slug}.yml").write_text(text, encoding="utf-8")


def _big_png(path: Path) -> None:
    from PIL import Image

    Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(path)
    assert path.stat().st_size > 2_500_000


def _formats(run, project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, list[tuple]]:
    """The problems check reports in json, text and github formats, as (file, line, code)."""
    out = {}
    data = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    out["json"] = [(p["file"], p["line"], p["code"]) for p in data.problems]
    text = run("--root", project, "check", "--date", TEST_DATE).out
    out["text"] = [(line.split(":")[0], int(line.split(":")[1]), line.rsplit("[", 1)[1].rstrip("]")) for line in text.splitlines()]
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    github = run("--root", project, "check", "--format", "github", "--date", TEST_DATE).out
    out["github"] = []
    for line in github.splitlines():
        props = dict(kv.split("=", 1) for kv in line.split(" ", 1)[1].split("::", 1)[0].split(","))
        out["github"].append((props["file"], int(props["line"]), line.split(" [", 1)[1].split("]", 1)[0]))
    return out


def test_the_five_mistakes_of_a_new_member_are_told_in_one_run_in_every_format(project: Path, run, monkeypatch, tmp_path: Path) -> None:
    _project(project, FIVE, "mueller-praezision")
    _big_png(project / "profiles/logos/mueller-praezision.png")
    found = _formats(run, project, monkeypatch, tmp_path)
    for style, problems in found.items():
        assert problems == FIVE_EXPECTED, style  # every one, in file and line order
    assert found["json"] == _formats(run, project, monkeypatch, tmp_path)["json"]  # a stable order


def test_ten_different_mistakes_are_told_in_one_run(project: Path, run) -> None:
    _project(project, TEN, "zehn-fehler")
    problems = run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems
    mine = [(p["line"], p["code"]) for p in problems if p["file"] == "profiles/members/zehn-fehler.yml"]
    assert mine == TEN_EXPECTED


def test_the_mistakes_survive_the_browser_editors_round_trip(project: Path, run, tmp_path: Path) -> None:
    """A file saved unchanged by the CMS (Decap's YAML code) gets the same problems, at their new lines."""
    node = node_tools()
    source, saved = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "mueller-praezision.yml").write_text(FIVE, encoding="utf-8")
    from clusterfolio.model import Member

    subprocess.run([node, str(DECAP_YAML), "roundtrip", json.dumps(list(Member.model_fields)), str(source), str(saved)], check=True)
    shutil.copyfile(saved / "mueller-praezision.yml", project / "profiles/members/mueller-praezision.yml")
    _big_png(project / "profiles/logos/mueller-praezision.png")
    problems = run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems
    assert sorted(p["code"] for p in problems) == sorted(code for _, _, code in FIVE_EXPECTED)


@pytest.mark.parametrize("fixture", [f for f in FIXTURES if read_header(f)["kind"][0] != "mkdocs"], ids=lambda p: p.name)
def test_the_corpus_is_told_the_same_in_german(fixture: Path, project: Path, run) -> None:
    """File, line, field and code as in English; the text German (not the English text)."""
    header = read_header(fixture)
    target = placement(fixture, header)
    (project / target).parent.mkdir(parents=True, exist_ok=True)
    (project / target).write_bytes(fixture.read_bytes())
    if header["kind"][0] == "logo":
        good = project / "profiles/members/good.yml"
        good.write_text(good.read_text() + f"logo: {target.removeprefix('profiles/')}\n")
    args = header.get("args", [""])[0].split()
    english = run("--root", project, "check", "--format", "json", "--date", TEST_DATE, *args).problems
    german = run("--root", project, "check", "--format", "json", "--lang", "de", "--date", TEST_DATE, *args).problems
    assert [(p["file"], p["line"], p["field"], p["code"]) for p in german] == [(p["file"], p["line"], p["field"], p["code"]) for p in english]
    assert all(p["language"] == "de" and p["message_localized"] != p["message"] for p in german), [
        p["message_localized"] for p in german if p["message_localized"] == p["message"]]
