"""Make clusterfolio/data/world-110m.json: country outlines projected and simplified once, for the world map.

Source: Natural Earth admin-0 countries (public domain, https://www.naturalearthdata.com/about/terms-of-use/),
as TopoJSON in the npm package world-atlas 2.0.2 by Mike Bostock (ISC licence; its files are Natural Earth
v4.1.0 quantised, see its README). countries-110m.json (1:110m; sha256 2516c915...5eee8) gives every country
it has; countries-50m.json (1:50m; 04342cdc...02394) adds the countries too small for 1:110m (Malta,
Liechtenstein, Singapore, Andorra, Hong Kong, ...). Antarctica is left out.

world-atlas names countries by ISO 3166-1 numeric code; the alpha-2 codes come from pycountry, which only this
script uses (it is no dependency of clusterfolio). Kosovo has no numeric code in the data: it gets the
user-assigned code XK that the EU and most registries use. N. Cyprus and Somaliland have none either: they are
drawn as land that cannot be marked.

The output maps each alpha-2 code to SVG path data ("d") in the Equal Earth projection of
clusterfolio.site.worldmap.project_point (the globe 1000 units wide), coordinates in tenths of a unit, shared
borders simplified once so neighbours still meet; "bbox" is the box of all its outlines, "box" the box of its
main territory (the largest part and the parts near it: France without French Guiana).

Run once (it is not part of the build):

    mkdir /tmp/wa && cd /tmp/wa && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 -m venv /tmp/wa/venv && /tmp/wa/venv/bin/pip install pycountry==26.2.16
    /tmp/wa/venv/bin/python tools/make_worldmap_data.py /tmp/wa/package
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "clusterfolio" / "data" / "world-110m.json"
SHA256 = {
    "countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
    "countries-50m.json": "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394",
}
ANTARCTICA = "010"
NO_NUMERIC = {"Kosovo": "XK"}  # the others without a numeric code (N. Cyprus, Somaliland) stay unassigned
TOLERANCE = 2.5  # Douglas-Peucker tolerance in tenths of a map unit (1 unit is about 40 km on the equator)

Point = tuple[int, int]
Ring = list[Point]


def _worldmap():  # noqa: ANN202 - the module, loaded from its file so this script needs no clusterfolio install
    spec = importlib.util.spec_from_file_location("worldmap", ROOT / "clusterfolio" / "site" / "worldmap.py")
    module = sys.modules["worldmap"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


project_point = _worldmap().project_point


def read(folder: Path, name: str) -> dict:
    """Read a TopoJSON file and check it is the one this script was written for."""
    raw = (folder / name).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256[name]:
        sys.exit(f"{name}: sha256 {digest}, expected {SHA256[name]}")
    print(f"{name}: sha256 {digest}")
    return json.loads(raw)


def arcs(topology: dict, tolerance: float) -> list[list[Ring]]:
    """Decode, project and simplify every arc, in tenths of a map unit: in pieces where it crosses the 180th meridian."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        pieces: list[list[tuple[float, float]]] = [[]]
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * sx + tx, y * sy + ty
            if pieces[-1] and abs(lon - pieces[-1][-1][0]) > 180:
                (lon0, lat0), edge = pieces[-1][-1], 180 if lon < 0 else -180
                span = lon + 2 * edge - lon0  # the segment's width in degrees, across the meridian
                cut = lat0 + (edge - lon0) / span * (lat - lat0) if span else lat0
                pieces[-1].append((edge, cut))
                pieces.append([(-edge, cut)])
            pieces[-1].append((lon, lat))
        out.append([finish(piece, tolerance) for piece in pieces])
    return out


