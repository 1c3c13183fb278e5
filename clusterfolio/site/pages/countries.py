"""The countries and international pages: the world map, each country's ties to the cluster (and
the complete lists of its members where a country page shows the first few), partner clusters,
target markets and activities abroad."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ... import urls
from ...i18n import countries_sorted
from .. import views as v
from ..kinds import Kind
from ..markup import safe_url
from ..worldmap import world_map
from .context import Context
from .listings import listing
from .parts import activities, activity, cards, country_preview, gaps, partner

# The marks of the world map, the strongest tie first.
MARKS = ("members", "partners", "target", "other")


@dataclass(frozen=True)
class CountriesView:
    title: str
    intro: str
    countries: tuple[v.Link, ...]
    map: Any = None  # worldmap.WorldMap
    map_label: str = ""
    legend: tuple[tuple[str, str], ...] = ()  # (mark, what it means)


@dataclass(frozen=True)
class CountrySection:
    """Members of the cluster in one relation to a country: the first few, and the way to all."""

    id: str  # located, active, seeking
    title: str
    cards: v.Cards
    more: v.Link | None  # "All 245 members based in Germany", when not all fit


@dataclass(frozen=True)
class CountryView:
    title: str
    target: str | None
    partners: tuple[v.Partner, ...]
    sections: tuple[CountrySection, ...]
    note: v.Text | None = None  # the cluster management's note on the country
    upcoming: tuple[v.Activity, ...] = ()  # the cluster's activities in the country
    past: tuple[v.Activity, ...] = ()
    gaps: v.Link | None = None  # on a target market's page: the way to the value chain's open gaps


@dataclass(frozen=True)
class InternationalView:
    title: str
    eccp: v.Link | None
    partners: tuple[v.Partner, ...]
    markets: tuple[v.Link, ...]
    upcoming: tuple[v.Activity, ...]  # soonest first
    past: tuple[v.Activity, ...]  # most recent first
    calendar: v.Link | None  # the iCalendar feed
    feed: v.Link | None = None  # the Atom feed of the same activities (feeds.py)


def countries(cx: Context) -> v.Page:
    _ = cx.t._
    return v.Page(urls.COUNTRIES, Kind.COUNTRIES, _("Countries"), _("The cluster's members and partners by country"), lambda: countries_view(cx))


def countries_view(cx: Context) -> CountriesView:
    t, c, ix, here = cx.t, cx.project.cluster, cx.ix, urls.COUNTRIES
    _ = t._
    # One mark per listed country, the strongest tie first: members based there, partner clusters,
    # target markets, then any other (members active or looking for partners there, activities).
    marks: dict[str, str] = dict.fromkeys(ix.countries, "other")
    marks.update(dict.fromkeys(c.target_markets, "target"))
    marks.update({p.country: "partners" for p in c.partners})
    marks.update(dict.fromkeys(ix.by_location, "members"))
    meaning = {"members": _("Members based here"), "partners": _("Partner clusters"), "target": _("Target markets"),
               "other": _("Other ties to the cluster")}
    return CountriesView(
        _("Countries"),
        _("Every country where the cluster, its members or its partners are present or active."),
        tuple(cx.links.country(here, cc) for cc in countries_sorted(ix.countries, t)),
        # Each mark links to its country's page, named by the country (the list below says the same).
        map=world_map(marks, {cc: t.labelled(t.country(cc), meaning[mark]) for cc, mark in marks.items()},
                      links={cc: (cx.links.href(here, urls.country(cc)), t.country(cc)) for cc in marks}),
        map_label=_("World map. {legend}").format(legend="; ".join(
            t.labelled(meaning[mark], t.list(t.country(cc) for cc in countries_sorted([k for k, m in marks.items() if m == mark], t)))
            for mark in MARKS if mark in marks.values()
        )),
        legend=tuple((mark, meaning[mark]) for mark in MARKS if mark in marks.values()),
    )


def country_sections(cx: Context, cc: str) -> list[tuple[str, str, str, list[str]]]:
    """(section id, heading, "all …" link text, member slugs) for each relation of members to a country."""
    _, ix = cx.t._, cx.ix
    return [
        ("located", _("Members based here"), _("{country}: all {n} members based there"), ix.by_location.get(cc, [])),
        ("active", _("Members active here"), _("{country}: all {n} members active there"), ix.by_market.get(cc, [])),
        ("seeking", _("Members looking for partners here"), _("{country}: all {n} members looking for partners there"), ix.by_sought_country.get(cc, [])),
    ] if cx.t.country(cc) else []


def country_cards(cx: Context, here: str, cc: str, section: str, slugs: list[str]) -> v.Cards:
    """A country section's cards: members active there show their note on the market, members
    looking for partners there what they look for (the requests a partner from there can answer)."""
    # Search finds the members on their own pages: here their names would outrank them.
    shown = cards(cx, here, slugs, compact=True, note_for=cc if section == "active" else None, searchable=False)
    if section != "seeking":
        return shown
    members = cx.project.members
    return replace(shown, items=tuple(
        replace(card, note=cx.words.text(members[slug].seeks.text) if members[slug].seeks else None)
        for card, slug in zip(shown.items, slugs, strict=True)
    ))


def country(cx: Context, cc: str) -> list[v.Page]:
    """A country's page, and the complete lists of its members where the page shows only the first few."""
    _, here = cx.t._, urls.country(cc)
    name = cx.t.country(cc)
    trail = cx.links.trail((_("Countries"), urls.COUNTRIES), (name, here))
    pages = [v.Page(here, Kind.COUNTRY, name, _("The cluster and {country}").format(country=name), lambda: country_view(cx, cc), trail=trail)]
    for section, heading, _more, slugs in country_sections(cx, cc):
        if len(slugs) > country_preview(cx):
            base = urls.country_list(cc, section)
            title = cx.t.labelled(name, heading)
            pages += listing(cx, base, Kind.COUNTRY_LIST, slugs, title, None, _("No member yet."), (*trail, (title, base)),
                             level=2, compact=True, up=v.Link(name, here), note_for=cc if section == "active" else None)
    return pages


