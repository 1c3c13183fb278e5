"""What drawing the logo would cost: every element with its copies counted (<use>, markers,
masks, clip paths, patterns, filters), and the findings where a count or a parameter is beyond
its limit (limits.py)."""
from __future__ import annotations

import math
import re

from ..messages import M, Msg, N
from ..problems import quote
from .limits import (
    BLUR_MAX,
    CAP,
    CHAIN_MAX,
    DISPLACEMENT_MAX,
    DRAW_WIDTH,
    ELEMENTS_MAX,
    FILTERED_MAX,
    MORPHOLOGY_BUDGET,
    NESTING_MAX,
    OCTAVE_BUDGET,
    OCTAVES_MAX,
    ORDER_MAX,
    PRIMITIVES_MAX,
    RADIUS_MAX,
)
from .shape import Element, Finding, Shape
from .size import drawing_size
from .style import properties, sheet_rules
from .units import NUMBER, NUMBERS, numbers, readable, transform_scale

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
_PATH_TOKEN = re.compile(rf"[A-Za-z]|{NUMBER}")
_URL_ID = re.compile(r"""url\(\s*['"]?#([^'")\s]+)""")
_FUNCTION = re.compile(r"([a-zA-Z-]+)\s*\(([^)]*)\)")


def drawing_findings(shape: Shape) -> list[Finding]:
    """What drawing a parsed SVG would cost beyond the limits; nothing for a root that is no <svg>
    (the safety checks say so)."""
    if not shape.elements or shape.elements[0].name != "svg":
        return []
    size, found = drawing_size(shape.elements[0])
    if size is None:
        return found
    return found + _Costs(shape, *size).findings()


def _flatten() -> Msg:
    return M("export the logo again with the copies turned into plain shapes")


