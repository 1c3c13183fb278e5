"""The clusterfolio mkdocs plugin (entry point `mkdocs.plugins: clusterfolio`).

engine.build.render_language attaches one language's pages to it before mkdocs runs. The
plugin hands mkdocs every page as a generated file (`File.generated`: a content page's Markdown,
an empty text for a page our templates make whole), renders the page body, head and footer from
our templates just before mkdocs renders the theme, and gives the theme what it places as the `cf`
context variable: `cf.head`, `cf.footer` (safe HTML), `cf.title` (text), `cf.search` (whether
search indexes the page). It uses mkdocs' documented events only, so ProperDocs runs it as mkdocs
does; the markup around the page is theme/overrides/base.html's, which writes none of Material's
unused parts (nothing is taken out of a rendered page afterwards).

While mkdocs makes a page or renders a template, the plugin knows which (`making`, `template`):
a warning mkdocs logs then is the page's (engine.build.LanguageSite.place), and a failure names
the template and page (build.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from .. import views as v
from ..head import brand_css
from ..ui import search_script

STRINGS = "assets/strings.js"  # per language: the search box's interface strings
STYLESHEET = "assets/clusterfolio.css"  # ours, with the cluster's colours appended (head.brand_css)
_UNUSED_ASSETS = ("assets/javascripts/", "assets/images/")
# Material's stylesheets, named by a hash that changes with each release: base.html links the
# ones the installed Material ships (on_env). Prefix and suffix of their file names.
_STYLESHEETS = {"main": ("assets/stylesheets/main.", ".min.css"), "palette": ("assets/stylesheets/palette.", ".min.css")}
EMBED_TEMPLATE = "embed.html"  # theme/overrides/: a frameless page (kinds.Facts.frame), written as its body made it
SITEMAP = "sitemap.xml"  # mkdocs' own; ours, at the site root, lists every language (SPEC §4.2)

if TYPE_CHECKING:
    from .build import LanguageSite


@dataclass(frozen=True)
class Rendering:
    """What mkdocs was making when something went wrong: a page (its path) and the theme template."""

    page: str | None  # the page's path ('' the home page), None for a template of its own (404.html)
    template: str | None  # the theme template mkdocs renders it with; None while our templates make the body


class PluginConfig(base.Config):
    """What one language's build needs besides its pages."""

    lang = c.Type(str)


class ClusterfolioPlugin(BasePlugin[PluginConfig]):
    """Hands our pages to mkdocs; see the module docstring."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: LanguageSite | None = None
        self._pages: dict[str, v.Page] = {}
        self.making: v.Page | None = None  # the page mkdocs converts or renders now
        self.rendering: Rendering | None = None  # what mkdocs renders now
        self.failed: Rendering | None = None  # what it rendered when the build failed

    def on_config(self, config: Any) -> Any:
        if self.site is None:
            raise PluginError("the clusterfolio plugin runs inside `clusterfolio build` (`python build.py` in clusterfolio's own checkout), which gives it the pages; run that instead of mkdocs")
        if self.site.lang.lang != self.config.lang:
            raise PluginError(f"the pages are in {self.site.lang.lang!r}, the plugin was configured for {self.config.lang!r}")
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        assert self.site is not None
        # The search box's interface strings, one small file per language (not in every page).
        files.append(File.generated(config, STRINGS, content=search_script(self.site.lang.t)))
        # Our stylesheet ends with the cluster's colours: one rule per language, not one per page.
        sheet = files.get_file_from_path(STYLESHEET)
        if sheet is not None:
            files.remove(sheet)
            files.append(File.generated(config, STYLESHEET, content=sheet.content_string + brand_css(self.site.project)))
        # Material's script bundle, search worker and default favicon are not used (base.html):
        # three copies of 2.5 MB the site need not publish.
        for file in [f for f in files if f.src_uri.startswith(_UNUSED_ASSETS) or f.src_uri.endswith(".map")]:
            files.remove(file)
        for page in self.site.pages:
            uri = self.site.doc_path(page)
            self._pages[uri] = page
            # A content page's Markdown is mkdocs' to convert; a generated page has none (an empty
            # text, which mkdocs converts to nothing): our templates make its body (on_page_context).
            files.append(File.generated(config, uri, content=page.source or ""))
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        env.globals["material_stylesheets"] = material_stylesheets(files)
        return env

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        ours = self._pages.get(page.file.src_uri)
        self.making = ours
        if ours is None:
            return markdown
        # Material prints page titles unescaped in places and with `| e` in others: escaped
        # text as Markup reads right in both.
        page.meta["title"] = escape(ours.title)
        if not ours.kind.frame:
            # An embed's template (pages/embed-*.html) writes the whole document: the theme's one
            # for it (overrides/embed.html) places it as it is, without main.html's skeleton.
            page.meta["template"] = EMBED_TEMPLATE
        return markdown if ours.kind.markdown else ""

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        self.making = None
        return html

    def on_page_context(self, context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
        ours = self._pages.get(page.file.src_uri)
        site = self.site
        if ours is None or site is None:
            return context
        self.making = ours
        self.rendering = Rendering(ours.path, None)
        page.content = site.renderer.body(ours, page.content if ours.kind.markdown else None)
        context["cf"] = site.chrome(ours) if ours.kind.frame else None
        self.rendering = Rendering(ours.path, page.meta.get("template", "main.html"))
        return context

    def on_template_context(self, context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
        self.rendering = Rendering(None, template_name)
        if self.site is not None and template_name == "404.html":
            context["cf"] = self.site.chrome(None)
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        page.content = None  # written: let it go
        self.making = self.rendering = None
        return output

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        self.rendering = None
        # mkdocs writes nothing for a template that renders to an empty text (documented).
        return "" if template_name == SITEMAP else output_content

    def on_build_error(self, error: Exception) -> None:
        self.failed = self.rendering


def material_stylesheets(files: Any) -> dict[str, str]:
    """Material's stylesheets (main, palette) as the installed theme names them, for base.html."""
    found = {name: f.src_uri for f in files for name, (start, end) in _STYLESHEETS.items()
             if f.src_uri.startswith(start) and f.src_uri.endswith(end)}
    if "main" not in found:  # a Material that names its stylesheet otherwise: say so, never an unstyled site
        raise PluginError(f"mkdocs-material's stylesheet {'*'.join(_STYLESHEETS['main'])} is missing: this Material is not one clusterfolio was made for")
    return found
