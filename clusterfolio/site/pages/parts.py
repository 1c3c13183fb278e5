"""The partial builders: the pieces many pages show, each a function named for what it makes (a
member's card and avatar, the label badges, the ways to reach someone, an activity, a partner
cluster, the value chain's gaps). Pure: from the model and one language's context to views."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from babel.numbers import format_decimal

from ... import urls
from ...model import Activity, Label, LabelStatus, Member, Partner, Project
from .. import views as v
from ..markup import safe_url
from ..words import Words
from .context import Context

# Cards a country page shows per section before it links to the whole list (at most a page's worth).
COUNTRY_PREVIEW = 12


def country_preview(cx: Context) -> int:
    return min(COUNTRY_PREVIEW, cx.config.page_size)


def country_members(cx: Context, cc: str) -> str:
    """Where the directory's country filter leads without JavaScript: the complete list."""
    slugs = cx.ix.by_location.get(cc, [])
    return urls.country_list(cc, "located") if len(slugs) > country_preview(cx) else urls.country(cc)


def avatar_tone(slug: str) -> int:
    """Which of eight colours a member's lettered placeholder has: the same everywhere."""
    return int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 8


def initials(name: str) -> str:
    """Up to two letters for a name: its first words' initials."""
    words = [w for w in name.split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or name[:1].upper()


def avatar(here: str, slug: str, m: Member) -> v.Avatar:
    """The member's logo, or its initials on one of a few colours (the same for a member everywhere)."""
    logo = urls.to_site_root(here) + urls.member_logo(slug, m.logo) if m.logo else None
    return v.Avatar(logo, initials(m.name), avatar_tone(slug))


def card(cx: Context, here: str, slug: str, compact: bool = False, filterable: bool = False, note_for: str | None = None) -> v.Card:
    m, words, links = cx.project.members[slug], cx.words, cx.links
    return v.Card(
        href=links.href(here, urls.member(slug)),
        name=m.name,
        avatar=avatar(here, slug, m),
        type_label=words.member_type(m.type),
        city=m.city,
        country=cx.t.country(m.country),
        summary=None if compact else words.text(m.summary),
        # Links to the competences' pages (what a chip means without JavaScript); on the directory
        # the script makes them add their competence to the filter (docs/decisions.md, "A directory
        # that combines and shares").
        chips=() if compact else tuple(links.competence(here, c) for c in m.competences),
        # What the directory's script filters on (only the directory's cards need it).
        filters=(
            ("type", m.type), ("country", m.country),
            ("competences", " ".join(m.competences)), ("stages", " ".join(m.value_chain)),
        ) if filterable else (),
        compact=compact,
        note=words.text(m.market_note(note_for)) if note_for else None,
    )


def cards(cx: Context, here: str, slugs: Iterable[str], compact: bool = False, level: int = 3, searchable: bool = True,
          rows: bool = False, filterable: bool = False, note_for: str | None = None) -> v.Cards:
    """Member cards; their names are headings one level below the section they are in.
    `note_for`: a country whose market notes the cards show."""
    return v.Cards(tuple(card(cx, here, s, compact or rows, filterable, note_for) for s in slugs), level, searchable, rows)


def badge(cx: Context, here: str, label: Label, status: LabelStatus) -> v.Badge:
    words = cx.words
    scheme = cx.tax.label_schemes.get(label.scheme)
    level = scheme.level if scheme else "other"
    return v.Badge(
        href=cx.links.href(here, urls.LABEL),
        name=words.scheme(label.scheme),
        level=level,
        level_name=words.level(level),
        until=words._("valid until {date}").format(date=cx.t.date(label.valid_until)),
        status=status.slug,
        status_text=None if status is LabelStatus.VALID else words.status(status),
        valid_until=label.valid_until.isoformat(),
        seal=urls.to_site_root(here) + urls.seal(label.scheme, label.awarded.isoformat()),
    )


def badges(cx: Context, here: str) -> tuple[v.Badge, ...]:
    """The cluster's current labels."""
    return tuple(badge(cx, here, lab, s) for lab, s in cx.ix.current_labels)


def atlas_download(cx: Context, here: str) -> v.Download | None:
    """The link to this language's atlas with its size and pages, where the build made one."""
    printed, t = cx.atlas, cx.t
    if printed is None:
        return None
    megabytes = format_decimal(printed.size / 1_000_000, "#,##0.0", locale=t.locale)
    details = ", ".join(("PDF", t._("{size} MB").format(size=megabytes), t.ngettext("{n} page", "{n} pages", printed.pages).format(n=t.number(printed.pages))))
    return v.Download(t._("Competence atlas"), urls.relative(here, printed.path), details)


def contacts(words: Words, contact: Any, website: str | None = None) -> tuple[v.Link, ...]:
    """The ways to reach a member, the cluster or a person: e-mail, phone, contact form, website."""
    out = []
    if getattr(contact, "email", None):
        out.append(v.Link(contact.email, f"mailto:{contact.email}"))
    if getattr(contact, "phone", None):
        tel = "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
        out.append(v.Link(contact.phone, f"tel:{tel}"))
    if safe_url(getattr(contact, "contact_page", None)):
        out.append(v.Link(words._("Contact form"), contact.contact_page, external=True))
    if safe_url(website):
        out.append(v.Link(website.removeprefix("https://").rstrip("/"), website, external=True))  # type: ignore[union-attr]
    return tuple(out)


def _before_value(words: Words) -> tuple[str, str]:
    """The words before an e-mail address and a phone number ("Telefon: ", "Téléphone : "): the
    words and the typography before the value are the translators'."""
    return words._("E-mail: {value}").split("{value}")[0], words._("Phone: {value}").split("{value}")[0]


def address(cx: Context) -> v.Address:
    """The cluster's postal address and ways to reach it, from cluster.yml (the legal name first)."""
    c = cx.project.cluster
    lines = tuple(x for x in (
        c.contact.street, " ".join(x for x in (c.contact.postal_code, c.contact.city) if x), cx.t.country(c.country),
    ) if x)
    labels = dict(zip(("mailto:", "tel:"), _before_value(cx.words), strict=True))
    found = tuple(
        v.Labelled(next((label for scheme, label in labels.items() if (link.href or "").startswith(scheme)), ""), link)
        for link in contacts(cx.words, c.contact)
    )
    return v.Address(c.legal_name or c.contact.organisation or c.name, lines, found)


def people(cx: Context, here: str) -> tuple[v.Person, ...]:
    """The cluster's named contacts (cluster.yml `contacts`): role in this language, e-mail and
    phone as links, the languages they speak named in this language, photo or initials."""
    t, words = cx.t, cx.words
    email, phone = _before_value(words)
    out = []
    for p in cx.project.cluster.contacts:
        links = contacts(words, p)  # e-mail first, then phone, as in the address
        out.append(v.Person(
            name=p.name,
            role=words.text(p.role),
            contacts=tuple(v.Labelled(email if (link.href or "").startswith("mailto:") else phone, link) for link in links),
            languages=words._("Speaks {languages}").format(languages=t.list(t.language(code) for code in p.languages)) if p.languages else None,
            photo=urls.to_site_root(here) + urls.contact_photo(p.photo) if p.photo else None,
            initials=initials(p.name),
        ))
    return tuple(out)


def partner(cx: Context, p: Partner) -> v.Partner:
    t, words = cx.t, cx.words
    return v.Partner(
        name=v.Link(p.name, safe_url(p.website), external=True),
        where=", ".join(x for x in (p.city, t.country(p.country)) if x),
        since=words._("since {year}").format(year=p.since) if p.since else None,
        topics=t.list(words.competence(x) for x in p.topics) if p.topics else None,
    )


def activity(cx: Context, a: Activity) -> v.Activity:
    t, words = cx.t, cx.words
    when = t.interval(a.start, a.end)  # "15–17 avril 2026": what both dates share said once
    where = ", ".join(x for x in (a.city, t.country(a.country) if a.country else None) if x)
    level = words._("Cluster management") if a.level == "management" else words._("With members")
    return v.Activity(
        v.Link(a.name, safe_url(a.url), external=True), words.activity_kind(a.kind), level, when, where or None,
        words.text(a.description), a.start.isoformat(),
    )


def activities(project: Project, country: str | None = None) -> tuple[list[Activity], list[Activity]]:
    """The cluster's activities (in one country, if given) split on the build date: upcoming (and
    running) soonest first, past most recent first."""
    today = project.build_date
    items = [a for a in project.cluster.activities if country is None or a.country == country]
    upcoming = sorted((a for a in items if (a.end or a.start) >= today), key=lambda a: (a.start, a.name))
    past = sorted((a for a in items if (a.end or a.start) < today), key=lambda a: (a.start, a.name), reverse=True)
    return upcoming, past


def gaps(cx: Context, here: str) -> v.Gaps | None:
    """The value chain's empty cells, each with an e-mail to the cluster that offers to fill it."""
    c, words = cx.project.cluster, cx.words
    _ = words._
    if not cx.ix.gaps or not (c.contact.email or safe_url(c.contact.contact_page)):
        return None
    groups: dict[str, list[v.GapLink]] = {}
    for cid, sid in cx.ix.gaps:
        gap = f"{words.competence(cid)} – {words.stage(sid)}"
        if c.contact.email:
            subject = _("Partner for a gap in the value chain: {gap}").format(gap=gap)
            href = f"mailto:{c.contact.email}?subject={quote(subject, safe='')}"
        else:
            href = c.contact.contact_page  # type: ignore[assignment]
        label = _("Offer to fill the gap: {gap}").format(gap=gap)
        groups.setdefault(cid, []).append(v.GapLink(words.stage(sid), href, label, cid, sid))
    return v.Gaps(
        _("Partners wanted: open gaps in the value chain"),
        _("No member works on these competences at these stages yet. If your company or institute can, write to us: each link opens an e-mail that names the gap."),
        tuple(v.GapGroup(cx.links.competence(here, cid), tuple(links)) for cid, links in groups.items()),
    )
