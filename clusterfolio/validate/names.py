"""Member names that are the same, or look the same."""
from __future__ import annotations

import unicodedata

from disarm import skeleton_key


def name_key(name: str) -> str:
    """Names that differ only in case, width or spacing are the same name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_keys(name: str) -> tuple[str, str]:
    """Two member names collide when one of these keys is the same: they look alike.

    Both are Unicode TR 39 confusable skeletons (disarm's skeleton_key, which also drops
    invisible characters and folds width and spacing): one of the name as written, which keeps
    a capital I apart from a small l only as far as the eye does, and one of the case-folded
    name, so that names differing in case alone collide as before.
    """
    folded = name_key(name)
    return (
        "look:" + (skeleton_key(name, digit_policy="tr39") or name),
        "case:" + (skeleton_key(folded, digit_policy="tr39") or folded),
    )