def finish(piece: list[tuple[float, float]], tolerance: float) -> Ring:
    """Project, simplify and round a line of (lon, lat)."""
    projected = [(px * 10, py * 10) for px, py in (project_point(lon, lat) for lon, lat in piece)]
    rounded = [(round(px), round(py)) for px, py in simplify(projected, tolerance)]
    return [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: keep the ends and the points farther than `tolerance` from the simplified line."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        far, at = 0.0, -1
        for k in range(i + 1, j):
            px, py = points[k]
            dist = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length
                    else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5)
            if dist > far:
                far, at = dist, k
        if far > tolerance:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def rings(geometry: dict, decoded: list[list[Ring]]) -> list[list[Ring]]:
    """The polygons of a geometry, each a list of rings (the outer one first)."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    out = []
    for polygon in polygons:
        made = []
        for ring_arcs in polygon:
            for ring in ring_sides(ring_arcs, decoded):
                ring = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
                if len(set(ring)) >= 3:
                    made.append(ring)
        if made:
            out.append(made)
    return out


def ring_sides(ring_arcs: list[int], decoded: list[list[Ring]]) -> list[Ring]:
    """A ring from its arcs; one that crosses the 180th meridian becomes a ring on each side, closed along it."""
    pieces: list[Ring] = []
    for index in ring_arcs:
        arc = [list(p) for p in decoded[index]] if index >= 0 else [p[::-1] for p in decoded[~index][::-1]]
        if pieces:
            pieces[-1] += arc[0][1:]
            pieces += arc[1:]
        else:
            pieces = arc
    if len(pieces) == 1:
        return pieces
    pieces[0] = pieces.pop() + pieces[0][1:]  # the ring's start is no crossing: every piece now starts at one
    sides: dict[bool, Ring] = {}
    for piece in pieces:
        sides.setdefault(piece[0][0] < 5000, []).extend(piece)
    return list(sides.values())


def number(tenths: int) -> str:
    """Tenths as the shortest SVG number: 12 -> 1.2, -3 -> -.3, 30 -> 3."""
    sign, whole, tenth = "-" if tenths < 0 else "", abs(tenths) // 10, abs(tenths) % 10
    return sign + (str(whole) if whole or not tenth else "") + (f".{tenth}" if tenth else "")


def path(polygons: list[list[Ring]]) -> str:
    """SVG path data: each ring an absolute move, then relative lines, closed."""
    out = []
    for ring in (r for polygon in polygons for r in polygon):
        if ring[0] == ring[-1]:
            ring = ring[:-1]
        parts = ["M", number(ring[0][0]), " ", number(ring[0][1]), "l"]
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
            for n in (bx - ax, by - ay):
                text = number(n)
                parts += [text] if text.startswith("-") or parts[-1] == "l" else [" ", text]
        out.append("".join(parts) + "z")
    return "".join(out)


def box(points: list[Point]) -> list[float]:
    """The bounding box of points, in map units."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return [min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10]


def main_box(polygons: list[list[Ring]]) -> list[float]:
    """The box of the largest polygon and of the polygons near it, nearness growing the box."""
    def area(ring: Ring) -> float:
        return abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2

    parts = [box(p[0]) for p in polygons]
    largest = max(polygons, key=lambda p: area(p[0]))
    current = box(largest[0])
    gap = max(current[2] - current[0], current[3] - current[1]) / 4
    grown = True
    while grown:
        grown = False
        for b in parts:
            near = (b[0] <= current[2] + gap and current[0] <= b[2] + gap
                    and b[1] <= current[3] + gap and current[1] <= b[3] + gap)
            if near and not (current[0] <= b[0] and current[1] <= b[1] and b[2] <= current[2] and b[3] <= current[3]):
                current = [min(current[0], b[0]), min(current[1], b[1]), max(current[2], b[2]), max(current[3], b[3])]
                grown = True
    return current


def alpha2(geometry: dict) -> str | None:
    """The ISO 3166-1 alpha-2 code of a geometry, None for land that has none."""
    numeric = geometry.get("id")
    if numeric is None:
        return NO_NUMERIC.get(geometry["properties"]["name"])
    country = pycountry.countries.get(numeric=numeric)
    if country is None:
        sys.exit(f"no ISO 3166-1 country with numeric code {numeric} ({geometry['properties']['name']})")
    return country.alpha_2


def entries(topology: dict) -> list[tuple[str | None, str, list[list[Ring]]]]:
    """(alpha-2 code, Natural Earth name, polygons) for every country but Antarctica."""
    decoded, exact = arcs(topology, TOLERANCE), None
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = rings(geometry, decoded)
        if not polygons:  # too small to survive simplification: keep every point
            exact = exact or arcs(topology, 0)
            polygons = rings(geometry, exact)
        if polygons:
            out.append((alpha2(geometry), geometry["properties"]["name"], polygons))
        else:
            print(f"{geometry['properties']['name']}: too small for the map, left out")
    return out


def main(folder: Path) -> None:
    countries: dict[str, dict] = {}
    other = []
    for name in ("countries-110m.json", "countries-50m.json"):
        for code, ne_name, polygons in entries(read(folder, name)):
            points = [p for polygon in polygons for ring in polygon for p in ring]
            item = {"d": path(polygons), "bbox": box(points), "box": main_box(polygons)}
            if code is None:
                if name == "countries-110m.json":
                    other.append({"name": ne_name, **item})
                    print(f"{ne_name}: no ISO code, drawn unassigned")
            elif code not in countries:
                countries[code] = item
                if name != "countries-110m.json":
                    print(f"{code} {ne_name}: from 1:50m")
    data = {
        "source": "Natural Earth admin-0 countries 1:110m (small countries 1:50m), public domain, "
                  "via npm world-atlas@2.0.2; made by tools/make_worldmap_data.py",
        "projection": "Equal Earth; x east, y south; the globe 1000 units wide",
        "countries": dict(sorted(countries.items())),
        "other": other,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(countries)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
