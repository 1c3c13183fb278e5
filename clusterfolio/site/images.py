"""Images drawn at build time from the cluster's profile: favicons, the Open Graph card, and PNG
copies of SVG logos for link previews (social networks do not show SVG).

Everything is made from checked logos (clusterfolio/logos.py) and drawn locally: no request to
another host. Text is drawn with DejaVu Sans shipped in the package (Latin, Greek and Cyrillic;
tools/make_card_font.py), so every machine draws the same image.
"""
from __future__ import annotations

import io
from pathlib import Path

import resvg_py
from PIL import Image, ImageDraw, ImageFont

from .. import urls
from ..config import Config
from ..model import Project
from ..paths import PROFILES_DIR

CARD_SIZE = (1200, 630)
FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
PREVIEW_WIDTH = 600


def raster(path: Path, width: int) -> Image.Image:
    """A logo as an RGBA image of the given width (SVG rendered, PNG scaled)."""
    if path.suffix.lower() == ".svg":
        data = resvg_py.svg_to_bytes(svg_path=str(path), width=width)
        image = Image.open(io.BytesIO(bytes(data)))
    else:
        image = Image.open(path)
        image.load()
        height = max(1, round(image.height * width / max(1, image.width)))
        image = image.convert("RGBA").resize((width, height), Image.Resampling.LANCZOS)
    return image.convert("RGBA")


def display_width(path: Path, height: int) -> int | None:
    """The width at which a logo shown `height` pixels high keeps its proportions (for the
    <img> width attribute, so the page does not shift when the logo arrives); None if unreadable."""
    try:
        image = raster(path, 400)
    except (OSError, ValueError, RuntimeError):
        return None
    return max(1, round(height * image.width / max(1, image.height)))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


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


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def lettered(name: str, size: int, colour: str, ink: str) -> Image.Image:
    """A square with the name's initials: the mark of a cluster without a logo."""
    image = Image.new("RGBA", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = _font(round(size * 0.45), bold=True)
    text = _initials(name)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top), text, font=font, fill=ink)
    return image


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Greedy line breaking for the card; the last line ends in '…' when text is left over."""
    words, out, line = text.split(), [], ""
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


def og_card(name: str, tagline: str, logo: Image.Image | None, colour: str, ink: str) -> bytes:
    """The cluster's card for link previews: logo, name and tagline on its primary colour."""
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
    y = 150
    for line in _wrap(draw, name, title, CARD_SIZE[0] - x - 70, 3):
        draw.text((x, y), line, font=title, fill=ink)
        y += 78
    y += 20
    for line in _wrap(draw, tagline, body, CARD_SIZE[0] - x - 70, 4):
        draw.text((x, y), line, font=body, fill=ink)
        y += 46
    return _png(card.convert("RGB"))


def write_brand_images(config: Config, project: Project, site: Path, colour: str, ink: str, tagline: str) -> None:
    """Favicons, the touch icon and the Open Graph card, from the cluster's logo (or its initials)."""
    cluster = project.cluster
    folder = site / urls.BRAND_DIR
    folder.mkdir(parents=True, exist_ok=True)
    logo = raster(config.root / PROFILES_DIR / cluster.logo, 512) if cluster.logo else None
    mark = _square(logo, 512, None) if logo is not None else lettered(cluster.name, 512, colour, ink)
    mark.resize((48, 48), Image.Resampling.LANCZOS).save(site / urls.FAVICON_ICO, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    (site / urls.ICON_PNG).write_bytes(_png(mark.resize((32, 32), Image.Resampling.LANCZOS)))
    # iOS shows the touch icon on an opaque square: the logo on white, or the lettered mark.
    touch = _square(logo, 180, "#ffffff") if logo is not None else mark.resize((180, 180), Image.Resampling.LANCZOS)
    (site / urls.TOUCH_ICON).write_bytes(_png(touch.convert("RGB")))
    if cluster.logo and cluster.logo.lower().endswith(".svg"):
        (site / urls.ICON_SVG).write_bytes((config.root / PROFILES_DIR / cluster.logo).read_bytes())
    (site / urls.OG_CARD).write_bytes(og_card(cluster.name, tagline, logo, colour, ink))


def write_logo_previews(config: Config, project: Project, site: Path) -> None:
    """A PNG of every member's SVG logo, on white, for link previews (PNG logos are used as they are)."""
    for slug, m in sorted(project.members.items()):
        if not m.logo or not m.logo.lower().endswith(".svg"):
            continue
        name = urls.member_preview(slug)
        image = raster(config.root / PROFILES_DIR / m.logo, PREVIEW_WIDTH)
        canvas = Image.new("RGB", (image.width + 80, image.height + 80), "#ffffff")
        canvas.paste(image, (40, 40), image)
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_png(canvas))
