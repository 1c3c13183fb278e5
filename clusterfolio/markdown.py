"""Restricted Markdown (SPEC §3.4): what `check` refuses, and the renderer's allow-list."""
from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import weburl
from .messages import M, Msg
from .model import EMAIL_RE
from .problems import quote
from .yamlsafe import character_name, find_bad_character

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# What the restricted Markdown allows: the hint after each construct that is not allowed.
_ALLOWED_HINT = M("; allowed: paragraphs, line breaks, *emphasis*, **strong**, bullet and numbered lists, and [links](https://…)")
LINK_SCHEMES = ("https", "mailto")



@cache
def _checker() -> MarkdownIt:
    """The parser of the full check, made when a text first needs it (most texts never do: its
    import and set-up were a sixth of check's start)."""
    from markdown_it import MarkdownIt

    checker = MarkdownIt("commonmark", {"html": True, "linkify": False})
    # Every link is looked at by our own check, so the parser must not hide bad ones.
    checker.validateLink = lambda url: True  # type: ignore[method-assign]
    checker.normalizeLink = lambda url: url  # type: ignore[method-assign]  # we judge the raw target
    return checker

# Text without any of these can hold no construct outside the restricted set (nor a link),
# so it needs no parse: most member texts are plain paragraphs.
# Also: '#' and '~' anywhere (a list item's content starts a line of its own: '* # Title'), a
# line of nothing but list markers, rule and underline characters ('1. ---' is a rule in a list),
# a tab anywhere (it indents by up to four columns), and a list marker followed by five spaces
# (its content is then indented code). Single character classes: no backtracking.
# (One pattern of these alternatives, with ^ and $ per line, took three times as long: the
# alternatives were tried at every position. tests/test_markdown.py keeps it as the reference.)
_NEEDS_PARSE_CHARACTERS = "<>![]{}`&\\\t#~"
_MARKERS_ONLY = "-*+_=0123456789.) "
_MARKER_AND_FIVE_SPACES = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)]) {5}")


def needs_parse(text: str) -> bool:
    """Whether text may hold a construct outside the restricted set (else the parse is skipped)."""
    # One look per character with `in` (memchr, in C) instead of a character class tried at every
    # position of a 3,000-character description: a twentieth of the time.
    if any(character in text for character in _NEEDS_PARSE_CHARACTERS):
        return True
    if "     " in text and _MARKER_AND_FIVE_SPACES.search(text):
        return True
    return any(line.startswith("    ") or (line and not line.strip(_MARKERS_ONLY)) for line in text.split("\n"))

# The start of an attribute list ('{: …}', '{#id}', '{.class}'); it is one when a '}' follows
# somewhere after it. Possessive quantifiers and one look for the last '}' keep this linear:
# `{#` * 120,000 once took ten seconds.
_ATTR_LIST_START = re.compile(r"\{\s*+(?::\s*+)?[#.]|\{:")

# Character references, as markdown-it decodes them: `&#x202E;`, `&#8238;`, `&ZeroWidthSpace;`.
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")

# token type: (message, problem code in codes.py)
_BLOCKS = {
    "heading_open": (M("headings are not allowed (use **bold** text)"), "CF-E501"),
    "lheading_open": (M("headings are not allowed (use **bold** text)"), "CF-E501"),
    "blockquote_open": (M("quotes ('>') are not allowed"), "CF-E502"),
    "code_block": (M("indented code blocks are not allowed; do not indent paragraphs by four spaces"), "CF-E503"),
    "fence": (M("code blocks ('```') are not allowed"), "CF-E504"),
    "hr": (M("horizontal rules ('---') are not allowed"), "CF-E505"),
    "html_block": (M("raw HTML is not allowed"), "CF-E506"),
    "table_open": (M("tables are not allowed"), "CF-E507"),
}
_INLINE = {
    "html_inline": (M("raw HTML is not allowed"), "CF-E506"),
    "image": (M("images are not allowed"), "CF-E508"),
    "code_inline": (M("code ('`…`') is not allowed; remove the backticks"), "CF-E509"),
}
# A link target's problems name it "the address" (after "link target '…' is not allowed; ").
_THE_ADDRESS = M("the address")


