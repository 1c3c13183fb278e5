"""Typed view models: what each template of theme/templates/ receives.

Page builders (pages.py) fill these from the model, one language at a time: every text is
already translated and formatted, every link already resolved. Templates only arrange them,
and call no Python. The only HTML inside a view is `Text.html`, the sanitised rendering of
restricted Markdown (markup.py); everything else is plain text that the templates escape.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from .qr import QrCode


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None = None  # None: shown as plain text
    external: bool = False
    lang: str | None = None  # for links whose text is in another language (language names)


@dataclass(frozen=True)
class Text:
    """A translatable text in the page's language, or in a fallback language with a notice."""

    text: str
    lang: str | None = None  # set only when the text is not in the page's language
    notice: str | None = None  # "Not available in English; shown in German."
    html: Markup | None = None  # restricted Markdown, rendered and sanitised


@dataclass(frozen=True)
class TextList:
    """A translatable list of short texts (offers)."""

    items: tuple[str, ...]
    lang: str | None = None
    notice: str | None = None


@dataclass(frozen=True)
class Fact:
    """A term and its description (a <dt>/<dd> pair)."""

    term: str
    text: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Badge:
    """A label seal in the header, hero or footer: shown only while the label is current."""

    href: str
    name: str
    level: str  # bronze, silver, gold, regional, national, other
    level_name: str
    until: str  # "valid until 14 January 2027"
    status: str  # valid, expiring, ...
    status_text: str | None  # shown unless plainly valid
    valid_until: str  # ISO date, for the page's own clock check
    seal: str  # the label's seal image, relative to the page


@dataclass(frozen=True)
class LabelCard:
    name: str
    seal: str
    status: str
    status_text: str
    facts: tuple[Fact, ...]  # level, issuer, awarded, valid until
    proofs: tuple[Fact, ...]  # certificate, verification
    about: Text | None
    valid_until: str


@dataclass(frozen=True)
class Avatar:
    """A member's logo, or a lettered placeholder in one of a few colours."""

    logo: str | None  # relative to the page
    initials: str
    tone: int  # 0-7: which placeholder colour


@dataclass(frozen=True)
class Card:
    """A member in a listing."""

    href: str
    name: str
    avatar: Avatar
    type_label: str
    city: str
    country: str
    summary: Text | None
    chips: tuple[Link, ...]  # competences, to their pages (on the directory the script makes them filter)
    filters: tuple[tuple[str, str], ...]  # data-* attributes for the instant filters
    compact: bool = False
    note: Text | None = None  # on a country's page: the member's note on that market


@dataclass(frozen=True)
class Cards:
    items: tuple[Card, ...]
    level: int = 3  # heading level of the member names
    searchable: bool = True  # False: search finds these texts on the member pages instead
    rows: bool = False  # a compact list (name, type, place) instead of cards: long listings stay small


@dataclass(frozen=True)
class FilterOption:
    value: str
    label: str
    href: str  # the page that lists the members with this value (the filter without JavaScript)


@dataclass(frozen=True)
class Filter:
    name: str  # competences, type, country, stages: the card attribute it filters on
    label: str
    options: tuple[FilterOption, ...]
    param: str  # competence, type, country, stage: its name in the directory's URL query (?competence=…)


@dataclass(frozen=True)
class Partner:
    name: Link
    where: str
    since: str | None
    topics: str | None


@dataclass(frozen=True)
class Activity:
    name: Link
    kind: str
    level: str  # "Cluster management" or "With members"
    when: str
    where: str | None
    description: Text | None
    start: str  # ISO date


@dataclass(frozen=True)
class Market:
    """A country a member is active in, and its note on it."""

    country: Link
    note: Text | None = None


@dataclass(frozen=True)
class GapLink:
    """A value-chain stage where no member works on a competence, and the e-mail that offers to fill it."""

    text: str  # the stage
    href: str  # mailto: with the gap in the subject (or the contact page)
    label: str  # the link's accessible name: "Offer to fill the gap: Laser systems, Distribution"
    competence: str  # ids, for the page's readers and tests
    stage: str


@dataclass(frozen=True)
class GapGroup:
    competence: Link
    stages: tuple[GapLink, ...]


@dataclass(frozen=True)
class Gaps:
    title: str
    intro: str
    groups: tuple[GapGroup, ...]


