"""The drawing's size as resvg resolves it from the <svg> element's width, height and viewBox:
what the cost of every other parameter is judged against (cost.py)."""
from __future__ import annotations

from ..messages import M, Msg
from ..problems import quote
from .limits import DRAW_WIDTH, SIZE_MAX, TALL_MAX, WIDE_MAX
from .shape import Element, Finding
from .units import LENGTH, UNITS, VIEWBOX, number, readable

# Pixels per user unit at DRAW_WIDTH, the drawing's larger side in user units, its pixels.
Size = tuple[float, float, float]


def drawing_size(root: Element) -> tuple[Size | None, list[Finding]]:
    """From the drawing's width, height and viewBox as resvg resolves them: the pixels per
    user unit at DRAW_WIDTH, the drawing's larger side in user units and its pixels at DRAW_WIDTH;
    or the findings that it has no usable size."""
    at = (root.line, root.column)
    fix = M('give the <svg> element a viewBox with a positive width and height, e.g. viewBox="0 0 200 80"')
    box = None
    if "viewbox" in root.attrs:
        box, problem = _viewbox(root.attrs["viewbox"], fix)
        if problem is not None:
            return None, [(*at, problem, "CF-E421")]
    sides = []
    for what, index in (("width", 0), ("height", 1)):
        fallback = box[index] if box else 100.0  # resvg: 100% of the viewBox, or 100
        side, problem = _side(root.attrs.get(what), what, fallback, fix)
        if problem is not None:
            return None, [(*at, problem, "CF-E421")]
        sides.append(side)
    width, height = sides
    if width / height > WIDE_MAX or height / width > TALL_MAX:
        ratio = "1:" + readable(height / width) if height > width else readable(width / height) + ":1"  # a number may be words (readable)
        return None, [(
            *at,
            M("the drawing is {width} wide and {height} tall ({ratio}); a logo may be at most {wide_max} times as wide as it is tall, "
              "and at most {tall_max} times as tall as it is wide. Crop the drawing to the logo (its viewBox, width and height)",
              width=readable(width), height=readable(height), ratio=ratio, wide_max=WIDE_MAX, tall_max=TALL_MAX),
            "CF-E421",
        )]
    # Pixels per user unit in the drawing DRAW_WIDTH wide; the larger of the two directions,
    # so that neither a stretched viewBox nor preserveAspectRatio hides a parameter.
    scale = DRAW_WIDTH / width * (max(width / box[0], height / box[1]) if box else 1.0)
    return (scale, max(box) if box else max(width, height), DRAW_WIDTH * DRAW_WIDTH * height / width), []


def _viewbox(value: str, fix: Msg) -> tuple[tuple[float, float] | None, Msg | None]:
    """The viewBox's width and height, or why it has none a logo can use."""
    match = VIEWBOX.match(value)
    numbers = [number(g) for g in match.groups()] if match else []
    if not match or None in numbers:
        return None, M("the viewBox {value} cannot be read: it needs four numbers; {fix}", value=quote(value), fix=fix)
    _, _, bw, bh = numbers
    # Whole sentences for the width and the height: "a positive width" is a noun to translate.
    for what, v in (("width", bw), ("height", bh)):
        shown = {"value": readable(v), "fix": fix, "limit": f"{SIZE_MAX:,}"}
        if v <= 0:
            return None, (M("the viewBox's width is {value}; a logo needs a positive width: {fix}", **shown) if what == "width"
                          else M("the viewBox's height is {value}; a logo needs a positive height: {fix}", **shown))
        if v > SIZE_MAX:
            return None, (M("the viewBox's width is {value}; at most {limit} works: {fix}", **shown) if what == "width"
                          else M("the viewBox's height is {value}; at most {limit} works: {fix}", **shown))
    return (bw, bh), None


def _side(value: str | None, what: str, fallback: float, fix: Msg) -> tuple[float, Msg | None]:
    """The drawing's width or height in pixels (what: which), or why it cannot be used."""
    if value is None:
        return fallback, None
    match = LENGTH.match(value)
    found = number(match.group(1)) if match else None
    # {attribute} is the attribute's name (width or height), kept as written.
    if found is None:
        return 0.0, M("the <svg> element's {attribute} {value} cannot be read: write a number such as {attribute}=\"200\", "
                      "or leave {attribute} out and {fix}", attribute=what, value=quote(value), fix=fix)
    if found <= 0:
        shown = {"value": value.strip(), "fix": fix}
        return 0.0, (M("the <svg> element's width is {value}; a logo needs a positive width: write one, or leave width out and {fix}", **shown)
                     if what == "width" else
                     M("the <svg> element's height is {value}; a logo needs a positive height: write one, or leave height out and {fix}", **shown))
    unit = (match.group(2) or "").lower()
    side = fallback * found / 100 if unit == "%" else found * UNITS[unit]
    if side > SIZE_MAX:
        return 0.0, M("the <svg> element's {attribute} is {value} pixels; at most {limit} works: {fix}",
                      attribute=what, value=readable(side), limit=f"{SIZE_MAX:,}", fix=fix)
    return side, None
