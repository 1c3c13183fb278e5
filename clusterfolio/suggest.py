"""'Did you mean' suggestions."""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from .problems import quote


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest option, or ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {quote(close[0])}?" if close else ""
