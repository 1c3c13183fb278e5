"""Write clusterfolio/data/fonts/coverage.txt: the code points the printed atlas's fonts draw.

check warns (CF-W103) about characters outside it without reading the fonts (clusterfolio/validate/
letters.py); tests/test_atlas_letters.py measures the fonts again and fails when the file is out of
date. Run after changing a font (tools/make_card_font.py): python tools/make_font_coverage.py
(needs fontTools, in the test extras).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusterfolio.validate.letters import COVERAGE_FILE, coverage_text, measure_coverage  # noqa: E402

FONTS = ROOT / "clusterfolio" / "data" / "fonts"

if __name__ == "__main__":
    target = FONTS / COVERAGE_FILE
    target.write_text(coverage_text(measure_coverage(FONTS)), encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(target.read_text(encoding='utf-8').splitlines()) - 2} ranges")