class _Costs:
    """Every element with its copies counted: one walk over the elements and the references
    between them (<use>, markers, masks, clip paths, patterns, filters), memoised per element."""

    def __init__(self, shape: Shape, scale: float, extent: float, pixels: float) -> None:
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
        self.rules = sheet_rules(shape.sheets)
        n = len(self.els)
        self.size = [1] * n  # elements drawn, copies counted
        self.filtered = [0] * n  # filter effects drawn, copies counted
        self.nest = [1] * n  # elements inside elements, copies counted
        self.chain = [0] * n  # references inside references
        # The largest blur, morphology radius and displacement (in the root's user units), with
        # the element that asks for it.
        self.worst: list[dict[str, tuple[float, int]]] = [{} for _ in range(n)]
        self.edges: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self.own_effects = [0] * n
        self.refs_from = [len(e.children) for e in self.els]  # edges past the children are references
        # The one reference that adds the most elements, and the most filter effects: where to point.
        self.biggest_size: tuple[int, int] = (0, 0)
        self.biggest_filtered: tuple[int, int] = (0, 0)
        self.first_filtered: int | None = None
        self.cycle: tuple[int, int] | None = None  # a reference back to an element that contains it

    # --- the graph --------------------------------------------------------------------------------

    def _vertices(self, el: Element) -> int:
        """At most how many vertices a shape has (markers are drawn at each)."""
        if el.name == "path":
            count, arguments, per = 0, 0, 2
            for token in _PATH_TOKEN.findall(el.attrs.get("d", "")):
                if token.isalpha():
                    count += -(-arguments // per) + (token in "zZ")
                    arguments, per = 0, _ARGUMENTS.get(token.lower(), 2)
                else:
                    arguments += 1
            return count + -(-arguments // per) + 1
        if el.name in ("polyline", "polygon"):
            return len(NUMBERS.findall(el.attrs.get("points", ""))) // 2 + 1
        return 2

    def _edges(self, index: int) -> tuple[list[tuple[int, int]], int, list[tuple[str, float]]]:
        """The elements drawn inside this one (children, and targets with how many times each is
        drawn), how many filter effects it is drawn with, and the blurs of its CSS filter functions."""
        el = self.els[index]
        edges = [(child, 1) for child in el.children]
        props = properties(el, self.rules)
        effects = 0
        blurs: list[tuple[str, float]] = []
        for prop, value in props.items():
            targets = _URL_ID.findall(value)
            if prop == "filter":
                for name, args in _FUNCTION.findall(value):
                    effects += 1
                    given = numbers(args)
                    if name.lower() == "blur" and given:
                        blurs.append(("blur", given[0]))
                    elif name.lower() == "drop-shadow" and len(given) >= 3:
                        blurs.append(("drop-shadow", given[2] / 2))  # a CSS blur radius is two standard deviations
            times = self._vertices(el) if prop in ("marker-mid", "marker") else 1
            edges += [(self.ids[t], times) for t in targets if t in self.ids and self.els[self.ids[t]].name not in _PAINTS]
        href = el.attrs.get("href", "").strip()
        if el.name in _HREF_DRAWS and href.startswith("#") and href[1:] in self.ids:
            edges.append((self.ids[href[1:]], 1))
        return edges, effects, blurs


    def _walk(self) -> None:
        """Count every element, children and targets before the element itself: a walk with its
        own stack, since a logo may nest deeper than Python's."""
        state = [0] * len(self.els)  # 0: not seen, 1: on the walk's path, 2: done
        stack: list[tuple[int, int]] = [(0, 0)]
        state[0] = 1
        while stack:
            index, position = stack[-1]
            if position == 0:
                self.edges[index], self.own_effects[index], blurs = self._edges(index)
                self.worst[index] = self._own(index, blurs)
            edges = self.edges[index]
            if position < len(edges):
                stack[-1] = (index, position + 1)
                target, _ = edges[position]
                if state[target] == 1:  # a reference back to an element that contains it
                    if self.cycle is None:
                        self.cycle = (index, target)
                    edges[position] = (-1, 0)
                elif state[target] == 0:
                    state[target] = 1
                    stack.append((target, 0))
                continue
            stack.pop()
            state[index] = 2
            self._count(index)

    def _count(self, index: int) -> None:
        """An element whose children and targets are all counted: its own counts, copies included."""
        els, size, filtered, nest, chain, worst = self.els, self.size, self.filtered, self.nest, self.chain, self.worst
        el = els[index]
        stretch = transform_scale(el.attrs.get("transform"))
        total, effects, deepest, longest = 1, self.own_effects[index], 0, 0
        mine = worst[index]
        refs_from = self.refs_from[index]
        for position, (target, times) in enumerate(self.edges[index]):
            if target < 0:
                continue
            is_reference = position >= refs_from
            if is_reference or (el.name != "defs" and els[target].name not in _TEMPLATES):
                total = min(CAP, total + times * size[target])
                effects = min(CAP, effects + times * filtered[target])
            else:  # drawn where it is referred to, and counted there
                total = min(CAP, total + 1)
            deepest = max(deepest, nest[target])
            longest = max(longest, chain[target] + (1 if is_reference else 0))
            for kind, (value, where) in worst[target].items():
                if value > mine.get(kind, (-1.0, 0))[0]:
                    mine[kind] = (value, where)
            if is_reference:
                self._note_reference(index, times, target)
        if self.own_effects[index] and self.first_filtered is None:
            self.first_filtered = index
        size[index], filtered[index], nest[index], chain[index] = total, effects, min(CAP, deepest + 1), longest
        worst[index] = {kind: (min(float(CAP), value * stretch), where) for kind, (value, where) in mine.items()}

    def _note_reference(self, index: int, times: int, target: int) -> None:
        """Keep the reference that adds the most elements, and the most filter effects."""
        if times * self.size[target] > self.biggest_size[0]:
            self.biggest_size = (min(CAP, times * self.size[target]), index)
        if times * self.filtered[target] > self.biggest_filtered[0]:
            self.biggest_filtered = (min(CAP, times * self.filtered[target]), index)

    # --- the findings -----------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        self._walk()
        found: list[Finding] = []
        if self.cycle is not None:
            found.append(self._cycle_finding(*self.cycle))
        if self.chain[0] > CHAIN_MAX:
            found.append(self._chain_finding())
        if self.nest[0] > NESTING_MAX:
            found.append(self._nesting_finding())
        if self.size[0] > ELEMENTS_MAX:
            found.append(self._elements_finding())
        if self.filtered[0] > FILTERED_MAX:
            found.append(self._filtered_finding())
        limits = {"blur": BLUR_MAX, "radius": self.radius_max, "displacement": DISPLACEMENT_MAX}
        for kind, (value, where) in sorted(self.worst[0].items()):
            pixels = value * self.scale
            if pixels > limits[kind]:
                found.append((*self._at(where), self._too_large(kind, self.els[where].tag, pixels), "CF-E419"))
        found.extend(self._filter_findings())
        return found

    def _at(self, index: int) -> tuple[int, int]:
        return self.els[index].line, self.els[index].column

    def _cycle_finding(self, source: int, target: int) -> Finding:
        ident = self.els[target].attrs.get("id", "")
        return (*self._at(source), M("<{element}> refers to {target}, which contains it: drawing it would never end. "
                                     "Point the reference at another element, or remove it", element=self.els[source].tag, target=quote("#" + ident)), "CF-E420")

    def _chain_finding(self) -> Finding:
        start = max((i for i in range(len(self.els)) if self.refs_from[i] < len(self.edges[i])), key=lambda i: (self.chain[i], -i))
        return (*self._at(start), N("<{element}> starts a chain of {count} copy inside copies (<use>, patterns, masks); a logo may have at most {limit}: {fix}",
                                    "<{element}> starts a chain of {count} copies inside copies (<use>, patterns, masks); a logo may have at most {limit}: {fix}",
                                    self.chain[0], element=self.els[start].tag, limit=CHAIN_MAX, fix=_flatten()), "CF-E420")

    def _nesting_finding(self) -> Finding:
        direct = next((i for i in range(len(self.els)) if self.els[i].depth > NESTING_MAX), None)
        where = direct if direct is not None else self.biggest_size[1]
        return (*self._at(where), M("the elements are nested {depth} deep, counting copies (<use>); a logo may nest at most {limit} deep: "
                                    "remove groups around groups, or {fix}", depth=readable(self.nest[0]), limit=NESTING_MAX, fix=_flatten()), "CF-E420")

    def _elements_finding(self) -> Finding:
        size = self.size[0]
        where = self.biggest_size[1] if self.biggest_size[0] * 4 > size else 0
        # {elements} is the count as a member reads it (222,230); N picks the plural by the count itself.
        return (*self._at(where), N("the logo has {elements} element once every copy (<use>, markers, patterns) is counted; "
                                    "a logo may have at most {limit}: simplify it, or {fix}",
                                    "the logo has {elements} elements once every copy (<use>, markers, patterns) is counted; "
                                    "a logo may have at most {limit}: simplify it, or {fix}",
                                    size, elements=readable(size), limit=f"{ELEMENTS_MAX:,}", fix=_flatten()), "CF-E420")

    def _filtered_finding(self) -> Finding:
        filtered = self.filtered[0]
        where = self.biggest_filtered[1] if self.biggest_filtered[0] * 4 > filtered else (self.first_filtered or 0)
        return (*self._at(where), N("{effects} filter effect (blur, shadow …) is drawn once every copy (<use>) is counted; "
                                    "a logo may have at most {limit}: export the logo without the effects, or with fewer copies",
                                    "{effects} filter effects (blur, shadow …) are drawn once every copy (<use>) is counted; "
                                    "a logo may have at most {limit}: export the logo without the effects, or with fewer copies",
                                    filtered, effects=readable(filtered), limit=FILTERED_MAX), "CF-E419")

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
        values = numbers(el.attrs.get(attr)) if kind else []
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
        shown = {"element": element, "pixels": readable(pixels), "width": DRAW_WIDTH}
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
                octaves = numbers(el.attrs.get("numoctaves"))
                if octaves and octaves[0] > self.octaves_max:
                    shown = {"octaves": readable(octaves[0]), "limit": self.octaves_max, "suggested": min(4, self.octaves_max)}
                    # A tall drawing lowers the limit: the sentence says so ("a logo this tall").
                    found.append((*where, M("<feTurbulence> asks for {octaves} layers of noise (numOctaves); a logo this tall may use at most {limit}, "
                                            "and more than 8 look the same: write numOctaves=\"{suggested}\" or less", **shown)
                                  if self.octaves_max < OCTAVES_MAX else
                                  M("<feTurbulence> asks for {octaves} layers of noise (numOctaves); a logo may use at most {limit}, "
                                    "and more than 8 look the same: write numOctaves=\"{suggested}\" or less", **shown), "CF-E419"))
            elif el.name == "feconvolvematrix":
                order = numbers(el.attrs.get("order"))
                if order and max(order) > ORDER_MAX:
                    found.append((*where, M("<feConvolveMatrix> has a kernel of order {order}; a logo may use at most {limit}: "
                                            "use a smaller order, or export the logo without the effect", order=readable(max(order)), limit=ORDER_MAX), "CF-E419"))
        return found

