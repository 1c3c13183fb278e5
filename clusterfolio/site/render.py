"""Templates to text: one Jinja environment with autoescape, over theme/templates/.

Escaping is the default: a value reaches HTML as text unless it is `Markup` made by
markup.py (sanitised Markdown, JSON for <script>). Templates receive view models and the
interface strings (`ui`) and call no Python, so MiniJinja (Zensical's engine) can run them.
A cluster's own `theme/templates/` comes first on the search path (`cluster_templates`): a file
there replaces ours of the same name, one partial or page at a time; the rest stay the package's,
so an upgrade brings them (docs/upgrading.md).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    select_autoescape,
)
from jinja2.ext import Extension
from markupsafe import Markup

from ..paths import THEME_DIR, symlink_on_path
from ..resources import templates_dir
from . import views as v
from .kinds import Kind
from .markup import trusted_html


class StripIndentation(Extension):
    """Drop the indentation of template lines: templates stay readable, pages stay small."""

    _indent = re.compile(r"^[ \t]+", re.M)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return self._indent.sub("", source)


class OwnTemplates(FileSystemLoader):
    """A cluster's template folder: its files, never through a symbolic link (as in content/)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder

    def get_source(self, environment: Environment, template: str):  # type: ignore[no-untyped-def]
        if symlink_on_path(self.folder, template):
            raise TemplateNotFound(template)
        return super().get_source(environment, template)


def cluster_templates(root: Path) -> tuple[Path, ...]:
    """The cluster's own theme/templates/, if it has one (the demo's is the package's own)."""
    own = root / THEME_DIR / "templates"
    if own.is_dir() and not symlink_on_path(root, f"{THEME_DIR}/templates") and own.resolve() != templates_dir().resolve():
        return (own,)
    return ()


@lru_cache(maxsize=8)
def environment(search: tuple[Path, ...] = ()) -> Environment:
    """The template environment; `search` folders (a cluster's own) come before the shipped templates."""
    loaders: list[BaseLoader] = [*(OwnTemplates(p) for p in search), FileSystemLoader(str(templates_dir()))]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html", "xml", "svg"), disabled_extensions=("txt",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[StripIndentation],
        auto_reload=False,
    )


class Renderer:
    """Renders the pages of one language."""

    def __init__(self, ui: dict[str, str], search: Iterable[Path] = ()) -> None:
        self.env = environment(tuple(search))
        self.ui = ui
        self._templates: dict[Kind, Template] = {}

    def render(self, template: str | Template, **context: Any) -> Markup:
        found = self.env.get_template(template) if isinstance(template, str) else template
        return Markup(found.render(ui=self.ui, **context).strip())

    def template(self, kind: Kind) -> Template:
        """The kind's template: the first of its chain (kinds.Kind.templates) that a loader has,
        the cluster's own first; looked up once per kind, not once per page."""
        if kind not in self._templates:
            self._templates[kind] = self.env.select_template(kind.templates)
        return self._templates[kind]

    def body(self, page: v.Page, content_html: str | None = None) -> Markup:
        """The page's own content (what the theme puts in its content area)."""
        extra = {}
        if page.kind.markdown:
            # The cluster's address goes where the page's `{{ contact }}` line was (content.CONTACT_MARK).
            before, _, after = (content_html or "").partition(v.CONTACT_MARK)
            extra = {"content": trusted_html(before), "content_after": trusted_html(after.replace(v.CONTACT_MARK, ""))}
        return self.render(self.template(page.kind), page=page, view=page.view, **extra)

    def head(self, head: v.Head) -> Markup:
        return self.render("partials/head.html", head=head)

    def footer(self, footer: v.Footer) -> Markup:
        return self.render("partials/footer.html", footer=footer)

    def header(self, header: v.Header) -> Markup:
        return self.render("partials/header.html", header=header)
