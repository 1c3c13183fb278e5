"""Logo checks (SPEC §3.5): the published copy is the checked one, so check it strictly."""
from __future__ import annotations

import math
import re
import struct
import xml.parsers.expat
from pathlib import Path

from .messages import M, Msg, N
from .paths import read_limited
from .problems import quote

SVG_MAX = 200 * 1024
PNG_MAX = 500 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Width and height of a PNG logo, read from its header (IHDR) without decoding the image: a
# 30,000 × 30,000 PNG compresses to 109 KB and decodes to 3.6 GB.
PNG_MAX_SIDE = 4096

_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "image", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
# Animation elements can write any value into any attribute, an href or an on* handler too.
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
# CSS functions that load a resource: url() and src() unless they point at '#id' in the logo
# itself, and the image functions whose plain strings are addresses too (image-set("a.png" 1x)).
_URL_IN_CSS = re.compile(r"\b(?:url|src)\(\s*+(?!['\"]?#)|(?<![\w-])(?:-webkit-)?(?:image|image-set|cross-fade)\(", re.I)
_IMPORT_IN_CSS = re.compile(r"@import", re.I)


def _css_unsafe_at(css: str) -> int | None:
    """Where the first external url(), image function, @import or CSS escape (which can spell
    any of them) starts in css, or None."""
    starts = [m.start() for m in (_URL_IN_CSS.search(css), _IMPORT_IN_CSS.search(css)) if m]
    if "\\" in css:
        starts.append(css.index("\\"))
    return min(starts, default=None)


def _css_unsafe(css: str) -> bool:
    return _css_unsafe_at(css) is not None


# The XML declaration's encoding. Only encodings that Expat reads itself, and that keep markup
# where ASCII has it, are accepted: a browser must see the same elements the check saw.
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}


def _encoding_problem(data: bytes) -> Msg | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")):
        return M("the SVG is saved as UTF-16; save it as UTF-8")
    match = _DECLARED_ENCODING.match(data.lstrip(b"\xef\xbb\xbf")[:400])
    if match and match.group(1).decode("ascii", "replace").strip().lower() not in _ENCODINGS:
        shown = quote(match.group(1).decode("ascii", "replace"), 40)
        return M("the SVG declares the text encoding {encoding}; save it as UTF-8 (encoding=\"UTF-8\")", encoding=shown)
    return None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


Finding = tuple[int, int, Msg, str]  # line, column, message, problem code (codes.py)


Chunk = tuple[int, int, str]  # line, column, text: a piece of character data as Expat gives it


def _check_css_text(chunks: list[Chunk], found: list[Finding]) -> None:
    """Judge pieces of text as one, and place a finding where the unsafe part starts."""
    offset = _css_unsafe_at("".join(text for _, _, text in chunks))
    if offset is None:
        return
    for line, column, text in chunks:
        if offset < len(text):
            before = text[:offset]
            if "\n" in before:
                line, column = line + before.count("\n"), len(before) - before.rindex("\n")
            else:
                column += offset
            found.append((line, column, M("external reference in a <style> element is not allowed"), "CF-E411"))
            return
        offset -= len(text)


# --- what drawing the logo costs (issue 21) ----------------------------------------------------
#
# A logo that is safe to publish can still cost the drawing library (resvg) hours, gigabytes or
# its stack: one filter of a million octaves, a thousand copies of a blurred shape, a drawing
# 100,000 times taller than wide. `check` refuses such logos with these limits, far above what a
# logo needs (docs/decisions.md says why each value); what they miss, the build's guard catches
# (site/drawing.py: CF-W401, the logo is left out). Parameters in user units are judged in pixels
# where the site draws the logo largest: its link preview, DRAW_WIDTH pixels wide.
DRAW_WIDTH = 600
WIDE_MAX = 20  # width : height
TALL_MAX = 5  # height : width; drawn at a fixed width, a tall logo costs pixels in proportion to its height
SIZE_MAX = 1_000_000  # user units or pixels; resvg computes in single precision (beyond ~10^38: infinite)
ELEMENTS_MAX = 50_000  # elements, every copy counted (<use>, markers, patterns, masks, clip paths, filters)
NESTING_MAX = 64  # elements inside elements, copies counted; resvg's stack ends at about 250
CHAIN_MAX = 8  # references inside references (a <use> of a group with a <use> …)
FILTERED_MAX = 50  # filter effects drawn, every copy counted
PRIMITIVES_MAX = 20  # effects (fe… elements) in one <filter>
OCTAVES_MAX = 10  # feTurbulence numOctaves; beyond 8 an octave adds less than one colour step
# Turbulence and morphology cost time for every pixel of the drawing, and a tall logo drawn
# DRAW_WIDTH wide has many: in a logo taller than wide, fewer octaves and a smaller radius are
# allowed, so that these budgets (octaves × pixels; visits, (2 × radius + 1)² × pixels) hold.
OCTAVE_BUDGET = OCTAVES_MAX * DRAW_WIDTH * DRAW_WIDTH  # ten octaves over a square: about a second
ORDER_MAX = 9  # feConvolveMatrix order (a 9 × 9 kernel)
BLUR_MAX = 150  # pixels: stdDeviation of feGaussianBlur, feDropShadow, CSS blur()
RADIUS_MAX = 20  # pixels: feMorphology radius; its cost grows with the square of the radius
MORPHOLOGY_BUDGET = 300_000_000  # pixel visits: one to two seconds in resvg
DISPLACEMENT_MAX = 600  # pixels: feDisplacementMap scale, the width of the largest drawing

