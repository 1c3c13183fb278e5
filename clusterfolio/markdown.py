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

# token type: (message, problem code in codes.py)
_BLOCKS = {
    "heading_open": ("headings are not allowed (use **bold** text)", "CF-E501"),
    "lheading_open": ("headings are not allowed (use **bold** text)", "CF-E501"),
    "blockquote_open": ("quotes ('>') are not allowed", "CF-E502"),
    "code_block": ("indented code blocks are not allowed; do not indent paragraphs by four spaces", "CF-E503"),
    "fence": ("code blocks ('```') are not allowed", "CF-E504"),
    "hr": ("horizontal rules ('---') are not allowed", "CF-E505"),
    "html_block": ("raw HTML is not allowed", "CF-E506"),
    "table_open": ("tables are not allowed", "CF-E507"),
}
_INLINE = {
    "html_inline": ("raw HTML is not allowed", "CF-E506"),
    "image": ("images are not allowed", "CF-E508"),
    "code_inline": ("code ('`…`') is not allowed; remove the backticks", "CF-E509"),
}


def link_allowed(url: str) -> bool:
    """True for https:// and mailto: targets with something behind the scheme."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() == "https":
        return bool(parts.hostname)
    return parts.scheme.lower() == "mailto" and bool(parts.path)


# An inline link to an https or mailto target, with plain text inside: allowed as it is.
_SAFE_LINK = re.compile(r"\[[^\[\]\\`<>!&{}\n]*\]\((?:https://[^\s()<>\\`&]+|mailto:[^\s()<>\\`&]+)\)")


Finding = tuple[int, str, str]  # line offset, message, problem code (codes.py)


def check(text: str) -> list[Finding]:
    """Return (line offset, message, code) for every construct outside the restricted set."""
    if not _NEEDS_PARSE.search(_SAFE_LINK.sub("link", text)):
        return []
    return parse_check(text)


def parse_check(text: str) -> list[Finding]:
    """The full check, by parsing (check() skips it for text that cannot need it)."""
    found: list[Finding] = []
    for token in _checker.parse(text):
        line = token.map[0] if token.map else 0
        if token.type in _BLOCKS:
            message, code = _BLOCKS[token.type]
            found.append((line, f"{message}; allowed: {ALLOWED}", code))
        elif token.type == "inline":
            if _ATTR_LIST.search(token.content):
                found.append((line, "attribute lists ('{: …}') are not allowed", "CF-E510"))
            for child in token.children or []:
                if child.type in _INLINE:
                    message, code = _INLINE[child.type]
                    found.append((line, f"{message}; allowed: {ALLOWED}", code))
                elif child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    if not link_allowed(href):
                        found.append((line, f"link target {quote(href)} is not allowed; links must start with https:// or mailto:", "CF-E511"))
    return found
