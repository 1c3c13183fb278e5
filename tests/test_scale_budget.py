"""What keeps the 10,000-member site within issue 13's targets, held where a test can see it
(docs/decisions.md, "Back within the scale targets"): the shortcuts must answer as the full look."""
from __future__ import annotations

from pathlib import Path

import pytest

from clusterfolio import placeholders
from clusterfolio.config import read_config

from .conftest import ROOT


def test_check_does_not_parse_a_member_file_that_cannot_hold_a_placeholder(monkeypatch) -> None:
    """The demo is fictional: its members' example.org addresses are meant, so no member file is parsed twice."""
    parsed: list[str] = []
    real = placeholders.parse
    monkeypatch.setattr(placeholders, "parse", lambda text, rel: parsed.append(rel) or real(text, rel))
    assert placeholders.find(read_config(ROOT)) == []
    assert not [rel for rel in parsed if rel.startswith("profiles/members/")]


@pytest.mark.parametrize("fictional", [True, False])
@pytest.mark.parametrize("text", [
    "name: To complete: the name\n",
    "name: 'To\n  complete: the name'\n",  # folded: one space between the words
    "name: >\n  Zu\n  ergänzen: Name\n",
    "name: \"\\u00c0 compl\\u00e9ter : le nom\"\n",  # escapes spell the marker: parsed
    "summary:\n  fr: À compléter\u00a0: le texte\n",
    "website: https://www.EXAMPLE.com\n",
    "contact:\n  email: info@medtech.example\n",
    "contact:\n  email: \"info@medtech\\x2eexample.com\"\n",
    "name: Lumera\u200b Optics\n",  # not printable: the reader shields it, so parsed
    "name: Lumera Optics\nwebsite: https://lumera.de\n",
])
def test_the_placeholder_shortcut_misses_nothing_the_full_look_finds(tmp_path: Path, text: str, fictional: bool) -> None:
    (tmp_path / "m.yml").write_text(text, encoding="utf-8")
    full = placeholders._document(tmp_path, "m.yml")
    found = [value for _, value in placeholders._texts(full.data, ()) if placeholders._MARKER.search(value)
             or (not fictional and placeholders._EXAMPLE.search(value))] if full else []
    if found:
        assert placeholders.could_hold_placeholder(text, fictional)
    assert (placeholders._document(tmp_path, "m.yml", fictional) is None) == (not placeholders.could_hold_placeholder(text, fictional))


def test_language_workers_inherit_the_project_instead_of_unpickling_a_copy(tmp_path: Path, monkeypatch) -> None:
    """Each language's worker would otherwise hold a private copy of every member (peak memory at 10,000 members)."""
    from clusterfolio.model import Project

    from .conftest import MINIMAL, build_project

    def refuse(self: Project, protocol: int) -> None:
        raise AssertionError("the project was pickled for a language worker")

    monkeypatch.setattr(Project, "__reduce_ex__", refuse, raising=False)
    build_project(MINIMAL, tmp_path / "site", jobs=2)
    assert list((tmp_path / "site").glob("*/index.html"))  # every language built
