"""A world map as a view model: Natural Earth countries in the Equal Earth projection, some marked.

tools/make_worldmap_data.py projects and simplifies the outlines once into data/world-110m.json
(SVG path data, x to the east, y to the south, the whole globe 1000 units wide); here we only pick,
mark and crop. The markup is theme/templates/partials/worldmap.html. No request to any host.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

Box = tuple[float, float, float, float]  # x0, y0, x1, y1: west, north, east, south edge

# Equal Earth (Šavrič, Patterson, Jenny 2018): the polynomial coefficients of the published formulas.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_X_MAX = math.pi / (_M * _A1)  # x of the 180th meridian on the equator: half the globe's width
_SCALE = 500 / _X_MAX  # the globe is 1000 units wide
_THETA_MAX = math.pi / 3  # the parametric latitude of the poles
_Y_MAX = _THETA_MAX * (_A1 + _A2 * _THETA_MAX**2 + _THETA_MAX**6 * (_A3 + _A4 * _THETA_MAX**2))
HEIGHT = 2 * _Y_MAX * _SCALE  # the globe's height in map units (about 487): north pole at 0, south pole here

# Continents for `region`, as (west, south, east, north) in degrees.
REGIONS: dict[str, tuple[float, float, float, float]] = {
    "europe": (-25, 34, 45, 72),
    "africa": (-20, -36, 53, 38),
    "asia": (25, -11, 150, 56),
    "north-america": (-170, 7, -50, 72),
    "south-america": (-93, -56, -33, 14),
    "oceania": (110, -48, 180, 5),
}
_MARK = re.compile(r"[a-z0-9][a-z0-9-]*")
# A marked country narrower and lower than this share of the map's width has no area one sees or
# taps (Singapore, Luxembourg on the world map): it gets a dot of DOT_RADIUS (same unit) as well.
DOT_BELOW = 0.005
DOT_RADIUS = 0.003


@dataclass(frozen=True)
class Country:
    """One country's outline: `mark` (a CSS class suffix) is None when the country is not marked."""

    code: str  # ISO 3166-1 alpha-2, upper case; "" for land that has none (N. Cyprus, Somaliland)
    d: str  # SVG path data in the map's coordinates
    mark: str | None
    name: str  # in the page's language; the code for a marked country without one; may be empty if unmarked
    href: str | None = None  # a marked country's page: the mark is a link
    label: str = ""  # the link's accessible name: the country's name
    dot: tuple[str, str, str] | None = None  # cx, cy, r of a dot for a country too small to see


@dataclass(frozen=True)
class WorldMap:
    """What the template draws: the visible countries, unmarked ones first, inside `view_box`."""

    view_box: str  # "x y width height", for the <svg> viewBox attribute
    countries: tuple[Country, ...]
    unplaced: tuple[str, ...] = ()  # marked codes the data has no outline for


def project_point(lon: float, lat: float) -> tuple[float, float]:
    """Project a point (degrees) into the map's coordinates (Equal Earth)."""
    lam, theta = math.radians(lon), math.asin(_M * math.sin(math.radians(lat)))
    t2, t6 = theta * theta, theta**6
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return 500 + x * _SCALE, HEIGHT / 2 - y * _SCALE


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """Read the shipped outlines once."""
    return json.loads(files("clusterfolio").joinpath("data/world-110m.json").read_text(encoding="utf-8"))


def codes() -> frozenset[str]:
    """Return the codes of the countries the map can draw."""
    return frozenset(_data()["countries"])


def country_box(code: str) -> Box:
    """Return the bounding box of a country's main territory (France without French Guiana)."""
    return tuple(_data()["countries"][code.upper()]["box"])  # type: ignore[return-value]


@lru_cache(maxsize=1)
def world_box() -> Box:
    """Return the bounding box of all the land on the map (no Antarctica)."""
    boxes = [c["bbox"] for c in _data()["countries"].values()] + [c["bbox"] for c in _data()["other"]]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def crop_to(codes: Iterable[str], margin: float = 0.15) -> Box:
    """Return a box around the countries' main territories, widened by `margin` of its larger side.

    The box is at most twice as wide as high and at least as wide as high, and stays inside the world.
    """
    known = [country_box(c) for c in codes if c.upper() in _data()["countries"]]
    if not known:
        return world_box()
    x0, y0 = min(b[0] for b in known), min(b[1] for b in known)
    x1, y1 = max(b[2] for b in known), max(b[3] for b in known)
    pad = margin * max(x1 - x0, y1 - y0, 20)
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    w, h = x1 - x0, y1 - y0
    if w < h:
        x0, x1 = x0 - (h - w) / 2, x1 + (h - w) / 2
    elif w > 2 * h:
        y0, y1 = y0 - (w / 2 - h) / 2, y1 + (w / 2 - h) / 2
    return _inside((x0, y0, x1, y1), world_box())


