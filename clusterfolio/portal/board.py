"""The portal's cooperation board and partners page, from the harvest.

cooperation/: every open request of every cluster (requests.json), filtered as a cluster's board is
(the same filters partial and script, the choice in the URL; across pages from the portal's
data/board.json), each card linking to the member's page and to the request on its cluster's
board, where it is answered. partners/: the partner clusters abroad of all clusters, and a map of
where the clusters' members are and where their partners are (site/worldmap.py)."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..i18n import countries_sorted
from ..site import views as v
from ..site.pages.cooperation import CooperationView, RequestCard
from ..site.pages.listings import Filter, FilterOption
from ..site.worldmap import WorldMap, world_map
from .context import PortalContext
from .harvested import HarvestedRequest, in_language
from .kinds import PortalKind
from .pages import COUNTRY, listed, listing_path, paginated

COOPERATION = urls.COOPERATION
PARTNERS = "partners/"
BOARD_PAGE = 24  # requests a page of the board, as a cluster's (Config.board_page_size)
MARKS = ("members", "partners")


def request_id(r: HarvestedRequest) -> str:
    """A request's id on the portal: two clusters' requests may share their own ids."""
    return hashlib.sha256(f"{r.cluster}/{r.id}".encode()).hexdigest()[:16]


def open_requests(x: PortalContext) -> list[HarvestedRequest]:
    """Every cluster's requests still open on the portal's build date, in portal.yml's order, each once."""
    seen: dict[str, HarvestedRequest] = {}
    for c in x.harvested.clusters:
        for r in c.requests:
            if r.until is None or r.until >= x.date:
                seen.setdefault(request_id(r), r)
    return list(seen.values())


def board_index(x: PortalContext) -> dict[str, Any]:
    """data/board.json: [id, its page of the board, countries, partner types, competences] per request."""
    found = open_requests(x)
    return {"schema_version": 1, "requests": [[request_id(r), i // BOARD_PAGE + 1, list(r.countries), list(r.partner_types),
                                               list(r.competences)] for i, r in enumerate(found)]}


Facets = tuple[tuple[str, str, str, str, tuple[tuple[str, str], ...]], ...]  # (attribute, label, section, parameter, (value, label) …)


def facets(x: PortalContext, found: Sequence[HarvestedRequest]) -> Facets:
    """The board's facets with the values the open requests name, sorted by label: once per language."""
    t = x.t
    countries = countries_sorted([cc for r in found for cc in r.countries if COUNTRY.fullmatch(cc)], t)
    types = sorted({p for r in found for p in r.partner_types if listed("stages", p)}, key=lambda p: t.sort_key(x.label("member_types", p)))
    comps = sorted({c for r in found for c in r.competences if listed("competences", c)}, key=lambda c: t.sort_key(x.label("competences", c)))
    return (
        ("country", t._("Country"), "countries", "country", tuple((cc, t.country(cc)) for cc in countries)),
        ("partners", t._("Partner type"), "types", "partner", tuple((p, x.label("member_types", p)) for p in types)),
        ("competences", t._("Competence"), "competences", "competence", tuple((c, x.label("competences", c)) for c in comps)),
    )


def _filters(x: PortalContext, here: str, found: Facets) -> tuple[Filter, ...]:
    def option(section: str, param: str, value: str, label: str) -> FilterOption:
        # Without the script: the portal's listing of that value, where it has one; else the board with the choice in its URL.
        has = section in x.by and value in x.by[section] and listed(section, value)
        return FilterOption(value, label, x.links.href(here, listing_path(section, value)) if has else
                            f"{x.links.href(here, COOPERATION)}?{param}={value}")

    return tuple(Filter(name, label, tuple(option(section, param, value, text) for value, text in options), param)
                 for name, label, section, param, options in found)


def request_card(x: PortalContext, here: str, r: HarvestedRequest) -> RequestCard:
    t, _ = x.t, x.t._
    c = x.clusters[r.cluster]
    default = c.languages[0] if c.languages else None
    facts = [v.Fact(_("Cluster"), c.name)]
    if r.partner_types:
        facts.append(v.Fact(t.npgettext("request", "Partner type", "Partner types", len(r.partner_types)),
                            t.list(x.label("member_types", p) for p in r.partner_types)))
    if r.kind == "seeks":
        facts.append(v.Fact(t.npgettext("request", "Country", "Countries", len(r.countries) or 2),
                            t.list(t.country(cc) if COUNTRY.fullmatch(cc) else cc for cc in r.countries) if r.countries else _("Any country")))
    # Answered on the cluster's own board, where the request's card has its e-mail; else the cluster's home.
    answer = (in_language(r.urls, x.lang, default) or in_language(c.urls, x.lang, default) or c.website
              or f"{x.links.href(here, COOPERATION)}#request-{request_id(r)}")
    if r.kind == "gap":
        gap = f"{x.label('competences', r.competences[0]) if r.competences else ''} – {x.label('value_chain', r.stage)}"
        title, href, who, label = gap, None, _("Asked by the cluster management"), _("Offer to fill the gap: {gap}").format(gap=gap)
        text: v.Text | None = v.Text(_("No member works on this competence at this stage yet."))
    else:
        member = x.member_index.get((r.cluster, r.member))
        title, who = r.member_name, ""
        href = in_language(member.urls, x.lang, default) if member else None
        text, label = x.words.text(r.text), _("Answer the request of {member}").format(member=r.member_name)
    return RequestCard(
        id=request_id(r), kind=r.kind if r.kind in ("seeks", "gap") else "seeks", title=title, href=href, who=who, since=None,
        until=_("until {date}").format(date=t.date(r.until)) if r.until else None, text=text, facts=tuple(facts),
        chips=tuple(v.Link(x.label("competences", cid), x.links.href(here, listing_path("competences", cid)))
                    for cid in r.competences if cid in x.by["competences"] and listed("competences", cid)),
        action=v.Link(_("Answer on the cluster's site"), answer, external=True), action_label=label,
        filters=(("country", " ".join(r.countries)), ("partners", " ".join(r.partner_types)), ("competences", " ".join(r.competences))),
    )