@dataclass(frozen=True)
class Section:
    """A titled part of a page; templates leave it out when it has nothing to show."""

    id: str
    title: str


# --- pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FocusCard:
    link: Link
    description: Text | None
    members: str  # "12 members"


@dataclass(frozen=True)
class HomeView:
    name: str
    logo: str | None
    tagline: Text | None
    summary: Text | None
    badges: tuple[Badge, ...]
    figures: tuple[Fact, ...]
    types: tuple[str, ...]
    focus: tuple[FocusCard, ...]
    description: Text | None
    call_to_action: Link
    contact_action: Link | None
    contacts: tuple[Link, ...]
    activities: tuple[Activity, ...]  # upcoming (and running) ones, soonest first
    activities_link: Link
    map: Any = None  # worldmap.WorldMap of where members are
    map_label: str = ""
    logo_width: int | None = None  # the logo's width at logo_height pixels high
    logo_height: int = 100
    past_activities: tuple[Activity, ...] = ()  # the latest past ones, shown apart and marked past
    people: tuple[Person, ...] = ()  # the named contacts, in "Get in touch"


@dataclass(frozen=True)
class Pagination:
    """Where a page is in a listing that spans several pages; plain links, no script needed."""

    label: str  # the navigation's accessible name
    status: str  # "Page 2 of 9"
    previous: Link | None
    next: Link | None
    pages: tuple[Link | None, ...]  # numbered pages around the current one; None: a gap
    current: int


@dataclass(frozen=True)
class DirectoryView:
    title: str
    filter_label: str
    filters: tuple[Filter, ...]
    count_template: str
    cards: Cards
    total: int  # members in the whole directory
    index: str  # the compact member index the filters load when the list spans several pages
    root: str  # the site root, relative to the page (logos of cards the script draws)
    members: str  # the directory's first page, relative to this one (member links the script draws)
    more: str  # "Show more"
    pagination: Pagination | None = None
    count: str = ""  # count_template filled for this page as it first shows (the script keeps it current)
    reset: str = ""  # "Reset filters"
    chosen: str = ""  # "Chosen: {n}", beside a facet's name for screen readers (the script fills it in)


@dataclass(frozen=True)
class Phrase:
    """A sentence with one link in it: the words before the link, the link, the words after."""

    before: str
    link: Link
    after: str = ""


@dataclass(frozen=True)
class ContactLine:
    """A way to reach a member, and what paper shows for it where the link's text does not say it."""

    link: Link
    printed: str = ""  # a contact form's host and path: "Contact form" alone leads nowhere on paper


@dataclass(frozen=True)
class PrintSheet:
    """The printed member page's letterhead (docs/decisions.md, "The printed member page"): whose
    sheet it is, where it lives online, and the day its facts were true."""

    cluster: str  # the cluster's name
    logo: str | None  # the cluster's logo, relative to the page: the header's file, fetched once
    logo_width: int | None
    logo_height: int
    online: str  # "This profile online"
    address: str  # the page's URL as a reader types it: host and path ('' where the site has no site_url)
    qr: QrCode | None  # the page's URL to scan (None where the site has no site_url)
    as_of: str  # "Status on 26 November 2026."


@dataclass(frozen=True)
class MemberView:
    name: str
    avatar: Avatar
    logo_alt: str
    chips: tuple[Link, ...]  # competences
    action: Link | None  # the main way to get in touch
    member_of: Phrase  # "Member of <cluster> — the cluster holds these quality labels:", the name linked to the cluster's home
    badges: tuple[Badge, ...]  # the cluster's current labels
    type_label: str
    city: str
    country: Link
    employees: str | None  # "50–249 employees" (the data's band "50-249" with an en dash)
    founded: str | None  # "founded 1994"
    summary: Text | None
    description: Text | None
    competences: tuple[Link, ...]
    stages: tuple[Link, ...]
    offers: TextList | None
    seeks: Text | None
    seeks_facts: tuple[Fact, ...]
    markets: tuple[Market, ...]
    details: tuple[Fact, ...]
    contacts: tuple[ContactLine, ...]
    search_filters: tuple[tuple[str, str], ...]  # (filter name, value) for Pagefind
    sheet: PrintSheet | None = None  # what only the printed page shows


