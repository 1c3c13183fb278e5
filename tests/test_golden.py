"""Golden tests of the pages as the build writes them: every page kind of a fixture cluster of its
own (tests/fixtures/nordlicht), built once, each case the whole file under site/ (head, header,
body, footer, as mkdocs-material wraps them), and the root files.

Regenerate after an intended change with:  make golden
(that is: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py), then review the diff.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.site.build import language_site
from clusterfolio.site.engine.build import LanguageSite
from clusterfolio.site.kinds import Kind

from .conftest import TESTS, build_project

GOLDEN = TESTS / "golden"
FIXTURE = TESTS / "fixtures" / "nordlicht"
DATE = dt.date(2026, 11, 26)
# The sitemap lists every page: its golden keeps the first entries of the written file (the first
# two pages in each of the three languages).
SITEMAP_ENTRIES = 6

# (language, page path): every page kind in the default language, fallbacks in the others.
CASES = [
    ("en", ""), ("en", "members/"), ("en", "members/kielwasser-messtechnik/"), ("en", "members/baltic-data-lab/"),
    ("en", "competences/"), ("en", "competences/marine-sensors/"), ("en", "competences/sonar/"),
    ("en", "value-chain/"), ("en", "value-chain/research/"), ("en", "types/sme/"),
    ("en", "countries/"), ("en", "countries/dk/"), ("en", "international/"), ("en", "cooperation/"), ("en", "label/"), ("en", "about/"),
    ("en", "members/page/2/"), ("en", "value-chain/production/marine-sensors/"), ("en", "countries/de/"),
    ("en", "countries/de/located/"), ("en", "countries/de/located/page/2/"),
    ("en", "embed/"), ("en", "embed/members/"), ("en", "embed/cooperation/"),
    ("de", ""), ("de", "members/kielwasser-messtechnik/"),
    ("fr", "members/baltic-data-lab/"), ("fr", "about/"), ("fr", "label/"),
]


def pretty(html: str) -> str:
    """One element per line, so a diff shows what changed."""
    return re.sub(r"><(?!/(?:a|strong|em|span|small)>)", ">\n<", html).strip() + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture cluster's site, as `build` writes it."""
    out = tmp_path_factory.mktemp("golden") / "site"
    build_project(FIXTURE, out, date=DATE.isoformat())
    return out


@pytest.fixture(scope="module")
def sites() -> dict[str, LanguageSite]:
    """Each language's pages, for their kinds and flags (the build's own list of them)."""
    config = read_config(FIXTURE)
    project, problems = load_project(config, DATE)
    assert project is not None, problems
    return {lang: language_site(config, project, lang) for lang in config.languages}


def check(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden.name} missing: run `make golden`"
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs: review, then `make golden`"


def golden_name(lang: str, path: str) -> str:
    return f"{lang}-{path.strip('/').replace('/', '-') or 'home'}.html"


@pytest.mark.parametrize(("lang", "path"), CASES, ids=[golden_name(lang, path) for lang, path in CASES])
def test_page_matches_golden(built: Path, sites: dict[str, LanguageSite], lang: str, path: str) -> None:
    page = next(p for p in sites[lang].pages if p.path == path)
    written = (built / lang / path / "index.html").read_text(encoding="utf-8")
    check(golden_name(lang, path), pretty(f"kind: {page.kind}  nav: {page.nav}  search: {page.search}\n{written}"))


def first_entries(sitemap: str, n: int) -> str:
    """The sitemap's opening, its first n entries and its end: the entries that follow are alike."""
    lines = sitemap.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("<url>"))
    return "\n".join([*lines[:start + n], lines[-1]])


def test_root_files_match_golden(built: Path) -> None:
    def read(name: str) -> str:
        return (built / name).read_text(encoding="utf-8").strip()

    text = "\n".join([
        "<!-- index.html -->", read("index.html"),
        "<!-- 404.html -->", read("404.html"),
        "<!-- sitemap.xml (first entries) -->", first_entries(read("sitemap.xml"), SITEMAP_ENTRIES),
    ])
    check("root-files.html", pretty(text))


def test_every_page_kind_has_a_golden_case(sites: dict[str, LanguageSite]) -> None:
    covered = {next(p.kind for p in sites[lang].pages if p.path == path) for lang, path in CASES}
    assert covered == set(Kind)


def test_no_stale_golden_files() -> None:
    expected = {golden_name(lang, path) for lang, path in CASES} | {"root-files.html"}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected)
    if os.environ.get("UPDATE_GOLDEN"):
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert stale == [], "golden files no test reads: run `make golden`"
