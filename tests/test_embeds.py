"""Embeds (issue 26, item 4): the member badge, the member page's snippet, the frameless member grid
and board for other sites' iframes, and the embed-setup page.

On tests/fixtures/nordlicht: its ESCA Gold label runs from 2025-03-01 to 2027-02-28, its regional
label from 2027-01-01; built on the test date (only ESCA Gold is current) and on 2027-03-01 (ESCA
Gold has expired, the regional label is current). The browser test serves the site on one local
origin and a host page with the iframes on another (another port).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clusterfolio.config import read_config
from clusterfolio.model import Project, Seeks
from clusterfolio.project import load_project
from clusterfolio.requests import open_requests
from clusterfolio.site.badge import badge_svg, badge_view
from clusterfolio.site.build import language_site
from clusterfolio.site.kinds import Kind

from .conftest import TEST_DATE, TESTS, build_project, served

NORDLICHT = TESTS / "fixtures" / "nordlicht"
SITE_URL = "https://nordlicht.example.org"
LANGS = ("en", "de", "fr")
SVG = "{http://www.w3.org/2000/svg}"
EXPIRED = "2027-03-01"  # ESCA Gold ended on 2027-02-28; the regional label runs from 2027-01-01
EMBEDS = ("embed/members/", "embed/cooperation/")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("embeds") / "site"
    build_project(NORDLICHT, out, TEST_DATE)
    return out


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("embeds-later") / "site"
    build_project(NORDLICHT, out, EXPIRED)
    return out


def project_on(day: str) -> Project:
    project, problems = load_project(read_config(NORDLICHT), dt.date.fromisoformat(day))
    assert project is not None, problems
    return project


def badge_text(svg: bytes) -> str:
    return " ".join(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))


class Elements(HTMLParser):
    """Every element with its attributes, and the text of one element (by id)."""

    def __init__(self, text: str, text_of: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_of, self.text, self._in = text_of, "", False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        self._in = self._in or (bool(self.text_of) and a.get("id") == self.text_of) or (tag == "textarea" and self.text_of == "textarea")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.text += data

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag]


# --------------------------------------------------------------------------------------------
# The badge


def test_every_member_has_a_small_valid_badge_in_every_language(site: Path) -> None:
    members = sorted(p.stem for p in (NORDLICHT / "profiles" / "members").glob("*.yml"))
    for lang in LANGS:
        for slug in members:
            data = (site / lang / "members" / slug / "badge.svg").read_bytes()
            assert len(data) < 1024, f"{lang}/{slug}: {len(data)} bytes"
            root = ET.fromstring(data)  # well-formed XML
            assert root.tag == f"{SVG}svg"
            width, height = int(root.get("width", "")), int(root.get("height", ""))
            assert root.get("viewBox") == f"0 0 {width} {height}"
            tags = {e.tag.removeprefix(SVG) for e in root.iter()}
            assert tags <= {"svg", "rect", "circle", "g", "text"}, tags  # no <image>, <style>, <a>, <foreignObject>
            assert not any(k.endswith("href") for e in root.iter() for k in e.attrib), "no reference out of the badge"
            assert b"http" not in data.replace(b"http://www.w3.org/2000/svg", b"")
            for text in root.iter(f"{SVG}text"):
                x, length = int(text.get("x", "")), int(text.get("textLength", ""))
                assert x + length <= width, "the measured text fits in the declared width"


@pytest.mark.audit
def test_the_badges_pass_the_nu_checker_as_svg(site: Path) -> None:
    """The Nu HTML Checker's SVG 1.1 schema (vnu --svg), on one badge per language and on the
    cluster-without-label variant: the acceptance's "SVG: the Nu checker"."""
    import json
    import subprocess

    from . import audit

    files = [site / lang / "members" / "fjord-sonar" / "badge.svg" for lang in LANGS]
    bare = site.parent / "bare-badge.svg"
    bare.write_bytes(badge_svg(badge_view(project_on("2031-01-01"), "en")))
    proc = subprocess.run([*audit.vnu_command(), "--svg", "--format", "json", "--stdout", *map(str, [*files, bare])],
                          capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stdout)["messages"]
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert [m for m in messages if m.get("type") == "error"] == [], messages
    assert proc.returncode == 0


def test_the_badge_names_the_cluster_and_only_its_current_label(site: Path, later: Path) -> None:
    now = badge_text((site / "en/members/fjord-sonar/badge.svg").read_bytes())
    assert "Member of Nordlicht" in now
    assert "ESCA Gold" in now and "Regional" not in now  # the regional label is not yet valid
    after = badge_text((later / "en/members/fjord-sonar/badge.svg").read_bytes())
    assert "ESCA Gold" not in after, "an expired label is not on the badge"
    assert "Member of Nordlicht" in after