def link_problem(url: str) -> Msg | None:
    """Why a link target is not allowed, said after "link target '…' is not allowed; ", or None."""
    scheme = weburl.scheme(url.strip())
    if scheme == "https":
        # Browsers read the target by the WHATWG rules: the renderer (markdown-it, nh3) must not
        # link a target that they would read as another host than the text shows.
        found = weburl.problem(url.strip(), _THE_ADDRESS)
        return found[0] if found else None
    if scheme == "mailto":
        if mailto_allowed(url):
            return None
        return M("a mailto: link names one plain address, with no ?cc=, ?bcc=, ?body= or other additions")
    return M("links must start with https:// or mailto:")


def link_allowed(url: str) -> bool:
    """True for https:// targets that browsers read as written, and mailto: targets that are one plain address.

    Also the renderer's validateLink (site/markup.py): what check refuses is never published as a link.
    """
    return link_problem(url) is None


def normalize_link(url: str) -> str:
    """The target the renderer publishes: an allowed https:// target as the WHATWG parser writes it.

    markdown-it's own normalisation writes an international host in punycode without lower-casing
    it first ('https://MÜNCHEN.example' becomes xn--MNCHEN-psa, another host to a browser); other
    targets stay as written, for validateLink to judge.
    """
    if weburl.scheme(url.strip()) == "https" and link_allowed(url):
        return weburl.serialise(url.strip())
    return url


def mailto_allowed(url: str) -> bool:
    """A mailto: link names one address and nothing else (no ?cc=, ?bcc=, ?body=, ?attach=)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # 'mailto://[x': urlsplit takes it for a broken IPv6 host
        return False
    return not parts.query and not parts.fragment and "?" not in url and bool(EMAIL_RE.fullmatch(parts.path))


# An inline link to an https host or a plain mailto address, with plain text inside: allowed as
# it is once link_allowed says yes to its target (skip_safe_links). The pattern only finds the
# candidates: a host of ASCII labels with single hyphens (no xn--, whose letters need the full
# look) and no port or '@' before the path; a target with an odd host, port or user name is not
# matched or not allowed, and the text goes to the full parse.
_SAFE_LINK = re.compile(
    r"\[[^\[\]\\`<>!&{}\n]*\]\((https://[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)+"
    r"(?:[/?#][^\s()<>\\`&]*)?"
    r"|mailto:[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)\)"
)


def skip_safe_links(text: str) -> str:
    """The text with every allowed plain inline link replaced by a word (for needs_parse)."""
    if "](" not in text:
        return text
    return _SAFE_LINK.sub(lambda link: "link" if link_allowed(link.group(1)) else link.group(), text)


def _attribute_list(text: str) -> bool:
    last = text.rfind("}")
    match = _ATTR_LIST_START.search(text, 0, max(last, 0))
    return match is not None


def invisible_references(text: str) -> list[Finding]:
    """Character references that decode to a character the text itself may not hold."""
    found: list[Finding] = []
    for match in _REFERENCE.finditer(text):
        decoded = html.unescape(match.group())
        if decoded == match.group():
            continue  # not a reference markdown-it knows either: it stays text
        bad = find_bad_character(decoded)
        if bad:
            line = text.count("\n", 0, match.start())
            found.append((line, M("the character reference {reference} writes the invisible character {name}; delete it",
                                  reference=quote(match.group()), name=character_name(bad[0])), "CF-E512"))
    return found


Finding = tuple[int, Msg, str]  # line offset, message, problem code (codes.py)


def check(text: str) -> list[Finding]:
    """Return (line offset, message, code) for every construct outside the restricted set."""
    if not needs_parse(skip_safe_links(text)):
        return []
    return invisible_references(text) + parse_check(text)


def parse_check(text: str) -> list[Finding]:
    """The full check, by parsing (check() skips it for text that cannot need it)."""
    found: list[Finding] = []
    for token in _checker().parse(text):
        line = token.map[0] if token.map else 0
        if token.type in _BLOCKS:
            message, code = _BLOCKS[token.type]
            found.append((line, message + _ALLOWED_HINT, code))
        elif token.type == "inline":
            if _attribute_list(token.content):
                found.append((line, M("attribute lists ('{{: …}}') are not allowed"), "CF-E510"))  # {{ }}: braces, not a placeholder
            for child in token.children or []:
                if child.type in _INLINE:
                    message, code = _INLINE[child.type]
                    found.append((line, message + _ALLOWED_HINT, code))
                elif child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    problem = link_problem(href)
                    if problem:
                        found.append((line, M("link target {target} is not allowed; {reason}", target=quote(href), reason=problem), "CF-E511"))
    return found
