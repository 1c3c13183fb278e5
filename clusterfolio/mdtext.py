"""Member text inside GitHub Markdown (step summaries, release notes, issues): shown as it is.

Code spans and fenced blocks are the one place GitHub's Markdown makes nothing live: no
mention, issue or repository reference, link, image, HTML or formatting. Every writer of
Markdown that quotes profile text uses these (summary.py, changes.py, reminders.py).
"""
from __future__ import annotations

import unicodedata


def shown(text: str) -> str:
    """Text on one line with every control, format and separator character as a visible escape
    (line breaks, bidirectional overrides, zero-width characters, terminal escapes)."""
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in text
    )


def _ticks(text: str) -> int:
    """The longest run of backticks in text."""
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    return longest


def code_span(text: str) -> str:
    """Inline text that Markdown shows as it is: a code span no backtick inside can close."""
    text = shown(text)
    if not text:
        # "``" is no span but two backticks, which could pair with a span that follows.
        return "(empty)"
    fence = "`" * (_ticks(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(lines: list[str], info: str = "") -> list[str]:
    """Lines that Markdown shows as they are: a fenced block no line inside can close."""
    lines = [shown(line) for line in lines]
    fence = "`" * max(3, max((_ticks(line) for line in lines), default=0) + 1)
    return [f"{fence}{info}", *lines, fence]