def region_box(region: str) -> Box:
    """Return the box of a continent in REGIONS."""
    if region not in REGIONS:
        raise ValueError(f"unknown map region {region!r}: one of {', '.join(REGIONS)} or 'marked'")
    west, south, east, north = REGIONS[region]
    points = [project_point(lon, lat) for lon in (west, (west + east) / 2, east) for lat in (south, 0, north)
              if south <= lat <= north]
    return _inside((min(p[0] for p in points), min(p[1] for p in points),
                    max(p[0] for p in points), max(p[1] for p in points)), world_box())


def _inside(box: Box, outer: Box) -> Box:
    """Shift `box` into `outer`, and shrink it to `outer` where it is larger."""
    x0, y0, x1, y1 = box
    dx = max(outer[0] - x0, 0) - max(x1 - outer[2], 0)
    dy = max(outer[1] - y0, 0) - max(y1 - outer[3], 0)
    return (max(x0 + dx, outer[0]), max(y0 + dy, outer[1]), min(x1 + dx, outer[2]), min(y1 + dy, outer[3]))


def _meets(a: list[float] | Box, b: Box) -> bool:
    """Tell whether two boxes overlap."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def world_map(marks: dict[str, str], names: dict[str, str], region: str | None = None,
              links: Mapping[str, tuple[str, str]] | None = None) -> WorldMap:
    """Build the map with `marks` (code -> mark) and `names` (code -> name in the page's language).

    `region` None shows the world, "marked" crops to the marked countries, a key of REGIONS to a continent.
    `links` (code -> (href, accessible name)) makes marked countries links to their pages.
    """
    links = {code.upper(): link for code, link in (links or {}).items()}
    marks = {code.upper(): mark for code, mark in marks.items()}
    names = {code.upper(): name for code, name in names.items()}
    for mark in marks.values():
        if not _MARK.fullmatch(mark):
            raise ValueError(f"a map mark is one CSS class suffix (a-z, 0-9, -), not {mark!r}")
    data = _data()["countries"]
    if region is None:
        box = world_box()
    elif region == "marked":
        box = crop_to(list(marks))
    else:
        box = region_box(region)
    x0, y0, x1, y1 = box
    shown = [_country(code, c, marks.get(code), names.get(code) or (code if code in marks else ""),
                      links.get(code) if code in marks else None, x1 - x0)
             for code, c in data.items() if _meets(c["bbox"], box)]
    shown += [Country("", c["d"], None, "") for c in _data()["other"] if _meets(c["bbox"], box)]
    # Marked ones last, on top of what they overlap; those with a dot after them, so no larger
    # neighbour covers a dot.
    shown.sort(key=lambda c: (c.mark is not None, c.dot is not None))
    return WorldMap(
        view_box=" ".join(_number(v) for v in (x0, y0, x1 - x0, y1 - y0)),
        countries=tuple(shown),
        unplaced=tuple(sorted(code for code in marks if code not in data)),
    )


def _number(value: float) -> str:
    """A coordinate as the SVG writes it: one decimal, none when it is whole."""
    return f"{value:.1f}".removesuffix(".0")


def _country(code: str, data: dict[str, Any], mark: str | None, name: str, link: tuple[str, str] | None, width: float) -> Country:
    """One country of the map; a marked one too small to see gets a dot at the middle of its main territory."""
    dot = None
    x0, y0, x1, y1 = data["box"]
    if mark is not None and max(x1 - x0, y1 - y0) < DOT_BELOW * width:
        dot = (_number((x0 + x1) / 2), _number((y0 + y1) / 2), _number(max(DOT_RADIUS * width, 0.1)))
    href, label = link if link else (None, "")
    return Country(code, data["d"], mark, name, href, label, dot)
