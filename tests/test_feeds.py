"""The Atom feeds (issue 26, item 2): the board's open requests and the activities, per language.

On the dated copy of tests/fixtures/nordlicht of tests/test_cooperation.py (Fjord Sonar's request
from 2026-10-01 to 2027-01-31, Baltic Data Lab's from 2026-11-02, Kielwasser's undated, the
gaps), built on the day before Fjord Sonar's request opens, the test date, its last day and the
day after. Each feed is read twice: by feedparser, and by a check of RFC 4287's rules written
here from the RFC (§4.1.1 feed, §4.1.2 entry, §3.3 dates, §4.2.7 links), so that neither a
lenient parser nor our own reading alone says it is valid.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from icalendar import Calendar

from clusterfolio import urls
from clusterfolio.config import read_config
from clusterfolio.requests import all_requests, open_requests
from clusterfolio.site.feeds import board_feed
from clusterfolio.site.pages.context import Context
from clusterfolio.site.render import environment
from clusterfolio.site.requestlinks import request_uuid

from .conftest import TEST_DATE, build_project
from .test_cooperation import AFTER, BEFORE, LANGS, ON, project_of
from .test_xss import PAYLOADS

ATOM = "{http://www.w3.org/2005/Atom}"
DATES = (BEFORE, TEST_DATE, ON, AFTER)
# RFC 3339 §5.6 date-time, as RFC 4287 §3.3 requires it (an upper-case T and Z).
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@pytest.fixture
def sites(boards: dict[str, Path]) -> dict[str, Path]:
    """test_cooperation's builds of the dated copy on DATES (built once for the session)."""
    assert set(boards) == set(DATES)
    return boards


def board_feed_file(site: Path, lang: str) -> Path:
    return site / urls.board_feed(lang)


def activities_feed_file(site: Path, lang: str) -> Path:
    return site / urls.activities_feed(lang)


# --- RFC 4287, read from the RFC ----------------------------------------------------------------


def _one(parent: ET.Element, name: str, where: str) -> ET.Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"{where}: {len(found)} atom:{name}, RFC 4287 wants exactly one"
    return found[0]


def _date(el: ET.Element, where: str) -> None:
    text = el.text or ""
    assert RFC3339.fullmatch(text), f"{where}: {text!r} is no RFC 3339 date-time"
    dt.datetime.fromisoformat(text.replace("Z", "+00:00"))  # and a real one


def _iri(text: str | None, where: str) -> None:
    assert text and urlsplit(text).scheme, f"{where}: atom:id {text!r} is no absolute IRI (§4.2.6)"


def _text_construct(el: ET.Element, where: str) -> None:
    assert el.get("type", "text") in ("text", "html", "xhtml"), where
    assert not list(el), f"{where}: a type=text construct holds no child elements (§3.1.1.1)"


def _links(parent: ET.Element, where: str) -> list[ET.Element]:
    links = parent.findall(ATOM + "link")
    assert all(link.get("href") for link in links), f"{where}: atom:link without href (§4.2.7.1)"
    alternates = [(link.get("type"), link.get("hreflang")) for link in links if link.get("rel", "alternate") == "alternate"]
    assert len(alternates) == len(set(alternates)), f"{where}: two rel=alternate links of one type and hreflang (§4.1.1)"
    return links


def _authors(parent: ET.Element, where: str) -> list[ET.Element]:
    authors = parent.findall(ATOM + "author")
    for a in authors:
        _one(a, "name", f"{where} author")
    return authors


def check_rfc4287(data: bytes) -> ET.Element:
    """Every MUST of RFC 4287 §4.1.1 and §4.1.2 the feed can break; returns the root."""
    root = ET.fromstring(data)
    assert root.tag == ATOM + "feed"
    _iri(_one(root, "id", "feed").text, "feed")
    _text_construct(_one(root, "title", "feed"), "feed title")
    _date(_one(root, "updated", "feed"), "feed updated")
    assert len(root.findall(ATOM + "subtitle")) <= 1
    links = _links(root, "feed")
    assert [link for link in links if link.get("rel") == "self"], "feed: no rel=self link (RFC 4287 §4.1.1 SHOULD; ours must)"
    feed_author = bool(_authors(root, "feed"))
    ids = []
    for n, entry in enumerate(root.findall(ATOM + "entry")):
        where = f"entry {n}"
        entry_id = _one(entry, "id", where).text
        _iri(entry_id, where)
        ids.append(entry_id)
        _text_construct(_one(entry, "title", where), f"{where} title")
        _date(_one(entry, "updated", where), f"{where} updated")
        entry_links = _links(entry, where)
        contents = entry.findall(ATOM + "content")
        assert len(contents) <= 1, where
        if contents:
            _text_construct(contents[0], f"{where} content")
        assert contents or any(link.get("rel", "alternate") == "alternate" for link in entry_links), \
            f"{where}: neither atom:content nor a rel=alternate link (§4.1.2)"
        assert feed_author or _authors(entry, where), f"{where}: no author, and the feed has none (§4.1.1)"
    assert len(ids) == len(set(ids)), "two entries with one id"
    return root


