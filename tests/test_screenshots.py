"""Screenshot tests: one page of every kind of the demo (English), the root language chooser and the
404 page, the directory with filters set (de/en/fr), and home, directory, member, country, value chain
and label in German and French, at 1280 px and 390 px, against reviewed baselines in tests/screenshots/.

The page is captured at the viewport's width, full height but at most 3,000 px, with animations
disabled, the caret hidden, the build date fixed (the demo_site fixture) and the browser's clock
fixed to it. A comparison passes when at most MAX_DIFF_SHARE of the pixels differ by more than
PIXEL_THRESHOLD in some colour channel. On a failure the actual, expected and diff images are
written into the test's temporary folder, named in the message.

After an intended change of the pages: ``make screenshots`` (UPDATE_SCREENSHOTS=1) rewrites every
baseline that is missing or differs beyond the tolerance; review the PNGs before committing.

Deselect locally with ``-m "not audit"``; CI runs them.
"""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from . import audit
from .audit import Target
from .conftest import TESTS

pytestmark = pytest.mark.audit

BASELINES = TESTS / "screenshots"
MAX_HEIGHT = 3000
# A pixel differs when one of its channels moves by more than this (of 255) ...
PIXEL_THRESHOLD = 32
# ... and a page differs when more than this share of its pixels do (0.5 %).
MAX_DIFF_SHARE = 0.005
# A baseline is stored with a 256-colour palette (a third of the size) when that keeps it faithful:
# at most 1/20 of the allowed share of pixels may move by more than half the pixel threshold.
PALETTE_MAX_MOVED = MAX_DIFF_SHARE / 20

# The directory with two filters set from its address, as a shared link opens it.
FILTERED = "competence=laser-systems&competence=optical-metrology&country=DE"
# The pages a partner meets first, in the other languages too: German and French words are longer,
# French puts a space before its colons, and a layout that fits English can still break in them.
LOCALIZED = ("home", "directory", "member", "country", "value-chain", "label")

TARGETS = [
    *audit.targets(sites=("demo",), langs=("en",)),
    *(Target("demo", lang, width, "directory", FILTERED) for lang in audit.LANGS for width in audit.WIDTHS),
    *(Target("demo", lang, width, kind) for lang in ("de", "fr") for width in audit.WIDTHS for kind in LOCALIZED),
]


def baseline_name(target: Target) -> str:
    """kind[-filtered][-lang]-width.png; English pages and the root pages carry no language."""
    lang = f"-{target.lang}" if target.lang not in (None, "en") else ""
    return f"{target.kind}{'-filtered' if target.query else ''}{lang}-{target.width}.png"


@pytest.fixture(scope="module")
def browsing(browser, demo_url: str):
    b = audit.Browsing(browser, {"demo": demo_url})
    yield b
    b.close()


def capture(page, width: int) -> Image.Image:
    height = page.evaluate("Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    png = page.screenshot(
        full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)},
        animations="disabled", caret="hide",
    )
    return Image.open(io.BytesIO(png)).convert("RGB")


def difference(expected: Image.Image, actual: Image.Image) -> tuple[float, Image.Image]:
    """The share of differing pixels and a mask of them (255 = differs), over both images' extent;
    where only one image has pixels, they differ."""
    size = (max(expected.width, actual.width), max(expected.height, actual.height))
    a, b = Image.new("RGB", size), Image.new("RGB", size)
    a.paste(expected)
    b.paste(actual)
    mask = _worst_channel(ImageChops.difference(a, b)).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    common = Image.new("L", size, 255)
    common.paste(0, (0, 0, min(expected.width, actual.width), min(expected.height, actual.height)))
    mask = ImageChops.lighter(mask, common)
    return mask.histogram()[255] / (size[0] * size[1]), mask


def diff_image(actual: Image.Image, mask: Image.Image) -> Image.Image:
    """The actual page faded to grey, differing pixels in red."""
    base = Image.new("RGB", mask.size, "white")
    base.paste(actual)
    faded = Image.blend(base.convert("L").convert("RGB"), Image.new("RGB", mask.size, "white"), 0.7)
    faded.paste((255, 0, 0), mask=mask)
    return faded


def save_baseline(image: Image.Image, path: Path) -> None:
    """Optimised PNG; with a 256-colour palette when that keeps it faithful (PALETTE_MAX_MOVED)."""
    palette = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    moved = _worst_channel(ImageChops.difference(image, palette.convert("RGB"))).histogram()
    faithful = sum(moved[PIXEL_THRESHOLD // 2 + 1:]) <= PALETTE_MAX_MOVED * image.width * image.height
    path.parent.mkdir(parents=True, exist_ok=True)
    (palette if faithful else image).save(path, optimize=True)


def _worst_channel(diff: Image.Image) -> Image.Image:
    """Per pixel, the largest of the three channel differences."""
    r, g, b = diff.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


def matches_baseline(actual: Image.Image, baseline: Path, tmp_path: Path, what: str) -> None:
    """Compare a drawn page with its reviewed baseline; under UPDATE_SCREENSHOTS, rewrite a baseline
    that is missing or beyond the tolerance instead. `what` names the page in the failure."""
    expected = Image.open(baseline).convert("RGB") if baseline.is_file() else None
    share, mask = difference(expected, actual) if expected else (1.0, None)

    if os.environ.get("UPDATE_SCREENSHOTS"):
        if share > MAX_DIFF_SHARE:
            save_baseline(actual, baseline)
        return

    assert expected is not None, f"{baseline.relative_to(TESTS.parent)} missing: run `make screenshots`, review, commit"
    if share > MAX_DIFF_SHARE:
        actual.save(tmp_path / "actual.png")
        expected.save(tmp_path / "expected.png")
        diff_image(actual, mask).save(tmp_path / "diff.png")
        sizes = "" if expected.size == actual.size else f"; size {expected.size} -> {actual.size}"
        pytest.fail(
            f"{what} differs from {baseline.relative_to(TESTS.parent)}: "
            f"{share:.2%} of the pixels (allowed {MAX_DIFF_SHARE:.1%}){sizes}.\n"
            f"  actual:   {tmp_path / 'actual.png'}\n  expected: {tmp_path / 'expected.png'}\n"
            f"  diff:     {tmp_path / 'diff.png'} (differing pixels in red)\n"
            "If the change is intended: `make screenshots`, review the PNGs, commit them.",
            pytrace=False,
        )


@pytest.mark.parametrize("target", TARGETS, ids=[baseline_name(t).removesuffix(".png") for t in TARGETS])
def test_page_looks_as_reviewed(browsing, target: Target, tmp_path: Path) -> None:
    actual = capture(browsing.page(target), target.width)
    matches_baseline(actual, BASELINES / baseline_name(target), tmp_path, f"{target.path} at {target.width} px")
