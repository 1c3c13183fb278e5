"""Findability (SPEC §4.2, §4.4): hreflang, canonical, OpenGraph, JSON-LD, sitemap and open data."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyld import jsonld

LANGS = ("de", "en", "fr")
BASE = "https://cluster.example.org"


class Head(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.alternates: dict[str, str] = {}
        self.canonical = ""
        self.meta: dict[str, list[str]] = {}
        self.jsonld: list[str] = []
        self._in_ld = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            assert a["hreflang"] not in self.alternates, "duplicate hreflang"
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name", ""), []).append(a.get("content", ""))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False


def all_pages(site: Path) -> list[tuple[str, str]]:
    """Every page of the site, but the frameless embeds (embed/members/, embed/cooperation/): views
    for other sites' iframes, noindex, their canonical the page they show (tests/test_embeds.py)."""
    found = ((lang, p.relative_to(site / lang).parent.as_posix()) for lang in LANGS for p in (site / lang).rglob("index.html"))
    return sorted((lang, path) for lang, path in found if not path.startswith("embed/"))


def url(lang: str, path: str) -> str:
    return f"{BASE}/{lang}/" + ("" if path == "." else path + "/")


def test_hreflang_is_complete_and_reciprocal_on_every_page(demo_site: Path) -> None:
    pages = all_pages(demo_site)
    heads = {(lang, path): Head((demo_site / lang / path / "index.html").read_text()) for lang, path in pages}
    for (lang, path), head in heads.items():
        assert head.canonical == url(lang, path)
        assert head.alternates == {**{code: url(code, path) for code in LANGS}, "x-default": url("en", path)}, (lang, path)
        for code in head.alternates:
            if code == "x-default":
                continue
            other = heads[(code, path)]  # the alternate exists ...
            assert other.alternates[lang] == head.canonical  # ... and points back


def test_opengraph_and_description_on_every_page(demo_site: Path) -> None:
    for lang, path in all_pages(demo_site):
        head = Head((demo_site / lang / path / "index.html").read_text())
        for prop in ("og:title", "og:description", "og:url", "og:locale", "og:image", "twitter:card", "description"):
            assert head.meta.get(prop) and head.meta[prop][0], (lang, path, prop)
        assert head.meta["og:url"] == [url(lang, path)]
        assert len(head.meta["og:locale:alternate"]) == 2
    member = Head((demo_site / "en/members/lumera-optics/index.html").read_text())
    # Link previews show no SVG: a member's SVG logo is published as PNG too.
    assert member.meta["og:image"] == [f"{BASE}/logos/previews/lumera-optics.png"]
    assert (demo_site / "logos/previews/lumera-optics.png").read_bytes().startswith(b"\x89PNG")
    assert member.meta["og:locale"] == ["en_US"]
    home = Head((demo_site / "en/index.html").read_text())
    assert home.meta["og:image"] == [f"{BASE}/brand/card.png"]
    from PIL import Image

    with Image.open(demo_site / "brand/card.png") as card:
        assert card.size == (1200, 630)


def _expand(data: dict) -> list:
    """Expand with schema.org as a local vocabulary (no network): proves the JSON-LD is well-formed."""
    def loader(url: str, options: dict | None = None) -> dict:
        assert url.rstrip("/") == "https://schema.org", url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "https://schema.org/"}}}
    return jsonld.expand(data, {"documentLoader": loader})


def _ld(site: Path, lang: str, path: str) -> dict[str, dict]:
    head = Head((site / lang / path / "index.html").read_text())
    found = {}
    for text in head.jsonld:
        data = json.loads(text)
        expanded = _expand(data)
        assert expanded and expanded[0]["@type"] == [f"https://schema.org/{data['@type']}"]
        found[data["@type"]] = data
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_home_jsonld_describes_the_cluster(demo_site: Path, lang: str) -> None:
    org = _ld(demo_site, lang, ".")["Organization"]
    for prop in ("name", "legalName", "url", "logo", "address", "contactPoint", "areaServed", "knowsAbout", "member", "sameAs", "hasCredential"):
        assert org.get(prop), prop
    assert org["address"]["addressCountry"] == "DE"
    assert len(org["member"]) == 24 and all(m["url"].startswith(f"{BASE}/{lang}/members/") for m in org["member"])
    assert any("eccp" in s for s in org["sameAs"])
    assert {c["@type"] for c in org["hasCredential"]} == {"EducationalOccupationalCredential"}
    assert {c["expires"] for c in org["hasCredential"]} == {"2028-03-11", "2028-06-30"}  # the expired Silver label is not claimed


