"""The portal's page builders: pure functions from the harvest to the pages of one language (views.Page).

The home is the clusters' directory, as cards (label status recomputed on the portal's build date);
members/ is the competence directory across clusters: one listing per competence, value-chain stage
and country, each member once, linking to its page on its cluster's site (the portal writes no copy
of a member's page). Every text is the cluster's and is escaped by the templates; every link out
passed harvested.out_url.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..i18n import Translator, countries_sorted
from ..model import LabelStatus
from ..site import views as v
from ..site.pages.parts import avatar_tone, initials
from .context import HOME_CARDS, LISTING_ROWS, PortalContext
from .harvested import HarvestedCluster, HarvestedMember, in_language, label_status
from .kinds import PortalKind

MEMBERS = "members/"
SECTIONS = ("competences", "stages", "countries")  # members/<section>/<value>/
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
COUNTRY = re.compile(r"[A-Z]{2}")



def listing_path(section: str, value: str) -> str:
    return f"{MEMBERS}{section}/{value.lower()}/"


def listed(section: str, value: str) -> bool:
    """Whether a value gets a listing: a competence or stage id as the taxonomy writes them, a country code."""
    return bool(COUNTRY.fullmatch(value)) if section == "countries" else bool(_ID.fullmatch(value))


@dataclass(frozen=True)
class LabelLine:
    name: str
    level: str
    status: str  # valid, expiring, expired, not-yet-valid (LabelStatus.slug)
    text: str  # "valid until 14 January 2027", "expired on …"
    current: bool
    valid_until: str  # ISO date: the page's script marks the label expired once the visitor's clock passes it


@dataclass(frozen=True)
class ClusterCard:
    name: str
    href: str | None  # its home page on its own site, in this language if it has it
    lang: str | None  # set when the linked page is in another language
    avatar: v.Avatar
    place: str  # "Baden-Württemberg, Germany"
    members: str  # "24 members"
    focus: tuple[str, ...]
    labels: tuple[LabelLine, ...]
    tagline: v.Text | None
    data: str  # "Data of 26 November 2026"


@dataclass(frozen=True)
class HomeView:
    title: str
    intro: str
    count: str
    cards: tuple[ClusterCard, ...]
    members_link: v.Link
    pagination: v.Pagination | None = None
    heading: str = ""
    expired: str = ""  # what a label whose day has passed says, for the page's script


@dataclass(frozen=True)
class Row:
    name: str
    href: str | None
    lang: str | None  # the linked page's language where it is not the page's
    meta: str  # "SME · Ulm, Germany"
    cluster: str


@dataclass(frozen=True)
class ListingView:
    title: str
    count: str
    rows: tuple[Row, ...]
    up: v.Link
    cluster_label: str
    pagination: v.Pagination | None = None


@dataclass(frozen=True)
class Entry:
    link: v.Link
    count: str


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class MembersView:
    title: str
    intro: str
    sections: tuple[Section, ...]


def paginated(x: PortalContext, base: str, items: Sequence[Any], size: int, title: str, description: str, kind: PortalKind,
              make: Callable[[str, Sequence[Any], v.Pagination | None], Any]) -> list[v.Page]:
    """A listing over as many pages as it needs: `base`, then `base`page/2/ … (site/pages/listings.paginated's shape)."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    paths = [urls.listing_page(base, n) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        pagination = x.links.pagination(path, paths, n) if len(paths) > 1 else None
        page_title = title if n == 1 else x.t._("{title}, page {n}").format(title=title, n=x.t.number(n))
        pages.append(v.Page(path, kind, page_title, description,
                            (lambda path=path, chunk=chunk, pagination=pagination: make(path, chunk, pagination)), first=n == 1,
                            prev_next=(paths[n - 2] if n > 1 else None, paths[n] if n < len(paths) else None)))
    return pages


def labels(x: PortalContext, c: HarvestedCluster) -> tuple[LabelLine, ...]:
    """The cluster's labels with their status on the portal's build date, never as published: an
    expired label is shown expired (and after the current ones), whatever the cluster's data said."""
    out = []
    for label in c.labels:
        status = label_status(label.awarded, label.valid_until, x.date)
        until = x.t.date(label.valid_until)
        text = (x.t._("expired on {date}") if status.value == "expired" else x.t._("valid until {date}")).format(date=until)
        if status.value not in ("valid", "expired"):
            text = f"{text} ({x.words.status(status)})"
        out.append(LabelLine(x.text(label.name) or label.scheme, label.level, status.slug, text, status.current, label.valid_until.isoformat()))
    return tuple(sorted(out, key=lambda line: not line.current))


def cluster_card(x: PortalContext, c: HarvestedCluster, here: str) -> ClusterCard:
    href = in_language(c.urls, x.lang, c.languages[0] if c.languages else None) or c.website
    lang = None if href is None or href == c.urls.get(x.lang) or not c.languages else next((k for k, u in c.urls.items() if u == href), None)
    place = ", ".join(p for p in (c.region, x.t.country(c.country) if COUNTRY.fullmatch(c.country) else "") if p)
    tagline = x.words.text(c.tagline)
    return ClusterCard(
        name=c.name, href=href, lang=lang, avatar=v.Avatar(urls.to_site_root(here) + c.logo if c.logo else None, initials(c.name), avatar_tone(c.key)), place=place,
        members=x.words.members_count(len(c.members)), focus=tuple(x.label("competences", cid) for cid in c.focus[:6]),
        labels=labels(x, c), tagline=tagline,
        data=x.t._("Data of {date}").format(date=x.t.date(day)) if (day := _day(c.build_date or c.harvested)) else "",
    )


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def portal_intro(t: Translator) -> str:
    """What the portal is, in one sentence: its home's introduction and its root page's description."""
    return t._("The clusters of this portal and their members, from the data each cluster publishes.")


def home(x: PortalContext) -> list[v.Page]:
    clusters = x.harvested.clusters
    title = x.portal.name
    count = x.t.ngettext("{n} cluster", "{n} clusters", len(clusters)).format(n=x.t.number(len(clusters)))
    members = sum(len(c.members) for c in clusters)
    intro = portal_intro(x.t)

    def make(here: str, chunk: Sequence[HarvestedCluster], pagination: v.Pagination | None) -> HomeView:
        return HomeView(title, intro, f"{count} · {x.words.members_count(members)}", tuple(cluster_card(x, c, here) for c in chunk),
                        v.Link(x.t._("Find members by competence, value-chain stage and country"), x.links.href(here, MEMBERS)),
                        pagination, x.t._("Clusters"), x.words.status(LabelStatus.EXPIRED))

    return paginated(x, urls.HOME, clusters, HOME_CARDS, title, intro, PortalKind.HOME, make)


def row(x: PortalContext, m: HarvestedMember) -> Row:
    c = x.clusters[m.cluster]
    href = in_language(m.urls, x.lang, c.languages[0] if c.languages else None)
    lang = None if href is None or href == m.urls.get(x.lang) else next((k for k, u in m.urls.items() if u == href), None)
    where = ", ".join(p for p in (m.city, x.t.country(m.country) if COUNTRY.fullmatch(m.country) else "") if p)
    kind = x.text(c.words.get("member_types", {}).get(m.type)) or m.type
    return Row(m.name, href, lang, " · ".join(p for p in (kind, where) if p), c.name)


def members(x: PortalContext) -> v.Page:
    title = x.t._("Members of all clusters")
    intro = x.t._("Every member of every cluster, by competence, value-chain stage and country. Each links to its page on its cluster's site.")
    return v.Page(MEMBERS, PortalKind.MEMBERS, title, intro, lambda: members_view(x, title, intro))


def _values(x: PortalContext, section: str) -> list[str]:
    found = [k for k in x.by[section] if listed(section, k)]
    if section == "countries":
        return countries_sorted(found, x.t)
    if section == "stages":
        return [s for s in x.stage_order if s in found]
    return sorted(found, key=lambda k: (x.label("competences", k).casefold(), k))


def value_name(x: PortalContext, section: str, value: str) -> str:
    if section == "countries":
        return x.t.country(value)
    return x.label("competences" if section == "competences" else "value_chain", value)


def section_title(x: PortalContext, section: str) -> str:
    return {"competences": x.t._("By competence"), "stages": x.t._("By value-chain stage"), "countries": x.t._("By country")}[section]


def members_view(x: PortalContext, title: str, intro: str) -> MembersView:
    sections = tuple(
        Section(section_title(x, s), tuple(Entry(v.Link(value_name(x, s, k), x.links.href(MEMBERS, listing_path(s, k))),
                                                 x.words.members_count(len(x.by[s][k]))) for k in _values(x, s)))
        for s in SECTIONS)
    return MembersView(title, intro, sections)


def listings(x: PortalContext) -> list[v.Page]:
    """One listing per competence, stage and country, LISTING_ROWS members a page."""
    pages: list[v.Page] = []
    for section in SECTIONS:
        for value in _values(x, section):
            pages += listing(x, section, value)
    return pages


def listing(x: PortalContext, section: str, value: str) -> list[v.Page]:
    everyone = x.by[section][value]
    title = value_name(x, section, value)
    count = x.words.members_count(len(everyone))
    up = v.Link(x.t._("Members of all clusters"), "")

    def make(here: str, chunk: Sequence[HarvestedMember], pagination: v.Pagination | None) -> ListingView:
        return ListingView(title, count, tuple(row(x, m) for m in chunk), v.Link(up.text, x.links.href(here, MEMBERS)),
                           x.t._("Cluster"), pagination)

    description = x.t._("{count} of all clusters: {what}").format(count=count, what=title)
    return paginated(x, listing_path(section, value), everyone, LISTING_ROWS, title, description, PortalKind.LISTING, make)


def portal_pages(x: PortalContext) -> list[v.Page]:
    """Every page of one language."""
    return [*home(x), members(x), *listings(x)]
