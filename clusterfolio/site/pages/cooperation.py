"""The cooperation board: every open request for partners (requests.py), newest first, each with who
asks, since when, what for, and one e-mail that names the request; filtered by country, partner
type and competence as the directory is (the same form and script, the choice in the URL), and
paginated as the directory is. Cards of text only, no logos: at 10,000 members the board is many
pages, and each stays small."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote

from ... import urls
from ...i18n import countries_sorted
from ...requests import Request, open_requests
from .. import structured
from .. import views as v
from ..kinds import Kind
from ..markup import safe_url
from .context import Context
from .listings import Filter, FilterOption, paginated

# The request's words in an e-mail's subject: enough to name it, short enough for a subject line.
SUBJECT_TEXT = 80


@dataclass(frozen=True)
class RequestCard:
    """One request on the board."""

    id: str  # requests.request_id: the card's anchor, the same in every build and language
    kind: str  # seeks, gap
    title: str  # the member's name, or the gap ("Laser systems – Distribution")
    href: str | None  # the member's page (a gap: the value chain's matrix)
    who: str  # "Asked by the cluster management" for a gap; "" for a member (its name is the title)
    since: str | None  # "Open since 3 March 2026"
    until: str | None  # "until 31 December 2026"
    text: v.Text | None
    facts: tuple[v.Fact, ...]  # partner types, countries
    chips: tuple[v.Link, ...]  # competences, to their pages (the script makes them filter)
    action: v.Link  # the e-mail with the prefilled subject (or a contact page)
    action_label: str  # its accessible name: "Answer the request of Fjord Sonar"
    filters: tuple[tuple[str, str], ...]  # data-* attributes the directory's script filters on


@dataclass(frozen=True)
class CooperationView:
    title: str
    intro: str
    filter_label: str
    filters: tuple[Filter, ...]
    count_template: str
    count: str
    requests: tuple[RequestCard, ...]
    total: int  # open requests on the whole board (the script says "3 of 52 requests shown")
    empty: str
    index: str  # the board's index (urls.BOARD_INDEX) the filters load when the board spans several pages
    board: str  # the board's first page, relative to this one (the script fetches its other pages from there)
    more: str  # "Show more"
    pagination: v.Pagination | None = None
    reset: str = ""
    chosen: str = ""
    feed: v.Link | None = None  # the board's Atom feed (feeds.py)
    embed: v.Link | None = None  # the embed-setup page: the board on another site (pages/embeds.py)


def cooperation(cx: Context) -> list[v.Page]:
    _ = cx.t._
    found = open_requests(cx.project)
    by_id = {r.id: r for r in found}
    facets = board_facets(cx, found)
    pages = paginated(cx, urls.COOPERATION, list(by_id), _("Cooperation"),
                      lambda here, chunk, pagination: cooperation_view(cx, here, [by_id[i] for i in chunk], pagination, len(found), facets),
                      kind=Kind.COOPERATION, description=_("Open requests for partners: what the members and the cluster look for"),
                      size=cx.config.board_page_size)
    size = cx.config.board_page_size
    # Each page's requests as schema.org Demands (structured.board), in the page's order.
    return [replace(p, jsonld=lambda n=n: (structured.board(cx.config, cx.project, cx.lang, found[(n - 1) * size:n * size], n, len(found)),))
            for n, p in enumerate(pages, start=1)]


Facets = tuple[tuple[str, str, tuple[tuple[str, str], ...], Callable[[str], str], str], ...]


def board_facets(cx: Context, found: list[Request]) -> Facets:
    """(card attribute, label, (value, label) options, page of a value, URL parameter) for country,
    partner type and competence, with the values the open requests name: made once per language,
    not once per page of the board."""
    t, words = cx.t, cx.words
    _ = t._
    named = {cc for r in found for cc in r.countries}
    types = {p for r in found for p in r.partner_types}
    comps = {c for r in found for c in r.competences}
    return (
        ("country", _("Country"), tuple((cc, t.country(cc)) for cc in countries_sorted(list(named), t)), urls.country, "country"),
        ("partners", _("Partner type"), tuple((p, words.member_type(p)) for p in cx.tax.member_types if p in types), urls.member_type, "partner"),
        ("competences", _("Competence"), tuple(sorted(((c, words.competence(c)) for c in comps), key=lambda item: t.sort_key(item[1]))),
         urls.competence, "competence"),
    )


def board_filters(cx: Context, here: str, facets: Facets) -> tuple[Filter, ...]:
    """The facets with their links from this page: each option links to the page of that value
    (the filter without JavaScript), as the directory's do."""
    return tuple(
        Filter(name, label, tuple(FilterOption(value, text, cx.links.href(here, path(value))) for value, text in options), param)
        for name, label, options, path, param in facets
    )


