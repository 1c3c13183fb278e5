"""Restricted Markdown (SPEC §3.4): what check refuses, and that its shortcut is sound."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterfolio import markdown


@pytest.mark.parametrize(
    "text",
    [
        "Plain paragraph.\n\nSecond one with *emphasis* and **strong**.",
        "- one\n- two\n\n1. first\n2. second",
        "Line one  \nline two",
        "[Website](https://a.example.com) and [mail](mailto:info@a.example.com) and <https://b.example.com>",
    ],
)
def test_allowed_constructs_pass(text: str) -> None:
    assert markdown.check(text) == []


@pytest.mark.parametrize(
    ("text", "line", "code", "fragment"),
    [
        ("<b>bold</b>", 0, "CF-E506", "raw HTML is not allowed"),
        ("text\n\n<script>alert(1)</script>", 2, "CF-E506", "raw HTML is not allowed"),
        ("![logo](https://a.example.com/x.png)", 0, "CF-E508", "images are not allowed"),
        ("# Title", 0, "CF-E501", "headings are not allowed"),
        ("Title\n=====", 0, "CF-E501", "headings are not allowed"),
        ("> quote", 0, "CF-E502", "quotes ('>') are not allowed"),
        ("    code", 0, "CF-E503", "indented code blocks are not allowed"),
        ("```\ncode\n```", 0, "CF-E504", "code blocks ('```') are not allowed"),
        ("a\n\n---\n\nb", 2, "CF-E505", "horizontal rules"),
        ("`x`", 0, "CF-E509", "code ('`…`') is not allowed"),
        ("[x](javascript:alert(1))", 0, "CF-E511", "link target 'javascript:alert(1)' is not allowed"),
        ("[x](JaVaScRiPt:alert(1))", 0, "CF-E511", "is not allowed; links must start with https:// or mailto:"),
        ("[x](http://a.example.com)", 0, "CF-E511", "link target 'http://a.example.com' is not allowed"),
        ("[x](data:text/html,hi)", 0, "CF-E511", "link target 'data:text/html,hi' is not allowed"),
        ("[x][r]\n\n[r]: vbscript:x", 0, "CF-E511", "link target 'vbscript:x' is not allowed"),
        # Targets that browsers read as another host than the text shows say why (clusterfolio/weburl.py).
        ("[x](https://a\\\\b)", 0, "CF-E511", "link target 'https://a\\b' is not allowed; the address contains a backslash"),
        ("[x](https://a-.-b.example)", 0, "CF-E511", "which starts or ends with a hyphen"),
        ("[x](https://a.example.com:99999/)", 0, "CF-E511", "the port ':99999'"),
        ("[x](https://lumera-optіcs.example/)", 0, "CF-E511", "mixes Latin and Cyrillic letters"),
        ("text {: .class}", 0, "CF-E510", "attribute lists"),
        ("text {#id}", 0, "CF-E510", "attribute lists"),
    ],
)
def test_forbidden_constructs_are_refused(text: str, line: int, code: str, fragment: str) -> None:
    found = markdown.check(text)
    # A message (messages.Msg) is read in English here, as tools read it.
    assert any(offset == line and found_code == code and fragment in str(message) for offset, message, found_code in found), found


markdownish = st.lists(
    st.one_of(
        st.sampled_from(list("ab #*_-=>`<![](){}:/~.\n\t    1&;\\")),
        st.sampled_from(["https://", "mailto:", "javascript:", "http://", "](", "[x](", "![", "\n\n", "    ", "a.example.org",
                         "a-.-b.org", "localhost", ":99999", "@evil.example", "xn--", "і", "..", "-"]),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(markdownish)
def test_shortcut_never_skips_a_problem(text: str) -> None:
    """Whatever check() lets through without parsing, the full parse lets through too."""
    if not markdown.needs_parse(markdown.skip_safe_links(text)):
        assert markdown.parse_check(text) == [], text


# The shortcut's rule as one pattern (the reference; needs_parse is the same rule, quicker).
NEEDS_PARSE = re.compile(r"[<>!\[\]{}`&\\\t#~]|^[-*+_=0-9.) ]+$|^ {4}|(?:[-*+]|[0-9]{1,9}[.)]) {5}", re.M)


@settings(max_examples=1500, deadline=None)
@given(markdownish)
def test_needs_parse_is_the_reference_pattern(text: str) -> None:
    assert markdown.needs_parse(text) == bool(NEEDS_PARSE.search(text)), repr(text)


@pytest.mark.parametrize("text", ["plain", "a\n---", "x\n    code", "1.     deep", "-     deep", "a # b", "a\n1.)", "a\n \n b", "", "\n"])
def test_needs_parse_examples(text: str) -> None:
    assert markdown.needs_parse(text) == bool(NEEDS_PARSE.search(text)), repr(text)
