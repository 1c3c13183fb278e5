"""'Did you mean' suggestions."""
from __future__ import annotations

import difflib
from collections.abc import Iterable

from .messages import M, Msg
from .problems import quote


def did_you_mean(word: str, options: Iterable[str]) -> Msg | str:
    """The hint "; did you mean 'x'?" for the closest option, as a message to append (+), or ''.

    '' rather than an empty message when no option is close: it is falsy, so a caller can write
    `did_you_mean(...) or other_hint` (a Msg is always true)."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return M("; did you mean {option}?", option=quote(close[0])) if close else ""
