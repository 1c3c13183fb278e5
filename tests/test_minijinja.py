"""The templates run on MiniJinja too (the engine of Zensical, a successor of mkdocs-material):
every page of the fixture cluster renders to the same text with MiniJinja as with Jinja."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.resources import templates_dir
from clusterfolio.site.build import language_site
from clusterfolio.site.frame import footer, header
from clusterfolio.site.head import head

from .conftest import TESTS

minijinja = pytest.importorskip("minijinja")
FIXTURE = TESTS / "fixtures" / "nordlicht"


def normal(text: str) -> str:
    """Compare meaning, not spelling: the engines escape '/' and "'" differently and keep other whitespace."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(text))).strip())


def mini_environment():  # noqa: ANN201 - minijinja's Environment
    def load(name: str) -> str | None:
        path = templates_dir() / name
        return path.read_text(encoding="utf-8") if path.is_file() else None

    env = minijinja.Environment(loader=load)
    env.auto_escape_callback = lambda name: True
    env.trim_blocks = True
    env.lstrip_blocks = True
    return env


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_every_page_renders_the_same_with_minijinja(lang: str) -> None:
    config = read_config(FIXTURE)
    project, problems = load_project(config, dt.date(2026, 11, 26))
    assert project is not None, problems
    site = language_site(config, project, lang)
    env = mini_environment()
    templates = set()
    for page in site.pages:
        content = {"content": "<p>x</p>"} if page.kind.markdown else {}
        ours = site.renderer.body(page, content.get("content"))
        template = next(name for name in page.kind.templates if (templates_dir() / name).is_file())  # the kind's, else its fallback
        theirs = env.render_template(template, page=page, view=page.view, ui=site.renderer.ui, **content)
        assert normal(theirs) == normal(ours), page.path
        page_head = head(config, project, lang, page)
        ui = site.renderer.ui
        assert normal(env.render_template("partials/head.html", head=page_head, ui=ui)) == normal(site.renderer.head(page_head)), page.path
        page_footer = footer(site.lang, page.path, site.content_titles)
        assert normal(env.render_template("partials/footer.html", footer=page_footer, ui=ui)) == normal(site.renderer.footer(page_footer)), page.path
        page_header = header(site.lang, page.path, [("Members", "members/")])
        assert normal(env.render_template("partials/header.html", header=page_header, ui=ui)) == normal(site.renderer.header(page_header)), page.path
        templates.add(template)
    assert templates == {f"pages/{p.name}" for p in (templates_dir() / "pages").glob("*.html")}  # every page template