def action(cx: Context, r: Request, subject: str) -> v.Link:
    """Where an answer goes: the member's e-mail, else its contact page; the cluster's for a gap (or
    when the member gives neither)."""
    m = cx.project.members[r.member] if r.member else None
    c = cx.project.cluster.contact
    email = (m.contact.email if m else None) or (None if m and safe_url(m.contact.contact_page) else c.email)
    page = (m.contact.contact_page if m else None) or c.contact_page
    if email:
        return v.Link(cx.t._("Answer by e-mail"), f"mailto:{email}?subject={quote(subject, safe='')}")
    # The cluster gives an e-mail address or a contact page (model.ClusterContact): one of them is there.
    return v.Link(cx.t._("Answer on the contact page"), safe_url(page), external=True)


def request_card(cx: Context, here: str, r: Request) -> RequestCard:
    t, words, links = cx.t, cx.words, cx.links
    _ = t._
    facts = []
    if r.partner_types:
        facts.append(v.Fact(t.npgettext("request", "Partner type", "Partner types", len(r.partner_types)), t.list(words.member_type(p) for p in r.partner_types)))
    if r.kind == "seeks":
        facts.append(v.Fact(t.npgettext("request", "Country", "Countries", len(r.countries) or 2), t.list(t.country(cc) for cc in countries_sorted(list(r.countries), t)) if r.countries else _("Any country")))
    if r.kind == "gap":
        gap = f"{words.competence(r.competences[0])} – {words.stage(r.stage or '')}"
        title, href, who = gap, links.href(here, urls.VALUE_CHAIN) + "#gaps", _("Asked by the cluster management")
        subject = _("Partner for a gap in the value chain: {gap}").format(gap=gap)
        label = _("Offer to fill the gap: {gap}").format(gap=gap)
        text = v.Text(_("No member works on this competence at this stage yet."))
    else:
        m = cx.project.members[r.member or ""]
        title, href, who = m.name, links.href(here, urls.member(r.member or "")), ""
        text = words.text(r.text)
        said = text.text if text else ""
        named = said if len(said) <= SUBJECT_TEXT else said[:SUBJECT_TEXT - 1].rstrip() + "…"
        subject = (_("Your request for partners: {request}").format(request=named) if named
                   else _("Your request for partners on the site of {cluster}").format(cluster=cx.project.cluster.name))
        label = _("Answer the request of {member}").format(member=m.name)
    return RequestCard(
        id=r.id, kind=r.kind, title=title, href=href, who=who,
        since=_("Open since {date}").format(date=t.date(r.since)) if r.since else None,
        until=_("until {date}").format(date=t.date(r.until)) if r.until else None,
        text=text, facts=tuple(facts),
        chips=tuple(links.competence(here, c) for c in r.competences),
        action=action(cx, r, subject), action_label=label,
        filters=(("country", " ".join(r.countries)), ("partners", " ".join(r.partner_types)), ("competences", " ".join(r.competences))),
    )


def cooperation_view(cx: Context, here: str, chunk: list[Request], pagination: v.Pagination | None, total: int,
                     facets: Facets) -> CooperationView:
    t = cx.t
    _ = t._
    return CooperationView(
        title=_("Cooperation"),
        intro=_("What the cluster's members look for in partners, and the gaps in the value chain the cluster wants to fill. Each request has an e-mail link that names it."),
        filter_label=_("Filter requests"),
        filters=board_filters(cx, here, facets),
        count_template=_("{n} of {total} requests shown"),
        count=t.ngettext("{n} open request", "{n} open requests", total).format(n=t.number(total)),
        requests=tuple(request_card(cx, here, r) for r in chunk),
        total=total,
        empty=_("No open requests at the moment."),
        index=urls.to_site_root(here) + urls.BOARD_INDEX,
        board=urls.relative(here, urls.COOPERATION),
        more=_("Show more"),
        pagination=pagination,
        reset=_("Reset filters"),
        chosen=_("Chosen: {n}"),
        feed=v.Link(_("Follow the requests in a feed reader (Atom)"), urls.relative(here, urls.COOPERATION) + urls.BOARD_FEED),
        embed=v.Link(_("Show this board on your website"), cx.links.href(here, urls.EMBED)),
    )
