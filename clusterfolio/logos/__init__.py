"""Logo checks (SPEC §3.5): the published copy is the checked one, so check it strictly.

A PNG by its header; an SVG by what it may do (svg.py) and what drawing it would cost (cost.py,
with the limits in limits.py).
"""
from __future__ import annotations

import struct
from pathlib import Path

from ..messages import M
from ..paths import read_limited
from ..problems import quote
from .shape import Finding
from .svg import check_svg

SVG_MAX = 200 * 1024
PNG_MAX = 500 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Width and height of a PNG logo, read from its header (IHDR) without decoding the image: a
# 30,000 × 30,000 PNG compresses to 109 KB and decodes to 3.6 GB.
PNG_MAX_SIDE = 4096


def check_png(data: bytes) -> list[Finding]:
    """The header of a PNG: its first chunk is IHDR, and the image is at most PNG_MAX_SIDE a side."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return [(1, 1, M("the file ends in .png but is not a PNG image (its header is missing)"), "CF-E405")]
    width, height = struct.unpack(">II", data[16:24])
    if width > PNG_MAX_SIDE or height > PNG_MAX_SIDE:
        return [(1, 1, M("the PNG is {width} × {height} pixels; the limit is {limit} × {limit}", width=width, height=height, limit=PNG_MAX_SIDE), "CF-E417")]
    return []


def check_logo(path: Path) -> list[Finding]:
    """Check a logo file that exists; findings are located in the logo file."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        return [(1, 1, M("logos must be SVG or PNG, not {ending}", ending=quote(suffix or path.name)), "CF-E403")]
    kind, limit = ("SVG", SVG_MAX) if suffix == ".svg" else ("PNG", PNG_MAX)
    try:
        data = read_limited(path, limit)  # one byte more than allowed tells a file that is too large
    except OSError as exc:
        # The system's reason (strerror) is in the system's words.
        return [(1, 1, M("cannot read the file: {error}", error=exc.strerror) if exc.strerror else M("cannot read the file: not a regular file"), "CF-E001")]
    if len(data) > limit and (kind == "SVG" or data.startswith(PNG_MAGIC)):
        shown = {"size": f"{path.stat().st_size / 1024:.1f}", "limit": limit // 1024}
        return [(1, 1, M("the SVG is {size} KiB; the limit is {limit} KiB", **shown) if kind == "SVG"
                 else M("the PNG is {size} KiB; the limit is {limit} KiB", **shown), "CF-E404")]
    return check_logo_data(data, suffix)


def check_logo_data(data: bytes, suffix: str) -> list[Finding]:
    """Check a logo's bytes (at most its size limit) by its ending, .svg or .png: what check_logo
    does after reading the file, for a logo that comes from elsewhere (a portal's harvest)."""
    if suffix == ".png":
        return check_png(data) if data.startswith(PNG_MAGIC) else [(1, 1, M("the file ends in .png but is not a PNG image"), "CF-E405")]
    return check_svg(data)
