"""Problem codes (SPEC §5.1): one registry, every code in use, every problem made with one."""
from __future__ import annotations

import ast

from clusterfolio import codes

from .conftest import ROOT

PACKAGE = ROOT / "clusterfolio"
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "codes.py")


def _source_literals() -> dict[str, set[str]]:
    """Every CF code written in the package's source, with the files it is written in."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        for code in codes.CODE_RE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_registered_code_is_used() -> None:
    dead = sorted(set(codes.CODES) - set(_source_literals()))
    assert not dead, f"codes no check reports (retire them in codes.RETIRED): {dead}"


def test_every_code_in_the_source_is_registered() -> None:
    unknown = {code: files for code, files in _source_literals().items() if code not in codes.CODES}
    assert not unknown, f"codes missing from clusterfolio/codes.py: {unknown}"


def _calls_without_code(tree: ast.AST) -> list[int]:
    """Lines of `Problem(...)` calls that leave the code at its default.

    Problem.make, Document.problem and model.fail take the code as a required argument,
    so only the dataclass's own constructor can be called without one.
    """
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem":
            explicit = [a for a in node.args if not isinstance(a, ast.Starred)]
            if len(explicit) < 7 and not any(k.arg == "code" for k in node.keywords):
                lines.append(node.lineno)
    return lines


def test_every_problem_is_made_with_a_code() -> None:
    uncoded = [
        f"{rel}:{line}"
        for path in SOURCES
        for rel in [path.relative_to(ROOT).as_posix()]
        for line in _calls_without_code(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert uncoded == []


def test_the_call_finder_sees_a_call_without_code() -> None:
    tree = ast.parse('Problem("f", 1, 1, "error", "", "m")\nProblem("f", 1, 1, "error", "", "m", "CF-E106")\nProblem(*p, code="CF-E106")')
    assert _calls_without_code(tree) == [1]


def test_registry_entries_are_complete() -> None:
    for code, entry in codes.CODES.items():
        assert entry.code == code and codes.CODE_RE.fullmatch(code)
        assert entry.severity == ("error" if code[3] == "E" else "warning"), code
        assert entry.group in codes.GROUPS, code
        assert entry.title and entry.meaning.endswith(".") and entry.fix.endswith("."), code
        assert not codes.RETIRED & {code}


def test_docs_link_the_codes_page() -> None:
    for doc in ("README.md", "CONTRIBUTING.md"):
        assert "docs/problem-codes.md" in (ROOT / doc).read_text(encoding="utf-8"), doc
