"""Restricted Markdown (SPEC §3.4): what `check` refuses, and the renderer's allow-list."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from .problems import quote

ALLOWED = "paragraphs, line breaks, *emphasis*, **strong**, bullet and numbered lists, and [links](https://…)"
LINK_SCHEMES = ("https", "mailto")

# Every link is looked at by our own check, so the parser must not hide bad ones.
_checker = MarkdownIt("commonmark", {"html": True, "linkify": False})
_checker.validateLink = lambda url: True  # type: ignore[method-assign]
_checker.normalizeLink = lambda url: url  # type: ignore[method-assign]  # we judge the raw target

# Text without any of these can hold no construct outside the restricted set (nor a link),
# so it needs no parse: most member texts are plain paragraphs.
_NEEDS_PARSE = re.compile(r"[<>!\[\]{}`&\\]|^ {0,3}(?:#|~~~)|^ {0,3}(?:[-*_=][ \t]*)+$|^(?: {4}|\t)", re.M)

_ATTR_LIST = re.compile(r"\{\s*:?\s*[#.][^}]*\}|\{:[^}]*\}")

_BLOCKS = {
    "heading_open": "headings are not allowed (use **bold** text)",
    "lheading_open": "headings are not allowed (use **bold** text)",
    "blockquote_open": "quotes ('>') are not allowed",
    "code_block": "indented code blocks are not allowed; do not indent paragraphs by four spaces",
    "fence": "code blocks ('```') are not allowed",
    "hr": "horizontal rules ('---') are not allowed",
    "html_block": "raw HTML is not allowed",
    "table_open": "tables are not allowed",
}
_INLINE = {
    "html_inline": "raw HTML is not allowed",
    "image": "images are not allowed",
    "code_inline": "code ('`…`') is not allowed; remove the backticks",
}


def link_allowed(url: str) -> bool:
    """True for https:// and mailto: targets with something behind the scheme."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() == "https":
        return bool(parts.hostname)
    return parts.scheme.lower() == "mailto" and bool(parts.path)


# An inline link to an https or mailto target, with plain text inside: allowed as it is.
_SAFE_LINK = re.compile(r"\[[^\[\]\\`<>!&{}\n]*\]\((?:https://[^\s()<>\\`&]+|mailto:[^\s()<>\\`&]+)\)")


def check(text: str) -> list[tuple[int, str]]:
    """Return (line offset, message) for every construct outside the restricted set."""
    if not _NEEDS_PARSE.search(_SAFE_LINK.sub("link", text)):
        return []
    return parse_check(text)


def parse_check(text: str) -> list[tuple[int, str]]:
    """The full check, by parsing (check() skips it for text that cannot need it)."""
    found: list[tuple[int, str]] = []
    for token in _checker.parse(text):
        line = token.map[0] if token.map else 0
        if token.type in _BLOCKS:
            found.append((line, f"{_BLOCKS[token.type]}; allowed: {ALLOWED}"))
        elif token.type == "inline":
            if _ATTR_LIST.search(token.content):
                found.append((line, "attribute lists ('{: …}') are not allowed"))
            for child in token.children or []:
                if child.type in _INLINE:
                    found.append((line, f"{_INLINE[child.type]}; allowed: {ALLOWED}"))
                elif child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    if not link_allowed(href):
                        found.append((line, f"link target {quote(href)} is not allowed; links must start with https:// or mailto:"))
    return found
