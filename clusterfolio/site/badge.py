"""The member badge other sites show (/<lang>/members/<slug>/badge.svg): "Member of <cluster>" and
the cluster's current label with its level, as true on the build date.

The badge does not name the member: it sits on the member's own site, next to its own name, and the
snippet's link and alt text say whose it is (pages/embeds.py). So a language's badge is one drawing,
made once and written to every member's folder: 30,000 files on a site of 10,000 members, each a few
hundred bytes. Text widths are measured with the DejaVu Sans the package ships (images.py draws the
link cards with it) and fixed with textLength, so a viewer with another sans font still fits the
text into the declared size (shields.io's way).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

from .. import urls
from ..colours import text_on
from ..i18n import Translator
from ..model import Label, Project
from .files import SEAL_COLOURS, SEAL_DEFAULT
from .head import brand
from .images import FONTS
from .render import environment
from .words import Words

PAD = 8  # pixels around the text
NAME_SIZE, LABEL_SIZE = 12, 11  # font sizes of the two lines
DOT = 12  # room for the level's dot before the label's name
LINE, LINES = 24, 40  # the badge's height with one line, with two


@dataclass(frozen=True)
class BadgeLine:
    text: str
    x: int
    y: int
    length: int  # measured width: the text's textLength, so it never runs past the badge
    size: int
    bold: bool = False


@dataclass(frozen=True)
class BadgeView:
    width: int
    height: int
    title: str  # what a screen reader says and a tooltip shows: both lines in one sentence
    background: str  # the cluster's primary colour
    ink: str  # black or white, whichever reads on it (colours.text_on: at least 4.5:1)
    lines: tuple[BadgeLine, ...]
    dot: str | None = None  # the label level's colour (files.SEAL_COLOURS), None without a label


@cache
def _badge_font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    # Pillow's basic layout, not raqm: the same widths on every machine (byte-identical builds),
    # and no shaping library to fail on odd text.
    name = "DejaVuSans-Bold-subset.ttf" if bold else "DejaVuSans-subset.ttf"
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def measure(text: str, size: int, bold: bool = False) -> int:
    """The text's width in pixels in the shipped DejaVu Sans, rounded up; where the font cannot
    measure it, a wide sans letter's width per character (textLength holds the text to it)."""
    try:
        return int(_badge_font(size, bold).getlength(text)) + 1
    except (OSError, ValueError):
        return len(text) * size * 2 // 3 + 1


def printable(text: str) -> str:
    """One line of characters XML can hold: profile text is checked, this is the second line of defence."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def current_label(project: Project) -> Label | None:
    """The label the badge names: the first the pages show as held on the build date
    (model.Index.current_labels, the rule of the label and home pages), None if none is."""
    held = project.index.current_labels
    return held[0][0] if held else None


def label_text(words: Words, label: Label) -> str:
    """The label's name with its level ("ESCA Gold Label", "Cluster Excellence BW · Regional"):
    the level is added where the name does not already say it."""
    scheme = words.tax.label_schemes.get(label.scheme)
    name = words.scheme(label.scheme)
    level = words.level(scheme.level) if scheme else ""
    return name if not level or level.lower() in name.lower() else f"{name} · {level}"


def badge_view(project: Project, lang: str) -> BadgeView:
    """The badge of one language."""
    t = Translator(lang, project.default_language)
    words = Words(t, project.taxonomy)
    first = printable(t._("Member of {cluster}").format(cluster=project.cluster.name))
    lines = [BadgeLine(first, PAD, 16, measure(first, NAME_SIZE, True), NAME_SIZE, True)]
    label = current_label(project)
    dot = None
    if label is not None:
        second = printable(label_text(words, label))
        lines.append(BadgeLine(second, PAD + DOT, 32, measure(second, LABEL_SIZE), LABEL_SIZE))
        scheme = project.taxonomy.label_schemes.get(label.scheme)
        dot = SEAL_COLOURS.get(scheme.level if scheme else "", SEAL_DEFAULT)[0]
    colours = brand(project)
    return BadgeView(
        width=max(line.x + line.length for line in lines) + PAD,
        height=LINES if label is not None else LINE,
        title=" – ".join(line.text for line in lines),
        background=colours.primary,
        ink=text_on(colours.primary),
        lines=tuple(lines),
        dot=dot,
    )


def badge_svg(view: BadgeView) -> bytes:
    return (environment().get_template("site/badge.svg").render(badge=view).strip() + "\n").encode()


def write_badges(project: Project, languages: tuple[str, ...], site: Path) -> None:
    """Every member's badge in every language: one drawing per language, the same bytes in each folder."""
    for lang in languages:
        data = badge_svg(badge_view(project, lang))
        for slug in project.members:
            path = site / lang / urls.badge(slug)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
