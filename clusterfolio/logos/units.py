"""Numbers, lengths and transforms as an SVG writes them, and numbers as a member reads them."""
from __future__ import annotations

import math
import re

from ..messages import M, Msg
from .limits import CAP

NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
NUMBERS = re.compile(NUMBER)
LENGTH = re.compile(rf"^\s*({NUMBER})\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*$", re.I)
UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "em": 16.0, "ex": 8.0}
VIEWBOX = re.compile(rf"^\s*({NUMBER})(?:\s*,\s*|\s+)({NUMBER})(?:\s*,\s*|\s+)({NUMBER})(?:\s*,\s*|\s+)({NUMBER})\s*$")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewx|skewy)\s*\(([^)]*)\)", re.I)


def number(text: str) -> float | None:
    """A finite number written as text, or None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def numbers(text: str | None) -> list[float]:
    """Every number in an attribute's text, without its sign."""
    return [abs(float(n)) for n in NUMBERS.findall(text or "")]


def readable(value: float) -> str | Msg:
    """A number as a member reads it: 1,000,000, 12.5, 0.25 (a placeholder's value)."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return M("more than a million billion")
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2g}"


def _stretch(a: float, b: float, c: float, d: float) -> float:
    """How much the linear map [[a, c], [b, d]] stretches at most (its largest singular value)."""
    total = a * a + b * b + c * c + d * d
    det = a * d - b * c
    return math.sqrt(max(0.0, (total + math.sqrt(max(0.0, total * total - 4 * det * det))) / 2))


def transform_scale(text: str | None) -> float:
    """How much a transform attribute enlarges at most; 1 when it has none or cannot be read."""
    scale = 1.0
    for name, args in _TRANSFORM.findall(text or ""):
        n = [float(x) for x in NUMBERS.findall(args)]
        name = name.lower()
        if name == "matrix" and len(n) == 6:
            scale *= _stretch(n[0], n[1], n[2], n[3])
        elif name == "scale" and n:
            scale *= max(abs(n[0]), abs(n[-1]))
        elif name in ("skewx", "skewy") and n:
            slope = math.tan(math.radians(n[0]))
            scale *= _stretch(1, 0, slope, 1)
    return scale if math.isfinite(scale) else float(CAP)

