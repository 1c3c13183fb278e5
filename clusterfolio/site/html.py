"""HTML building blocks. Every piece of profile text passes through esc() or render()."""
from __future__ import annotations

import html
import posixpath
from typing import Iterable

import nh3
from markdown_it import MarkdownIt

from ..i18n import Localized
from ..markdown import link_allowed

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}

# The renderer knows only the restricted constructs; raw HTML is text, images stay text.
_md = MarkdownIt("zero", {"html": False, "breaks": False, "linkify": False}).enable(
    ["emphasis", "list", "link", "autolink", "newline", "escape", "entity"]
)
_md.validateLink = link_allowed  # type: ignore[method-assign]


def esc(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def render(text: str) -> str:
    """Restricted Markdown to HTML, then an allow-list sanitiser as the second line of defence."""
    return nh3.clean(
        _md.render(text),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "mailto"},
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )


def safe_url(url: str | None) -> str | None:
    """Only https and mailto targets from profile data become links."""
    return url if url and link_allowed(url) else None


def rel(from_path: str, to_path: str) -> str:
    """Relative URL between two page paths ('' is the language's home, paths end in '/')."""
    start = "/" + from_path
    target = "/" + to_path
    relative = posixpath.relpath(target, start if start.endswith("/") else posixpath.dirname(start))
    if relative == ".":
        return "./"
    is_dir = to_path == "" or to_path.endswith("/")
    return relative + ("/" if is_dir and not relative.endswith("/") else "")


def text(value: Localized | None, tag: str = "span", cls: str = "", markdown: bool = False, notice: str = "") -> str:
    """A translatable text in its element; fallback text carries its own lang and a notice."""
    if value is None:
        return ""
    body = render(value.text) if markdown else esc(value.text)
    attrs = f' class="{esc(cls)}"' if cls else ""
    if value.fallback:
        attrs += f' lang="{esc(value.lang)}"'
        marker = f'<small class="cf-fallback">{esc(notice)}</small>' if notice else ""
        return f"<{tag}{attrs}>{body}</{tag}>{marker}"
    return f"<{tag}{attrs}>{body}</{tag}>"


def link(href: str | None, label: str, cls: str = "", external: bool = False) -> str:
    """An <a> with escaped label; no href becomes plain text."""
    if not href:
        return esc(label)
    attrs = f' class="{esc(cls)}"' if cls else ""
    if external:
        attrs += ' rel="noopener"'
    return f'<a href="{esc(href)}"{attrs}>{esc(label)}</a>'


def ul(items: Iterable[str], cls: str = "") -> str:
    """A list of already-safe HTML items; nothing when empty."""
    items = list(items)
    if not items:
        return ""
    attrs = f' class="{esc(cls)}"' if cls else ""
    return f"<ul{attrs}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def section(section_id: str, title: str, body: str) -> str:
    """A titled section; left out when it has no body."""
    if not body:
        return ""
    return f'<section class="cf-section" id="{esc(section_id)}"><h2>{esc(title)}</h2>{body}</section>'
