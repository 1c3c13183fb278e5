"""The one path into mkdocs: the build call, with the plugin (engine/plugin.py) that hands
mkdocs our finished pages.

Per language, `render_language` loads mkdocs.yml with our overrides and runs mkdocs with the
`clusterfolio` plugin (entry point `mkdocs.plugins`), to which it attaches the language's
pages. The plugin adds each page as a generated file (`File.generated`, no docs tree on
disk; a generated page's Markdown is an empty text), renders the page body, head and
footer from our templates just before mkdocs renders the theme (`on_page_context`) and
drops the body once the page is written, so memory does not grow with the site. mkdocs'
warnings come back as problems (CF-W601, logs.WarningsAsProblems), placed by
`LanguageSite.place`; when mkdocs stops, `EngineFailure` says what it was rendering.

This module and engine/plugin.py are the only ones that import mkdocs, and this one only when
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
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from ... import urls
from ...config import Config
from ...model import Project
from ...paths import CONTENT_DIR, THEME_DIR, symlink_on_path
from ...problems import Problem
from ...resources import overrides_dir
from .. import views as v
from ..frame import frame, nav_entries
from ..logs import WarningsAsProblems, print_safely
from ..pages.context import Context
from ..render import Renderer

ENGINES = ("mkdocs", "properdocs")
OVERRIDES = "overrides"  # the merged custom_dir, in a build's work folder
# What mkdocs quotes in a warning ("Doc file 'about/index.md' contains a link 'team.md', but …"):
# the line of the page that holds one is the warning's line.
_QUOTED = re.compile(r"'([^'\s]{2,})'")


@dataclass
class LanguageSite:
    """One language's pages, ready to render."""

    config: Config
    project: Project
    lang: Context
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

    def place(self, page: v.Page | None, text: str) -> tuple[str, int]:
        """Where a warning of mkdocs belongs: a content page it converts or renders (its file, and
        the first line that holds a text the warning quotes), else the site's configuration."""
        if page is None or page.source is None:
            return "mkdocs.yml", 1
        shown = getattr(page.view, "lang", None) or self.lang.lang  # a page shown from another language
        quoted = _QUOTED.findall(text)
        line = next((n for n, line in enumerate(page.source.splitlines(), 1) if any(q in line for q in quoted)), 1)
        return f"{CONTENT_DIR}/{shown}/{page.path.strip('/')}.md", line

    def chrome(self, page: v.Page | None) -> dict[str, Any]:
        """What the theme places around a page (`cf`): its frame (frame.py), rendered; without a
        page, the frame of mkdocs' 404 page of the language."""
        return frame(self.lang, page, self.nav_entries, self.content_titles, self.search_pages).rendered(self.renderer)


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


class EngineFailure(Exception):
    """mkdocs (or ProperDocs) stopped with `error` while it rendered `template` for `page` (the
    page's path in its language, e.g. 'en/members/'; None for a template of its own such as 404.html);
    both None where it stopped outside the theme. build.py turns it into a problem (CF-E614)."""

    def __init__(self, error: Exception, template: str | None = None, page: str | None = None) -> None:
        super().__init__(error)
        self.error, self.template, self.page = error, template, page


def render_language(site: LanguageSite, docs: Path, out: Path, engine: str = "mkdocs", custom_dir: Path | None = None) -> list[Problem]:
    """Run mkdocs (or ProperDocs) over one language's pages into out; custom_dir: merge_overrides' folder.

    Returns mkdocs' warnings as problems (CF-W601); raises EngineFailure when it stops."""
    _engine(engine)
    build = importlib.import_module(f"{engine}.commands.build").build
    logger = logging.getLogger(engine)
    logger.setLevel(logging.WARNING)
    # Page text reaches mkdocs' messages: one line each, no `::`, so no workflow command (logs.py).
    print_safely(logger)
    plugin: Any = None
    warnings = WarningsAsProblems(lambda text: site.place(plugin.making if plugin is not None else None, text))
    logger.addHandler(warnings)
    try:
        cfg = _load_config(site, engine, docs, out, custom_dir)
        plugin = cfg.plugins["clusterfolio"]
        plugin.site = site
        build(cfg)
    except Exception as exc:
        failed = plugin.failed if plugin is not None else None
        if failed is None:
            raise EngineFailure(exc) from exc
        page = None if failed.page is None else f"{site.lang.lang}/{failed.page}"
        raise EngineFailure(exc, failed.template, page) from exc
    finally:
        logger.removeHandler(warnings)
    return warnings.problems


def _load_config(site: LanguageSite, engine: str, docs: Path, out: Path, custom_dir: Path | None) -> Any:
    """mkdocs.yml with what clusterfolio sets for one language: theme, navigation, plugin, assets."""
    load_config = importlib.import_module(f"{engine}.config").load_config
    config, lang = site.config, site.lang.lang
    docs.mkdir(parents=True, exist_ok=True)  # mkdocs requires a docs folder (docs_dir must exist); every page is generated
    theme = dict(config.theme)
    theme.update({"name": "material", "custom_dir": str(custom_dir or overrides_dir()), "language": lang, "font": False})
    return load_config(
        config_file=str(config.root / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(out),
        # Material prints the site name unescaped in places and with `| e` in others: escaped
        # text as Markup reads right in both.
        site_name=escape(site.project.cluster.name),
        site_url=urls.absolute(config.site_url, lang, urls.HOME) if config.site_url else None,
        theme=theme,
        extra=dict(config.extra),  # the cluster's own, without clusterfolio's keys
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
