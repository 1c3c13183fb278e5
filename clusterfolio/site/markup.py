"""The only places where text becomes markup: sanitised Markdown and JSON for <script> elements.

Templates escape everything else (autoescape). What this module returns is marked safe
(`Markup`) because it was made safe here: restricted Markdown is rendered by a parser that
knows only the allowed constructs and then cleaned by an allow-list sanitiser; JSON has every
character escaped that could end a <script> element.
"""
from __future__ import annotations

import json
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..markdown import link_allowed, normalize_link

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}

# The renderer knows only the restricted constructs; raw HTML is text, images stay text.
_md = MarkdownIt("zero", {"html": False, "breaks": False, "linkify": False}).enable(
    ["emphasis", "list", "link", "autolink", "newline", "escape", "entity"]
)
_md.validateLink = link_allowed  # type: ignore[method-assign]
_md.normalizeLink = normalize_link  # type: ignore[method-assign]  # the WHATWG form of what check judged


def markdown_html(text: str) -> Markup:
    """Restricted Markdown to HTML, then an allow-list sanitiser as the second line of defence."""
    return Markup(nh3.clean(
        _md.render(text),
        tags=ALLOWED_TAGS,
        # "*": the attributes allowed on every element; ammonia's default (lang, title) would keep
        # a link's Markdown title.
        attributes={"a": {"href"}, "*": set()},
        url_schemes={"https", "mailto"},
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    ))


def script_json(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json">: no text can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def trusted_html(html: str) -> Markup:
    """HTML that mkdocs rendered from the managers' own content pages (content/<lang>/*.md).

    Those pages are written by the cluster's managers, like the templates, and may use
    Markdown's full syntax; member text never reaches them.
    """
    return Markup(html)


def safe_url(url: str | None) -> str | None:
    """Only https and mailto targets from profile data become links."""
    return url if url and link_allowed(url) else None
