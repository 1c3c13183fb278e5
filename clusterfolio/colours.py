"""Colour contrast (WCAG 2.x), for the cluster's brand colours: check refuses what would not read,
and the site picks white or black text for each colour."""
from __future__ import annotations

WHITE, BLACK = "#ffffff", "#000000"
TEXT_CONTRAST = 4.5  # normal text (WCAG 1.4.3, AA)
GRAPHIC_CONTRAST = 3.0  # buttons, marks on a map (WCAG 1.4.11)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour."""
    r, g, b = (_channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Contrast ratio of two #rrggbb colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(colour: str) -> str:
    """White or black, whichever reads better on the colour (one of them always reaches 4.5:1)."""
    return WHITE if contrast(colour, WHITE) >= contrast(colour, BLACK) else BLACK


def darker(colour: str, target: float = TEXT_CONTRAST, on: str = WHITE) -> str:
    """The colour darkened step by step until it reaches the target contrast on `on` (a suggestion)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    for step in range(100):
        f = 1 - step / 100
        candidate = f"#{round(r * f):02x}{round(g * f):02x}{round(b * f):02x}"
        if contrast(candidate, on) >= target:
            return candidate
    return BLACK
