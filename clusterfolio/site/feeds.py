"""The Atom feeds (RFC 4287) of each language: the board's open requests and the activities.

A feed reader shows an entry once per id, and as new when its `updated` moves: so ids come from
what an entry is (requestlinks.request_uuid; the activity's calendar UID), and dates from the
profiles, never from the build date (docs/decisions.md, "Feeds and structured data of requests").
The XML is written by a template with XML autoescape (theme/templates/site/feed.xml); every text is
type="text", so member text is characters, never markup, in any reader.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..config import Config
from ..model import Activity, Project
from ..requests import Request, open_requests
from .files import activity_uids
from .markup import safe_url
from .pages.context import Context
from .pages.cooperation import SUBJECT_TEXT, request_card
from .pages.parts import activity
from .render import environment
from .requestlinks import UNDATED, card_url, request_uuid, updated

# Characters XML 1.0 cannot carry at all, not even escaped (§2.2): dropped from profile text.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# A feed holds the newest requests only: a reader polls it, often, on every device it syncs; at
# 10,000 members with one in ten asking, every open request made a 1 MB feed per language. The
# board (paginated) and /data/requests.json hold them all; a request older than the newest
# FEED_ENTRIES stays there. Gaps, undated, come last (requestdata.UNDATED) and leave first.
FEED_ENTRIES = 100

@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: str  # RFC 3339
    link: str  # rel="alternate": the card on the board, the activity's page
    content: str  # type="text"
    lang: str | None = None  # xml:lang of the content, when it is in a fallback language
    author: str | None = None  # who asks; None: the feed's author (the cluster)
    author_uri: str | None = None
    related: str | None = None  # rel="related": the answer (a mailto: or the contact page)
    related_title: str | None = None


@dataclass(frozen=True)
class Feed:
    lang: str
    id: str
    title: str
    subtitle: str
    updated: str
    self_href: str
    alternate: str  # the page the feed belongs to
    author: str
    author_uri: str | None
    entries: tuple[Entry, ...]


def rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _feed_id(config: Config, path: str) -> str:
    """The feed's IRI: from where it is published, so it stays while the site does."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, urls.asset(config.site_url, path))}"


def _self(config: Config, path: str) -> str:
    return urls.asset(config.site_url, path) if config.site_url else path.rsplit("/", 1)[-1]


def request_entry(cx: Context, r: Request, page: int) -> Entry:
    """One open request: who asks, what, its facts as lines of text, and the answer as a link."""
    t, words = cx.t, cx.words
    _ = t._
    card = request_card(cx, urls.COOPERATION, r)
    lines = [card.text.text if card.text else ""]
    lines += [_("{label}: {value}").format(label=f.term, value=f.text) for f in card.facts]
    lines.append(_("{label}: {value}").format(label=_("Competences"), value=t.list(words.competence(c) for c in r.competences)))
    if card.since or card.until:
        lines.append(", ".join(x for x in (card.since, card.until) if x))
    m = cx.project.members[r.member] if r.member else None
    said = card.text.text if card.text else _("Request for partners")
    said = said if len(said) <= SUBJECT_TEXT else said[:SUBJECT_TEXT - 1].rstrip() + "…"  # a title, as the e-mail's subject
    title = (_("{member}: {request}").format(member=m.name, request=said)
             if m else _("Partner for a gap in the value chain: {gap}").format(gap=card.title))
    return Entry(
        id=request_uuid(cx.config, r.id), title=clean(title), updated=rfc3339(updated(r)),
        link=card_url(cx.config, cx.lang, r.id, page),
        content=clean("\n".join(x for x in lines if x)), lang=card.text.lang if card.text else None,
        author=m.name if m else None, author_uri=urls.absolute(cx.config.site_url, cx.lang, urls.member(r.member or "")) if m else None,
        related=card.action.href, related_title=card.action.text,
    )


def board_feed(cx: Context) -> Feed:
    _ = cx.t._
    pages = cx.board_pages
    entries = tuple(request_entry(cx, r, pages[r.id]) for r in open_requests(cx.project)[:FEED_ENTRIES])
    return _feed(cx, urls.board_feed(cx.lang), urls.COOPERATION, f"{cx.project.cluster.name} – {_('Open requests for partners')}",
                 _("Open requests for partners: what the members and the cluster look for"), entries)


def activity_entry(cx: Context, a: Activity, uid: str) -> Entry:
    _ = cx.t._
    shown = activity(cx, a)
    lines = [shown.when, shown.where or "", f"{shown.kind} · {shown.level}", shown.description.text if shown.description else ""]
    return Entry(
        id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uid)}", title=clean(a.name),
        # The day it takes place: the one date an activity has, and it never moves by itself.
        updated=rfc3339(a.start),
        link=safe_url(a.url) or urls.absolute(cx.config.site_url, cx.lang, urls.INTERNATIONAL),
        content=clean("\n".join(x for x in lines if x)), lang=shown.description.lang if shown.description else None,
    )


def activities_feed(cx: Context) -> Feed:
    _ = cx.t._
    # Latest start first, as a reader lists them; the same activities as the .ics.
    entries = tuple(reversed([activity_entry(cx, a, uid) for a, uid in activity_uids(cx.config, cx.project)]))
    return _feed(cx, urls.activities_feed(cx.lang), urls.INTERNATIONAL, f"{cx.project.cluster.name} – {_('International activities')}",
                 _("Partner clusters, target markets and international activities"), entries)


def _feed(cx: Context, path: str, page: str, title: str, subtitle: str, entries: tuple[Entry, ...]) -> Feed:
    c = cx.project.cluster
    # The newest entry's date: the feed changes when an entry does, not every day it is built.
    newest = max((e.updated for e in entries), default=rfc3339(UNDATED))
    return Feed(cx.lang, _feed_id(cx.config, path), clean(title), subtitle, newest, _self(cx.config, path),
                urls.absolute(cx.config.site_url, cx.lang, page), clean(c.name), safe_url(c.website), entries)


def write_feeds(config: Config, project: Project, site: Path) -> None:
    """The board's feed of each language, and the activities' feed where there are activities."""
    template = environment().get_template("site/feed.xml")
    for lang in config.languages:
        cx = Context(config, project, lang)
        feeds = [(urls.board_feed(lang), board_feed(cx))]
        if project.cluster.activities:
            feeds.append((urls.activities_feed(lang), activities_feed(cx)))
        for path, feed in feeds:
            out = site / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(template.render(feed=feed).strip() + "\n", encoding="utf-8")