@dataclass(frozen=True)
class GroupView:
    title: str
    items: tuple[tuple[Link, str], ...]  # (competence, member count)


@dataclass(frozen=True)
class CompetencesView:
    title: str
    intro: str
    groups: tuple[GroupView, ...]


@dataclass(frozen=True)
class ListingView:
    """One competence, stage, member type, value-chain cell or country list and its members."""

    title: str
    description: Text | None
    cards: Cards
    empty: str
    weighted: bool = False  # competence pages weigh less in search than the members they list
    pagination: Pagination | None = None
    count: str = ""  # "12 members"
    heading: str = ""  # the list's heading, when the page has more than the list
    up: Link | None = None  # back to the page this list belongs to (a country's lists)


@dataclass(frozen=True)
class MatrixCell:
    count: str | None  # None: a gap
    href: str | None  # the members of this cell
    label: str  # accessible name: "3 members: Laser systems, Production"


@dataclass(frozen=True)
class MatrixRow:
    competence: Link
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class ValueChainView:
    title: str
    intro: str
    corner: str
    stages: tuple[Link, ...]
    rows: tuple[MatrixRow, ...]
    gap: str
    gaps: Gaps | None = None


@dataclass(frozen=True)
class CountriesView:
    title: str
    intro: str
    countries: tuple[Link, ...]
    map: Any = None  # worldmap.WorldMap
    map_label: str = ""
    legend: tuple[tuple[str, str], ...] = ()  # (mark, what it means)


@dataclass(frozen=True)
class CountrySection:
    """Members of the cluster in one relation to a country: the first few, and the way to all."""

    id: str  # located, active, seeking
    title: str
    cards: Cards
    more: Link | None  # "All 245 members based in Germany", when not all fit


@dataclass(frozen=True)
class CountryView:
    title: str
    target: str | None
    partners: tuple[Partner, ...]
    sections: tuple[CountrySection, ...]
    note: Text | None = None  # the cluster management's note on the country
    upcoming: tuple[Activity, ...] = ()  # the cluster's activities in the country
    past: tuple[Activity, ...] = ()
    gaps: Link | None = None  # on a target market's page: the way to the value chain's open gaps


@dataclass(frozen=True)
class InternationalView:
    title: str
    eccp: Link | None
    partners: tuple[Partner, ...]
    markets: tuple[Link, ...]
    upcoming: tuple[Activity, ...]  # soonest first
    past: tuple[Activity, ...]  # most recent first
    calendar: Link | None  # the iCalendar feed


@dataclass(frozen=True)
class LabelView:
    title: str
    as_of: str
    current: tuple[LabelCard, ...]
    upcoming: tuple[LabelCard, ...]
    history: tuple[LabelCard, ...]
    none_current: str
    expired: str  # the status word the page's script writes once the visitor's clock passes a label's end


# Where a content page's `{{ contact }}` line stood, in the HTML mkdocs makes (site/content.py).
CONTACT_MARK = "<!-- clusterfolio:contact -->"


@dataclass(frozen=True)
class Labelled:
    """A link with the words before it ("Telefon: ")."""

    label: str
    link: Link


@dataclass(frozen=True)
class Address:
    """Who the cluster is and how to reach it, from cluster.yml: on the imprint and contact pages."""

    name: str
    lines: tuple[str, ...]  # street, postal code and city, country
    contacts: tuple[Labelled, ...]  # e-mail, phone, contact page


@dataclass(frozen=True)
class Person:
    """A named contact from cluster.yml: on the contact page and the home page."""

    name: str
    role: Text | None  # in the page's language, or a fallback with its notice
    contacts: tuple[Labelled, ...]  # e-mail and phone, with the words before them
    languages: str | None  # "Spricht Deutsch und Englisch": the languages named in the page's language
    photo: str | None  # relative to the page
    initials: str  # shown where there is no photo


@dataclass(frozen=True)
class ContentView:
    """A hand-written page; its HTML comes from mkdocs' Markdown (the managers' trusted text)."""

    lang: str | None = None  # set when the page is shown in another language
    notice: str | None = None
    contact: Address | None = None  # where the page's `{{ contact }}` line stood
    people: tuple[Person, ...] = ()  # on the contact page: the named contacts, below the address


# --- around every page --------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternate:
    lang: str
    href: str


