"""Issue 24, "a partner abroad, first minute": items 1, 5 and 8.

1. A visitor whose browser asks for none of the site's languages lands on the international language
   (`extra.international_language`, English where the site has it), which is also x-default.
5. The value-chain matrix on a phone: no header broken inside a word, no sideways scrolling of the page.
8. The search box shows its focus; the phone's navigation says that it scrolls and shows the current
   item; every listed country is a link on the world map; a country page lists that country's requests.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_module
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clusterfolio.colours import contrast
from clusterfolio.config import ConfigError, read_config
from clusterfolio.project import load_project
from clusterfolio.scaffold import Settings, planned
from clusterfolio.site import worldmap
from clusterfolio.site.sitefiles import root_view, sitemap_entries

from .conftest import ROOT, TEST_DATE

BASE = "https://cluster.example.org"
LANGS = ("de", "en", "fr")
PHONE = {"width": 390, "height": 844}
TIMEOUT = 15_000


def _context(browser, demo_url: str, **kwargs):  # noqa: ANN001, ANN202 - Playwright objects
    """A context whose requests never leave the test server."""
    context = browser.new_context(**kwargs)
    context.set_default_timeout(TIMEOUT)
    context.route(lambda url: not (url == demo_url or url.startswith((demo_url + "/", "data:"))), lambda route: route.abort())
    return context


class Links(HTMLParser):
    """Every <a> and <link rel=alternate> of a page, with its attributes, and the text of each <a>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[dict[str, str]] = []
        self.alternates: dict[str, str] = {}
        self._open: list[dict[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a":
            a["text"] = ""
            self.anchors.append(a)
            self._open.append(a)
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for a in self._open:
            a["text"] += data


# --- item 1: a language for visitors from anywhere -----------------------------------------------


def _config(project: Path, extra: str):  # noqa: ANN202 - Config
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  languages: [de, en, fr]\n", extra), encoding="utf-8")
    return read_config(project)


def test_item1_international_language_defaults_to_english_where_the_site_has_it(project: Path) -> None:
    assert read_config(project).international_language == "en"  # [de, en, fr], nothing set
    assert _config(project, "  languages: [de, fr]\n").international_language == "de"  # no English: the default


def test_item1_international_language_is_configured_and_checked(project: Path, run) -> None:  # noqa: ANN001
    assert _config(project, "  languages: [de, en, fr]\n  international_language: fr\n").international_language == "fr"
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("international_language: fr", "international_language: ja")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        read_config(project)
    (problem,) = raised.value.problems
    assert problem.code == "CF-E613" and problem.field == "extra.international_language"
    assert problem.message == "'ja' is not one of the site's languages (de, en, fr)"
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 2 and "Traceback" not in result.err
    assert re.search(r"^mkdocs\.yml:\d+:\d+: error: extra\.international_language: 'ja' is not one of the site's languages .*\[CF-E613\]$",
                     result.err, re.M), result.err
    # German for a German manager: the code and the value stay as written.
    german = run("--root", project, "check", "--lang", "de", "--date", TEST_DATE)
    assert "'ja' ist keine der Sprachen der Website (de, en, fr) [CF-E613]" in german.err


@pytest.mark.parametrize(("languages", "lands"), [
    (["ja"], "en"), (["zh-CN"], "en"), (["es"], "en"),  # none of the site's: the international language
    (["fr-CA"], "fr"), (["de-AT"], "de"), (["en-GB"], "en"),  # by primary subtag
    (["es-MX", "ja", "fr-CA", "de"], "fr"),  # the first one the site has, in the visitor's order
])
def test_item1_root_lands_visitors_from_anywhere(browser, demo_url: str, languages: list[str], lands: str) -> None:  # noqa: ANN001
    context = _context(browser, demo_url, locale=languages[0])
    # navigator.languages as that browser sends it (the locale option alone gives one entry).
    context.add_init_script(f"Object.defineProperty(Navigator.prototype, 'languages', {{get: () => {languages!r}}});")
    try:
        page = context.new_page()
        page.goto(demo_url + "/", wait_until="commit")
        page.wait_for_url(re.compile(r"/(de|en|fr)/$"), timeout=5_000)
        assert page.url == f"{demo_url}/{lands}/", (languages, page.url)
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == lands
    finally:
        context.close()


def test_item1_x_default_is_the_international_language_in_heads_root_and_sitemap(demo_site: Path) -> None:
    for lang in LANGS:  # the head of a page, in every language
        head = Links((demo_site / lang / "members/lumera-optics/index.html").read_text(encoding="utf-8")).alternates
        assert head["x-default"] == f"{BASE}/en/members/lumera-optics/"
    root = (demo_site / "index.html").read_text(encoding="utf-8")
    assert Links(root).alternates["x-default"] == f"{BASE}/en/"
    assert '"en"' in re.search(r"<script>(.*?)</script>", root, re.S).group(1)  # the script's fallback
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    defaults = re.findall(r'hreflang="x-default" href="([^"]+)"', sitemap)
    assert defaults and all(d.startswith(f"{BASE}/en/") for d in defaults)
    assert f'hreflang="x-default" href="{BASE}/en/members/lumera-optics/"' in sitemap


def test_item1_another_international_language_moves_root_fallback_and_x_default(project: Path) -> None:
    config = dataclasses.replace(read_config(project), international="fr")
    built, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert built is not None, problems
    view = root_view(config, built)
    assert view.default == "fr" and {a.lang: a.href for a in view.alternates}["x-default"] == f"{BASE}/fr/"
    # A pull request's preview still opens the default language, where every required text is.
    assert root_view(config, built, preview=True).default == "de"
    (entry, *_) = sitemap_entries(config, ["members/"])
    assert {a.lang: a.href for a in entry.alternates}["x-default"] == f"{BASE}/fr/members/"


def test_item1_scaffold_sets_english_as_international_language_where_the_cluster_has_it() -> None:
    import yaml

    with_english = yaml.safe_load(planned(Settings(name="Cluster", languages=("de", "en", "fr")))["mkdocs.yml"])
    without = yaml.safe_load(planned(Settings(name="Cluster", languages=("de", "fr")))["mkdocs.yml"])
    assert with_english["extra"]["international_language"] == "en"
    assert "international_language" not in without["extra"]
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["international_language"] == "en"


# --- item 5: the value-chain matrix on a phone ---------------------------------------------------

# Each word of every header cell (split at spaces and after hyphens, where a line may break) and the
# number of boxes it is drawn in: more than one is a word broken across lines.
_BROKEN_WORDS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll('table.cf-matrix th')) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s-]+-?/g;
      for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const boxes = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
        if (boxes.length !== 1) broken.push(m[0] + ' (' + boxes.length + ' boxes)');
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_item5_value_chain_headers_are_whole_words_at_390px_and_the_page_does_not_scroll_sideways(
        browser, demo_url: str, lang: str, tmp_path: Path) -> None:  # noqa: ANN001
    context = _context(browser, demo_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/{lang}/value-chain/")
        page.wait_for_load_state("load")
        page.screenshot(path=str(tmp_path / f"value-chain-{lang}-390.png"), full_page=True)
        assert page.locator("table.cf-matrix thead th").count() >= 6
        assert page.evaluate(_BROKEN_WORDS) == []
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
        # A matrix too wide for the screen would scroll in its own region: the keyboard reaches it,
        # and it has a name.
        region = page.locator(".cf-scroll")
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert page.get_by_role("region", name=page.locator("h1").inner_text()).count() == 1
        # The stage names stand upright, each on one line, reading upwards.
        stage = page.locator("table.cf-matrix thead th:nth-child(2) a")
        assert stage.evaluate("a => getComputedStyle(a).writingMode") == "vertical-rl"
        # On a wide screen they stay as they were: horizontal, whole words.
        page.set_viewport_size({"width": 1280, "height": 900})
        assert stage.evaluate("a => getComputedStyle(a).writingMode") == "horizontal-tb"
        assert page.evaluate(_BROKEN_WORDS) == []
    finally:
        context.close()


# --- item 8: focus, the phone's navigation, the map, a country's requests ------------------------


def _rgb(css: str) -> str:
    r, g, b = (int(float(n)) for n in re.findall(r"[\d.]+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "390"])
def test_item8_search_box_shows_its_focus_at_3_to_1(browser, demo_url: str, viewport: dict) -> None:  # noqa: ANN001
    context = _context(browser, demo_url, viewport=viewport)
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/en/members/")
        box = page.locator("#cf-q")
        box.wait_for(state="visible")
        style = "i => { const s = getComputedStyle(i); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset] }"
        assert box.evaluate(style)[0] == "none"  # no ring before the focus ...
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the brand
        page.keyboard.press("Tab")
        assert box.evaluate("i => document.activeElement === i && i.matches(':focus-visible')")
        outline_style, width, colour, offset = box.evaluate(style)  # ... and one on it
        assert outline_style == "solid" and float(width.removesuffix("px")) >= 2
        # The ring lies on the header, outside the box: it must stand out from the header's colour.
        header = _rgb(page.locator(".cf-header").evaluate("h => getComputedStyle(h).backgroundColor"))
        assert float(offset.removesuffix("px")) > 0 and contrast(_rgb(colour), header) >= 3, (colour, header)
    finally:
        context.close()


_NAV_EDGE = """(nav) => {
  const ul = nav.querySelector('ul'), r = ul.getBoundingClientRect();
  return {scrolls: ul.scrollWidth > ul.clientWidth, left: ul.scrollLeft, max: ul.scrollWidth - ul.clientWidth,
          box: [r.left, r.top, r.width, r.height]};
}"""


def _darkest(page, box: list[float]) -> int:  # noqa: ANN001
    """The darkest grey level of a strip of the screen (0 black, 255 white)."""
    from io import BytesIO

    from PIL import Image

    x, y, w, h = box
    png = page.screenshot(clip={"x": x, "y": y, "width": w, "height": h})
    return Image.open(BytesIO(png)).convert("L").getextrema()[0]


def test_item8_phone_navigation_fades_where_it_continues_and_not_at_its_end(browser, demo_url: str) -> None:  # noqa: ANN001
    context = _context(browser, demo_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/en/")
        nav = page.locator("nav.cf-nav")
        edge = nav.evaluate(_NAV_EDGE)
        assert edge["scrolls"], "the demo's navigation should not fit on a phone"
        x, y, w, h = edge["box"]
        # Put the middle of an item's text at the right edge: drawn plainly it would be dark there.
        nav.evaluate("""(nav) => { const ul = nav.querySelector('ul'), r = ul.getBoundingClientRect();
            const a = ul.querySelectorAll('a')[3], t = a.getBoundingClientRect();
            ul.scrollLeft += t.left + t.width / 2 - (r.right - 6); }""")
        assert _darkest(page, [x + w - 10, y, 10, h]) > 200, "the cut-off item should fade out at the edge"
        assert _darkest(page, [x + w / 2 - 60, y, 120, h]) < 100  # the items in the middle are plain text
        # Scrolled to the end, the last item is drawn plainly (the fade lies beyond it).
        nav.evaluate("nav => { const ul = nav.querySelector('ul'); ul.scrollLeft = ul.scrollWidth; }")
        last = nav.locator("li:last-child a").bounding_box()
        assert last and last["x"] + last["width"] <= x + w
        assert _darkest(page, [last["x"] + last["width"] - 12, y, 12, h]) < 100
    finally:
        context.close()


@pytest.mark.parametrize("path", ["label/", "contact/", "countries/fr/"])
def test_item8_phone_navigation_shows_the_current_item(browser, demo_url: str, path: str) -> None:  # noqa: ANN001
    context = _context(browser, demo_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/en/{path}")
        ul = page.locator("nav.cf-nav ul").bounding_box()
        current = page.locator("nav.cf-nav a[aria-current]")
        assert current.count() == 1
        box = current.bounding_box()
        assert ul and box and ul["x"] <= box["x"] and box["x"] + box["width"] <= ul["x"] + ul["width"], (path, box, ul)
        assert page.evaluate("scrollY") == 0  # only the navigation scrolled, not the page
    finally:
        context.close()


def _country_links(html: str) -> dict[str, str]:
    """The countries page's list: href -> country name (the links outside the map and the frame)."""
    body = html[html.index('<ul class="cf-columns">'):]
    body = body[:body.index("</ul>")]
    return {a["href"]: a["text"] for a in Links(body).anchors}


@pytest.mark.parametrize("lang", LANGS)
def test_item8_every_listed_country_with_a_shape_is_a_link_on_the_map(demo_site: Path, lang: str) -> None:
    html = (demo_site / lang / "countries/index.html").read_text(encoding="utf-8")
    listed = _country_links(html)
    svg = html[html.index('<svg class="cf-map"'):html.index("</svg>")]
    marks = {a["href"]: a for a in Links(svg).anchors}
    shaped = {href for href in listed if href.strip("/").upper() in worldmap.codes()}
    assert len(listed) >= 11 and shaped == set(listed)  # the demo names no country the map lacks
    assert set(marks) == shaped
    assert all(marks[href]["aria-label"] == listed[href] for href in shaped)  # named by the country
    # Singapore and Luxembourg have no area one could see or tap: a dot as well.
    for small in ("sg/", "lu/"):
        mark = svg[svg.index(f'href="{small}"'):]
        assert "<circle" in mark[:mark.index("</a>")], small
    assert 'role="group"' in svg[:200]  # links, not one image whose parts are hidden


def test_item8_a_map_mark_leads_to_its_country_page(browser, demo_url: str) -> None:  # noqa: ANN001
    context = _context(browser, demo_url, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/en/countries/")
        figure = page.locator("svg.cf-map")
        assert figure.get_by_role("link").count() == len(_country_links(page.content()))
        singapore = figure.get_by_role("link", name="Singapore", exact=True)
        singapore.focus()
        assert singapore.evaluate("a => a.matches(':focus-visible') || document.activeElement === a")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{demo_url}/en/countries/sg/"
        page.go_back()
        # A pointer too: the dot on Luxembourg is the part of it one can hit.
        dot = page.locator('svg.cf-map a[href="lu/"] circle').bounding_box()
        assert dot
        with page.expect_navigation():
            page.mouse.click(dot["x"] + dot["width"] / 2, dot["y"] + dot["height"] / 2)
        assert page.url == f"{demo_url}/en/countries/lu/"
    finally:
        context.close()


def test_item8_a_country_page_shows_that_countrys_requests_only(demo_site: Path) -> None:
    # What each member seeks, and where, as the site publishes it (open data, all languages).
    members = {m["slug"]: m for m in json.loads((demo_site / "data/members.json").read_text(encoding="utf-8"))["members"]}
    sought: dict[str, set[str]] = {}
    for slug, m in members.items():
        for cc in (m.get("seeks") or {}).get("countries", []):
            sought.setdefault(cc.lower(), set()).add(slug)
    seen_sections = set()
    for page in sorted((demo_site / "en/countries").glob("*/index.html")):
        cc = page.parent.name
        html = page.read_text(encoding="utf-8")
        assert "cf-gap-cta" not in html, f"{cc}: the value chain's gaps are no country's requests"
        if "seeking" not in html:
            assert cc not in sought, cc
            continue
        section = html[html.index('id="seeking"'):]
        section = section[:section.index("</section>")]
        listed = {a["href"].split("/")[-2] for a in Links(section).anchors}
        assert listed == sought[cc], cc
        # Each says what it looks for, in the page's language (else the default language's text).
        shown = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", section)).split())
        for slug in listed:
            text = members[slug]["seeks"]["text"]
            assert " ".join((text.get("en") or text["de"]).split()) in shown, (cc, slug)
        seen_sections.add(frozenset(listed))
    assert len(seen_sections) > 1  # the lists differ from country to country
    # A target market points to the gaps on the value-chain page instead.
    assert 'href="../../value-chain/#gaps"' in (demo_site / "en/countries/jp/index.html").read_text(encoding="utf-8")

