"""Images drawn at build time from the cluster's profile: favicons, the Open Graph card, and PNG
copies of SVG logos for link previews (social networks do not show SVG).

Everything is made from checked logos (clusterfolio/logos/) and drawn locally: no request to
another host. Logos are drawn by the build's guard (drawing.py) in child processes, never here:
these functions get the drawn images. Text is drawn with DejaVu Sans shipped in the package (Latin, Greek and Cyrillic;
tools/make_card_font.py), so every machine draws the same image.
"""
from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont

from .. import urls
from ..config import Config
from ..model import Project
from ..paths import PROFILES_DIR
from .drawing import drawn_size, png_bytes, width_at

CARD_SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
_png = png_bytes


def display_width(path: Path, height: int) -> int | None:
    """The width at which a logo shown `height` pixels high keeps its proportions (for the
    <img> width attribute, so the page does not shift when the logo arrives); None if it cannot
    be drawn. Drawn in the guard: the build passes the width it drew instead (pages.context.Context)."""
    size = drawn_size(path)
    return width_at(size, height) if size else None


def _fit(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """Scale down (never up) to fit the box, keeping the aspect ratio."""
    scale = min(box[0] / image.width, box[1] / image.height, 1.0)
    return image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)


def _square(image: Image.Image, size: int, background: str | None, padding: float = 0.08) -> Image.Image:
    """The image centred on a square canvas."""
    canvas = Image.new("RGBA", (size, size), background or (0, 0, 0, 0))
    inner = round(size * (1 - 2 * padding))
    scale = min(inner / image.width, inner / image.height)
    fitted = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
    canvas.alpha_composite(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
    return canvas


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold-subset.ttf" if bold else "DejaVuSans-subset.ttf")), size)


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(ch)
    return mask.size, bytes(mask)


@cache
def _notdef(font: ImageFont.FreeTypeFont) -> tuple[tuple[int, int], bytes]:
    """What the font draws for a character it has no glyph for (a private-use one)."""
    return _glyph(font, "\U0010fffd")


@cache
def _has_glyph(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    return ch.isspace() or _glyph(font, ch) != _notdef(font)


def drawable(text: str, font: ImageFont.FreeTypeFont) -> bool:
    """Whether the shipped font has a glyph for every character: the card font covers Latin, Greek
    and Cyrillic; a name in CJK, Arabic, Hebrew or with emoji would come out blank or as boxes."""
    return all(_has_glyph(font, ch) for ch in text)


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def lettered(name: str, size: int, colour: str, ink: str, fallback: str = "") -> Image.Image:
    """A square with the name's initials: the mark of a cluster without a logo (the fallback's,
    e.g. the site's host name, when the font cannot draw the name's)."""
    image = Image.new("RGBA", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = _font(round(size * 0.45), bold=True)
    text = _initials(name)
    if not drawable(text, font):
        text = _initials(fallback) if fallback and drawable(_initials(fallback), font) else "?"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top), text, font=font, fill=ink)
    return image


def _shorten(draw: ImageDraw.ImageDraw, word: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """A word cut to fit the width, ending in '…' (a long compound or a URL would run off the card)."""
    if draw.textlength(word, font=font) <= width:
        return word
    low, high = 0, len(word)  # the longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if draw.textlength(word[:middle] + "…", font=font) <= width:
            low = middle
        else:
            high = middle - 1
    return word[:low] + "…"


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Greedy line breaking for the card; the last line ends in '…' when text is left over, and a
    word wider than a line is shortened with '…'."""
    words, out, line = [_shorten(draw, w, font, width) for w in text.split()], [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            out.append(line)
        line = word
        if len(out) == lines:
            break
    if line and len(out) < lines:
        out.append(line)
    if len(out) == lines and " ".join(out) != " ".join(words):
        out[-1] = out[-1].rstrip(".,;: ") + "…"
    return out


def og_card(name: str, tagline: str, logo: Image.Image | None, colour: str, ink: str, fallback: str = "") -> bytes:
    """The cluster's card for link previews: logo, name and tagline on its primary colour.

    A text the shipped font cannot draw is left out rather than drawn blank: a name then gives
    way to the fallback (the site's host name), a tagline to nothing."""
    card = Image.new("RGBA", CARD_SIZE, colour)
    draw = ImageDraw.Draw(card)
    x = 80
    if logo is not None:
        plate = Image.new("RGBA", (360, 360), "#ffffff")
        fitted = _fit(logo, (300, 300))
        plate.alpha_composite(fitted, ((360 - fitted.width) // 2, (360 - fitted.height) // 2))
        card.alpha_composite(plate, (80, 135))
        x = 500
    title = _font(60, bold=True)
    body = _font(32)
    if not drawable(name, title):
        name = fallback if drawable(fallback, title) else ""
    if not drawable(tagline, body):
        tagline = ""
    y = 150
    for line in _wrap(draw, name, title, CARD_SIZE[0] - x - 70, 3):
        draw.text((x, y), line, font=title, fill=ink)
        y += 78
    y += 20
    for line in _wrap(draw, tagline, body, CARD_SIZE[0] - x - 70, 4):
        draw.text((x, y), line, font=body, fill=ink)
        y += 46
    return _png(card.convert("RGB"))


def write_brand_images(config: Config, project: Project, site: Path, colour: str, ink: str, tagline: str, drawn: Path | None) -> None:
    """Favicons, the touch icon and the Open Graph card, from the cluster's logo (or its initials).

    drawn: the cluster's logo drawn 512 pixels wide (drawing.draw_logos), None without one."""
    cluster = project.cluster
    folder = site / urls.BRAND_DIR
    folder.mkdir(parents=True, exist_ok=True)
    logo = None
    if cluster.logo and drawn is not None:
        with Image.open(drawn) as image:
            logo = image.convert("RGBA")
    host = urlsplit(urls.site_base(config.site_url)).hostname or ""
    mark = _square(logo, 512, None) if logo is not None else lettered(cluster.name, 512, colour, ink, host)
    mark.resize((48, 48), Image.Resampling.LANCZOS).save(site / urls.FAVICON_ICO, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    (site / urls.ICON_PNG).write_bytes(_png(mark.resize((32, 32), Image.Resampling.LANCZOS)))
    # iOS shows the touch icon on an opaque square: the logo on white, or the lettered mark.
    touch = _square(logo, 180, "#ffffff") if logo is not None else mark.resize((180, 180), Image.Resampling.LANCZOS)
    (site / urls.TOUCH_ICON).write_bytes(_png(touch.convert("RGB")))
    if cluster.logo and cluster.logo.lower().endswith(".svg"):
        (site / urls.ICON_SVG).write_bytes((config.root / PROFILES_DIR / cluster.logo).read_bytes())
    (site / urls.OG_CARD).write_bytes(og_card(cluster.name, tagline, logo, colour, ink, host))


def write_logo_previews(project: Project, site: Path, previews: dict[str, Path]) -> None:
    """A PNG of every member's SVG logo, on white, for link previews (PNG logos are used as they
    are): the ones the guard drew (drawing.draw_logos), by slug."""
    for slug, drawn in sorted(previews.items()):
        if project.members[slug].logo:
            path = site / urls.member_preview(slug)
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(drawn, path)