@pytest.mark.parametrize("lang", LANGS)
def test_member_jsonld(demo_site: Path, lang: str) -> None:
    found = _ld(demo_site, lang, "members/lumera-optics")
    org = found["Organization"]
    assert org["name"] == "Lumera Optics GmbH"
    assert org["memberOf"]["@id"] == f"{BASE}/#organization"
    assert org["address"] == {"@type": "PostalAddress", "addressLocality": "Reutlingen", "addressCountry": "DE"}
    assert org["url"] == "https://lumera-optics.example.com" and org["logo"].endswith("/logos/members/lumera-optics.svg")
    assert org["numberOfEmployees"] == {"@type": "QuantitativeValue", "minValue": 50, "maxValue": 249}
    assert len(org["knowsAbout"]) == 3
    trail = found["BreadcrumbList"]["itemListElement"]
    # The last crumb is the page: no item (Google then takes the page's URL), its name the member's.
    assert [i.get("item") for i in trail] == [url(lang, "."), url(lang, "members"), None]
    assert trail[-1]["name"] == "Lumera Optics GmbH"


@pytest.mark.parametrize("path", ["competences/laser-systems", "value-chain/research", "countries/fr", "types/sme"])
def test_pages_with_a_trail_have_breadcrumbs(demo_site: Path, path: str) -> None:
    trail = _ld(demo_site, "fr", path)["BreadcrumbList"]["itemListElement"]
    assert [i["position"] for i in trail] == [1, 2, 3] and "item" not in trail[-1]
    # The middle crumb is the page's section: a member type's is the directory it filters.
    section = {"types": "members"}.get(path.split("/")[0], path.split("/")[0])
    assert trail[1]["item"] == url("fr", section)


def test_jsonld_cannot_be_broken_out_of(demo_site: Path) -> None:
    for page in demo_site.rglob("index.html"):
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S):
            assert "<" not in block and ">" not in block


def test_open_data(demo_site: Path) -> None:
    data = json.loads((demo_site / "data/members.json").read_text())
    members = data["members"]
    assert len(members) == 24
    lumera = next(m for m in members if m["slug"] == "lumera-optics")
    assert set(lumera["summary"]) == {"de", "en", "fr"}
    assert "taxonomy_labels" not in lumera  # once for all members, beside them
    assert data["taxonomy_labels"]["competences"]["laser-systems"]["fr"] == "Systèmes laser"
    assert data["taxonomy_labels"]["member_types"][lumera["type"]]["de"]
    cluster = json.loads((demo_site / "data/cluster.json").read_text())
    assert {label["status"] for label in cluster["labels"]} == {"valid", "expired"}
    rows = list(csv.DictReader(io.StringIO((demo_site / "data/members.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 24
    row = next(r for r in rows if r["slug"] == "lumera-optics")
    assert row["competences"] == "; ".join(lumera["competences"]) and row["url_fr"] == f"{BASE}/fr/members/lumera-optics/"
    assert row["phone"].startswith("'+")  # no cell starts a spreadsheet formula
    assert sorted(p.name for p in (demo_site / "schema").iterdir()) == ["cluster.schema.json", "member.schema.json", "taxonomy.schema.json"]


def test_search_index_is_per_language(demo_site: Path) -> None:
    entries = {lang: json.loads((demo_site / lang / "pagefind/pagefind-entry.json").read_text()) for lang in LANGS}
    assert all(set(entry["languages"]) == {lang} for lang, entry in entries.items())
    counts = {lang: entries[lang]["languages"][lang]["page_count"] for lang in LANGS}
    members = len(list((demo_site / "de/members").glob("*/index.html")))
    competences = len(list((demo_site / "de/competences").glob("*/index.html")))
    content = len([p for p in (demo_site / "de").iterdir() if p.name in ("about", "strategy", "contact", "imprint", "privacy")])
    # The label, international, cooperation (its first page) and countries pages, each country, the
    # value chain, its stages and its cells.
    countries = len(list((demo_site / "de/countries").glob("*/index.html")))
    chain = len([p for p in (demo_site / "de/value-chain").glob("**/index.html") if "page" not in p.parts])
    assert counts == dict.fromkeys(LANGS, members + competences + content + 4 + countries + chain)
