"""One-off: the font the Open Graph card is drawn with (clusterfolio/site/images.py).

Takes DejaVu Sans and DejaVu Sans Bold from Debian's fonts-dejavu-core 2.37
(/usr/share/fonts/truetype/dejavu/, licence: Bitstream Vera Fonts Copyright with DejaVu changes
in the public domain, see clusterfolio/data/fonts/LICENSE) and keeps only the Latin, Greek and
Cyrillic letters and common punctuation, so the package carries a small file and every machine
draws the card the same way. Run: python tools/make_card_font.py (needs fontTools), then
python tools/make_font_coverage.py: the printed atlas draws with these fonts too, and check warns
about what they cannot draw (CF-W103).
"""
from __future__ import annotations

from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/fonts/truetype/dejavu")
TARGET = Path(__file__).resolve().parent.parent / "clusterfolio" / "data" / "fonts"
# Basic Latin, Latin-1, Latin Extended-A/B, Greek, Cyrillic, general punctuation, currency, €.
UNICODES = "U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+2010-205E,U+20A0-20C0,U+2122"

for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
    options = subset.Options()
    options.layout_features = ["kern", "liga"]
    options.hinting = False
    options.desubroutinize = True
    font = subset.load_font(str(SOURCE / name), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    out = TARGET / name.replace(".ttf", "-subset.ttf")
    out.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(out), options)
    print(f"{out.relative_to(TARGET.parent.parent.parent)}: {out.stat().st_size} bytes")
