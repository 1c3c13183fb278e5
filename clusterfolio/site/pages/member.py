"""A member's page: the same sections in the same order for every member (SPEC §4), and what
only its printed sheet shows."""
from __future__ import annotations

from dataclasses import dataclass

from ... import urls
from ...i18n import countries_sorted
from ...model import Member
from .. import structured
from .. import views as v
from ..kinds import Kind
from ..markup import safe_url
from ..qr import QrCode, qr_code
from .context import Context
from .embeds import Snippet, member_snippet
from .parts import avatar, badges, contacts


@dataclass(frozen=True)
class TextList:
    """A translatable list of short texts (offers)."""

    items: tuple[str, ...]
    lang: str | None = None
    notice: str | None = None


@dataclass(frozen=True)
class Market:
    """A country a member is active in, and its note on it."""

    country: v.Link
    note: v.Text | None = None


@dataclass(frozen=True)
class Phrase:
    """A sentence with one link in it: the words before the link, the link, the words after."""

    before: str
    link: v.Link
    after: str = ""


@dataclass(frozen=True)
class ContactLine:
    """A way to reach a member, and what paper shows for it where the link's text does not say it."""

    link: v.Link
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
class FilterNames:
    """The names of the search's filters, in the page's language. Pagefind takes each filter's value
    from the text of the element that names it: the member type, the country link, the competence
    and stage links the reader sees (no hidden copy of them: ~480 bytes on each member page)."""

    competence: str
    member_type: str
    country: str
    stage: str


@dataclass(frozen=True)
class MemberView:
    name: str
    avatar: v.Avatar
    logo_alt: str
    chips: tuple[v.Link, ...]  # competences
    action: v.Link | None  # the main way to get in touch
    member_of: Phrase  # "Member of <cluster> — the cluster holds these quality labels:", the name linked to the cluster's home
    badges: tuple[v.Badge, ...]  # the cluster's current labels
    type_label: str
    city: str
    country: v.Link
    employees: str | None  # "50–249 employees" (the data's band "50-249" with an en dash)
    founded: str | None  # "founded 1994"
    summary: v.Text | None
    description: v.Text | None
    competences: tuple[v.Link, ...]
    stages: tuple[v.Link, ...]
    offers: TextList | None
    seeks: v.Text | None
    seeks_facts: tuple[v.Fact, ...]
    markets: tuple[Market, ...]
    details: tuple[v.Fact, ...]
    contacts: tuple[ContactLine, ...]
    filters: FilterNames  # the search's filters, set on the elements that show their values
    sheet: PrintSheet | None = None  # what only the printed page shows
    embed: Snippet | None = None  # the badge's HTML for the member's own site (embeds.py)


def typed(url: str | None) -> str:
    """A web address as a reader types it from paper: host and path, without the scheme."""
    return (url or "").removeprefix("https://").removeprefix("http://").rstrip("/")


def member_of(cx: Context, here: str) -> Phrase:
    """The line above the cluster's badges on a member page: they are the cluster's labels, not the
    member's certificates (issue 24: on paper they read as the company's own)."""
    _, name = cx.t._, cx.project.cluster.name
    words = _("Member of {cluster} — the cluster holds these quality labels:") if cx.ix.current_labels else _("Member of {cluster}")
    before, _sep, after = words.partition("{cluster}")
    return Phrase(before, v.Link(name, cx.links.href(here, urls.HOME)), after)


def print_sheet(cx: Context, here: str) -> PrintSheet:
    """The printed member page's letterhead: the cluster, the page's address as text and as a QR code
    drawn at build time, and the build date. Without site_url the page has no address to print."""
    c, url = cx.project.cluster, urls.absolute(cx.config.site_url, cx.lang, here) if cx.config.site_url else ""
    return PrintSheet(
        cluster=c.name,
        logo=f"{urls.to_site_root(here)}{urls.cluster_logo(c.logo)}" if c.logo else None,
        logo_width=cx.logo_width,
        logo_height=v.LOGO_HEIGHT,
        online=cx.t._("This profile online"),
        address=typed(url),
        qr=qr_code(url) if url else None,
        as_of=cx.t._("Status on {date}.").format(date=cx.t.date(cx.project.build_date)),
    )


