"""The built demo site: same pages in every language, consistent member pages, no outside requests."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT

LANGS = ("de", "en", "fr")
SECTION_ORDER = ["description", "competences", "value-chain", "offers", "seeks", "markets", "details", "contact"]


class Page(HTMLParser):
    """The few facts of a built page that these tests read."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.sections: list[str] = []
        self.resources: list[str] = []
        self.nav_links: list[str] = []
        self.links: list[str] = []
        self.footer_links: list[str] = []
        self._in_footer = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "section" and "cf-section" in a.get("class", ""):
            self.sections.append(a.get("id", ""))
        # The print handout's QR code is drawn inline (a data: URL, no request): not a resource.
        own_qr = tag == "img" and "cf-sheet__qr" in a.get("class", "").split() and a.get("src", "").startswith("data:image/png;base64,")
        if tag in ("script", "img", "iframe", "source") and a.get("src") and not own_qr:
            self.resources.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "preconnect"):
            self.resources.append(a.get("href", ""))
        if tag == "a":
            self.links.append(a.get("href", ""))
            if "md-nav__link" in a.get("class", ""):
                self.nav_links.append(a.get("href", ""))
            if self._in_footer:
                self.footer_links.append(a.get("href", ""))
        if tag == "nav" and "cf-footer" in a.get("class", ""):
            self._in_footer += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._in_footer:
            self._in_footer -= 1


def pages_of(site: Path, lang: str) -> set[str]:
    return {p.relative_to(site / lang).as_posix() for p in (site / lang).rglob("index.html")}


# The frameless embeds, for other sites' iframes: no footer, not in the sitemap (tests/test_embeds.py).
FRAMELESS = {"embed/members/index.html", "embed/cooperation/index.html"}


def framed_pages_of(site: Path, lang: str) -> set[str]:
    return pages_of(site, lang) - FRAMELESS