def test_a_cluster_without_a_current_label_gets_a_badge_without_one() -> None:
    project = project_on("2030-01-01")  # every nordlicht label has ended
    view = badge_view(project, "en")
    assert len(view.lines) == 1 and view.dot is None and view.height == 24
    root = ET.fromstring(badge_svg(view))
    assert root.find(f"{SVG}circle") is None and int(root.get("height", "")) == 24


def test_the_badge_colours_read(site: Path) -> None:
    from clusterfolio.colours import contrast

    root = ET.fromstring((site / "de/members/fjord-sonar/badge.svg").read_bytes())
    background = root.find(f"{SVG}rect").get("fill")  # type: ignore[union-attr]
    ink = root.find(f"{SVG}g").get("fill")  # type: ignore[union-attr]
    assert contrast(background, ink) >= 4.5  # type: ignore[arg-type]


def test_badges_render_at_their_declared_size_with_no_text_clipped(site: Path, browser) -> None:
    with served(site) as url:
        page = browser.new_page()
        try:
            for lang in LANGS:
                root = ET.fromstring((site / lang / "members/fjord-sonar/badge.svg").read_bytes())
                width, height = int(root.get("width", "")), int(root.get("height", ""))
                page.goto(f"{url}/{lang}/members/fjord-sonar/badge.svg")
                boxes = page.evaluate("""() => Array.from(document.querySelectorAll('text')).map(t => {
                    const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })""")
                assert boxes
                for left, top, right, bottom in boxes:
                    assert left >= 0 and top >= 0 and right <= width + 0.5 and bottom <= height + 0.5, (lang, boxes)
                page.goto(f"{url}/404.html")  # an HTML page of the same origin, to put the badge into an <img>
                natural = page.evaluate("""src => new Promise(done => { const i = new Image(); i.onload = () => done([i.naturalWidth, i.naturalHeight]);
                    i.src = src; })""", f"{url}/{lang}/members/fjord-sonar/badge.svg")
                assert natural == [width, height]
        finally:
            page.close()


# --------------------------------------------------------------------------------------------
# The member page's snippet


def test_the_member_page_offers_the_badge_snippet_with_absolute_urls(site: Path) -> None:
    html = (site / "en/members/fjord-sonar/index.html").read_text(encoding="utf-8")
    section = re.search(r'<details class="cf-embed".*?</details>', html, re.S)
    assert section, "the member page has its embed section"
    assert len(section.group(0).encode()) < 450
    assert " open" not in section.group(0).split(">", 1)[0], "closed by default"
    code = Elements(section.group(0), "textarea").text
    snippet = Elements(code)
    assert [t for t, _ in snippet.elements] == ["a", "img"]
    assert snippet.all("a")[0]["href"] == f"{SITE_URL}/en/members/fjord-sonar/"
    img = snippet.all("img")[0]
    assert img["src"] == f"{SITE_URL}/en/members/fjord-sonar/badge.svg"
    root = ET.fromstring((site / "en/members/fjord-sonar/badge.svg").read_bytes())
    assert (img["width"], img["height"]) == (root.get("width"), root.get("height"))
    assert img["alt"] == "Member of Nordlicht Sensorik"  # what the image says; the member's own site names the member


# --------------------------------------------------------------------------------------------
# The frameless embeds


def test_embeds_have_no_frame_noindex_and_a_canonical_to_what_they_show(site: Path) -> None:
    for lang in LANGS:
        for path, shows in zip(EMBEDS, ("members/", "cooperation/"), strict=True):
            html = (site / lang / path / "index.html").read_text(encoding="utf-8")
            page = Elements(html)
            tags = {t for t, _ in page.elements}
            assert not tags & {"header", "footer", "nav"}, "no frame of the site"
            assert 'class="md-' not in html and "clusterfolio.js" not in html
            assert {"name": "robots", "content": "noindex"} in page.all("meta")
            assert [a["href"] for a in page.all("link") if a.get("rel") == "canonical"] == [f"{SITE_URL}/{lang}/{shows}"]
            links = page.all("a")
            assert links and all(a.get("target") == "_top" for a in links), "links open the site at the top level"
            assert "data-pagefind-body" not in html
            assert not any(a.get("src", "").startswith(("http:", "https:", "//")) for _, a in page.elements)