@dataclass(frozen=True)
class Brand:
    """The cluster's colours, as CSS values (checked: hex colours, contrast computed)."""

    primary: str
    on_primary: str
    accent: str
    on_accent: str


@dataclass(frozen=True)
class Icons:
    ico: str  # relative to the page
    png: str
    svg: str | None
    touch: str


@dataclass(frozen=True)
class Head:
    """Everything page-specific in <head>."""

    title: str
    description: str
    canonical: str
    alternates: tuple[Alternate, ...]
    meta: tuple[tuple[str, str], ...]  # OpenGraph (property, content)
    twitter: tuple[tuple[str, str], ...]  # (name, content)
    jsonld: tuple[Markup, ...]  # serialised, safe inside <script>
    icons: Icons | None = None
    brand: Brand | None = None
    noindex: bool = False
    prev: str | None = None  # paginated listings: the neighbouring pages
    next: str | None = None


@dataclass(frozen=True)
class NavItem:
    link: Link
    current: bool


@dataclass(frozen=True)
class Header:
    """The top of every page: the cluster's mark, the main navigation, search and languages."""

    home: str
    name: str
    logo: str | None  # the cluster's logo, relative to the page
    nav: tuple[NavItem, ...]
    languages: tuple[NavItem, ...]  # the same page in every language
    search_bundle: str  # the language's Pagefind folder, relative to the page
    search_shards: int = 1  # bundles pagefind/, pagefind-2/ … next to it
    preview: bool = False  # a pull request's preview opened from disk: a banner, and a note instead of search
    logo_width: int | None = None  # the logo's width at logo_height pixels high
    logo_height: int = 48


@dataclass(frozen=True)
class Footer:
    label: str  # the legal links' navigation label
    links: tuple[Link, ...]  # imprint, privacy
    badges: tuple[Badge, ...]
    name: str = ""
    address: tuple[str, ...] = ()
    contacts: tuple[Link, ...] = ()
    more: tuple[Link, ...] = ()  # open data, the cluster's website


@dataclass(frozen=True)
class Page:
    """One page of one language: where it goes, what it says, and how to find it."""

    path: str  # '' (home), 'members/', 'members/<slug>/' …
    kind: str  # the template: home, directory, member, competence, …
    title: str
    description: str
    build: Callable[[], Any]  # makes the view when the page is rendered: views are many, not kept
    nav: bool = False  # in the main navigation
    search: bool = False  # in the search index
    trail: tuple[tuple[str, str], ...] = ()  # breadcrumbs: (title, path) after the home page
    jsonld: Callable[[], tuple[dict[str, Any], ...]] = tuple  # structured data, made when rendered
    image: str | None = None  # site-root path of the page's OpenGraph image
    source: str | None = None  # content pages: the Markdown text
    extra: dict[str, Any] = field(default_factory=dict)
    prev_next: tuple[str | None, str | None] = (None, None)  # paginated listings: neighbour paths

    @property
    def view(self) -> Any:
        """The page's view model, made anew."""
        return self.build()


@dataclass(frozen=True)
class Message:
    lang: str
    text: str
    heading: str | None = None  # the 404 page's "Page not found", in this message's language


@dataclass(frozen=True)
class RootView:
    """The language chooser at the site root, and the 404 page (root.html)."""

    lang: str
    title: str
    name: str
    description: str | None
    alternates: tuple[Alternate, ...]
    messages: tuple[Message, ...]
    languages: tuple[Link, ...]
    language_codes: tuple[str, ...]
    default: str
    choose_language: bool  # the root redirects to the browser's language; the 404 page does not
    noindex: bool
    preview: str | None = None  # a pull request's preview: the banner's text
    index: str = ""  # what links to a language's home end with: 'index.html' in a preview opened from disk


@dataclass(frozen=True)
class NotFoundView:
    """What a language's 404 page says (<lang>/404.html, site/not-found.html) inside its header and footer."""

    title: str
    text: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    alternates: tuple[Alternate, ...]


@dataclass(frozen=True)
class Seal:
    """A label's seal image (site/seal.svg)."""

    label: str  # the accessible name: the scheme's name
    years: str  # "2026–2028"
    edge: str  # colours by level
    face: str
    ink: str
    points: tuple[int, ...]  # angles of the rosette's bumps
