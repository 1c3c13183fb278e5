"""The atlas's parts from the model, one language at a time: pure functions from the site's
Context (its Translator, Words and their fallback notices) to the views of atlas/views.py."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from .. import urls
from ..i18n import countries_sorted
from ..model import LabelStatus, Member
from ..site import views as v
from ..site.head import brand
from ..site.markup import safe_url
from ..site.pages.context import Context
from ..site.pages.home import figures
from ..site.pages.member import typed
from ..site.pages.parts import address, initials, partner, people
from ..site.qr import qr_code
from ..site.worldmap import world_map
from . import views as a

COVER, CONTENTS, CLUSTER, MATRIX, MEMBERS = "cover", "contents", "cluster", "value-chain", "members"
INDEXES = ("index-competences", "index-stages", "index-countries")


def anchor(slug: str) -> str:
    """A member page's id in the atlas."""
    return f"member-{slug}"


def image(logos: Mapping[str, str], key: str, alt: str) -> a.Image | None:
    """A logo as the atlas embeds it (a data: address), if the build has one for it (a logo left out stays out)."""
    src = logos.get(key)
    return a.Image(src, alt) if src else None


def cover(cx: Context, logos: Mapping[str, str], selection: str | None) -> a.Cover:
    t, words, c = cx.t, cx.words, cx.project.cluster
    _ = t._
    url = urls.absolute(cx.config.site_url, cx.lang, urls.HOME) if cx.config.site_url else ""
    labels = []
    for lab, status in cx.ix.current_labels:  # as the site: their status on the build date
        scheme = cx.tax.label_schemes.get(lab.scheme)
        labels.append(a.LabelLine(words.scheme(lab.scheme), words.level(scheme.level) if scheme else "",
                                  _("valid until {date}").format(date=t.date(lab.valid_until)),
                                  None if status is LabelStatus.VALID else words.status(status)))
    return a.Cover(
        title=_("Competence atlas"),
        name=c.name,
        logo=image(logos, "", _("Logo of {name}").format(name=c.name)),
        tagline=words.text(c.tagline),
        as_of=_("Status on {date}.").format(date=t.date(cx.project.build_date)),
        labels_heading=_("Quality labels"),
        labels=tuple(labels),
        site=typed(url),
        qr=qr_code(url) if url else None,
        qr_alt=_("QR code of the address {address}").format(address=typed(url)),
        selection=selection,
    )


def printed_address(cx: Context) -> v.Address:
    """The cluster's address as paper shows it: a contact form by its address, not by "Contact form" alone."""
    found = address(cx)
    lines = tuple(v.Labelled(cx.t.labelled(x.link.text, ""), v.Link(typed(x.link.href))) if x.link.external else x for x in found.contacts)
    return dataclasses.replace(found, contacts=lines)


# The partners' mark as the site's stylesheet colours it (.cf-map__country--partners); the members'
# is the cluster's primary colour, as on the site.
PARTNERS_COLOUR = "#c9a227"


def map_marks(cx: Context) -> dict[str, str]:
    """The countries the cluster page's map marks, as the site's countries page marks them: where
    members are based ("members", over a partner cluster there), where partner clusters are."""
    marks = {p.country: "partners" for p in cx.project.cluster.partners}
    marks.update(dict.fromkeys(cx.ix.by_location, "members"))
    return marks


def map_keys(cx: Context, marks: Mapping[str, str]) -> tuple[a.MapKey, ...]:
    """Each mark with its colour, its meaning and its countries, sorted as this language sorts them."""
    t = cx.t
    meanings = {"members": (t._("Countries of our members"), brand(cx.project).primary),
                "partners": (t._("Countries of our partner clusters"), PARTNERS_COLOUR)}
    keys = []
    for mark, (meaning, colour) in meanings.items():
        countries = t.list(t.country(cc) for cc in countries_sorted([k for k, m in marks.items() if m == mark], t))
        if countries:
            keys.append(a.MapKey(mark, colour, meaning, countries, t.labelled(meaning, countries)))
    return tuple(keys)


def cluster_page(cx: Context) -> a.ClusterPage:
    t, words, c = cx.t, cx.words, cx.project.cluster
    _ = t._
    marks = map_marks(cx)
    keys = map_keys(cx, marks)
    meaning = {k.mark: k.meaning for k in keys}
    return a.ClusterPage(
        heading=_("The cluster"),
        summary=words.text(c.summary),
        figures_heading=_("Key figures"),
        figures=figures(cx),
        markets_heading=_("Target markets"),
        markets=t.list(t.country(cc) for cc in countries_sorted(c.target_markets, t)),
        contact_heading=_("Contact"),
        address=printed_address(cx),
        people=people(cx, urls.HOME),
        partners_heading=_("Partner clusters"),
        partners=tuple(partner(cx, p) for p in c.partners),
        map_heading=_("Where our members and partners are"),
        # The site's map (site/worldmap.py), cropped to the marked countries as the home page's;
        # each country named with its mark, as on the countries page.
        map=world_map(marks, {cc: t.labelled(t.country(cc), meaning[mark]) for cc, mark in marks.items()}, region="marked") if marks else None,
        map_label=_("World map. {legend}").format(legend="; ".join(k.text for k in keys)),
        map_keys=keys,
    )