def check_parsed(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def entry_ids(data: bytes) -> list[str]:
    return [e.findtext(ATOM + "id") or "" for e in ET.fromstring(data).findall(ATOM + "entry")]


# --- the tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", DATES)
def test_every_feed_is_valid_atom_and_parses(sites: dict[str, Path], date: str) -> None:
    for lang in LANGS:
        for path in (board_feed_file(sites[date], lang), activities_feed_file(sites[date], lang)):
            data = path.read_bytes()
            root = check_rfc4287(data)
            parsed = check_parsed(data)
            assert len(parsed.entries) == len(root.findall(ATOM + "entry")) > 0, path
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang


@pytest.mark.parametrize("date", DATES)
def test_every_open_request_is_in_every_languages_feed_once(dated: Path, sites: dict[str, Path], date: str) -> None:
    config, project = read_config(dated), project_of(dated, date)
    expected = [request_uuid(config, r.id) for r in open_requests(project)]
    closed = {request_uuid(config, r.id) for r in all_requests(project)} - set(expected)
    kinds = {r.kind for r in open_requests(project)}
    assert kinds == {"seeks", "gap"}  # every seeks and every gap: both kinds are there to be counted
    for lang in LANGS:
        ids = entry_ids(board_feed_file(sites[date], lang).read_bytes())
        assert ids == expected, (lang, date)  # each once, newest first, the same ids in every language
        assert not closed & set(ids)
    fjord = next(r for r in all_requests(project) if r.member == "fjord-sonar")
    assert (request_uuid(config, fjord.id) in expected) == (date in (TEST_DATE, ON))


def test_an_entry_says_who_asks_what_and_links_the_card_and_the_answer(dated: Path, sites: dict[str, Path]) -> None:
    config, project = read_config(dated), project_of(dated)
    fjord = next(r for r in open_requests(project) if r.member == "fjord-sonar")
    pages = {r.id: n // config.board_page_size + 1 for n, r in enumerate(open_requests(project))}
    parsed = check_parsed(board_feed_file(sites[TEST_DATE], "de").read_bytes())
    entry = next(e for e in parsed.entries if e.id == request_uuid(config, fjord.id))
    assert entry.author == "Fjord Sonar AS"
    assert entry.title.startswith("Fjord Sonar AS: Ein Forschungspartner")
    text = entry.content[0].value
    assert entry.content[0].type == "text/plain"
    assert "Ein Forschungspartner für Sonar-Signalverarbeitung in tiefen Fjorden." in text
    assert "Partnertyp: Forschungseinrichtung" in text and "Dänemark" in text
    assert "Länder: Dänemark und Deutschland" in text and "Kompetenzen: " in text
    alternate = next(link.href for link in entry.links if link.rel == "alternate")
    assert alternate == f"https://nordlicht.example.org/de/{urls.request_card(pages[fjord.id], fjord.id)}"
    page = sites[TEST_DATE] / "de" / urlsplit(alternate).path.removeprefix("/de/") / "index.html"
    assert f'id="request-{fjord.id}"' in page.read_text(encoding="utf-8")  # the card is on that page of the board
    answer = next(link for link in entry.links if link.rel == "related")
    assert answer.href.startswith("mailto:") and "subject=" in answer.href
    assert "mailto:" not in text  # the action is a link, not text a reader might render


def test_ids_and_dates_stay_from_one_day_to_the_next(dated: Path, sites: dict[str, Path]) -> None:
    def entries(date: str, lang: str) -> dict[str, str]:
        root = ET.fromstring(board_feed_file(sites[date], lang).read_bytes())
        return {e.findtext(ATOM + "id"): e.findtext(ATOM + "updated") for e in root.findall(ATOM + "entry")}

    today, last = entries(TEST_DATE, "en"), entries(ON, "en")
    assert today == last  # the same requests are open on both days: the same ids and the same dates
    assert entries(TEST_DATE, "fr") == today  # and in every language
    project, config = project_of(dated), read_config(dated)
    by_member = {r.member: request_uuid(config, r.id) for r in open_requests(project) if r.member}
    assert today[by_member["fjord-sonar"]] == "2026-10-01T00:00:00Z"  # its since
    # An undated request (and a gap) has a date that never moves: the epoch, as documented.
    assert today[by_member["kielwasser-messtechnik"]] == "1970-01-01T00:00:00Z"
    newest = ET.fromstring(board_feed_file(sites[TEST_DATE], "en").read_bytes()).findtext(ATOM + "updated")
    assert newest == "2026-11-02T00:00:00Z"  # the feed's date is its newest entry's, not the build date


def test_two_builds_of_the_same_input_and_date_are_byte_identical(dated: Path, sites: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "site"
    build_project(dated, again, TEST_DATE)
    for lang in LANGS:
        for path in (urls.board_feed(lang), urls.activities_feed(lang)):
            assert (again / path).read_bytes() == (sites[TEST_DATE] / path).read_bytes(), path


def test_the_activities_feed_has_the_calendars_events(sites: dict[str, Path]) -> None:
    site = sites[TEST_DATE]
    for lang in LANGS:
        calendar = Calendar.from_ical((site / urls.calendar(lang)).read_bytes())
        events = {str(e["uid"]): str(e["summary"]) for e in calendar.walk("VEVENT")}
        parsed = check_parsed(activities_feed_file(site, lang).read_bytes())
        assert {e.id: e.title for e in parsed.entries} == {f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uid)}": name for uid, name in events.items()}
        starts = [e.updated for e in parsed.entries]
        assert starts == sorted(starts, reverse=True)  # latest first


def _feed_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', html)


def test_pages_announce_their_feeds_and_the_links_resolve(sites: dict[str, Path]) -> None:
    site = sites[TEST_DATE]
    for lang in LANGS:
        board_pages = sorted((site / lang / "cooperation").glob("**/index.html"))
        assert len(board_pages) > 1  # page_size 2: the later pages announce the feed too
        wanted = {site / lang / "index.html": urls.board_feed(lang), site / lang / "international/index.html": urls.activities_feed(lang),
                  **{p: urls.board_feed(lang) for p in board_pages}}
        for page, feed in wanted.items():
            links = _feed_links(page.read_text(encoding="utf-8"))
            assert len(links) == 1, page
            title, href = links[0]
            target = urljoin(f"http://x/{page.relative_to(site).as_posix()}", href)
            assert target == f"http://x/{feed}" and (site / feed).is_file(), (page, href)
            assert title
        assert not _feed_links((site / lang / "members/fjord-sonar/index.html").read_text(encoding="utf-8"))
    # The visible links: on the board, and next to the calendar link.
    board = (site / "en/cooperation/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="cf-feed"><a href="\./feed\.xml">[^<]+</a></p>', board)
    international = (site / "fr/international/index.html").read_text(encoding="utf-8")
    assert '<a href="activities.ics">' in international and '<a href="activities.xml">' in international


def test_feeds_are_not_in_the_sitemap_or_the_search(sites: dict[str, Path]) -> None:
    site = sites[TEST_DATE]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "feed.xml" not in sitemap and "activities.xml" not in sitemap
    for lang in LANGS:
        # Pagefind's fragments name the pages it indexed: the feeds are none of them.
        assert not [p for p in (site / lang).glob("pagefind*/**/*") if "feed.xml" in p.name or "activities.xml" in p.name]


@pytest.mark.parametrize("lang", LANGS)
def test_xss_payloads_in_seeks_texts_reach_the_feed_as_text(dated: Path, lang: str) -> None:
    config, base = read_config(dated), project_of(dated)
    template = environment().get_template("site/feed.xml")
    fjord = base.members["fjord-sonar"]
    for payload in PAYLOADS:
        seeks = fjord.seeks.model_copy(update={"text": dict.fromkeys(LANGS, payload)})
        project = dataclasses.replace(base, members={**base.members, "fjord-sonar": fjord.model_copy(update={"seeks": seeks})})
        xml = template.render(feed=board_feed(Context(config, project, lang)))
        root = check_rfc4287(xml.encode())  # well-formed whatever the text holds
        mine = next(e for e in root.findall(ATOM + "entry") if e.findtext(ATOM + "author/" + ATOM + "name") == "Fjord Sonar AS")
        kept = re.sub("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", payload)  # what XML 1.0 can carry at all
        content = mine.find(ATOM + "content")
        assert content is not None and not list(content)  # no element came out of the text
        if kept.strip():  # the payload's characters, as text (an XML parser reads a CR as a line break)
            assert kept.replace("\r\n", "\n").replace("\r", "\n") in (content.text or ""), payload
        # In the raw XML a payload's markup is only ever escaped.
        if "<" in kept:
            assert kept not in xml, payload
        parsed = feedparser.parse(xml.encode())
        entry = next(e for e in parsed.entries if e.get("author") == "Fjord Sonar AS")
        assert entry.content[0].type == "text/plain"


def test_the_board_feed_holds_the_newest_requests_only(dated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded: a feed of a large cluster would otherwise carry every open request (1 MB per
    language at 10,000 members); the newest FEED_ENTRIES, in the board's order."""
    from clusterfolio.site import feeds

    config, project = read_config(dated), project_of(dated)
    every = open_requests(project)
    assert len(every) > 2
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 2)
    feed = board_feed(Context(config, project, "en"))
    assert [e.id for e in feed.entries] == [request_uuid(config, r.id) for r in every[:2]]
