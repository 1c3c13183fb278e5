"""The clusterfolio mkdocs plugin (entry point `mkdocs.plugins: clusterfolio`).

mkdocs_build.render_language attaches one language's pages to it before mkdocs runs. The
plugin adds each page as a generated file, skips mkdocs' Markdown step for generated pages,
renders the page body, head and footer from our templates just before mkdocs renders the
theme, and gives the theme what it places as the `cf` context variable: `cf.head`,
`cf.footer` (safe HTML), `cf.title` (text), `cf.search` (whether search indexes the page).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from . import views as v
from .ui import search_script

STRINGS = "assets/strings.js"  # per language: the search box's interface strings
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_UNUSED_ASSETS = ("assets/javascripts/", "assets/images/")
# Material's drawer and search toggles and the overlay label that belongs to them; the empty
# skip, announcement and dialog holders its script would fill.
_UNUSED = re.compile(r'<input class="md-toggle" data-md-toggle="(?:drawer|search)"[^>]*>|<label class="md-overlay" for="__drawer"></label>'
                     r'|<div data-md-component="(?:skip|announce)">\s*</div>'
                     r'|<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>')

if TYPE_CHECKING:
    from .mkdocs_build import LanguageSite

class GeneratedPage(Page):
    """A page our templates make whole (on_page_context). mkdocs takes a page a plugin sets on its
    file (File.page) as it is; this one skips mkdocs' Markdown step, which would build a Markdown
    converter for an empty text on each of 10,000 pages."""

    def render(self, config: Any, files: Any) -> None:
        self.content = ""


class PluginConfig(base.Config):
    """What one language's build needs besides its pages."""

    lang = c.Type(str)


class ClusterfolioPlugin(BasePlugin[PluginConfig]):
    """Hands our pages to mkdocs; see the module docstring."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: LanguageSite | None = None
        self._pages: dict[str, v.Page] = {}

    def on_config(self, config: Any) -> Any:
        if self.site is None:
            raise PluginError("the clusterfolio plugin runs inside `clusterfolio build` (`python build.py` in clusterfolio's own checkout), which gives it the pages; run that instead of mkdocs")
        if self.site.lang.lang != self.config.lang:
            raise PluginError(f"the pages are in {self.site.lang.lang!r}, the plugin was configured for {self.config.lang!r}")
        # Our code writes the one sitemap and the 404 page at the site root (SPEC §4.2).
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_files(self, files: Any, config: Any) -> Any:
        assert self.site is not None
        # The search box's interface strings, one small file per language (not in every page).
        files.append(File.generated(config, STRINGS, content=search_script(self.site.lang.t)))
        # Material's script bundle, search worker and default favicon are not used (main.html):
        # three copies of 2.5 MB the site need not publish.
        for file in [f for f in files if f.src_uri.startswith(_UNUSED_ASSETS) or f.src_uri.endswith(".map")]:
            files.remove(file)
        # Not rendered (see on_config), mkdocs would copy the template itself.
        template = files.get_file_from_path("sitemap.xml")
        if template is not None:
            files.remove(template)
        for page in self.site.pages:
            uri = self.site.doc_path(page)
            self._pages[uri] = page
            file = File.generated(config, uri, content=page.source or "")
            files.append(file)
            if page.kind != "content":  # a content page's Markdown is mkdocs' to convert
                GeneratedPage(None, file, config)  # sets file.page
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        ours = self._pages.get(page.file.src_uri)
        if ours is None:
            return markdown
        # Material prints page titles unescaped in places and with `| e` in others: escaped
        # text as Markup reads right in both.
        page.meta["title"] = escape(ours.title)
        return markdown if ours.kind == "content" else ""

    def on_page_context(self, context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
        ours = self._pages.get(page.file.src_uri)
        site = self.site
        if ours is None or site is None:
            return context
        page.content = site.renderer.body(ours, page.content if ours.kind == "content" else None)
        context["cf"] = site.chrome(ours)
        return context

    def on_template_context(self, context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
        if self.site is not None and template_name == "404.html":
            context["cf"] = self.site.chrome(None)
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        page.content = None  # written: let it go
        return tidy(output)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return tidy(output_content) if template_name == "404.html" else output_content


def tidy(output: str) -> str:
    """Leave out what Material's skeleton writes for its script bundle, which the site does not load.

    The drawer and search toggles are inputs no one can use without that script (and the Nu HTML
    Checker refuses their autocomplete attribute); Material writes them outside any template
    block, so no block override can leave them out. Indentation is a quarter of what the theme
    adds to a page; it goes too, except in pages with preformatted text (content pages may have some).
    """
    output = _UNUSED.sub("", output)
    if "<pre" not in output and "<textarea" not in output:
        output = _INDENT.sub("\n", output)
    return output
