"""The one path into mkdocs: the build call, with the plugin (mkdocs_plugin.py) that hands
mkdocs our finished pages.

Per language, `render_language` loads mkdocs.yml with our overrides and runs mkdocs with the
`clusterfolio` plugin (entry point `mkdocs.plugins`), to which it attaches the language's
pages. The plugin adds each page as a generated file (`File.generated`, no docs tree on
disk), skips mkdocs' Markdown step for generated pages, renders the page body, head and
footer from our templates just before mkdocs renders the theme (`on_page_context`) and
drops the body once the page is written, so memory does not grow with the site.

This module and mkdocs_plugin.py are the only ones that import mkdocs, and this one only when
it runs it. ProperDocs (the maintained fork of MkDocs 1.x) runs the same plugin:
`engine="properdocs"`. See docs/decisions.md.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape


from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Project
from ..resources import overrides_dir
from . import views as v
from .pages import Lang
from .render import Renderer
from .ui import search_strings

ENGINES = ("mkdocs", "properdocs")


@dataclass
class LanguageSite:
    """One language's pages, ready to render."""

    config: Config
    project: Project
    lang: Lang
    pages: list[v.Page]
    renderer: Renderer
    content_titles: dict[str, str] = field(default_factory=dict)

    def doc_path(self, page: v.Page) -> str:
        return f"{page.path}index.md" if page.path else "index.md"

    def nav(self) -> list[dict[str, str]]:
        """The main navigation: the pages marked nav, in a fixed order."""
        order = {"home": 0, "directory": 1, "competences": 2, "value-chain": 3, "countries": 4, "international": 5, "label": 6, "content": 7}
        content_order = {"about": "0", "strategy": "1", "contact": "9"}

        def key(page: v.Page) -> tuple[int, str]:
            return order.get(page.kind, 99), content_order.get(page.path.rstrip("/"), "5") + page.path

        return [{(self.lang._("Home") if p.kind == "home" else p.title): self.doc_path(p)} for p in sorted(self.pages, key=key) if p.nav]


def _engine(name: str) -> Any:
    """The mkdocs package, or ProperDocs (which answers imports of mkdocs.* with its own modules)."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
    if name == "properdocs":
        importlib.import_module("properdocs.replacement")
    return importlib.import_module(name)


def render_language(site: LanguageSite, docs: Path, out: Path, engine: str = "mkdocs") -> None:
    """Run mkdocs (or ProperDocs) over one language's pages into out."""
    _engine(engine)
    build = importlib.import_module(f"{engine}.commands.build").build
    load_config = importlib.import_module(f"{engine}.config").load_config

    logging.getLogger(engine).setLevel(logging.WARNING)
    config, lang = site.config, site.lang.lang
    docs.mkdir(parents=True, exist_ok=True)  # mkdocs wants a docs folder; every page is generated
    theme = dict(config.theme)
    theme.update({"name": "material", "custom_dir": str(overrides_dir()), "language": lang, "font": False})
    extra = dict(config.extra)
    extra.update({
        "alternate": [{"name": Translator(code, config.default_language).language_name(code), "lang": code, "link": f"/{code}/"} for code in config.languages],
        "generator": False,
        "cf_ui": search_strings(site.lang.t),
    })
    cfg = load_config(
        config_file=str(config.root / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(out),
        # Material prints the site name unescaped in places and with `| e` in others: escaped
        # text as Markup reads right in both.
        site_name=escape(site.project.cluster.name),
        site_url=urls.absolute(config.site_url, lang, urls.HOME) if config.site_url else None,
        theme=theme,
        extra=extra,
        nav=site.nav(),
        plugins=[{"clusterfolio": {"lang": lang}}],
        hooks=[],
        use_directory_urls=True,
        extra_css=["assets/clusterfolio.css"],
        extra_javascript=["assets/clusterfolio.js"],
        not_in_nav="/*/\n",
    )
    cfg.plugins["clusterfolio"].site = site
    build(cfg)