def test_embeds_are_neither_in_the_sitemap_nor_searched(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/embed/members/" not in sitemap and "/embed/cooperation/" not in sitemap
    assert f"{SITE_URL}/en/cooperation/" in sitemap
    config = read_config(NORDLICHT)
    project = project_on(TEST_DATE)
    pages = language_site(config, project, "en").pages
    embeds = [p for p in pages if not p.kind.frame]
    assert {p.kind for p in embeds} == {Kind.EMBED_MEMBERS, Kind.EMBED_BOARD}
    assert not any(p.search for p in embeds)


def test_without_javascript_the_grid_shows_a_bounded_first_set_and_the_directory(site: Path) -> None:
    page = Elements((site / "en/embed/members/index.html").read_text(encoding="utf-8"))
    cards = [a["href"] for a in page.all("a") if a["href"].startswith("../../members/") and a["href"] != "../../members/"]
    assert cards and len(cards) <= 12
    assert any(a.get("id") == "cf-more" and a["href"] == "../../members/" for a in page.all("a"))


def test_the_setup_page_writes_an_iframe_snippet(site: Path) -> None:
    html = (site / "de/embed/index.html").read_text(encoding="utf-8")
    page = Elements(html, "cf-embed-code")
    assert [a.get("name") for a in page.all("select")] == ["kind", "competence", "country"]
    assert [a for a in page.all("input") if a.get("name") == "limit"]
    frame = Elements(page.text).all("iframe")
    assert frame and frame[0]["src"] == f"{SITE_URL}/de/embed/members/" and frame[0]["title"]
    board = (site / "en/cooperation/index.html").read_text(encoding="utf-8")
    assert 'href="../embed/"' in board, "the board links to the embed-setup page"


# --------------------------------------------------------------------------------------------
# In another site's iframe


@contextmanager
def host_page(html: str, folder: Path) -> Iterator[str]:
    """A page of another origin (another port) that embeds the site."""
    (folder / "index.html").write_text(html, encoding="utf-8")
    with served(folder) as base:
        yield base + "/"


def test_a_host_page_on_another_origin_embeds_the_grid_and_the_board(site: Path, browser, tmp_path: Path) -> None:
    with served(site) as url:
        html = (f'<!doctype html><title>Host</title><iframe id="grid" title="grid" width="800" height="600" '
                f'src="{url}/en/embed/members/?competence=sonar&amp;limit=1"></iframe>'
                f'<iframe id="board" title="board" width="800" height="600" src="{url}/en/embed/cooperation/?country=dk"></iframe>')
        with host_page(html, tmp_path) as host:
            context = browser.new_context()
            requests: list[str] = []
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            try:
                page.goto(host)
                grid = page.frame_locator("#grid")
                grid.locator("#cf-count:not(:empty)").wait_for()
                names = grid.locator("#cf-cards li > a").all_text_contents()
                assert names == ["Fjord Sonar AS"], names  # the one member with sonar, limited to 1
                board = page.frame_locator("#board")
                board.locator("#cf-count:not(:empty)").wait_for()
                titles = board.locator("#cf-cards li > a").all_text_contents()
                project = project_on(TEST_DATE)
                wanted = [project.members[r.member].name for r in open_requests(project) if "DK" in r.countries and r.member]
                assert wanted and titles == wanted, titles  # only the requests that name Denmark
                assert context.cookies() == []
                site_requests = [r for r in requests if r != host]
                assert site_requests and all(r.startswith(url) for r in site_requests), site_requests
                grid.locator("#cf-cards li > a").first.click()
                page.wait_for_url(f"{url}/en/members/fjord-sonar/")
                assert page.main_frame.url == f"{url}/en/members/fjord-sonar/", "the site opens at the top level"
            finally:
                context.close()


# --------------------------------------------------------------------------------------------
# Untrusted member text


PAYLOADS = ('"><img src=x onerror=alert(1)>', "<script>window.__xss=1</script>", "</textarea><svg onload=alert(1)>",
            "]]><!--<x>", "{{ 7*1907 }}")


def test_payloads_in_member_text_reach_the_embeds_and_snippet_inert() -> None:
    config = read_config(NORDLICHT)
    project = project_on(TEST_DATE)
    payload = " ".join(PAYLOADS)

    def with_text(text: str) -> Project:
        """The project with the text in every member's name, summary and seeks, and as the cluster's name."""
        members = {
            slug: m.model_copy(update={"name": f"{text} {slug}", "summary": {"en": text},
                                       "seeks": Seeks.model_construct(text={"en": text}, partner_types=[], countries=[])})
            for slug, m in project.members.items()
        }
        return dataclasses.replace(project, members=members, cluster=project.cluster.model_copy(update={"name": text}))

    bad = with_text(payload)
    clean = language_site(config, with_text("harmless words"), "en")
    dirty = language_site(config, bad, "en")
    for kind in (Kind.EMBED_MEMBERS, Kind.EMBED_BOARD, Kind.EMBED, Kind.MEMBER):
        want = next(p for p in clean.pages if p.kind is kind)
        got = next(p for p in dirty.pages if p.kind is kind and p.path == want.path)
        expected = {(t, tuple(sorted(a))) for t, a in Elements(str(clean.renderer.body(want))).elements}
        found = {(t, tuple(sorted(a))) for t, a in Elements(str(dirty.renderer.body(got))).elements}
        assert found <= expected, (kind, found - expected)
        assert "13349" not in str(dirty.renderer.body(got))
    svg = badge_svg(badge_view(bad, "en"))
    assert {e.tag for e in ET.fromstring(svg).iter()} == {e.tag for e in ET.fromstring(badge_svg(badge_view(project, "en"))).iter()}
    assert payload in badge_text(svg), "the cluster's name is on the badge as text"
