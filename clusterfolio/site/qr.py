"""QR codes for printed pages: a printed member profile carries its page's web address as a code
a partner at a trade fair scans with a phone (docs/decisions.md, "The printed member page").

segno encodes (the data, the error correction, the mask: MASK below) and writes the code as a PNG
of one pixel per module (a few hundred bytes, inline as a data: address): the member template
shows it scaled up with `image-rendering: pixelated`, so it prints as crisp as a vector drawing.
An inline SVG path of the same code took 1.9 KB a page, 57 MB of a 10,000-member site (three
languages); the PNG takes 0.4 KB (docs/decisions.md, "The printed member page").
"""
from __future__ import annotations

from dataclasses import dataclass

import segno

# White modules around the code (ISO/IEC 18004 asks for 4): scanners find the code by its margin,
# and on paper the text beside the code must not touch it.
QUIET_ZONE = 4
# Level M: 15 % of the code may be smudged, folded or covered by a thumb and it still reads; segno
# raises it (boost_error) where the version the address needs has room for more at no size.
ERROR_LEVEL = "m"
# Mask 2 (every third column inverted) for every code, not the one of eight that scores best by the
# standard's penalty rules: scoring all eight is segno's pure-Python work, 5.3 ms a code where the
# whole member page takes 1.2 ms (a build of 10,000 members, 30,000 pages, would spend 160 s on it),
# while a fixed mask costs 0.8 ms. Over 150 addresses shaped like member pages, mask 2 scored 3 %
# above the best on average and 16 % at most (the other masks 5-11 % on average): any mask decodes,
# the score only measures how far the modules look like finder patterns or large blocks.
MASK = 2


@dataclass(frozen=True)
class QrCode:
    """A QR code as an image: a square of `size` modules (the quiet zone included), one pixel each."""

    text: str  # what it encodes
    size: int  # modules per side, the quiet zone included: the image's width and height in pixels
    image: str  # a data: address of the PNG


def qr_code(text: str) -> QrCode:
    """Encode a text (a web address) as a QR code."""
    code = segno.make_qr(text, error=ERROR_LEVEL, mask=MASK)
    return QrCode(text, len(code.matrix) + 2 * QUIET_ZONE, code.png_data_uri(scale=1, border=QUIET_ZONE))
