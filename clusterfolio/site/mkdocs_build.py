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
`engine="properdocs"`. It answers `import mkdocs.*` with its own modules only in a process that
has imported no mkdocs module yet, so the build runs it in fresh worker processes
(`fresh_process`, `start_engine`). See docs/decisions.md.

mkdocs takes one theme `custom_dir`: `merge_overrides` makes it per build, our
theme/overrides/ with the cluster's own theme/overrides/ copied over it (the cluster's files win).
"""
from __future__ import annotations

import functools
import importlib
import logging
import os
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import escape

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Project
from ..paths import THEME_DIR, symlink_on_path
from ..resources import overrides_dir
from . import views as v
from .head import head, not_found_head
from .logs import print_safely
from .pages import Lang, nav_entries
from .render import Renderer
from .sitefiles import language_not_found_view

ENGINES = ("mkdocs", "properdocs")
OVERRIDES = "overrides"  # the merged custom_dir, in a build's work folder


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

    # Every page's header needs these two; counted once per language, not once per page (which
    # grew with the square of the member count). The page list does not change during a build.
    @functools.cached_property
    def search_pages(self) -> int:
        return sum(1 for p in self.pages if p.search)

    @functools.cached_property
    def nav_entries(self) -> list[tuple[str, str]]:
        return nav_entries(self.lang, self.pages)

    def nav(self) -> list[dict[str, str]]:
        """The main navigation, as mkdocs wants it."""
        paths = {p.path: p for p in self.pages}
        return [{title: self.doc_path(paths[path])} for title, path in self.nav_entries]

    def chrome(self, page: v.Page | None) -> dict[str, Any]:
        """What the theme places around a page (`cf`): title, head, header, footer, search flag.
        Without a page (mkdocs' 404 of a language), links start at the site's path; in a preview,
        which has no path of its own, at the site root seen from <lang>/404.html."""
        nav = self.nav_entries
        if page is None:
            base = "../" if self.lang.preview else urls.site_path(self.config.site_url)
            return {
                "title": self.project.cluster.name,
                "head": self.renderer.head(not_found_head(self.config, self.project)),
                "header": self.renderer.header(self.lang.header("", nav, base, self.search_pages)),
                "footer": self.renderer.footer(self.lang.footer("", self.content_titles, base)),
                # "Page not found" in this language (theme/overrides/404.html puts it in place of Material's text).
                "body": self.renderer.render("site/not-found.html", view=language_not_found_view(self.config, self.lang.lang, base, self.lang.preview)),
                "search": False,
            }
        page_head = head(self.config, self.project, self.lang.lang, page)
        if self.lang.preview:  # a listing's neighbours, linked as the page's own links are
            before, after = page.prev_next
            page_head = replace(
                page_head,
                prev=self.lang.href(page.path, before) if before is not None else None,
                next=self.lang.href(page.path, after) if after is not None else None,
            )
        return {
            "title": page_head.title,
            "head": self.renderer.head(page_head),
            "header": self.renderer.header(self.lang.header(page.path, nav, search_pages=self.search_pages)),
            "footer": self.renderer.footer(self.lang.footer(page.path, self.content_titles, labels=page.kind != "member")),
            "search": page.search,
        }


def _engine(name: str) -> Any:
    """The mkdocs package, or ProperDocs (which answers imports of mkdocs.* with its own modules)."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")
    if name == "properdocs":
        importlib.import_module("properdocs.replacement")
    elif getattr(sys.modules.get("mkdocs"), "__name__", "mkdocs") != "mkdocs":
        raise RuntimeError("this process runs ProperDocs in place of mkdocs; build with mkdocs in another process")
    return importlib.import_module(name)


def fresh_process(engine: str) -> bool:
    """Whether the engine must start in a process that has imported no mkdocs module (ProperDocs)."""
    return engine != "mkdocs"


def start_engine(engine: str) -> None:
    """The first thing a fresh worker does: import the engine, before anything imports mkdocs."""
    _engine(engine)


def merge_overrides(root: Path, work: Path) -> Path:
    """The one custom_dir of this build: our overrides, the cluster's theme/overrides/ copied over them.

    Symbolic links in the cluster's folder are left out, as everywhere in a cluster's sources.
    """
    target = work / OVERRIDES
    shutil.copytree(overrides_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    own = root / THEME_DIR / OVERRIDES
    if own.is_dir() and not symlink_on_path(root, f"{THEME_DIR}/{OVERRIDES}") and own.resolve() != overrides_dir().resolve():
        links = lambda folder, names: [n for n in names if os.path.islink(os.path.join(folder, n))]  # noqa: E731
        shutil.copytree(own, target, ignore=links, dirs_exist_ok=True)
    return target


def render_language(site: LanguageSite, docs: Path, out: Path, engine: str = "mkdocs", custom_dir: Path | None = None) -> None:
    """Run mkdocs (or ProperDocs) over one language's pages into out; custom_dir: merge_overrides' folder."""
    _engine(engine)
    build = importlib.import_module(f"{engine}.commands.build").build
    load_config = importlib.import_module(f"{engine}.config").load_config

    logging.getLogger(engine).setLevel(logging.WARNING)
    # Page text reaches mkdocs' messages: one line each, no `::`, so no workflow command (logs.py).
    print_safely(logging.getLogger(engine))
    config, lang = site.config, site.lang.lang
    docs.mkdir(parents=True, exist_ok=True)  # mkdocs wants a docs folder; every page is generated
    theme = dict(config.theme)
    theme.update({"name": "material", "custom_dir": str(custom_dir or overrides_dir()), "language": lang, "font": False})
    extra = dict(config.extra)
    extra.update({
        "alternate": [{"name": Translator(code, config.default_language).language_name(code), "lang": code, "link": f"/{code}/"} for code in config.languages],
        "generator": False,
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
        # A preview opened from disk links mkdocs' own pages (links between content pages) to
        # their index.html: every page is <path>index.md, so the files are where they always are.
        use_directory_urls=not site.lang.preview,
        extra_css=["assets/clusterfolio.css"],
        extra_javascript=["assets/strings.js", "assets/clusterfolio.js"],
        not_in_nav="/*/\n",
    )
    cfg.plugins["clusterfolio"].site = site
    build(cfg)
