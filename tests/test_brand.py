"""Any cluster's own face: a second cluster's profiles built with the demo's mkdocs.yml show that
cluster's name, logo, favicon and colours on every page (one source: profiles/cluster.yml)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from .conftest import ROOT, TESTS, build_project

NORDLICHT = TESTS / "fixtures" / "nordlicht"


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/nordlicht's profiles and content with the demo's mkdocs.yml, unchanged."""
    root = tmp_path_factory.mktemp("second") / "cluster"
    shutil.copytree(NORDLICHT / "profiles", root / "profiles")
    shutil.copytree(NORDLICHT / "content", root / "content")
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    build_project(root, root / "site")
    return root / "site"


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_the_demo_config_names_the_demo(second: Path) -> None:
    assert "Photonik" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # site_name there is the demo's


def test_every_page_shows_the_clusters_own_name(second: Path) -> None:
    found = pages(second)
    assert len(found) > 60
    for page in found:
        html = page.read_text(encoding="utf-8")
        assert "Photonik" not in html and "Präzision" not in html, page
        assert "Nordlicht Sensorik" in html, page
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "Nordlicht Sensorik" in title, page


def test_every_page_has_the_clusters_logo_favicon_and_colours(second: Path) -> None:
    for page in pages(second):
        if page.parent == second:
            continue  # the language chooser and the 404 page at the root are plain pages
        html = page.read_text(encoding="utf-8")
        if page.relative_to(second).parts[1:2] == ("embed",) and page.parent.name != "embed":
            # The frameless embeds (another site's iframe frames them): no logo or favicon of
            # their own, but the links in the cluster's primary colour.
            assert "a{color:#0b5d5b}" in html, page
            continue
        logo = re.search(r'<img class="cf-brand__logo" src="([^"]+)"', html)
        assert logo, page
        src = logo.group(1)
        # A language's 404 page is served at any path: its links start at the site's root.
        target = second / src.lstrip("/") if src.startswith("/") else page.parent / src
        assert target.resolve() == (second / "logos/cluster.svg").resolve(), page
        assert re.search(r'<link rel="icon" href="[^"]*favicon\.ico"', html), page
        assert re.search(r'<link rel="icon" href="[^"]*brand/icon\.svg" type="image/svg\+xml"', html), page
        if page.relative_to(second).parts[0] == "admin":  # the editor: a page of its own, its colours inline
            assert "--cf-primary:#0b5d5b;" in html and "--cf-accent:#0a5a78;" in html, page
            continue
        sheet = re.search(r'<link rel="stylesheet" href="([^"]*clusterfolio\.css)">', html)
        assert sheet, page
        href = sheet.group(1)
        css = (second / href.lstrip("/") if href.startswith("/") else page.parent / href).read_text(encoding="utf-8")
        # The colours come last in the stylesheet, after its defaults, so they are the ones used.
        assert css.rstrip().endswith(":root{--cf-primary:#0b5d5b;--cf-on-primary:#ffffff;--cf-accent:#0a5a78;--cf-on-accent:#ffffff}"), page
        assert "--cf-primary" not in html, page  # not repeated in each page
    assert (second / "logos/cluster.svg").read_bytes() == (NORDLICHT / "profiles/logos/nordlicht.svg").read_bytes()
    assert (second / "brand/icon.svg").read_bytes() == (NORDLICHT / "profiles/logos/nordlicht.svg").read_bytes()


def test_the_favicon_and_card_are_drawn_from_the_clusters_own_logo(second: Path, demo_site: Path) -> None:
    assert (second / "favicon.ico").read_bytes() != (demo_site / "favicon.ico").read_bytes()
    with Image.open(second / "brand/card.png") as card:
        assert card.size == (1200, 630)
        assert card.convert("RGB").getpixel((10, 10)) == (0x0B, 0x5D, 0x5B)  # the primary colour
    with Image.open(second / "favicon.ico") as icon:
        assert icon.format == "ICO"


def test_a_cluster_without_brand_colours_gets_readable_defaults(project: Path, tmp_path: Path) -> None:
    build_project(project, tmp_path / "site")
    css = (tmp_path / "site/de/assets/clusterfolio.css").read_text(encoding="utf-8")
    assert "--cf-primary:#1a4d8c;--cf-on-primary:#ffffff;" in css.splitlines()[-1]


def test_text_on_a_light_primary_colour_is_black(project: Path, tmp_path: Path) -> None:
    cluster = project / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text() + 'brand:\n  primary: "#6cb4e4"\n  accent: "#1a4d8c"\n')
    build_project(project, tmp_path / "site")
    assert "--cf-primary:#6cb4e4;--cf-on-primary:#000000;" in (tmp_path / "site/en/assets/clusterfolio.css").read_text(encoding="utf-8")


def test_colours_that_skipped_check_never_reach_the_style_element() -> None:
    """A second line of defence: the colours go into <style>, so the site re-checks check's rule."""
    from types import SimpleNamespace

    from clusterfolio.site.head import DEFAULT_PRIMARY, brand

    hostile = SimpleNamespace(cluster=SimpleNamespace(brand=SimpleNamespace(primary="red;background:url(https://evil.example/x)", accent="#0b5d5b}")))
    colours = brand(hostile)  # type: ignore[arg-type]
    assert (colours.primary, colours.accent) == (DEFAULT_PRIMARY, DEFAULT_PRIMARY)
