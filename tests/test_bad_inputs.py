"""The bad-input corpus: one file per failure in tests/fixtures/bad, named for it.

Each fixture says in its header where it goes and what `check` must report:

    # kind: member            member | cluster | taxonomy | mkdocs | logo
    # file: profiles/members/Bad_Name.yml   (optional; default from kind and name)
    # args: --strict          (optional extra arguments to check)
    # exit: 1                 (optional; default 1, mkdocs 2)
    # expect: 15 error competences[1]: unknown competence 'laser-sytems'
    # code: CF-E201

`expect` gives the line, the severity and a part of "field: message"; a fixture may
have several. Each `expect` is followed by the `code` (docs/problem-codes.md) that
problem must carry. Lines are counted in the fixture file as it is, header included.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from clusterfolio.codes import CODES

from .conftest import TEST_DATE, TESTS

BAD = TESTS / "fixtures" / "bad"
HEADER = re.compile(r"^\s*(?:#|<!--)\s*(kind|file|expect|code|args|exit):\s*(.*?)\s*(?:-->)?\s*$")


def read_header(path: Path) -> dict[str, list[str]]:
    header: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = HEADER.match(line)
        if match:
            header.setdefault(match.group(1), []).append(match.group(2))
    return header


def placement(path: Path, header: dict[str, list[str]]) -> str:
    kind = header["kind"][0]
    if "file" in header:
        return header["file"][0]
    slug = path.stem.replace("_", "-")
    return {
        "member": f"profiles/members/{slug}.yml",
        "cluster": "profiles/cluster.yml",
        "taxonomy": "profiles/taxonomy.yml",
        "mkdocs": "mkdocs.yml",
        "logo": f"profiles/logos/{slug}{path.suffix}",
    }[kind]


FIXTURES = sorted(p for p in BAD.iterdir() if p.is_file())


def test_corpus_is_large_enough() -> None:
    assert len(FIXTURES) >= 50


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_bad_input_is_reported(fixture: Path, project: Path, run) -> None:
    header = read_header(fixture)
    assert header.get("kind") and header.get("expect"), f"{fixture.name}: header needs kind and expect"
    codes = header.get("code", [])
    assert len(codes) == len(header["expect"]), f"{fixture.name}: every expect needs its code"
    assert all(code in CODES for code in codes), f"{fixture.name}: {codes} are not all in clusterfolio/codes.py"
    kind = header["kind"][0]
    target = placement(fixture, header)
    (project / target).parent.mkdir(parents=True, exist_ok=True)
    (project / target).write_bytes(fixture.read_bytes())
    if kind == "logo":
        good = project / "profiles/members/good.yml"
        good.write_text(good.read_text() + f"logo: {target.removeprefix('profiles/')}\n")
    args = header.get("args", [""])[0].split()
    expected_exit = int(header.get("exit", ["2" if kind == "mkdocs" else "1"])[0])

    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE, *args)

    assert result.code == expected_exit, result.out + result.err
    assert "Traceback" not in result.out + result.err
    if kind == "mkdocs":
        lines = result.err.splitlines()
        for expect, code in zip(header["expect"], codes, strict=True):
            line, severity, text = expect.split(" ", 2)
            assert any(out.startswith(f"mkdocs.yml:{line}:") and f" {severity}: " in out and text in out for out in lines), (expect, lines)
            assert any(
                out.startswith(f"mkdocs.yml:{line}:") and f" {severity}: " in out and text in out and out.endswith(f" [{code}]")
                for out in lines
            ), (expect, code, lines)
        return
    found = result.problems
    listing = "\n".join(f"{p['file']}:{p['line']}: {p['severity']}: {p['field']}: {p['message']} [{p['code']}]" for p in found)
    for expect in header["expect"]:
        line, severity, text = expect.split(" ", 2)
        assert any(
            p["file"] == target and p["line"] == int(line) and p["severity"] == severity
            and text in (f"{p['field']}: {p['message']}" if p["field"] else p["message"])
            for p in found
        ), f"{fixture.name}: expected {expect!r} in {target}; got:\n" + listing
    for expect, code in zip(header["expect"], codes, strict=True):
        line, severity, text = expect.split(" ", 2)
        assert any(
            p["file"] == target and p["line"] == int(line) and p["severity"] == severity and p["code"] == code
            and text in (f"{p['field']}: {p['message']}" if p["field"] else p["message"])
            for p in found
        ), f"{fixture.name}: expected {expect!r} with {code} in {target}; got:\n" + listing
    assert all(p["code"] in CODES for p in found), listing
