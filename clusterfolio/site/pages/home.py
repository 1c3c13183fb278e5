"""The home page: the cluster, its labels, key figures, focus, activities and contacts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ... import urls
from ...i18n import countries_sorted
from ...model import Cluster
from .. import structured
from .. import views as v
from ..kinds import Kind
from ..markup import safe_url
from ..worldmap import world_map
from .context import Context
from .parts import activities, activity, atlas_download, badges, contacts, people


@dataclass(frozen=True)
class FocusCard:
    link: v.Link
    description: v.Text | None
    members: str  # "12 members"


@dataclass(frozen=True)
class HomeView:
    name: str
    logo: str | None
    tagline: v.Text | None
    summary: v.Text | None
    badges: tuple[v.Badge, ...]
    figures: tuple[v.Fact, ...]
    types: tuple[str, ...]
    focus: tuple[FocusCard, ...]
    description: v.Text | None
    call_to_action: v.Link
    contact_action: v.Link | None
    contacts: tuple[v.Link, ...]
    activities: tuple[v.Activity, ...]  # upcoming (and running) ones, soonest first
    activities_link: v.Link
    map: Any = None  # worldmap.WorldMap of where members are
    map_label: str = ""
    logo_width: int | None = None  # the logo's width at logo_height pixels high
    logo_height: int = v.HERO_LOGO_HEIGHT
    past_activities: tuple[v.Activity, ...] = ()  # the latest past ones, shown apart and marked past
    people: tuple[v.Person, ...] = ()  # the named contacts, in "Get in touch"
    atlas: v.Download | None = None  # the competence atlas of this language (PDF)


def home(cx: Context) -> v.Page:
    c: Cluster = cx.project.cluster
    # The home page's structured data names the first page of members, so the page does not grow with the cluster.
    jsonld = lambda: (structured.cluster(cx.config, cx.project, cx.lang, limit=cx.config.page_size),)  # noqa: E731
    return v.Page(urls.HOME, Kind.HOME, c.name, cx.words.plain(c.summary), lambda: home_view(cx), jsonld=jsonld)


def figures(cx: Context) -> tuple[v.Fact, ...]:
    """Members, countries, competences: each figure's word in the plural form of its number ("1 country" / "2 countries")."""
    t, ix = cx.t, cx.ix
    located = len(set(ix.by_location))
    return (
        v.Fact(t.npgettext("key figure", "Member", "Members", len(ix.members)), t.number(len(ix.members))),
        v.Fact(t.npgettext("key figure", "Country", "Countries", located), t.number(located)),
        v.Fact(t.npgettext("key figure", "Competence", "Competences", len(ix.by_competence)), t.number(len(ix.by_competence))),
    )


def home_view(cx: Context) -> HomeView:
    t, words, links, ix, c, here = cx.t, cx.words, cx.links, cx.ix, cx.project.cluster, urls.HOME
    _ = t._
    located = set(ix.by_location)
    upcoming, past = activities(cx.project)
    focus = tuple(
        FocusCard(
            links.competence(here, cid),
            words.text(cx.tax.competences[cid].description) if cid in cx.tax.competences else None,
            words.members_count(len(ix.by_competence.get(cid, []))),
        )
        for cid in c.focus
    )
    contact = c.contact.contact_page if safe_url(c.contact.contact_page) else (f"mailto:{c.contact.email}" if c.contact.email else None)
    return HomeView(
        name=c.name,
        logo=urls.to_site_root(here) + urls.cluster_logo(c.logo) if c.logo else None,
        logo_width=round(cx.logo_width * v.HERO_LOGO_HEIGHT / v.LOGO_HEIGHT) if cx.logo_width else None,
        logo_height=v.HERO_LOGO_HEIGHT,
        tagline=words.text(c.tagline),
        summary=words.text(c.summary),
        badges=badges(cx, here),
        figures=figures(cx),
        # "Large company: 3": a member type's label has no plural form in the taxonomy
        # (docs/decisions.md, "Words and numbers that read right").
        types=tuple(t.labelled(words.member_type(tid), t.number(len(ix.by_type[tid]))) for tid in cx.tax.member_types if ix.by_type.get(tid)),
        focus=focus,
        description=words.text(c.description, markdown=True),
        call_to_action=v.Link(_("Find a partner among our members"), links.href(here, urls.MEMBERS)),
        contact_action=v.Link(_("Contact the cluster management"), contact) if contact else None,
        contacts=contacts(words, c.contact),
        # Upcoming (and running) activities, and apart from them the latest past ones, marked as
        # past: a partner sees what to join and that the cluster is active abroad, never an old
        # trade fair as if it were to come (docs/decisions.md, "A person to call").
        activities=tuple(activity(cx, a) for a in upcoming[:3]),
        past_activities=tuple(activity(cx, a) for a in past[:2]),
        people=people(cx, here),
        atlas=atlas_download(cx, here),
        activities_link=v.Link(_("All international activities"), links.href(here, urls.INTERNATIONAL)),
        map=world_map(dict.fromkeys(located, "members"), {cc: t.country(cc) for cc in located}, region="marked") if located else None,
        map_label=_("Map of the countries where our members are based: {countries}").format(countries=t.list(t.country(cc) for cc in countries_sorted(list(located), t))),
    )