def country_view(cx: Context, cc: str) -> CountryView:
    t, words, c, here = cx.t, cx.words, cx.project.cluster, urls.country(cc)
    _, name, shown = t._, t.country(cc), country_preview(cx)
    sections = tuple(
        CountrySection(
            section, heading, country_cards(cx, here, cc, section, slugs[:shown]),
            v.Link(more.format(n=t.number(len(slugs)), country=name), cx.links.href(here, urls.country_list(cc, section))) if len(slugs) > shown else None,
        )
        for section, heading, more, slugs in country_sections(cx, cc) if slugs
    )
    upcoming, past = activities(cx.project, country=cc)
    return CountryView(
        title=name,
        target=_("This country is a target market of the cluster's internationalisation strategy.") if cc in c.target_markets else None,
        partners=tuple(partner(cx, p) for p in c.partners if p.country == cc),
        sections=sections,
        note=words.text(cx.project.country_notes.get(cc), markdown=True),
        upcoming=tuple(activity(cx, a) for a in upcoming),
        past=tuple(activity(cx, a) for a in past),
        # The value chain's gaps are not this country's: a target market's page only points to them
        # (docs/decisions.md, "Partners wanted on a country page").
        gaps=v.Link(_("Open gaps in the value chain: the cluster looks for partners to fill them"),
                    cx.links.href(here, urls.VALUE_CHAIN) + "#gaps") if cc in c.target_markets and gaps(cx, here) else None,
    )


def international(cx: Context) -> v.Page:
    _ = cx.t._
    return v.Page(urls.INTERNATIONAL, Kind.INTERNATIONAL, _("International"), _("Partner clusters, target markets and international activities"),
                  lambda: international_view(cx))


def international_view(cx: Context) -> InternationalView:
    t, c, here = cx.t, cx.project.cluster, urls.INTERNATIONAL
    _ = t._
    upcoming, past = activities(cx.project)
    eccp = safe_url(c.eccp_profile)
    return InternationalView(
        title=_("International"),
        eccp=v.Link(_("Our profile on the European Cluster Collaboration Platform"), eccp, external=True) if eccp else None,
        partners=tuple(partner(cx, p) for p in sorted(c.partners, key=lambda p: t.sort_key(p.name))),
        markets=tuple(cx.links.country(here, cc) for cc in countries_sorted(c.target_markets, t)),
        upcoming=tuple(activity(cx, a) for a in upcoming),
        past=tuple(activity(cx, a) for a in past),
        calendar=v.Link(_("Add the activities to your calendar (iCalendar)"), urls.CALENDAR) if c.activities else None,
        feed=v.Link(_("Follow the activities in a feed reader (Atom)"), urls.ACTIVITIES_FEED) if c.activities else None,
    )
