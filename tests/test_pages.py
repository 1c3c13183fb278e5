"""What pages say, on fixed build dates: activities split into upcoming and past, the calendar
feed, and the fallback notice only where a text really is missing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar

from .conftest import TESTS, build_project

NORDLICHT = TESTS / "fixtures" / "nordlicht"
LANGS = ("de", "en", "fr")
PAST_HEADING = {"de": "Vergangene Aktivitäten", "en": "Past activities", "fr": "Activités passées"}


@pytest.fixture(scope="module")
def nordlicht(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nordlicht") / "site"
    build_project(NORDLICHT, out, date="2026-11-26")
    return out


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<section class="cf-section" id="{section_id}">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("lang", LANGS)
def test_activities_are_split_on_the_build_date(nordlicht: Path, lang: str) -> None:
    html = (nordlicht / lang / "international/index.html").read_text(encoding="utf-8")
    assert "Ocean Sensing Expo" in section(html, "upcoming") and "Ocean Sensing Expo" not in section(html, "past")
    assert "Delegation to Aarhus" in section(html, "past") and "Delegation to Aarhus" not in section(html, "upcoming")
    assert f"<h2>{PAST_HEADING[lang]}</h2>" in html


def test_upcoming_soonest_first_and_past_most_recent_first(demo_site: Path) -> None:
    html = (demo_site / "en/international/index.html").read_text(encoding="utf-8")
    upcoming = re.findall(r'data-start="([0-9-]+)"', section(html, "upcoming"))
    past = re.findall(r'data-start="([0-9-]+)"', section(html, "past"))
    assert upcoming and past
    assert upcoming == sorted(upcoming) and past == sorted(past, reverse=True)
    assert max(past) < "2026-11-26"


def test_the_calendar_feed_holds_every_activity(demo_site: Path) -> None:
    import datetime as dt

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project

    from .conftest import ROOT, TEST_DATE

    project, _ = load_project(read_config(ROOT), dt.date.fromisoformat(TEST_DATE))
    for lang in LANGS:
        html = (demo_site / lang / "international/index.html").read_text(encoding="utf-8")
        assert 'href="activities.ics"' in html
        calendar = Calendar.from_ical((demo_site / lang / "international/activities.ics").read_bytes())
        events = calendar.walk("VEVENT")
        assert sorted(str(e["summary"]) for e in events) == sorted(a.name for a in project.cluster.activities)
        assert len({str(e["uid"]) for e in events}) == len(events)


def test_a_page_in_its_own_language_has_no_fallback_notice(demo_site: Path) -> None:
    for lang in LANGS:
        html = (demo_site / lang / "about/index.html").read_text(encoding="utf-8")
        assert "cf-fallback" not in html, lang


def test_a_missing_content_page_is_shown_with_a_notice(nordlicht: Path) -> None:
    html = (nordlicht / "fr/about/index.html").read_text(encoding="utf-8")
    assert '<p class="cf-fallback">Non disponible en français, affiché en anglais.</p>' in html
    assert '<div lang="en">' in html and "Nordlicht Sensorik is a fictional cluster" in html
    assert "cf-fallback" not in (nordlicht / "de/about/index.html").read_text(encoding="utf-8")


# --- page kinds (clusterfolio/site/kinds.py) and the frame (clusterfolio/site/frame.py) ---------------


@pytest.fixture(scope="module")
def nordlicht_en():  # noqa: ANN201 - a LanguageSite
    import datetime as dt

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project
    from clusterfolio.site.build import language_site

    config = read_config(NORDLICHT)
    project, problems = load_project(config, dt.date(2026, 11, 26))
    assert project is not None, problems
    return language_site(config, project, "en")


def test_the_listing_kinds_share_one_template_and_a_cluster_can_replace_one_kind(nordlicht_en, tmp_path: Path) -> None:
    from clusterfolio.site.kinds import Kind
    from clusterfolio.site.render import Renderer

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/listing.html").write_text("LISTING {{ view.title }}", encoding="utf-8")
    (tmp_path / "pages/stage.html").write_text("STAGE {{ view.title }}", encoding="utf-8")
    own = Renderer(nordlicht_en.renderer.ui, (tmp_path,))
    seen = set()
    for page in nordlicht_en.pages:
        body = str(own.body(page, "<p>x</p>"))
        if page.kind is Kind.STAGE:
            assert body == f"STAGE {page.view.title}", page.path
        elif page.kind.listing:
            assert body == f"LISTING {page.view.title}", page.path
        else:
            assert not body.startswith(("LISTING", "STAGE")), page.path
        seen.add(page.kind)
    assert {k for k in Kind if k.listing} <= seen


def test_only_the_member_page_frame_leaves_the_labels_out_of_its_footer(nordlicht_en) -> None:
    from clusterfolio.site.frame import frame
    from clusterfolio.site.kinds import Kind

    site = nordlicht_en
    without = {p.kind for p in site.pages if not frame(site.lang, p, site.nav_entries, site.content_titles, site.search_pages).footer.badges}
    assert without == {Kind.MEMBER}  # it shows them in its header card
    assert frame(site.lang, None, site.nav_entries, site.content_titles, site.search_pages).footer.badges  # mkdocs' 404 page


def test_a_previews_head_links_a_listings_neighbours_to_their_index_files(nordlicht_en) -> None:
    from clusterfolio.site.head import head

    site = nordlicht_en
    second = next(p for p in site.pages if p.path == "members/page/2/")
    published = head(site.config, site.project, "en", second)
    preview = head(site.config, site.project, "en", second, preview=True)
    assert (published.prev, preview.prev) == ("../../", "../../index.html")