def read(site: Path, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def test_every_language_has_the_same_pages(demo_site: Path) -> None:
    de = pages_of(demo_site, "de")
    assert len(de) > 80
    for lang in LANGS[1:]:
        assert pages_of(demo_site, lang) == de
    for kind in ("members/index.html", "members/lumera-optics/index.html", "competences/index.html",
                 "competences/laser-systems/index.html", "value-chain/index.html", "countries/index.html",
                 "countries/fr/index.html", "international/index.html", "label/index.html",
                 "about/index.html", "strategy/index.html", "contact/index.html", "imprint/index.html", "privacy/index.html"):
        assert kind in de


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_matches_the_language_on_every_page(demo_site: Path, lang: str) -> None:
    for path in pages_of(demo_site, lang):
        assert read(demo_site, f"{lang}/{path}").lang == lang, path


def test_member_pages_have_the_same_sections_in_the_same_order(demo_site: Path) -> None:
    seen = set()
    for page in (demo_site / "en/members").glob("*/index.html"):
        sections = Page(page.read_text()).sections
        assert sections == [s for s in SECTION_ORDER if s in sections], page
        assert "competences" in sections and "contact" in sections
        seen.update(sections)
    assert seen == set(SECTION_ORDER)


def test_sections_without_data_are_left_out(demo_site: Path) -> None:
    # feinwerkverband-alb has no description; members without `seeks` have no seeks section.
    sections = read(demo_site, "de/members/feinwerkverband-alb/index.html").sections
    assert "description" not in sections
    text = (demo_site / "de/members/feinwerkverband-alb/index.html").read_text()
    assert '<section class="cf-section" id="description">' not in text
    assert "<h2></h2>" not in text and "<ul></ul>" not in text


def test_member_pages_are_not_in_the_navigation(demo_site: Path) -> None:
    home = read(demo_site, "de/index.html").nav_links
    member = read(demo_site, "de/members/lumera-optics/index.html").nav_links
    assert len(home) == len(member) <= 12
    assert not any("members/" in href and href.rstrip("/").split("/")[-1] not in ("members", "..") for href in member)


def test_no_resource_comes_from_another_host(demo_site: Path) -> None:
    for page in demo_site.rglob("*.html"):
        parsed = Page(page.read_text(encoding="utf-8"))
        for url in parsed.resources:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc, (page, url)
    css = "\n".join(p.read_text() for p in demo_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_imprint_and_privacy_are_linked_from_every_page(demo_site: Path) -> None:
    for lang in LANGS:
        for path in framed_pages_of(demo_site, lang):
            footer = read(demo_site, f"{lang}/{path}").footer_links
            for name in ("imprint", "privacy"):
                link_here = "./" if path == f"{name}/index.html" else f"{name}/"
                assert any(h.endswith(link_here) for h in footer), (path, name, footer)


@pytest.mark.parametrize(
    ("lang", "date"),
    [("de", "11. März 2028"), ("en", "March 11, 2028"), ("fr", "11 mars 2028")],
)
def test_dates_are_formatted_for_the_locale(demo_site: Path, lang: str, date: str) -> None:
    assert date in (demo_site / f"{lang}/label/index.html").read_text()


@pytest.mark.parametrize(("lang", "name"), [("de", "Frankreich"), ("en", "France"), ("fr", "France")])
def test_country_names_are_localised(demo_site: Path, lang: str, name: str) -> None:
    assert f"<h1>{name}</h1>" in (demo_site / f"{lang}/countries/fr/index.html").read_text()


def test_untranslated_text_falls_back_with_lang_and_notice(demo_site: Path) -> None:
    fr = (demo_site / "fr/members/neckartal-lasertechnik/index.html").read_text()
    assert re.search(r'<p class="cf-summary" lang="de">[^<]+</p><small class="cf-fallback">', fr)
    de = (demo_site / "de/members/neckartal-lasertechnik/index.html").read_text()
    assert 'class="cf-summary" lang=' not in de and "cf-fallback" not in de.split('class="md-content"')[1]


def test_content_page_missing_in_a_language_falls_back(project: Path, tmp_path: Path) -> None:
    from .conftest import build_project

    (project / "content/de").mkdir(parents=True)
    (project / "content/en").mkdir(parents=True)
    (project / "content/de/about.md").write_text("# Über uns\n\nText.\n")
    (project / "content/en/about.md").write_text("# About us\n\nText.\n")
    build_project(project, tmp_path / "site")
    fr = (tmp_path / "site/fr/about/index.html").read_text()
    assert '<div lang="de">' in fr and "Über uns" in fr and "cf-fallback" in fr


def test_value_chain_shows_gaps(demo_site: Path) -> None:
    text = (demo_site / "en/value-chain/index.html").read_text()
    assert text.count('class="cf-gap"') >= 10
    assert text.count("<tr>") == 1 + 20  # header row + one row per competence


def test_sitemap_lists_every_page_with_alternates_and_robots_points_to_it(demo_site: Path) -> None:
    sitemap = (demo_site / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>https://cluster\.example\.org/([^<]*)</loc>", sitemap)
    pages = [loc for loc in locs if not loc.endswith(".pdf")]
    assert len(pages) == sum(len(framed_pages_of(demo_site, lang)) for lang in LANGS)
    for loc in pages:
        assert (demo_site / loc / "index.html").is_file(), loc
    # And the files the site publishes per language under names of their own: the atlas PDFs.
    atlases = [loc for loc in locs if loc.endswith(".pdf")]
    assert atlases == [f"{lang}/atlas/photonik-praezision-neckar-alb-atlas-{lang}.pdf" for lang in LANGS]
    assert all((demo_site / loc).is_file() for loc in atlases)
    assert sitemap.count('hreflang="x-default"') == len(locs)
    # One sitemap for the site: mkdocs writes none per language (ours is complete).
    assert [p for p in demo_site.rglob("sitemap.xml*") if p.parent != demo_site] == []
    assert "Sitemap: https://cluster.example.org/sitemap.xml" in (demo_site / "robots.txt").read_text()


def test_root_offers_every_language_as_plain_links(demo_site: Path) -> None:
    root = Page((demo_site / "index.html").read_text())
    assert {"de/", "en/", "fr/"} <= set(root.links)


def test_logos_are_published_once_under_one_folder_named_by_their_owner(demo_site: Path) -> None:
    assert (demo_site / "logos/members/lumera-optics.svg").read_bytes() == (ROOT / "profiles/logos/lumera-optics.svg").read_bytes()
    assert (demo_site / "logos/cluster.svg").read_bytes() == (ROOT / "profiles/logos/ppna-cluster.svg").read_bytes()
    assert 'src="../../../logos/members/lumera-optics.svg"' in (demo_site / "de/members/lumera-optics/index.html").read_text()
    # Nothing else is published under logos/ but the members', the cluster's, their link previews and
    # the named contacts' photos (tests/test_contacts.py).
    assert {p.relative_to(demo_site / "logos").parts[0] for p in (demo_site / "logos").iterdir()} == {"members", "previews", "contacts", "cluster.svg"}
    assert [p.name for p in (demo_site / "logos/contacts").iterdir()] == ["contact-luc-marchetti.svg"]


def test_build_writes_nothing_into_content_or_profiles(project: Path, tmp_path: Path) -> None:
    from .conftest import build_project

    before = sorted(p.as_posix() for p in project.rglob("*"))
    build_project(project, project / "site")
    after = sorted(p.as_posix() for p in project.rglob("*") if p.relative_to(project).parts[0] != "site")
    assert after == before


def test_content_page_only_in_a_non_default_language_exists_everywhere(project: Path, tmp_path: Path) -> None:
    from .conftest import build_project

    (project / "content/en").mkdir(parents=True)
    (project / "content/en/events.md").write_text("# Events\n\nText.\n")
    build_project(project, tmp_path / "site")
    for lang in LANGS:
        assert (tmp_path / "site" / lang / "events/index.html").is_file()
    assert '<div lang="en">' in (tmp_path / "site/de/events/index.html").read_text()


def test_home_directory_and_label_link_the_atlas_with_its_size_and_pages(demo_site: Path) -> None:
    from pypdf import PdfReader

    for lang, word in (("de", "Seiten"), ("en", "pages"), ("fr", "pages")):
        name = f"photonik-praezision-neckar-alb-atlas-{lang}.pdf"
        pdf = demo_site / lang / "atlas" / name
        pages = len(PdfReader(pdf).pages)
        for page, href in (("", f"atlas/{name}"), ("members/", f"../atlas/{name}"), ("label/", f"../atlas/{name}")):
            html = (demo_site / lang / page / "index.html").read_text()
            link = re.search(rf'<p class="cf-atlas"><a href="{re.escape(href)}" type="application/pdf">[^<]+</a> '
                             r'<span class="cf-atlas__details">\(PDF, ([0-9.,]+)[ \xa0](?:MB|Mo), (\d+) (\w+)\)</span>', html)
            assert link, (lang, page)
            assert int(link.group(2)) == pages and link.group(3) == word, (lang, page)
            assert float(link.group(1).replace(",", ".")) == round(pdf.stat().st_size / 1_000_000, 1), (lang, page)
    later = demo_site / "en/members/page/2/index.html"
    assert not later.is_file() or "cf-atlas" not in later.read_text()  # the directory's first page only
