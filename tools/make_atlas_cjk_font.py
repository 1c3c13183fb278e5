"""One-off: the CJK face the printed atlas falls back to (clusterfolio/atlas/render.py), so a Japanese,
Chinese or Korean name (a partner cluster as clusters list it) is drawn, not boxes.

Takes Noto Sans CJK JP Regular and Bold from Debian's fonts-noto-cjk 20220127
(/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc, face 0; licence: SIL Open Font License 1.1,
clusterfolio/data/fonts/LICENSE-NotoSansCJK) and keeps:

- the spaces (Pango sets a space after a CJK name in the CJK face); CJK symbols and punctuation, hiragana, katakana (and its phonetic extensions), the fullwidth and
  halfwidth forms;
- the 2,136 Joyo kanji (tools/joyo-kanji.txt) and the 2,965 kanji of JIS X 0208 level 1;
- the 3,755 hanzi of GB 2312 level 1 (the common simplified Chinese characters);
- the 2,350 Hangul syllables of KS X 1001 and the Hangul compatibility jamo.

The character sets come from Python's own codecs (euc_jp, gb2312, euc_kr), so nothing is fetched.
No layout features but ccmp: the regional forms (locl) would double the file for text that carries
no language tag. Then python tools/make_font_coverage.py: check warns (CF-W103) about what the
atlas's faces together cannot draw. Run: python tools/make_atlas_cjk_font.py (needs fontTools).
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto")
TARGET = ROOT / "clusterfolio" / "data" / "fonts"
FACE = 0  # Noto Sans CJK JP in the collection (then KR, SC, TC, HK): Japanese forms of the shared ideographs
# The spaces too: Pango keeps a space in the face of the letters before it (a space is no reason to
# change faces), so a space after a Japanese name is set in this face and must not be its .notdef.
SPACES = ((0x0020, 0x0020), (0x00A0, 0x00A0), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F))
BLOCKS = (*SPACES, (0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0x3130, 0x318F), (0xFF00, 0xFFEF))


def double_byte(codec: str, rows: range) -> set[int]:
    """The characters of rows of a 94 x 94 double-byte set (EUC encoding: row and cell + 0xA0)."""
    out = set()
    for row in rows:
        for cell in range(1, 95):
            with contextlib.suppress(UnicodeDecodeError):  # an unassigned cell
                out.add(ord(bytes([0xA0 + row, 0xA0 + cell]).decode(codec)))
    return out


def code_points() -> set[int]:
    joyo = "".join(line for line in (ROOT / "tools" / "joyo-kanji.txt").read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    assert len(set(joyo)) == 2136, len(set(joyo))
    points = {cp for start, end in BLOCKS for cp in range(start, end + 1)} | {ord(ch) for ch in joyo}
    points |= double_byte("euc_jp", range(16, 48))  # JIS X 0208 level 1 kanji
    points |= double_byte("gb2312", range(16, 56))  # GB 2312 level 1 hanzi
    points |= {cp for cp in double_byte("euc_kr", range(16, 41)) if 0xAC00 <= cp <= 0xD7A3}  # KS X 1001 Hangul
    return points


if __name__ == "__main__":
    points = code_points()
    for weight in ("Regular", "Bold"):
        options = subset.Options()
        options.font_number = FACE
        options.layout_features = ["ccmp"]
        options.hinting = False
        options.name_IDs = ["*"]  # the copyright and licence notices stay in the file
        font = subset.load_font(str(SOURCE / f"NotoSansCJK-{weight}.ttc"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points)
        subsetter.subset(font)
        out = TARGET / f"NotoSansCJKjp-{weight}-subset.otf"
        subset.save_font(font, str(out), options)
        print(f"{out.relative_to(ROOT)}: {len(points)} code points, {out.stat().st_size} bytes")