_PRIMITIVES = {
    "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
    "fedisplacementmap", "fedropshadow", "feflood", "fegaussianblur", "feimage", "femerge", "femorphology",
    "feoffset", "fespecularlighting", "fetile", "feturbulence",
}
# Elements whose href draws its target (a gradient's href only lends it stops; an <a>'s is a link).
_HREF_DRAWS = {"use", "feimage", "pattern", "filter"}
_PAINTS = {"lineargradient", "radialgradient"}  # painted as colours, not drawn once per reference
# Elements whose content is drawn only where something refers to them (and then counted there).
_TEMPLATES = {"symbol", "clippath", "mask", "marker", "pattern", "filter", *_PAINTS}
_ARGUMENTS = {"m": 2, "l": 2, "t": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "a": 7}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_NUMBERS = re.compile(_NUMBER)
_PATH_TOKEN = re.compile(rf"[A-Za-z]|{_NUMBER}")
_LENGTH = re.compile(rf"^\s*({_NUMBER})\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*$", re.I)
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "em": 16.0, "ex": 8.0}
_VIEWBOX = re.compile(rf"^\s*({_NUMBER})(?:\s*,\s*|\s+)({_NUMBER})(?:\s*,\s*|\s+)({_NUMBER})(?:\s*,\s*|\s+)({_NUMBER})\s*$")
_URL_ID = re.compile(r"""url\(\s*['"]?#([^'")\s]+)""")
_FUNCTION = re.compile(r"([a-zA-Z-]+)\s*\(([^)]*)\)")
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewx|skewy)\s*\(([^)]*)\)", re.I)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_COMPOUND = re.compile(r"^(\*|[a-zA-Z][\w-]*)?((?:[.#][\w-]+)*)$")
_REFERRING = ("filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end", "marker", "fill", "stroke")
_CAP = 10**12  # counts stop growing here: the limits are far below, and the numbers stay small


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _numbers(text: str | None) -> list[float]:
    return [abs(float(n)) for n in _NUMBERS.findall(text or "")]


def _plain(value: float) -> str | Msg:
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


def _transform_scale(text: str | None) -> float:
    """How much a transform attribute enlarges at most; 1 when it has none or cannot be read."""
    scale = 1.0
    for name, args in _TRANSFORM.findall(text or ""):
        n = [float(x) for x in _NUMBERS.findall(args)]
        name = name.lower()
        if name == "matrix" and len(n) == 6:
            scale *= _stretch(n[0], n[1], n[2], n[3])
        elif name == "scale" and n:
            scale *= max(abs(n[0]), abs(n[-1]))
        elif name in ("skewx", "skewy") and n:
            slope = math.tan(math.radians(n[0]))
            scale *= _stretch(1, 0, slope, 1)
    return scale if math.isfinite(scale) else float(_CAP)


def _declarations(css: str) -> dict[str, str]:
    out = {}
    for part in css.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            out[name.strip().lower()] = value.strip()
    return out


class _El:
    __slots__ = ("name", "tag", "line", "column", "attrs", "parent", "depth", "children")

    def __init__(self, tag: str, line: int, column: int, attrs: dict[str, str], parent: int, depth: int) -> None:
        self.name = tag.lower()  # for comparisons; tag as written, for messages
        self.tag, self.line, self.column, self.attrs, self.parent, self.depth = tag, line, column, attrs, parent, depth
        self.children: list[int] = []


class _Shape:
    """The logo's elements as the parser meets them, and what drawing them would cost."""

    def __init__(self) -> None:
        self.elements: list[_El] = []
        self.open: list[int] = []
        self.sheets: list[str] = []  # the texts of <style> elements

    def start(self, name: str, line: int, column: int, attrs: dict[str, str]) -> None:
        index = len(self.elements)
        parent = self.open[-1] if self.open else -1
        tag = name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]
        self.elements.append(_El(tag, line, column, {_local(k): v for k, v in attrs.items()}, parent, len(self.open) + 1))
        if self.open:
            self.elements[self.open[-1]].children.append(index)
        self.open.append(index)

    def end(self) -> None:
        self.open.pop()

    def findings(self) -> list[Finding]:
        if not self.elements or self.elements[0].name != "svg":
            return []
        size, found = self._size(self.elements[0])
        if size is None:
            return found
        return found + _Costs(self, *size).findings()

    # --- the drawing's size ---------------------------------------------------------------------

    def _size(self, root: _El) -> tuple[tuple[float, float] | None, list[Finding]]:
        """From the drawing's width, height and viewBox as resvg resolves them: the pixels per
        user unit at DRAW_WIDTH and the drawing's larger side in user units; or the findings
        that it has no usable size."""
        at = (root.line, root.column)
        fix = M('give the <svg> element a viewBox with a positive width and height, e.g. viewBox="0 0 200 80"')
        box = None
        if "viewbox" in root.attrs:
            value = root.attrs["viewbox"]
            match = _VIEWBOX.match(value)
            numbers = [_number(g) for g in match.groups()] if match else []
            if not match or None in numbers:
                return None, [(*at, M("the viewBox {value} cannot be read: it needs four numbers; {fix}", value=quote(value), fix=fix), "CF-E421")]
            _, _, bw, bh = numbers
            # Whole sentences for the width and the height: "a positive width" is a noun to translate.
            for what, v in (("width", bw), ("height", bh)):
                shown = {"value": _plain(v), "fix": fix, "limit": f"{SIZE_MAX:,}"}
                if v <= 0:
                    return None, [(*at, M("the viewBox's width is {value}; a logo needs a positive width: {fix}", **shown) if what == "width"
                                   else M("the viewBox's height is {value}; a logo needs a positive height: {fix}", **shown), "CF-E421")]
                if v > SIZE_MAX:
                    return None, [(*at, M("the viewBox's width is {value}; at most {limit} works: {fix}", **shown) if what == "width"
                                   else M("the viewBox's height is {value}; at most {limit} works: {fix}", **shown), "CF-E421")]
            box = (bw, bh)
        sides = []
        for what, index in (("width", 0), ("height", 1)):
            fallback = box[index] if box else 100.0  # resvg: 100% of the viewBox, or 100
            value = root.attrs.get(what)
            if value is None:
                sides.append(fallback)
                continue
            match = _LENGTH.match(value)
            number = _number(match.group(1)) if match else None
            # {attribute} is the attribute's name (width or height), kept as written.
            if number is None:
                return None, [(*at, M("the <svg> element's {attribute} {value} cannot be read: write a number such as {attribute}=\"200\", "
                                      "or leave {attribute} out and {fix}", attribute=what, value=quote(value), fix=fix), "CF-E421")]
            if number <= 0:
                shown = {"value": value.strip(), "fix": fix}
                return None, [(*at, M("the <svg> element's width is {value}; a logo needs a positive width: write one, or leave width out and {fix}", **shown)
                               if what == "width" else
                               M("the <svg> element's height is {value}; a logo needs a positive height: write one, or leave height out and {fix}", **shown),
                               "CF-E421")]
            unit = (match.group(2) or "").lower()
            side = fallback * number / 100 if unit == "%" else number * _UNITS[unit]
            if side > SIZE_MAX:
                return None, [(*at, M("the <svg> element's {attribute} is {value} pixels; at most {limit} works: {fix}",
                                      attribute=what, value=_plain(side), limit=f"{SIZE_MAX:,}", fix=fix), "CF-E421")]
            sides.append(side)
        width, height = sides
        if width / height > WIDE_MAX or height / width > TALL_MAX:
            ratio = "1:" + _plain(height / width) if height > width else _plain(width / height) + ":1"  # a number may be words (_plain)
            return None, [(
                *at,
                M("the drawing is {width} wide and {height} tall ({ratio}); a logo may be at most {wide_max} times as wide as it is tall, "
                  "and at most {tall_max} times as tall as it is wide. Crop the drawing to the logo (its viewBox, width and height)",
                  width=_plain(width), height=_plain(height), ratio=ratio, wide_max=WIDE_MAX, tall_max=TALL_MAX),
                "CF-E421",
            )]
        # Pixels per user unit in the drawing DRAW_WIDTH wide; the larger of the two directions,
        # so that neither a stretched viewBox nor preserveAspectRatio hides a parameter.
        scale = DRAW_WIDTH / width * (max(width / box[0], height / box[1]) if box else 1.0)
        return (scale, max(box) if box else max(width, height), DRAW_WIDTH * DRAW_WIDTH * height / width), []


class _Costs:
    """Every element with its copies counted: one walk over the elements and the references
    between them (<use>, markers, masks, clip paths, patterns, filters), memoised per element."""

    def __init__(self, shape: _Shape, scale: float, extent: float, pixels: float) -> None:
        self.els = shape.elements
        self.scale = scale  # pixels per user unit of the root
        self.extent = extent  # the drawing's larger side in user units (objectBoundingBox units)
        self.pixels = pixels  # the drawing's pixels, DRAW_WIDTH wide
        # The largest radius and number of octaves the budgets allow in a drawing of this shape.
        self.radius_max = min(RADIUS_MAX, int((math.sqrt(MORPHOLOGY_BUDGET / pixels) - 1) / 2))
        self.octaves_max = min(OCTAVES_MAX, max(1, int(OCTAVE_BUDGET / pixels)))
        self.ids: dict[str, int] = {}
        for index, el in enumerate(self.els):
            ident = el.attrs.get("id", "").strip()
            if ident:
                self.ids.setdefault(ident, index)  # the first of equal ids, as browsers take it
        self.rules = self._rules(shape.sheets)

    # --- style: attributes, the style attribute and <style> rules for the properties that refer ---

    @staticmethod
    def _rules(sheets: list[str]) -> dict[str, list[tuple[str | None, set[str], str | None, dict[str, str]]]]:
        """Rules that set a referring property, by the key an element is looked up with: '#id',
        '.class', a tag or '*'. A selector is matched by its last compound, without pseudo-classes
        and attribute tests: every element it can select, and maybe a few more."""
        rules: dict[str, list[tuple[str | None, set[str], str | None, dict[str, str]]]] = {}
        for selectors, body in _RULE.findall(_COMMENT.sub("", "".join(sheets))):
            decls = {k: v for k, v in _declarations(body).items() if k in _REFERRING and "(" in v}
            if not decls:
                continue
            for selector in selectors.split(","):
                last = re.split(r"[\s>+~]+", re.sub(r"::?[\w-]+(\([^)]*\))?|\[[^\]]*\]", "", selector).strip())[-1]
                match = _COMPOUND.match(last)
                if not match:
                    continue
                tag = match.group(1) if match.group(1) not in (None, "*") else None
                parts = re.findall(r"[.#][\w-]+", match.group(2))
                classes = {p[1:] for p in parts if p[0] == "."}
                ident = next((p[1:] for p in parts if p[0] == "#"), None)
                key = f"#{ident}" if ident else f".{min(classes)}" if classes else (tag.lower() if tag else "*")
                rules.setdefault(key, []).append((tag.lower() if tag else None, classes, ident, decls))
        return rules

    def _properties(self, el: _El) -> dict[str, str]:
        out = {k: v for k, v in el.attrs.items() if k in _REFERRING}
        if self.rules:
            classes = set(el.attrs.get("class", "").split())
            keys = ["*", el.name, f"#{el.attrs.get('id', '')}", *(f".{c}" for c in classes)]
            for key in keys:
                for tag, need, ident, decls in self.rules.get(key, ()):
                    if (tag is None or tag == el.name) and need <= classes and (ident is None or ident == el.attrs.get("id")):
                        out.update(decls)
        if "style" in el.attrs:
            out.update({k: v for k, v in _declarations(el.attrs["style"]).items() if k in _REFERRING})
        return out

    # --- the graph --------------------------------------------------------------------------------

    def _vertices(self, el: _El) -> int:
        """At most how many vertices a shape has (markers are drawn at each)."""
        if el.name == "path":
            count, numbers, per = 0, 0, 2
            for token in _PATH_TOKEN.findall(el.attrs.get("d", "")):
                if token.isalpha():
                    count += -(-numbers // per) + (token in "zZ")
                    numbers, per = 0, _ARGUMENTS.get(token.lower(), 2)
                else:
                    numbers += 1
            return count + -(-numbers // per) + 1
        if el.name in ("polyline", "polygon"):
            return len(_NUMBERS.findall(el.attrs.get("points", ""))) // 2 + 1
        return 2

    def _edges(self, index: int) -> tuple[list[tuple[int, int]], int, list[tuple[str, float]]]:
        """The elements drawn inside this one (children, and targets with how many times each is
        drawn), how many filter effects it is drawn with, and the blurs of its CSS filter functions."""
        el = self.els[index]
        edges = [(child, 1) for child in el.children]
        props = self._properties(el)
        effects = 0
        blurs: list[tuple[str, float]] = []
        for prop, value in props.items():
            targets = _URL_ID.findall(value)
            if prop == "filter":
                for name, args in _FUNCTION.findall(value):
                    effects += 1
                    numbers = _numbers(args)
                    if name.lower() == "blur" and numbers:
                        blurs.append(("blur", numbers[0]))
                    elif name.lower() == "drop-shadow" and len(numbers) >= 3:
                        blurs.append(("drop-shadow", numbers[2] / 2))  # a CSS blur radius is two standard deviations
            times = self._vertices(el) if prop in ("marker-mid", "marker") else 1
            edges += [(self.ids[t], times) for t in targets if t in self.ids and self.els[self.ids[t]].name not in _PAINTS]
        href = el.attrs.get("href", "").strip()
        if el.name in _HREF_DRAWS and href.startswith("#") and href[1:] in self.ids:
            edges.append((self.ids[href[1:]], 1))
        return edges, effects, blurs

    def findings(self) -> list[Finding]:
        els = self.els
        n = len(els)
        found: list[Finding] = []
        size = [1] * n  # elements drawn, copies counted
        filtered = [0] * n  # filter effects drawn, copies counted
        nest = [1] * n  # elements inside elements, copies counted
        chain = [0] * n  # references inside references
        # The largest blur, morphology radius and displacement (in the root's user units), with
        # the element that asks for it.
        worst: list[dict[str, tuple[float, int]]] = [{} for _ in range(n)]
        edges: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        refs_from = [len(e.children) for e in els]  # edges past the children are references
        # The one reference that adds the most elements, and the most filter effects: where to point.
        biggest_size: tuple[int, int] = (0, 0)
        biggest_filtered: tuple[int, int] = (0, 0)
        first_filtered: int | None = None
        state = [0] * n  # 0: not seen, 1: on the walk's path, 2: done
        cycle: tuple[int, int] | None = None
        stack: list[tuple[int, int]] = [(0, 0)]
        state[0] = 1
        own_effects = [0] * n
        while stack:
            index, position = stack[-1]
            if position == 0:
                edges[index], own_effects[index], blurs = self._edges(index)
                own = self._own(index, blurs)
                worst[index] = own
            if position < len(edges[index]):
                stack[-1] = (index, position + 1)
                target, _ = edges[index][position]
                if state[target] == 1:  # a reference back to an element that contains it
                    if cycle is None:
                        cycle = (index, target)
                    edges[index][position] = (-1, 0)
                elif state[target] == 0:
                    state[target] = 1
                    stack.append((target, 0))
                continue
            stack.pop()
            state[index] = 2
            el = els[index]
            stretch = _transform_scale(el.attrs.get("transform"))
            total, effects, deepest, longest = 1, own_effects[index], 0, 0
            mine = worst[index]
            for position, (target, times) in enumerate(edges[index]):
                if target < 0:
                    continue
                is_reference = position >= refs_from[index]
                if is_reference or (el.name != "defs" and els[target].name not in _TEMPLATES):
                    total = min(_CAP, total + times * size[target])
                    effects = min(_CAP, effects + times * filtered[target])
                else:  # drawn where it is referred to, and counted there
                    total = min(_CAP, total + 1)
                deepest = max(deepest, nest[target])
                longest = max(longest, chain[target] + (1 if is_reference else 0))
                for kind, (value, where) in worst[target].items():
                    if value > mine.get(kind, (-1.0, 0))[0]:
                        mine[kind] = (value, where)
                if is_reference:
                    if times * size[target] > biggest_size[0]:
                        biggest_size = (min(_CAP, times * size[target]), index)
                    if times * filtered[target] > biggest_filtered[0]:
                        biggest_filtered = (min(_CAP, times * filtered[target]), index)
            if own_effects[index] and first_filtered is None:
                first_filtered = index
            size[index], filtered[index], nest[index], chain[index] = total, effects, min(_CAP, deepest + 1), longest
            worst[index] = {kind: (min(float(_CAP), value * stretch), where) for kind, (value, where) in mine.items()}

        def at(index: int) -> tuple[int, int]:
            return els[index].line, els[index].column

        flatten = M("export the logo again with the copies turned into plain shapes")
        if cycle is not None:
            source, target = cycle
            ident = els[target].attrs.get("id", "")
            found.append((*at(source), M("<{element}> refers to {target}, which contains it: drawing it would never end. "
                                         "Point the reference at another element, or remove it", element=els[source].tag, target=quote("#" + ident)), "CF-E420"))
        if chain[0] > CHAIN_MAX:
            start = max((i for i in range(n) if refs_from[i] < len(edges[i])), key=lambda i: (chain[i], -i))
            found.append((*at(start), N("<{element}> starts a chain of {count} copy inside copies (<use>, patterns, masks); a logo may have at most {limit}: {fix}",
                                        "<{element}> starts a chain of {count} copies inside copies (<use>, patterns, masks); a logo may have at most {limit}: {fix}",
                                        chain[0], element=els[start].tag, limit=CHAIN_MAX, fix=flatten), "CF-E420"))
        if nest[0] > NESTING_MAX:
            direct = next((i for i in range(n) if els[i].depth > NESTING_MAX), None)
            where = direct if direct is not None else biggest_size[1]
            found.append((*at(where), M("the elements are nested {depth} deep, counting copies (<use>); a logo may nest at most {limit} deep: "
                                        "remove groups around groups, or {fix}", depth=_plain(nest[0]), limit=NESTING_MAX, fix=flatten), "CF-E420"))
        if size[0] > ELEMENTS_MAX:
            where = biggest_size[1] if biggest_size[0] * 4 > size[0] else 0
            # {elements} is the count as a member reads it (222,230); N picks the plural by the count itself.
            found.append((*at(where), N("the logo has {elements} element once every copy (<use>, markers, patterns) is counted; "
                                        "a logo may have at most {limit}: simplify it, or {fix}",
                                        "the logo has {elements} elements once every copy (<use>, markers, patterns) is counted; "
                                        "a logo may have at most {limit}: simplify it, or {fix}",
                                        size[0], elements=_plain(size[0]), limit=f"{ELEMENTS_MAX:,}", fix=flatten), "CF-E420"))
        if filtered[0] > FILTERED_MAX:
            where = biggest_filtered[1] if biggest_filtered[0] * 4 > filtered[0] else (first_filtered or 0)
            found.append((*at(where), N("{effects} filter effect (blur, shadow …) is drawn once every copy (<use>) is counted; "
                                        "a logo may have at most {limit}: export the logo without the effects, or with fewer copies",
                                        "{effects} filter effects (blur, shadow …) are drawn once every copy (<use>) is counted; "
                                        "a logo may have at most {limit}: export the logo without the effects, or with fewer copies",
                                        filtered[0], effects=_plain(filtered[0]), limit=FILTERED_MAX), "CF-E419"))
        limits = {"blur": BLUR_MAX, "radius": self.radius_max, "displacement": DISPLACEMENT_MAX}
        for kind, (value, where) in sorted(worst[0].items()):
            pixels = value * self.scale
            if pixels > limits[kind]:
                found.append((*at(where), self._too_large(kind, els[where].tag, pixels), "CF-E419"))
        found.extend(self._filter_findings())
        return found

    def _own(self, index: int, blurs: list[tuple[str, float]]) -> dict[str, tuple[float, int]]:
        """This element's own blur, radius and displacement in its user units (the largest of each)."""
        el = self.els[index]
        own: dict[str, tuple[float, int]] = {}
        for _, value in blurs:
            own["blur"] = max(own.get("blur", (-1.0, 0)), (value, index))
        if el.name not in _PRIMITIVES:
            return own
        kind, attr = {"fegaussianblur": ("blur", "stddeviation"), "fedropshadow": ("blur", "stddeviation"),
                      "femorphology": ("radius", "radius"), "fedisplacementmap": ("displacement", "scale")}.get(el.name, ("", ""))
        values = _numbers(el.attrs.get(attr)) if kind else []
        if values:
            value = max(values)
            if kind == "displacement":
                value /= 2  # the displacement reaches scale/2 each way
            if self._bounding_box_units(index):
                value *= self.extent  # fractions of the element's box: at most the drawing's size
            own[kind] = (value, index)
        return own

    def _bounding_box_units(self, index: int) -> bool:
        parent = self.els[index].parent
        return parent >= 0 and self.els[parent].attrs.get("primitiveunits", "").strip() == "objectBoundingBox"

    def _too_large(self, kind: str, element: str, pixels: float) -> Msg:
        """A blur, morphology radius or displacement beyond its limit: one sentence per kind, and for
        the radius, whose limit a tall drawing lowers, one that says so ("a logo this tall")."""
        shown = {"element": element, "pixels": _plain(pixels), "width": DRAW_WIDTH}
        if kind == "blur":
            return M("the blur (stdDeviation) of <{element}> is {pixels} pixels at the size the site draws the logo ({width} pixels wide); "
                     "a logo may use at most {limit}: use a smaller value, or export the logo without the effect", limit=BLUR_MAX, **shown)
        if kind == "displacement":
            return M("the scale of <{element}> is {pixels} pixels at the size the site draws the logo ({width} pixels wide); "
                     "a logo may use at most {limit}: use a smaller value, or export the logo without the effect", limit=DISPLACEMENT_MAX, **shown)
        if self.radius_max < RADIUS_MAX:
            return M("the radius of <{element}> is {pixels} pixels at the size the site draws the logo ({width} pixels wide); "
                     "a logo this tall may use at most {limit}: use a smaller value, or export the logo without the effect", limit=self.radius_max, **shown)
        return M("the radius of <{element}> is {pixels} pixels at the size the site draws the logo ({width} pixels wide); "
                 "a logo may use at most {limit}: use a smaller value, or export the logo without the effect", limit=self.radius_max, **shown)

    def _filter_findings(self) -> list[Finding]:
        """Costs that need no copies counted: octaves, kernel orders, effects in one filter."""
        found: list[Finding] = []
        for el in self.els:
            where = (el.line, el.column)
            if el.name == "filter":
                effects = sum(1 for c in el.children if self.els[c].name in _PRIMITIVES)
                if effects > PRIMITIVES_MAX:
                    found.append((*where, N("the filter has {count} effect; a logo's filter may have at most {limit}: export the logo without it, or with a simpler one",
                                            "the filter has {count} effects; a logo's filter may have at most {limit}: export the logo without it, or with a simpler one",
                                            effects, limit=PRIMITIVES_MAX), "CF-E419"))
            elif el.name == "feturbulence":
                octaves = _numbers(el.attrs.get("numoctaves"))
                if octaves and octaves[0] > self.octaves_max:
                    shown = {"octaves": _plain(octaves[0]), "limit": self.octaves_max, "suggested": min(4, self.octaves_max)}
                    # A tall drawing lowers the limit: the sentence says so ("a logo this tall").
                    found.append((*where, M("<feTurbulence> asks for {octaves} layers of noise (numOctaves); a logo this tall may use at most {limit}, "
                                            "and more than 8 look the same: write numOctaves=\"{suggested}\" or less", **shown)
                                  if self.octaves_max < OCTAVES_MAX else
                                  M("<feTurbulence> asks for {octaves} layers of noise (numOctaves); a logo may use at most {limit}, "
                                    "and more than 8 look the same: write numOctaves=\"{suggested}\" or less", **shown), "CF-E419"))
            elif el.name == "feconvolvematrix":
                order = _numbers(el.attrs.get("order"))
                if order and max(order) > ORDER_MAX:
                    found.append((*where, M("<feConvolveMatrix> has a kernel of order {order}; a logo may use at most {limit}: "
                                            "use a smaller order, or export the logo without the effect", order=_plain(max(order)), limit=ORDER_MAX), "CF-E419"))
        return found


def check_svg(data: bytes) -> list[Finding]:
    """Return (line, column, message, code) for everything unsafe in an SVG."""
    encoding = _encoding_problem(data)
    if encoding:
        return [(1, 1, encoding, "CF-E418")]
    found: list[Finding] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    seen_root = [False]
    # Expat gives character data in pieces (around character references, CDATA sections,
    # comments and buffer ends), and `u&#114;l(` is three of them. So CSS is judged on whole
    # texts: a <style> element's at its end (a browser joins it the same way, comments left
    # out), and any other text where the next element starts or ends.
    style_depth = 0
    style_text: list[Chunk] = []
    run: list[Chunk] = []
    shape = _Shape()

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def flush_run() -> None:
        _check_css_text(run, found)
        run.clear()

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal style_depth
        flush_run()
        local = _local(name)
        shape.start(name, *here(), attrs)
        if local == "style" or style_depth:
            style_depth += 1
        if not seen_root[0]:
            seen_root[0] = True
            if local != "svg":
                found.append((*here(), M("the root element is <{element}>, not <svg>", element=local), "CF-E407"))
        if local in _FORBIDDEN_ELEMENTS:
            found.append((*here(), M("<{element}> is not allowed in a logo", element=local), "CF-E408"))
        if local in _ANIMATION:
            target = attrs.get("attributeName", "").rsplit(":", 1)[-1].lower()
            if target == "href" or target.startswith("on") or local == "set":
                found.append((*here(), M("<{element}> changing {attribute} is not allowed in a logo", element=local, attribute=quote(target)), "CF-E409"))
        for attr, value in attrs.items():
            attr_local = _local(attr)
            if attr_local.startswith("on"):
                found.append((*here(), M("event attribute {attribute} is not allowed in a logo", attribute=quote(attr_local)), "CF-E410"))
            elif attr_local == "href" and not value.strip().startswith("#"):
                found.append((*here(), M("external reference {reference} is not allowed; a logo may only refer to its own parts ('#id')",
                                         reference=quote(value)), "CF-E411"))
            elif attr_local == "style" and _css_unsafe(value):
                found.append((*here(), M("external reference in a style attribute is not allowed"), "CF-E411"))
            elif _URL_IN_CSS.search(value):  # fill, stroke, filter, mask, ...
                found.append((*here(), M("external reference in {attribute} is not allowed; use url(#id)", attribute=quote(attr_local)), "CF-E411"))

    def end(name: str) -> None:
        nonlocal style_depth
        flush_run()
        shape.end()
        if style_depth:
            style_depth -= 1
            if not style_depth:
                _check_css_text(style_text, found)
                shape.sheets.append("".join(text for _, _, text in style_text))
                style_text.clear()

    def text(data: str) -> None:
        (style_text if style_depth else run).append((*here(), data))

    def doctype(*_: object) -> None:
        found.append((*here(), M("a DOCTYPE is not allowed in a logo (it can declare entities)"), "CF-E412"))

    def entity(*_: object) -> None:
        found.append((*here(), M("entity declarations are not allowed in a logo"), "CF-E413"))

    def pi(target: str, _data: str) -> None:
        found.append((*here(), M("processing instruction {target} is not allowed in a logo", target=quote("<?" + target)), "CF-E414"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = pi
    # Never fetch or expand anything from outside the file.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
        flush_run()
        found.extend(shape.findings())  # only for a document that parsed: its elements are all known
    except xml.parsers.expat.ExpatError as exc:
        found.append((exc.lineno, exc.offset + 1, M("the SVG is not well-formed XML: {error}", error=xml.parsers.expat.ErrorString(exc.code)), "CF-E406"))
    except (ValueError, LookupError):  # an encoding Expat leaves to Python, which cannot read it
        found.append((1, 1, M("the SVG's text encoding cannot be read; save it as UTF-8"), "CF-E418"))
    if not seen_root[0] and not found:
        found.append((1, 1, M("the file contains no <svg> element"), "CF-E407"))
    return found


def check_png(data: bytes) -> list[Finding]:
    """The header of a PNG: its first chunk is IHDR, and the image is at most PNG_MAX_SIDE a side."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return [(1, 1, M("the file ends in .png but is not a PNG image (its header is missing)"), "CF-E405")]
    width, height = struct.unpack(">II", data[16:24])
    if width > PNG_MAX_SIDE or height > PNG_MAX_SIDE:
        return [(1, 1, M("the PNG is {width} × {height} pixels; the limit is {limit} × {limit}", width=width, height=height, limit=PNG_MAX_SIDE), "CF-E417")]
    return []


def check_logo(path: Path) -> list[Finding]:
    """Check a logo file that exists; findings are located in the logo file."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        return [(1, 1, M("logos must be SVG or PNG, not {ending}", ending=quote(suffix or path.name)), "CF-E403")]
    kind, limit = ("SVG", SVG_MAX) if suffix == ".svg" else ("PNG", PNG_MAX)
    try:
        data = read_limited(path, limit)  # one byte more than allowed tells a file that is too large
    except OSError as exc:
        # The system's reason (strerror) is in the system's words.
        return [(1, 1, M("cannot read the file: {error}", error=exc.strerror) if exc.strerror else M("cannot read the file: not a regular file"), "CF-E001")]
    if kind == "PNG" and not data.startswith(PNG_MAGIC):
        return [(1, 1, M("the file ends in .png but is not a PNG image"), "CF-E405")]
    if len(data) > limit:
        shown = {"size": f"{path.stat().st_size / 1024:.1f}", "limit": limit // 1024}
        return [(1, 1, M("the SVG is {size} KiB; the limit is {limit} KiB", **shown) if kind == "SVG"
                 else M("the PNG is {size} KiB; the limit is {limit} KiB", **shown), "CF-E404")]
    return check_svg(data) if kind == "SVG" else check_png(data)