def cooperation(x: PortalContext) -> list[v.Page]:
    _ = x.t._
    found = open_requests(x)
    faceted = facets(x, found)
    title = _("Cooperation")
    description = _("Open requests for partners of all clusters: what their members look for, and the gaps in their value chains")

    def make(here: str, chunk: Sequence[HarvestedRequest], pagination: v.Pagination | None) -> CooperationView:
        return CooperationView(
            title=title, intro=description + ".", filter_label=_("Filter requests"), filters=_filters(x, here, faceted),
            count_template=_("{n} of {total} requests shown"),
            count=x.t.ngettext("{n} open request", "{n} open requests", len(found)).format(n=x.t.number(len(found))),
            requests=tuple(request_card(x, here, r) for r in chunk), total=len(found), empty=_("No open requests at the moment."),
            index=urls.to_site_root(here) + urls.BOARD_INDEX, board=urls.relative(here, COOPERATION), more=_("Show more"),
            pagination=pagination, reset=_("Reset filters"), chosen=_("Chosen: {n}"))

    return paginated(x, COOPERATION, found, BOARD_PAGE, title, description, PortalKind.COOPERATION, make)


@dataclass(frozen=True)
class PartnersView:
    title: str
    intro: str
    partners: tuple[v.Partner, ...]
    empty: str
    map: WorldMap | None
    map_label: str
    legend: tuple[tuple[str, str], ...]
    heading: str


def partners(x: PortalContext) -> v.Page:
    title = x.t._("Partners abroad")
    intro = x.t._("The partner clusters abroad of all clusters of the portal, and a map of where the members and the partners are.")
    return v.Page(PARTNERS, PortalKind.PARTNERS, title, intro, lambda: partners_view(x, title, intro))


def partners_view(x: PortalContext, title: str, intro: str) -> PartnersView:
    t, _ = x.t, x.t._
    found: dict[tuple[str, str], list[Any]] = {}
    for c in x.harvested.clusters:
        for p in c.partners:
            found.setdefault((p.name.casefold(), p.country), []).append((p, c))
    rows = []
    for key in sorted(found, key=lambda k: (t.sort_key(k[0]), k[1])):
        (p, _c), *_more = found[key]
        where = ", ".join(s for s in (p.city, t.country(p.country) if COUNTRY.fullmatch(p.country) else "") if s)
        of = t.list(dict.fromkeys(c.name for _p, c in found[key]))
        topics = t.list(dict.fromkeys(x.label("competences", topic) for q, _c in found[key] for topic in q.topics))
        rows.append(v.Partner(v.Link(p.name, p.website, external=True), where, _("Partner of {clusters}").format(clusters=of), topics or None))
    marks = {p.country: "partners" for c in x.harvested.clusters for p in c.partners if COUNTRY.fullmatch(p.country)}
    marks.update(dict.fromkeys((cc for cc in x.by["countries"] if COUNTRY.fullmatch(cc)), "members"))
    meaning = {"members": _("Members based here"), "partners": _("Partner clusters")}
    label = _("World map. {legend}").format(legend="; ".join(
        t.labelled(meaning[mark], t.list(t.country(cc) for cc in countries_sorted([k for k, m in marks.items() if m == mark], t)))
        for mark in MARKS if mark in marks.values()))
    links = {cc: (x.links.href(PARTNERS, listing_path("countries", cc)), t.country(cc)) for cc, mark in marks.items() if mark == "members"}
    return PartnersView(title, intro, tuple(rows), _("No partner clusters abroad yet."),
                        world_map(marks, {cc: t.labelled(t.country(cc), meaning[m]) for cc, m in marks.items()}, links=links) if marks else None,
                        label, tuple((mark, meaning[mark]) for mark in MARKS if mark in marks.values()), _("Partner clusters"))


def board_pages(x: PortalContext) -> list[v.Page]:
    return [*cooperation(x), partners(x)]