def matrix(cx: Context, slugs: Sequence[str]) -> a.Matrix:
    """Members per competence and value-chain stage, as the value-chain page shows them."""
    t, words, tax = cx.t, cx.words, cx.tax
    chosen = set(slugs)
    rows = []
    for cid in tax.competences:
        counts = [len([s for s in cx.ix.by_cell.get((cid, sid), []) if s in chosen]) for sid in tax.value_chain]
        rows.append(a.MatrixRow(words.competence(cid), tuple(t.number(n) if n else "" for n in counts)))
    return a.Matrix(t._("Value chain"), t._("Competence / stage"), tuple(words.stage(sid) for sid in tax.value_chain), tuple(rows),
                    t._("Each cell: the number of members with that competence at that stage of the value chain."))


def contact_lines(m: Member) -> tuple[str, ...]:
    """How to reach a member, as paper shows it: e-mail, phone, contact form and website as text."""
    out = [x for x in (m.contact.email, m.contact.phone) if x]
    out += [typed(url) for url in (m.contact.contact_page, m.website) if safe_url(url)]
    return tuple(dict.fromkeys(out))


def member_sheet(cx: Context, slug: str, logos: Mapping[str, str]) -> a.MemberSheet:
    t, words, m = cx.t, cx.words, cx.project.members[slug]
    _ = t._
    url = urls.absolute(cx.config.site_url, cx.lang, urls.member(slug)) if cx.config.site_url else ""
    facts = [
        v.Fact(t.npgettext("atlas", "Competence", "Competences", len(m.competences)), t.list(words.competence(c) for c in m.competences)),
        v.Fact(t.npgettext("atlas", "Value-chain stage", "Value-chain stages", len(m.value_chain)), t.list(words.stage(s) for s in m.value_chain)),
        v.Fact(_("Markets"), t.list(t.country(cc) for cc in countries_sorted(m.markets, t))),
        v.Fact(_("Certifications"), t.list(m.certifications)),
    ]
    return a.MemberSheet(
        anchor=anchor(slug),
        name=m.name,
        logo=image(logos, slug, _("Logo of {name}").format(name=m.name)),
        initials=initials(m.name),
        type_label=words.member_type(m.type),
        where=", ".join(x for x in (m.city, t.country(m.country)) if x),
        summary=words.text(m.summary),
        description=words.text(m.description, markdown=True),
        facts=tuple(f for f in facts if f.text),
        contact_heading=_("Contact"),
        contacts=contact_lines(m),
        online=_("This profile online"),
        address=typed(url),
        qr=qr_code(url) if url else None,
        qr_alt=_("QR code of the address {address}").format(address=typed(url)),
    )


def indexes(cx: Context, slugs: Sequence[str]) -> tuple[a.Index, ...]:
    """The members by competence, by value-chain stage and by country, each term's members in the
    directory's order (their page numbers follow from the anchors)."""
    t, words, ix, tax = cx.t, cx.words, cx.ix, cx.tax
    chosen = set(slugs)
    names = cx.project.members

    def entries(groups: Mapping[str, list[str]], keys: Sequence[str], term) -> tuple[a.IndexEntry, ...]:  # noqa: ANN001
        out = []
        for key in keys:
            refs = tuple(a.Ref(names[s].name, anchor(s)) for s in groups.get(key, []) if s in chosen)
            if refs:
                out.append(a.IndexEntry(term(key), refs))
        return tuple(out)

    countries = countries_sorted(list(ix.by_location), t)
    return (
        a.Index(INDEXES[0], t._("Index by competence"), entries(ix.by_competence, list(tax.competences), words.competence)),
        a.Index(INDEXES[1], t._("Index by value-chain stage"), entries(ix.by_stage, list(tax.value_chain), words.stage)),
        a.Index(INDEXES[2], t._("Index by country"), entries(ix.by_location, countries, t.country)),
    )


def atlas_view(cx: Context, slugs: Sequence[str], logos: Mapping[str, str], selection: str | None, generator: str) -> a.Atlas:
    """The whole atlas of one language: the members `slugs` (in the directory's order)."""
    t, c = cx.t, cx.project.cluster
    _ = t._
    sheets = tuple(member_sheet(cx, slug, logos) for slug in slugs)
    parts = (cluster_page(cx), matrix(cx, slugs), indexes(cx, slugs))
    contents = (
        a.Section(parts[0].heading, CLUSTER),
        a.Section(parts[1].heading, MATRIX),
        a.Section(_("Members"), MEMBERS, tuple(a.Ref(s.name, s.anchor) for s in sheets)),
        *(a.Section(index.heading, index.anchor) for index in parts[2]),
    )
    return a.Atlas(
        lang=cx.lang,
        title=_("{cluster} – Competence atlas").format(cluster=c.name),
        cluster=c.name,
        created=f"{cx.project.build_date.isoformat()}T00:00:00Z",
        generator=generator,
        contents_heading=_("Contents"),
        cover=cover(cx, logos, selection),
        contents=contents,
        cluster_page=parts[0],
        matrix=parts[1],
        members_heading=_("Members"),
        members=sheets,
        indexes=parts[2],
    )
