"""The package's size limits (issue 25): modules a reader can take in, functions that fit a screen.

Complexity (paths, branches, statements) is ruff's, in pyproject.toml; lines are counted here.
"""
from __future__ import annotations

import ast

from .conftest import ROOT

PACKAGE = ROOT / "clusterfolio"
MODULE_LINES_MAX = 450
FUNCTION_LINES_MAX = 60
# The model is the file format written out field by field, the codes a registry of every message
# kind: each is one table that reads best whole.
LONG_MODULES_ALLOWED = {"clusterfolio/model.py", "clusterfolio/codes.py"}


def long_modules(files: dict[str, str]) -> list[str]:
    """'path: N lines' for every module over MODULE_LINES_MAX lines that is not allowed to be."""
    return [f"{path}: {len(text.splitlines())} lines" for path, text in sorted(files.items())
            if len(text.splitlines()) > MODULE_LINES_MAX and path not in LONG_MODULES_ALLOWED]


def long_functions(files: dict[str, str]) -> list[str]:
    """'path:line name N lines' for every function, nested ones too, over FUNCTION_LINES_MAX lines
    from its `def` to its last line (decorators not counted)."""
    found = []
    for path, text in sorted(files.items()):
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > FUNCTION_LINES_MAX:
                    found.append(f"{path}:{node.lineno} {node.name}: {lines} lines")
    return found


def package_files() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_is_over_450_lines() -> None:
    found = long_modules(package_files())
    assert not found, "split these modules:\n" + "\n".join(found)


def test_no_function_is_over_60_lines() -> None:
    found = long_functions(package_files())
    assert not found, "split these functions:\n" + "\n".join(found)


def _function(name: str, body_lines: int, indent: str = "") -> str:
    body = "".join(f"{indent}    x{i} = {i}\n" for i in range(body_lines))
    return f"{indent}def {name}() -> None:\n{body}"


def test_the_limits_find_an_offender() -> None:
    """So that the tests above cannot pass by looking at nothing."""
    assert len(package_files()) > 20
    fits = "@decorated\n" + _function("fits", FUNCTION_LINES_MAX - 1)  # the decorator is not counted
    nested = "class Outer:\n" + _function("method", 2, "    ") + _function("too_long", FUNCTION_LINES_MAX, "    ")
    files = {"clusterfolio/a.py": fits, "clusterfolio/b.py": nested, "clusterfolio/c.py": "x = 1\n" * (MODULE_LINES_MAX + 1),
             "clusterfolio/model.py": "x = 1\n" * (MODULE_LINES_MAX + 1)}
    assert long_functions(files) == [f"clusterfolio/b.py:5 too_long: {FUNCTION_LINES_MAX + 1} lines"]
    assert long_modules(files) == [f"clusterfolio/c.py: {MODULE_LINES_MAX + 1} lines"]
    assert long_modules({"clusterfolio/d.py": "x = 1\n" * MODULE_LINES_MAX}) == []
