"""Golden tests of what we own before the theme wraps it: every page kind's head, body and footer,
and the root files, rendered from a fixture cluster of their own (tests/fixtures/nordlicht).

Regenerate after an intended change with:  make golden
(that is: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py), then review the diff.
"""
from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.site.build import language_site
from clusterfolio.site.head import head
from clusterfolio.site.mkdocs_build import LanguageSite
from clusterfolio.site.render import environment
from clusterfolio.site.sitefiles import not_found_view, root_view, sitemap_entries

from .conftest import TESTS

GOLDEN = TESTS / "golden"
FIXTURE = TESTS / "fixtures" / "nordlicht"
DATE = dt.date(2026, 11, 26)

# (language, page path): every page kind in the default language, fallbacks in the others.
CASES = [
    ("en", ""), ("en", "members/"), ("en", "members/kielwasser-messtechnik/"), ("en", "members/baltic-data-lab/"),
    ("en", "competences/"), ("en", "competences/marine-sensors/"), ("en", "competences/sonar/"),
    ("en", "value-chain/"), ("en", "value-chain/research/"), ("en", "types/sme/"),
    ("en", "countries/"), ("en", "countries/dk/"), ("en", "international/"), ("en", "label/"), ("en", "about/"),
    ("en", "members/page/2/"), ("en", "value-chain/production/marine-sensors/"), ("en", "countries/de/"),
    ("en", "countries/de/located/"), ("en", "countries/de/located/page/2/"),
    ("de", ""), ("de", "members/kielwasser-messtechnik/"),
    ("fr", "members/baltic-data-lab/"), ("fr", "about/"), ("fr", "label/"),
]


def pretty(html: str) -> str:
    """One element per line, so a diff shows what changed."""
    return re.sub(r"><(?!/(?:a|strong|em|span|small)>)", ">\n<", html).strip() + "\n"


@pytest.fixture(scope="module")
def sites() -> dict[str, LanguageSite]:
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
def test_page_matches_golden(sites: dict[str, LanguageSite], lang: str, path: str) -> None:
    site = sites[lang]
    page = next(p for p in site.pages if p.path == path)
    # Content pages get their body HTML from mkdocs' Markdown; a stand-in shows where it goes.
    body = site.renderer.body(page, "<p>(the page's Markdown, rendered by mkdocs)</p>")
    parts = [
        f"kind: {page.kind}  nav: {page.nav}  search: {page.search}",
        "<!-- head -->", site.renderer.head(head(site.config, site.project, lang, page)),
        "<!-- body -->", body,
        "<!-- footer -->", site.renderer.footer(site.lang.footer(page.path, site.content_titles)),
    ]
    check(golden_name(lang, path), pretty("\n".join(parts)))


def test_root_files_match_golden(sites: dict[str, LanguageSite]) -> None:
    site = sites["en"]
    env = environment()
    paths = [p.path for p in site.pages]
    text = "\n".join([
        "<!-- index.html -->", env.get_template("site/root.html").render(view=root_view(site.config, site.project)),
        "<!-- 404.html -->", env.get_template("site/root.html").render(view=not_found_view(site.config, site.project)),
        "<!-- sitemap.xml (first entries) -->",
        env.get_template("site/sitemap.xml").render(entries=sitemap_entries(site.config, paths[:2]), lastmod=DATE.isoformat()),
    ])
    check("root-files.html", pretty(text))


def test_every_page_kind_has_a_golden_case(sites: dict[str, LanguageSite]) -> None:
    kinds = {p.kind for p in sites["en"].pages}
    covered = {next(p.kind for p in sites[lang].pages if p.path == path) for lang, path in CASES}
    assert kinds == covered


def test_no_stale_golden_files() -> None:
    expected = {golden_name(lang, path) for lang, path in CASES} | {"root-files.html"}
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected)
    if os.environ.get("UPDATE_GOLDEN"):
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert stale == [], "golden files no test reads: run `make golden`"
