"""The world map: shipped outlines for every country a cluster names, projection, marks, cropping, the SVG."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from clusterfolio.site.render import environment
from clusterfolio.site.worldmap import (
    REGIONS,
    WorldMap,
    codes,
    country_box,
    crop_to,
    project_point,
    region_box,
    world_box,
    world_map,
)

SVG = "{http://www.w3.org/2000/svg}"
EU = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
EFTA = ["IS", "LI", "NO", "CH"]
ELSEWHERE = ["US", "CA", "CN", "JP", "KR", "IN", "BR", "MX", "AU", "ZA", "TR", "GB", "UA", "RS", "BA", "ME", "MK", "AL", "XK", "MD", "BY", "RU", "IL", "EG", "MA", "TN", "SA", "AE", "QA", "SG", "HK", "TW", "TH", "VN", "MY", "ID", "PH", "NZ", "AR", "CL", "CO", "PE", "NG", "KE", "GH", "ET"]
_NUMBER = re.compile(r"-?\d*\.?\d+")


def points(d: str) -> list[tuple[float, float]]:
    """The absolute points of path data made of M, relative l and z."""
    out = []
    for ring in re.findall(r"M[^z]*z", d):
        nums = [float(n) for n in _NUMBER.findall(ring)]
        x, y = nums[0], nums[1]
        out.append((x, y))
        for dx, dy in zip(nums[2::2], nums[3::2], strict=False):
            x, y = round(x + dx, 1), round(y + dy, 1)
            out.append((x, y))
    return out


def render(m: WorldMap, label: str = "Where our members are") -> str:
    return str(environment().get_template("partials/worldmap.html").module.worldmap(m, label))


def inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def view_box(m: WorldMap) -> tuple[float, float, float, float]:
    x, y, w, h = map(float, m.view_box.split())
    return x, y, x + w, y + h


@pytest.mark.parametrize("code", EU + EFTA + ELSEWHERE)
def test_every_country_a_cluster_names_has_an_outline_on_the_map(code: str) -> None:
    (country,) = [c for c in world_map({}, {}).countries if c.code == code]
    found = points(country.d)
    assert len(found) >= 3 and re.fullmatch(r"(M[^Mz]+z)+", country.d)
    world = world_box()
    assert all(world[0] <= x <= world[2] and world[1] <= y <= world[3] for x, y in found)
    assert inside(country_box(code), world)


def test_the_map_has_all_countries_but_antarctica() -> None:
    assert 230 <= len(codes()) <= 250 and "AQ" not in codes()
    everything = world_map({}, {}).countries
    assert len(everything) == len(codes()) + 2  # N. Cyprus and Somaliland: land without a code
    assert [c.code for c in everything if not c.code] == ["", ""]
    assert all(c.mark is None for c in everything)


def test_marks_give_classes_and_titles() -> None:
    m = world_map({"DE": "members", "fr": "partners", "NO": "target"}, {"DE": "Deutschland", "FR": "Frankreich"})
    assert [(c.code, c.mark, c.name) for c in m.countries if c.mark] == [
        ("DE", "members", "Deutschland"), ("FR", "partners", "Frankreich"), ("NO", "target", "NO")]
    svg = ET.fromstring(render(m))
    marked = [p for p in svg.iter(f"{SVG}path") if "cf-map__country" in p.get("class", "")]
    assert [(p.get("class"), p.findtext(f"{SVG}title")) for p in marked] == [
        ("cf-map__country cf-map__country--members", "Deutschland"),
        ("cf-map__country cf-map__country--partners", "Frankreich"),
        ("cf-map__country cf-map__country--target", "NO"),
    ]
    (land,) = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "cf-map__land"]
    assert land.find(f"{SVG}title") is None and len(land.get("d")) > 30_000
    assert svg.get("role") == "img" and svg.get("aria-label") == "Where our members are"
    assert svg.get("viewBox") == m.view_box


def test_a_mark_is_one_class_suffix_and_unknown_codes_are_reported() -> None:
    with pytest.raises(ValueError, match="CSS class"):
        world_map({"DE": "members partners"}, {})
    m = world_map({"DE": "members", "ZZ": "members"}, {})
    assert m.unplaced == ("ZZ",) and [c.code for c in m.countries if c.mark] == ["DE"]


def test_projected_points_land_where_they_should() -> None:
    paris, berlin, oslo = project_point(2.35, 48.86), project_point(13.40, 52.52), project_point(10.75, 59.91)
    assert paris[0] < berlin[0] and oslo[1] < berlin[1]  # west is left, north is up
    x0, y0, x1, y1 = country_box("DE")
    assert x0 < berlin[0] < x1 and y0 < berlin[1] < y1
    assert project_point(0, 0)[0] == pytest.approx(500) and project_point(180, 0)[0] == pytest.approx(1000)
    assert project_point(-180, 0)[0] == pytest.approx(0) and project_point(0, 90)[1] == pytest.approx(0)


def test_a_country_box_is_its_main_territory() -> None:
    assert inside(country_box("FR"), region_box("europe"))  # French Guiana is not in France's box
    assert country_box("RU")[0] > project_point(15, 55)[0]  # nor is Chukotka, across the 180th meridian, in Russia's


def test_cropping_to_countries_shows_them_and_little_else() -> None:
    box = crop_to(["DE", "FR"])
    assert inside(country_box("DE"), box) and inside(country_box("FR"), box)
    world = world_box()
    area = (box[2] - box[0]) * (box[3] - box[1])
    assert area < (world[2] - world[0]) * (world[3] - world[1]) / 50
    m = world_map({"DE": "members", "FR": "members"}, {}, region="marked")
    assert view_box(m) == pytest.approx(box, abs=0.06)
    shown = {c.code for c in m.countries}
    assert {"DE", "FR", "CH", "AT"} <= shown and not {"US", "AU", "CN"} & shown
    assert inside(view_box(world_map({}, {}, region="europe")), world)
    assert crop_to([]) == world_box()


@pytest.mark.parametrize("region", REGIONS)
def test_regions_are_inside_the_world(region: str) -> None:
    box = region_box(region)
    assert inside(box, world_box()) and box[2] - box[0] > 50 and box[3] - box[1] > 50


def test_the_svg_escapes_names_and_label() -> None:
    hostile = '<script>alert("x")</script>'
    svg_text = render(world_map({"DE": "members"}, {"DE": hostile}), label=hostile)
    assert "<script>" not in svg_text
    svg = ET.fromstring(svg_text)
    assert svg.get("aria-label") == hostile
    assert [t.text for t in svg.iter(f"{SVG}title")] == [hostile]


def test_a_world_map_is_small_enough_for_a_page() -> None:
    marks = {"DE": "members", "FR": "partners", "US": "target", "CN": "target", "BR": "partners"}
    world = render(world_map(marks, {}))
    europe = render(world_map(marks, {}, region="europe"))
    print(f"world map with 5 marks: {len(world.encode())} bytes; Europe: {len(europe.encode())} bytes")
    assert len(world.encode()) < 80_000 and len(europe.encode()) < 30_000
    ET.fromstring(world)
    ET.fromstring(europe)
