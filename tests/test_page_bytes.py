"""Bytes that carry nothing for a reader (issue 13's 600 MiB at 10,000 members): the markup that
every member page repeats says what it has to say once, and search still finds what it found."""
from __future__ import annotations

import datetime as dt
import gzip
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clusterfolio.config import read_config
from clusterfolio.i18n import Translator
from clusterfolio.project import load_project

from .conftest import ROOT, TEST_DATE

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Filters(HTMLParser):
    """The data-pagefind-filter elements of a page: (filter name, whether a hidden element holds it)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, bool]] = []
        self._open: list[bool] = []  # for each open element: is it, or an ancestor, hidden
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        hidden = bool(self._open and self._open[-1]) or "hidden" in a
        if "data-pagefind-filter" in a:
            self.found.append((a["data-pagefind-filter"] or "", hidden))
        if tag not in VOID:
            self._open.append(hidden)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._open:
            self._open.pop()


@pytest.fixture(scope="module")
def project():
    config = read_config(ROOT)
    loaded, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert loaded is not None, problems
    return config, loaded


def fragments(site: Path, lang: str) -> dict[str, dict]:
    """Pagefind's record of each indexed page of a language, by URL."""
    found = {}
    for file in (site / lang / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[record["url"]] = record
    return found


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_search_filters_come_from_what_the_member_page_shows(demo_site: Path, project, lang: str) -> None:
    """No hidden copy of the filters' values (~480 bytes a member page): Pagefind reads the member
    type, the country, the competences and the stages from the elements the reader sees, and each
    member still has every filter value it had."""
    config, p = project
    t, tax = Translator(lang, config.default_language), p.taxonomy
    label = lambda entry: t.text(entry.label).text  # noqa: E731
    records = fragments(demo_site, lang)
    for slug, m in p.members.items():
        page = (demo_site / lang / "members" / slug / "index.html").read_text(encoding="utf-8")
        shown = Filters(page).found
        assert shown and not any(hidden for _name, hidden in shown), slug
        expected = {
            t._("Competence"): sorted(label(tax.competences[c]) for c in m.competences),
            t._("Member type"): [label(tax.member_types[m.type])],
            t._("Country"): [t.country(m.country)],
            t._("Value-chain stage"): sorted(label(tax.value_chain[s]) for s in m.value_chain),
        }
        filters = records[f"/members/{slug}/"]["filters"]
        assert {k: sorted(vs) for k, vs in filters.items()} == {k: vs for k, vs in expected.items() if vs}, slug


def test_the_navigations_script_is_short(demo_site: Path) -> None:
    """The line that scrolls the current item into view on a phone is on every page but the home
    page (~34,000 at 10,000 members): scrollIntoView with the list's scroll-padding does in ~140
    bytes what the 326 bytes of measuring did (tests/test_partner_first_minute.py: item 8)."""
    page = (demo_site / "en" / "label" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="cf-nav"'):]
    nav = nav[:nav.index("</nav>")]
    script = nav[nav.index("<script>"):nav.index("</script>") + len("</script>")]
    assert "scrollIntoView" in script and len(script.encode()) <= 150, script
