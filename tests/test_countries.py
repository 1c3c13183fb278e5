"""Country pages that carry knowledge, and gaps a partner abroad can answer (on the fixture cluster
tests/fixtures/nordlicht, built on 2026-11-26, and on the demo)."""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from clusterfolio.i18n import Translator

from .conftest import TESTS, build_project

NORDLICHT = TESTS / "fixtures" / "nordlicht"
LANGS = ("de", "en", "fr")


def notice(lang: str) -> str:
    t = Translator(lang, "en")
    return t._("Not available in {language}; shown in {original}.").format(language=t.language(lang), original=t.language("en"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture cluster with the usual page size (its own is tiny, for the golden pages)."""
    root = tmp_path_factory.mktemp("countries") / "nordlicht"
    shutil.copytree(NORDLICHT, root)
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("page_size: 2", "page_size: 48"))
    build_project(root, root / "site", date="2026-11-26")
    return root / "site"


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section class="cf-section[^"]*" id="{section_id}">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("lang", LANGS)
def test_a_country_note_in_one_language_appears_in_every_language(site: Path, lang: str) -> None:
    html = (site / lang / "countries/dk/index.html").read_text(encoding="utf-8")
    note = section(html, "note")
    assert "first market abroad</strong>" in note and 'href="https://handelskammer.example.org/"' in note
    if lang == "en":
        assert "cf-fallback" not in note and 'lang="en"' not in note
    else:
        assert '<div lang="en">' in note and notice(lang) in note
    # Only the country it is written for.
    assert section((site / lang / "countries/no/index.html").read_text(encoding="utf-8"), "note") == ""


@pytest.mark.parametrize("lang", LANGS)
def test_an_activity_appears_on_its_countrys_page_in_the_right_section(site: Path, lang: str) -> None:
    denmark = (site / lang / "countries/dk/index.html").read_text(encoding="utf-8")
    france = (site / lang / "countries/fr/index.html").read_text(encoding="utf-8")
    assert "Delegation to Aarhus" in section(denmark, "past") and "Delegation to Aarhus" not in section(denmark, "upcoming")
    assert "Ocean Sensing Expo" in section(france, "upcoming") and "Ocean Sensing Expo" not in section(france, "past")
    assert "Ocean Sensing Expo" not in denmark and "Delegation to Aarhus" not in france


@pytest.mark.parametrize("lang", ("en", "de"))
def test_a_members_market_note_appears_on_its_page_and_the_countrys(site: Path, lang: str) -> None:
    note = {"en": "Service partner in Aarhus since 2019.", "de": "Servicepartner in Aarhus seit 2019."}[lang]
    member = (site / lang / "members/kielwasser-messtechnik/index.html").read_text(encoding="utf-8")
    assert re.search(rf'countries/dk/">[^<]+</a>: <span>{re.escape(note)}</span>', section(member, "markets"))
    country = section((site / lang / "countries/dk/index.html").read_text(encoding="utf-8"), "active")
    card = re.search(r'<li class="cf-card[^>]*>(?:(?!</li>).)*kielwasser-messtechnik/(?:(?!</li>).)*</li>', country, re.S)
    assert card and note in card.group(0)
    # Not on another market's page.
    assert note not in (site / lang / "countries/fr/index.html").read_text(encoding="utf-8")


class Gaps(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "cf-gap-cta" in a.get("class", ""):
            self.found.append(a)


@pytest.mark.parametrize("lang", LANGS)
def test_every_gap_has_an_email_naming_it_and_open_data_agrees(demo_site: Path, lang: str) -> None:
    html = (demo_site / lang / "value-chain/index.html").read_text(encoding="utf-8")
    links = Gaps(html).found
    cluster = json.loads((demo_site / "data/cluster.json").read_text(encoding="utf-8"))
    gaps = [(g["competence"], g["stage"]) for g in cluster["gaps"]]
    assert gaps and [(a["data-competence"], a["data-stage"]) for a in links] == gaps
    empty_cells = html.count('class="cf-gap"')
    assert empty_cells == len(gaps)  # the matrix and the list show the same gaps
    t = Translator(lang, "de")
    labels = {g["competence"]: g["labels"]["competence"][lang] for g in cluster["gaps"]} | {g["stage"]: g["labels"]["stage"][lang] for g in cluster["gaps"]}
    for a in links:
        url = urlsplit(a["href"])
        assert url.scheme == "mailto" and unquote(url.path) == cluster["contact"]["email"]
        subject = parse_qs(url.query)["subject"][0]
        assert labels[a["data-competence"]] in subject and labels[a["data-stage"]] in subject, subject
        assert t._("Partner for a gap in the value chain: {gap}").split(":")[0] in subject
    # The same gaps in the page's structured data, as what the cluster seeks.
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    seeks = next(b["seeks"] for b in blocks if "seeks" in b)
    assert len(seeks) == len(gaps) and all(s["@type"] == "Demand" for s in seeks)
    assert [s["itemOffered"]["name"] for s in seeks] == [labels[c] for c, _ in gaps]


def test_a_target_markets_page_links_to_the_gaps_and_others_do_not(demo_site: Path) -> None:
    # The gaps are no country's own: a target market's page links to them (issue 24, item 8).
    france = (demo_site / "en/countries/fr/index.html").read_text(encoding="utf-8")  # a target market
    switzerland = (demo_site / "en/countries/ch/index.html").read_text(encoding="utf-8")  # not one
    assert Gaps(france).found == [] and 'href="../../value-chain/#gaps"' in france
    assert Gaps(switzerland).found == [] and "value-chain/#gaps" not in switzerland


def test_report_lists_each_target_market(run) -> None:  # noqa: ANN001
    from .conftest import ROOT

    result = run("--root", ROOT, "report", "--format", "json", "--date", "2026-11-26")
    markets = json.loads(result.out)["target_markets"]
    assert set(markets) == {"CA", "FR", "JP", "KR", "US"}
    assert markets["FR"]["country_note"] == ["de", "en", "fr"] and markets["JP"]["country_note"] == ["de", "en"]
    assert markets["FR"]["partners"] == ["Pôle Photonique Loire-Océan"]
    # The Paris fair of October 2025 is more than 12 months before the report's date; Sherbrooke in May 2026 is not.
    assert markets["FR"]["activities_last_12_months"] == []
    assert [a["name"] for a in markets["CA"]["activities_last_12_months"]] == ["Laurentian Photonics Matchmaking 2026"]
    assert "lumera-optics" in markets["JP"]["active_members"]
