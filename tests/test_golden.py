"""Golden tests of the generated page text (what we own, before the theme wraps it).

Regenerate after an intended change with:  make golden
(that is: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py), then review the diff.
"""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from clusterfolio.config import read_config
from clusterfolio.site.pages import Builder, Index
from clusterfolio.validate import load_project

from .conftest import ROOT, TESTS

GOLDEN = TESTS / "golden"
CASES = [
    ("de", "home"), ("fr", "home"),
    ("de", "lumera-optics"), ("fr", "lumera-optics"),
    ("en", "neckartal-lasertechnik"), ("fr", "neckartal-lasertechnik"),
]


@pytest.fixture(scope="module")
def index() -> Index:
    project, problems = load_project(read_config(ROOT), dt.date(2026, 11, 26))
    assert project is not None, problems
    return Index(project)


def pretty(html: str) -> str:
    """One element per line, so a diff shows what changed."""
    return re.sub(r"><(?!/(?:a|strong|em|span|small)>)", ">\n<", html).strip() + "\n"


@pytest.mark.parametrize(("lang", "name"), CASES, ids=[f"{lang}-{name}" for lang, name in CASES])
def test_page_text_matches_golden(index: Index, lang: str, name: str) -> None:
    builder = Builder(index, lang)
    page = builder.home() if name == "home" else builder.member(name)
    text = f"title: {page.title}\ndescription: {page.description}\n\n" + pretty(page.body)
    golden = GOLDEN / f"{lang}-{name}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} missing: run `make golden`"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs: review, then `make golden`"
