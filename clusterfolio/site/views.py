"""Typed view models: what the templates of theme/templates/ receive. Here: the pieces many pages
show (links, texts, cards, badges …), the frame around every page (head, header, footer), the
page itself (`Page`) and the root files; each page family's own view is beside its builder in
pages/ (a HomeView in pages/home.py), as a template struct beside its template.

Page builders (pages/) fill these from the model, one language at a time: every text is
already translated and formatted, every link already resolved. Templates only arrange them,
and call no Python. The only HTML inside a view is `Text.html`, the sanitised rendering of
restricted Markdown (markup.py); everything else is plain text that the templates escape.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from .kinds import FactsKind

# The cluster's logo is drawn this many pixels high: in the header and on the printed sheet (CSS
# shows it 2.4rem high), and on the home page; its width follows from its proportions.
LOGO_HEIGHT = 48
HERO_LOGO_HEIGHT = 100


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
class Download:
    """A file the site publishes beside its pages (the atlas PDF): its link and what it is."""

    text: str  # "Competence atlas"
    href: str  # relative to the page
    details: str  # "PDF, 1.2 MB, 38 pages"


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


# --- pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pagination:
    """Where a page is in a listing that spans several pages; plain links, no script needed."""

    label: str  # the navigation's accessible name
    status: str  # "Page 2 of 9"
    previous: Link | None
    next: Link | None
    pages: tuple[Link | None, ...]  # numbered pages around the current one; None: a gap
    current: int


# Where a content page's `{{ contact }}` line stood, in the HTML mkdocs makes (site/pages/content.py).
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
    noindex: bool = False
    prev: str | None = None  # paginated listings: the neighbouring pages
    next: str | None = None
    feeds: tuple[Link, ...] = ()  # Atom feeds of the page (<link rel="alternate" type="application/atom+xml">)
    catalogues: tuple[tuple[str, Link], ...] = ()  # the home page's DCAT-AP catalogue: (media type, link)


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
    logo_height: int = LOGO_HEIGHT


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
    kind: FactsKind  # what differs between kinds (template, navigation, search, frame): kinds.py; a site's or the portal's
    title: str
    description: str
    build: Callable[[], Any]  # makes the view when the page is rendered: views are many, not kept
    # False: a listing's later page, reached through its first: not in the navigation, not searched.
    first: bool = True
    in_nav: bool = True  # False: a page of a navigation kind that only the footer links (imprint, privacy)
    trail: tuple[tuple[str, str], ...] = ()  # breadcrumbs: (title, path) after the home page
    jsonld: Callable[[], tuple[dict[str, Any], ...]] = tuple  # structured data, made when rendered
    image: str | None = None  # site-root path of the page's OpenGraph image
    source: str | None = None  # content pages: the Markdown text
    prev_next: tuple[str | None, str | None] = (None, None)  # paginated listings: neighbour paths

    @property
    def nav(self) -> bool:
        """In the main navigation: its kind has a place there."""
        return self.kind.nav is not None and self.first and self.in_nav

    @property
    def search(self) -> bool:
        """In the search index: its kind is searched."""
        return self.kind.search and self.first

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