def member(cx: Context, slug: str) -> v.Page:
    m: Member = cx.project.members[slug]
    here = urls.member(slug)
    return v.Page(
        here, Kind.MEMBER, m.name, cx.words.plain(m.summary), lambda: member_view(cx, slug, m),
        trail=cx.links.trail((cx.t._("Members"), urls.MEMBERS), (m.name, here)),
        jsonld=lambda: (structured.member(cx.config, cx.project, cx.lang, slug, m, cx.board_pages),),
        image=urls.member_og_image(slug, m.logo) if m.logo else None,
    )


def seeks_facts(cx: Context, here: str, m: Member) -> tuple[v.Fact, ...]:
    """Whom the member looks for: partner types and countries."""
    t, _ = cx.t, cx.t._
    facts = []
    if m.seeks and m.seeks.partner_types:
        facts.append(v.Fact(t.npgettext("request", "Partner type", "Partner types", len(m.seeks.partner_types)), t.list(cx.words.member_type(p) for p in m.seeks.partner_types)))
    if m.seeks and m.seeks.countries:
        facts.append(v.Fact(t.npgettext("request", "Country", "Countries", len(m.seeks.countries)), links=tuple(cx.links.country(here, cc) for cc in countries_sorted(m.seeks.countries, t))))
    return tuple(facts)


def details(cx: Context, m: Member) -> tuple[v.Fact, ...]:
    """Working languages, certifications, member since."""
    t, _ = cx.t, cx.t._
    facts = []
    if m.languages:
        facts.append(v.Fact(_("Working languages"), t.list(t.language(code) for code in m.languages)))
    if m.certifications:
        facts.append(v.Fact(_("Certifications"), t.list(m.certifications)))
    if m.member_since:
        facts.append(v.Fact(_("Member since"), str(m.member_since)))
    return tuple(facts)


def action(cx: Context, m: Member) -> v.Link | None:
    """The main way to get in touch: an e-mail, else the contact form."""
    if m.contact.email:
        return v.Link(cx.t._("Contact {name}").format(name=m.name), f"mailto:{m.contact.email}")
    if safe_url(m.contact.contact_page):
        return v.Link(cx.t._("Contact {name}").format(name=m.name), m.contact.contact_page, external=True)
    return None


def member_view(cx: Context, slug: str, m: Member) -> MemberView:
    t, words, links, here = cx.t, cx.words, cx.links, urls.member(slug)
    _ = t._
    offers = t.text(m.offers)
    return MemberView(
        name=m.name,
        avatar=avatar(here, slug, m),
        logo_alt=_("Logo of {name}").format(name=m.name),
        chips=tuple(links.competence(here, c) for c in m.competences),
        action=action(cx, m),
        member_of=member_of(cx, here),
        badges=badges(cx, here),
        type_label=words.member_type(m.type),
        city=m.city,
        country=links.country(here, m.country),
        employees=_("{band} employees").format(band=t.band(m.employees)) if m.employees else None,
        founded=_("founded {year}").format(year=m.founded) if m.founded else None,
        summary=words.text(m.summary),
        description=words.text(m.description, markdown=True),
        competences=tuple(links.competence(here, c) for c in m.competences),
        stages=tuple(links.stage(here, s) for s in m.value_chain),
        offers=TextList(tuple(offers.text), offers.lang if offers.fallback else None, words.notice(offers.lang) if offers.fallback else None) if offers and offers.text else None,
        seeks=words.text(m.seeks.text) if m.seeks else None,
        seeks_facts=seeks_facts(cx, here, m),
        markets=tuple(Market(links.country(here, cc), words.text(m.market_note(cc))) for cc in countries_sorted(m.markets, t)),
        details=details(cx, m),
        # On paper a link is its text: a web address whose text does not say it prints its host and path.
        contacts=tuple(ContactLine(link, typed(link.href) if link.external and link.text != typed(link.href) else "")
                       for link in contacts(words, m.contact, m.website)),
        filters=FilterNames(_("Competence"), _("Member type"), _("Country"), _("Value-chain stage")),
        sheet=print_sheet(cx, here),
        embed=member_snippet(cx, slug),
    )
