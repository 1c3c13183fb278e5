"""Page builders: pure functions from the model to page text, one language at a time.

Every page exists in every language at the same path (SPEC §4). A page body is HTML
made here; profile text reaches it only through html.esc() or html.render().
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..i18n import Translator, countries_sorted
from ..model import Cluster, Label, Member, Project
from ..validate import CURRENT, label_status
from .html import esc, link, rel, safe_url, section, text, ul

STATUS_CLASSES = {"valid": "valid", "expiring": "expiring", "expired": "expired", "not yet valid": "pending"}


@dataclass(frozen=True)
class Page:
    """One page of one language."""

    path: str  # '' (home), 'members/', 'members/<slug>/' ...
    title: str  # plain text
    description: str  # plain text, for the meta description
    body: str  # safe HTML
    kind: str  # home, directory, member, competences, competence, ...
    nav: bool = False
    source: str | None = None  # content pages: the Markdown file's text (trusted, managers')
    search: bool = False  # in the search index
    data: dict = field(default_factory=dict)  # page-specific facts for head and structured data


@dataclass
class Index:
    """Lookups derived once from the project, shared by every language."""

    project: Project

    @cached_property
    def members(self) -> list[tuple[str, Member]]:
        return sorted(self.project.members.items(), key=lambda kv: kv[1].name.casefold())

    def _grouped(self, ids_of) -> dict[str, list[str]]:  # noqa: ANN001
        """Member slugs (in name order) under each id a member names."""
        out: dict[str, list[str]] = defaultdict(list)
        for slug, m in self.members:
            for key in dict.fromkeys(ids_of(m)):
                out[key].append(slug)
        return out

    @cached_property
    def by_competence(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: m.competences)

    @cached_property
    def by_stage(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: m.value_chain)

    @cached_property
    def by_type(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: [m.type])

    @cached_property
    def countries(self) -> list[str]:
        """Every country named anywhere in the profiles."""
        c = self.project.cluster
        codes = {c.country, *c.target_markets, *(p.country for p in c.partners), *(a.country for a in c.activities if a.country)}
        for _, m in self.members:
            codes |= {m.country, *m.markets, *(m.seeks.countries if m.seeks else [])}
        return sorted(codes)

    @cached_property
    def labels(self) -> list[tuple[Label, str]]:
        """Every label with its status on the build date, newest first."""
        today = self.project.build_date
        return sorted(
            ((lab, label_status(lab.awarded, lab.valid_until, today)) for lab in self.project.cluster.labels),
            key=lambda ls: (ls[0].valid_until, ls[0].scheme), reverse=True,
        )

    @cached_property
    def current_labels(self) -> list[tuple[Label, str]]:
        """The labels a page may show as held (every page's footer shows them)."""
        return [(lab, s) for lab, s in self.labels if s in CURRENT]


class Builder:
    """Builds every page of one language."""

    def __init__(self, index: Index, lang: str) -> None:
        self.ix = index
        self.project = index.project
        self.lang = lang
        self.t = Translator(lang, self.project.default_language)
        self.tax = self.project.taxonomy

    # --- small pieces -------------------------------------------------------------------------

    def notice(self, original: str) -> str:
        """Say that a text is shown in another language, and which."""
        return self.t._("Not available in {language}; shown in {original}.").format(
            language=self.t.language(self.lang), original=self.t.language(original)
        )

    def tx(self, value, tag: str = "span", cls: str = "", markdown: bool = False) -> str:
        found = self.t.text(value)
        return text(found, tag, cls, markdown, self.notice(found.lang) if found and found.fallback else "")

    def plain(self, value) -> str:
        found = self.t.text(value)
        return found.text if found else ""

    def trail(self, *steps: tuple[str, str]) -> dict:
        """Breadcrumb data for structured data: home, then the given (title, path) steps."""
        return {"trail": [(self.t._("Home"), ""), *steps]}

    def competence_label(self, cid: str) -> str:
        return self.plain(self.tax.competences[cid].label) if cid in self.tax.competences else cid

    def stage_label(self, sid: str) -> str:
        return self.plain(self.tax.value_chain[sid].label) if sid in self.tax.value_chain else sid

    def type_label(self, tid: str) -> str:
        return self.plain(self.tax.member_types[tid].label) if tid in self.tax.member_types else tid

    def scheme_name(self, scheme: str) -> str:
        s = self.tax.label_schemes.get(scheme)
        return self.plain(s.name) if s else scheme

    def country_link(self, here: str, cc: str) -> str:
        return link(rel(here, f"countries/{cc.lower()}/"), self.t.country(cc))

    def member_card(self, here: str, slug: str, compact: bool = False, level: int = 3) -> str:
        m = self.project.members[slug]
        attrs = {
            "data-type": m.type,
            "data-country": m.country,
            "data-competences": " ".join(m.competences),
            "data-stages": " ".join(m.value_chain),
        }
        data = "".join(f' {k}="{esc(v)}"' for k, v in attrs.items())
        where = f"{esc(m.city)}, {esc(self.t.country(m.country))}"
        head = f'<h{level} class="cf-card__name">{link(rel(here, f"members/{slug}/"), m.name)}</h{level}>'
        meta = f'<p class="cf-card__meta">{esc(self.type_label(m.type))} · {where}</p>'
        if compact:
            return f'<li class="cf-card"{data}>{head}{meta}</li>'
        summary = self.tx(m.summary, "p", "cf-card__summary")
        comps = ", ".join(esc(self.competence_label(c)) for c in m.competences)
        return f'<li class="cf-card"{data}>{head}{meta}{summary}<p class="cf-card__tags">{comps}</p></li>'

    def cards(self, here: str, slugs: list[str], compact: bool = False, level: int = 3, searchable: bool = True) -> str:
        """Member cards; their names are headings one level below the section they are in."""
        if not slugs:
            return ""
        ignore = "" if searchable else " data-pagefind-ignore"
        return f'<ul class="cf-cards"{ignore}>' + "".join(self.member_card(here, s, compact, level) for s in slugs) + "</ul>"

    def badge(self, here: str, label: Label, status: str) -> str:
        scheme = self.tax.label_schemes.get(label.scheme)
        level = scheme.level if scheme else "other"
        until = self.t._("valid until {date}").format(date=self.t.date(label.valid_until))
        state = self.status_text(status)
        return (
            f'<a class="cf-badge cf-badge--{esc(level)} cf-badge--{STATUS_CLASSES[status]}" href="{esc(rel(here, "label/"))}">'
            f'<span class="cf-badge__name">{esc(self.scheme_name(label.scheme))}</span> '
            f'<span class="cf-badge__level">({esc(self.level_name(level))})</span> '
            f'<span class="cf-badge__until">{esc(until)}</span>'
            + (f' <span class="cf-badge__state">{esc(state)}</span>' if status != "valid" else "")
            + "</a>"
        )

    def level_name(self, level: str) -> str:
        return {
            "bronze": self.t._("Bronze"), "silver": self.t._("Silver"), "gold": self.t._("Gold"),
            "regional": self.t._("Regional"), "national": self.t._("National"),
        }.get(level, level)

    def status_text(self, status: str) -> str:
        return {
            "valid": self.t._("valid"),
            "expiring": self.t._("expiring soon"),
            "expired": self.t._("expired"),
            "not yet valid": self.t._("not yet valid"),
        }[status]

    def badges(self, here: str) -> str:
        current = self.ix.current_labels
        if not current:
            return ""
        return '<div class="cf-badges">' + "".join(self.badge(here, lab, s) for lab, s in current) + "</div>"

    def contact_links(self, contact, website: str | None = None) -> list[str]:
        out = []
        if getattr(contact, "email", None):
            out.append(f'<a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>')
        if getattr(contact, "phone", None):
            tel = "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
            out.append(f'<a href="tel:{esc(tel)}">{esc(contact.phone)}</a>')
        if safe_url(getattr(contact, "contact_page", None)):
            out.append(link(contact.contact_page, self.t._("Contact form"), external=True))
        if safe_url(website):
            out.append(link(website, website.removeprefix("https://").rstrip("/"), external=True))
        return out

    # --- pages --------------------------------------------------------------------------------

    def home(self) -> Page:
        c: Cluster = self.project.cluster
        t, here = self.t, ""
        types = [
            f"{esc(t.number(len(self.ix.by_type[tid])))} {esc(self.type_label(tid))}"
            for tid in self.tax.member_types if self.ix.by_type.get(tid)
        ]
        located = {m.country for _, m in self.ix.members}
        figures = (
            '<dl class="cf-figures">'
            f"<div><dt>{esc(t._('Members'))}</dt><dd>{esc(t.number(len(self.ix.members)))}</dd></div>"
            f"<div><dt>{esc(t._('Countries'))}</dt><dd>{esc(t.number(len(located)))}</dd></div>"
            f"<div><dt>{esc(t._('Competences'))}</dt><dd>{esc(t.number(len(self.ix.by_competence)))}</dd></div>"
            "</dl>" + ul(types, "cf-types")
        )
        focus = ul(link(rel(here, f"competences/{cid}/"), self.competence_label(cid)) for cid in c.focus)
        action = (
            f'<p class="cf-cta"><a class="md-button md-button--primary" href="{esc(rel(here, "members/"))}">{esc(t._("Find a partner among our members"))}</a> '
            + " ".join(self.contact_links(c.contact))
            + "</p>"
        )
        body = (
            f'<div class="cf-hero"><h1>{esc(c.name)}</h1>{self.tx(c.tagline, "p", "cf-tagline")}{self.badges(here)}</div>'
            + self.tx(c.summary, "p", "cf-summary")
            + section("figures", t._("Key figures"), figures)
            + section("focus", t._("Focus competences"), focus)
            + section("about", t._("About the cluster"), self.tx(c.description, "div", markdown=True) if c.description else "")
            + section("contact", t._("Get in touch"), action)
        )
        return Page("", c.name, self.plain(c.summary), body, "home", nav=True)

    def directory(self) -> Page:
        t, here = self.t, "members/"

        def options(name: str, label: str, items: list[tuple[str, str]], target) -> str:
            # Without JavaScript the filters are links to the pages that list the members;
            # the script turns the same lists into instant filters.
            links = "".join(f'<li>{link(target(v), lab)}</li>' for v, lab in items)
            select = "".join(f'<option value="{esc(v)}">{esc(lab)}</option>' for v, lab in items)
            return (
                f'<details class="cf-filter" data-filter="{esc(name)}"><summary>{esc(label)}</summary><ul>{links}</ul></details>'
                f'<label class="cf-select" hidden>{esc(label)} <select data-filter="{esc(name)}"><option value="">{esc(t._("all"))}</option>{select}</select></label>'
            )

        comps = sorted(((c, self.competence_label(c)) for c in self.ix.by_competence), key=lambda x: t.sort_key(x[1]))
        types = [(tid, self.type_label(tid)) for tid in self.tax.member_types if tid in self.ix.by_type]
        located = countries_sorted([m.country for _, m in self.ix.members], t)
        stages = [(sid, self.stage_label(sid)) for sid in self.tax.value_chain if sid in self.ix.by_stage]
        filters = (
            f'<form class="cf-filters" role="search" aria-label="{esc(t._("Filter members"))}">'
            + options("competences", t._("Competence"), comps, lambda v: rel(here, f"competences/{v}/"))
            + options("type", t._("Member type"), types, lambda v: rel(here, f"types/{v}/"))
            + options("country", t._("Country"), [(cc, t.country(cc)) for cc in located], lambda v: rel(here, f"countries/{v.lower()}/"))
            + options("stages", t._("Value-chain stage"), stages, lambda v: rel(here, f"value-chain/{v}/"))
            + f'<p class="cf-count" aria-live="polite" data-template="{esc(t._("{n} of {total} members shown"))}"></p>'
            + "</form>"
        )
        slugs = [s for s, _ in self.ix.members]
        body = f"<h1>{esc(t._('Members'))}</h1>" + filters + self.cards(here, slugs, level=2)
        return Page(here, t._("Members"), t._("Companies and research institutes of the cluster"), body, "directory", nav=True)

    def member(self, slug: str) -> Page:
        m = self.project.members[slug]
        t, here = self.t, f"members/{slug}/"
        facts = [esc(self.type_label(m.type)), f"{esc(m.city)}, {self.country_link(here, m.country)}"]
        if m.employees:
            facts.append(esc(t._("{band} employees").format(band=m.employees)))
        if m.founded:
            facts.append(esc(t._("founded {year}").format(year=m.founded)))
        logo = ""
        if m.logo:
            logo = f'<img class="cf-logo" src="{esc(rel(here, "") + "../" + m.logo)}" alt="{esc(t._("Logo of {name}").format(name=m.name))}" width="160" height="80">'
        header = (
            f'<header class="cf-member__head">{logo}<h1>{esc(m.name)}</h1>'
            f'<p class="cf-member__facts">{" · ".join(facts)}</p>{self.tx(m.summary, "p", "cf-summary")}</header>'
        )
        competences = ul(link(rel(here, f"competences/{c}/"), self.competence_label(c)) for c in m.competences)
        stages = ul(link(rel(here, f"value-chain/{s}/"), self.stage_label(s)) for s in m.value_chain)
        offers = self.t.text(m.offers)
        offers_html = ""
        if offers and offers.text:
            lang = f' lang="{esc(offers.lang)}"' if offers.fallback else ""
            offers_html = f"<ul{lang}>" + "".join(f"<li>{esc(o)}</li>" for o in offers.text) + "</ul>"
            if offers.fallback:
                offers_html += f'<small class="cf-fallback">{esc(self.notice(offers.lang))}</small>'
        seeks = ""
        if m.seeks and (m.seeks.text or m.seeks.partner_types or m.seeks.countries):
            parts = [self.tx(m.seeks.text, "p")] if m.seeks.text else []
            facts = []
            if m.seeks.partner_types:
                facts.append(f"<dt>{esc(t._('Partner types'))}</dt><dd>{esc(t.list(self.type_label(x) for x in m.seeks.partner_types))}</dd>")
            if m.seeks.countries:
                facts.append(f"<dt>{esc(t._('Countries'))}</dt><dd>" + ", ".join(self.country_link(here, c) for c in countries_sorted(m.seeks.countries, t)) + "</dd>")
            if facts:
                parts.append(f"<dl>{''.join(facts)}</dl>")
            seeks = "".join(parts)
        markets = ul(self.country_link(here, c) for c in countries_sorted(m.markets, t))
        details = []
        if m.languages:
            details.append(f"<dt>{esc(t._('Working languages'))}</dt><dd>{esc(t.list(t.language(x) for x in m.languages))}</dd>")
        if m.certifications:
            details.append(f"<dt>{esc(t._('Certifications'))}</dt><dd>{esc(t.list(m.certifications))}</dd>")
        if m.member_since:
            details.append(f"<dt>{esc(t._('Member since'))}</dt><dd>{esc(m.member_since)}</dd>")
        # Search filters (Pagefind reads them from the page; the reader does not see them).
        filters = "".join(
            f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>'
            for key, values in (
                (t._("Competence"), [self.competence_label(c) for c in m.competences]),
                (t._("Member type"), [self.type_label(m.type)]),
                (t._("Country"), [t.country(m.country)]),
            )
            for value in values
        )
        body = (
            # Members are what partners search for: their pages rank above the lists that name them.
            f'<article class="cf-member" data-pagefind-weight="5"><div hidden>{filters}</div>' + header
            + section("description", t._("Profile"), self.tx(m.description, "div", markdown=True) if m.description else "")
            + section("competences", t._("Competences"), competences)
            + section("value-chain", t._("Value chain"), stages)
            + section("offers", t._("Products and services"), offers_html)
            + section("seeks", t._("Looking for partners"), seeks)
            + section("markets", t._("Markets"), markets)
            + section("details", t._("Details"), f"<dl>{''.join(details)}</dl>" if details else "")
            + section("contact", t._("Contact"), ul(self.contact_links(m.contact, m.website)))
            + "</article>"
        )
        data = {"slug": slug, **self.trail((t._("Members"), "members/"), (m.name, here))}
        return Page(here, m.name, self.plain(m.summary), body, "member", data=data, search=True)

    def competences(self) -> Page:
        t, here = self.t, "competences/"
        groups: dict[str | None, list[str]] = defaultdict(list)
        for cid, comp in self.tax.competences.items():
            groups[comp.group if comp.group in self.tax.competence_groups else None].append(cid)
        parts = []
        for gid in [*self.tax.competence_groups, None]:
            if not groups.get(gid):
                continue
            title = self.plain(self.tax.competence_groups[gid].label) if gid else t._("Other competences")
            items = [
                f'{link(rel(here, f"competences/{cid}/"), self.competence_label(cid))} <span class="cf-n">({esc(t.number(len(self.ix.by_competence.get(cid, []))))})</span>'
                for cid in sorted(groups[gid], key=lambda c: t.sort_key(self.competence_label(c)))
            ]
            parts.append(f'<section class="cf-group"><h2>{esc(title)}</h2>{ul(items)}</section>')
        body = f"<h1>{esc(t._('Competences'))}</h1><p>{esc(t._('What the members of the cluster can do, with the number of members for each competence.'))}</p>" + "".join(parts)
        return Page(here, t._("Competences"), t._("Competence map of the cluster"), body, "competences", nav=True)

    def competence(self, cid: str) -> Page:
        t, here = self.t, f"competences/{cid}/"
        comp = self.tax.competences[cid]
        slugs = self.ix.by_competence.get(cid, [])
        # The cards repeat the members' own texts: search finds those on the member pages.
        members = self.cards(here, slugs, searchable=False) or f"<p>{esc(t._('No member offers this competence yet. Partners who can fill this gap are welcome.'))}</p>"
        body = (
            # Search should answer with members first: the competence's own words weigh little here.
            f'<div data-pagefind-weight="0.5"><h1 data-pagefind-weight="0.5">{esc(self.competence_label(cid))}</h1>' + self.tx(comp.description, "p") + "</div>"
            + section("members", t._("Members with this competence"), members)
        )
        return Page(here, self.competence_label(cid), self.plain(comp.description) or self.competence_label(cid), body, "competence", search=True, data={"id": cid, **self.trail((t._("Competences"), "competences/"), (self.competence_label(cid), here))})

    def value_chain(self) -> Page:
        t, here = self.t, "value-chain/"
        stages = list(self.tax.value_chain)
        head = "".join(f'<th scope="col">{link(rel(here, f"value-chain/{s}/"), self.stage_label(s))}</th>' for s in stages)
        rows = []
        for cid in self.tax.competences:
            cells = []
            for sid in stages:
                slugs = [s for s in self.ix.by_competence.get(cid, []) if sid in self.project.members[s].value_chain]
                if slugs:
                    cells.append("<td>" + ", ".join(link(rel(here, f"members/{s}/"), self.project.members[s].name) for s in slugs) + "</td>")
                else:
                    cells.append(f'<td class="cf-gap"><span class="cf-gap__mark" aria-hidden="true">—</span><span class="cf-sr">{esc(t._("gap"))}</span></td>')
            rows.append(f'<tr><th scope="row">{link(rel(here, f"competences/{cid}/"), self.competence_label(cid))}</th>{"".join(cells)}</tr>')
        table = f'<div class="cf-scroll"><table class="cf-matrix"><thead><tr><th scope="col">{esc(t._("Competence"))}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        intro = t._("Which members work on which competence at which stage of the value chain. Empty cells are gaps the cluster wants partners to fill.")
        body = f"<h1>{esc(t._('Value chain'))}</h1><p>{esc(intro)}</p>{table}"
        return Page(here, t._("Value chain"), intro, body, "value-chain", nav=True)

    def stage(self, sid: str) -> Page:
        t, here = self.t, f"value-chain/{sid}/"
        st = self.tax.value_chain[sid]
        body = (
            f"<h1>{esc(self.stage_label(sid))}</h1>" + self.tx(st.description, "p")
            + section("members", t._("Members at this stage"), self.cards(here, self.ix.by_stage.get(sid, [])) or f"<p>{esc(t._('No member yet.'))}</p>")
        )
        return Page(here, self.stage_label(sid), self.plain(st.description) or self.stage_label(sid), body, "stage", data={"id": sid, **self.trail((t._("Value chain"), "value-chain/"), (self.stage_label(sid), here))})

    def member_type(self, tid: str) -> Page:
        t, here = self.t, f"types/{tid}/"
        body = f"<h1>{esc(self.type_label(tid))}</h1>" + (self.cards(here, self.ix.by_type.get(tid, []), level=2) or f"<p>{esc(t._('No member yet.'))}</p>")
        return Page(here, self.type_label(tid), self.type_label(tid), body, "type", data={"id": tid, **self.trail((t._("Members"), "members/"), (self.type_label(tid), here))})

    def countries(self) -> Page:
        t, here = self.t, "countries/"
        items = [self.country_link(here, cc) for cc in countries_sorted(self.ix.countries, t)]
        body = f"<h1>{esc(t._('Countries'))}</h1><p>{esc(t._('Every country where the cluster, its members or its partners are present or active.'))}</p>" + ul(items, "cf-columns")
        return Page(here, t._("Countries"), t._("The cluster's members and partners by country"), body, "countries", nav=True)

    def country(self, cc: str) -> Page:
        t, here, c = self.t, f"countries/{cc.lower()}/", self.project.cluster
        located = [s for s, m in self.ix.members if m.country == cc]
        active = [s for s, m in self.ix.members if cc in m.markets]
        seeking = [s for s, m in self.ix.members if m.seeks and cc in m.seeks.countries]
        partners = [p for p in c.partners if p.country == cc]
        status = t._("This country is a target market of the cluster's internationalisation strategy.") if cc in c.target_markets else ""
        body = (
            f"<h1>{esc(t.country(cc))}</h1>" + (f'<p class="cf-target">{esc(status)}</p>' if status else "")
            + section("partners", t._("Partner clusters"), ul(self.partner(p) for p in partners))
            + section("located", t._("Members based here"), self.cards(here, located, compact=True))
            + section("active", t._("Members active here"), self.cards(here, active, compact=True))
            + section("seeking", t._("Members looking for partners here"), self.cards(here, seeking, compact=True))
        )
        return Page(here, t.country(cc), t._("The cluster and {country}").format(country=t.country(cc)), body, "country", data={"id": cc, **self.trail((t._("Countries"), "countries/"), (t.country(cc), here))})

    def partner(self, p) -> str:
        t = self.t
        name = link(safe_url(p.website), p.name, external=True)
        where = ", ".join(x for x in (p.city, t.country(p.country)) if x)
        since = f" · {esc(t._('since {year}').format(year=p.since))}" if p.since else ""
        topics = f' <span class="cf-topics">({esc(t.list(self.competence_label(x) for x in p.topics))})</span>' if p.topics else ""
        return f"{name} — {esc(where)}{since}{topics}"

    def international(self) -> Page:
        t, here, c = self.t, "international/", self.project.cluster
        partners = ul(self.partner(p) for p in sorted(c.partners, key=lambda p: t.sort_key(p.name)))
        markets = ul(self.country_link(here, cc) for cc in countries_sorted(c.target_markets, t))

        def activities(level: str) -> str:
            rows = []
            for a in sorted((a for a in c.activities if a.level == level), key=lambda a: a.start, reverse=True):
                when = t.date(a.start) + (f" – {t.date(a.end)}" if a.end and a.end != a.start else "")
                where = ", ".join(x for x in (a.city, t.country(a.country) if a.country else None) if x)
                kind = {"trade-fair": t._("Trade fair"), "conference": t._("Conference"), "delegation": t._("Delegation trip"), "matchmaking": t._("Matchmaking"), "project": t._("Project")}[a.kind]
                rows.append(
                    f'<li><strong>{link(safe_url(a.url), a.name, external=True)}</strong> · {esc(kind)} · {esc(when)}'
                    + (f" · {esc(where)}" if where else "") + self.tx(a.description, "p") + "</li>"
                )
            return f'<ul class="cf-activities">{"".join(rows)}</ul>' if rows else ""

        eccp = f'<p>{link(safe_url(c.eccp_profile), t._("Our profile on the European Cluster Collaboration Platform"), external=True)}</p>' if safe_url(c.eccp_profile) else ""
        body = (
            f"<h1>{esc(t._('International'))}</h1>" + eccp
            + section("partners", t._("Partner clusters abroad"), partners)
            + section("markets", t._("Target markets"), markets)
            + section("management", t._("Activities of the cluster management"), activities("management"))
            + section("members", t._("Activities with members"), activities("members"))
        )
        return Page(here, t._("International"), t._("Partner clusters, target markets and international activities"), body, "international", nav=True)

    def label(self) -> Page:
        t, here = self.t, "label/"

        def card(lab: Label, status: str) -> str:
            scheme = self.tax.label_schemes.get(lab.scheme)
            rows = [
                (t._("Level"), esc(self.level_name(scheme.level)) if scheme else ""),
                (t._("Issuer"), esc(scheme.issuer) if scheme else ""),
                (t._("Awarded"), esc(t.date(lab.awarded))),
                (t._("Valid until"), esc(t.date(lab.valid_until))),
                (t._("Status"), f'<span class="cf-status cf-status--{STATUS_CLASSES[status]}">{esc(self.status_text(status))}</span>'),
                (t._("Certificate"), link(safe_url(lab.certificate_url), lab.certificate_id or t._("View certificate"), external=True) if lab.certificate_url else esc(lab.certificate_id or "")),
                (t._("Verification"), link(safe_url(scheme.verify_url), t._("Public list of the issuer"), external=True) if scheme and scheme.verify_url else ""),
            ]
            dl = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
            about = self.tx(scheme.description, "p") if scheme and scheme.description else ""
            return f'<article class="cf-label cf-label--{STATUS_CLASSES[status]}"><h3>{esc(self.scheme_name(lab.scheme))}</h3><dl>{dl}</dl>{about}</article>'

        labels = self.ix.labels
        current = "".join(card(lab, s) for lab, s in labels if s in CURRENT)
        upcoming = "".join(card(lab, s) for lab, s in labels if s == "not yet valid")
        history = "".join(card(lab, s) for lab, s in labels if s == "expired")
        as_of = t._("Status on {date}.").format(date=t.date(self.project.build_date))
        body = (
            f"<h1>{esc(t._('Quality label'))}</h1><p>{esc(as_of)}</p>"
            + (section("current", t._("Current labels"), current) or f"<p>{esc(t._('The cluster holds no valid label at present.'))}</p>")
            + section("upcoming", t._("Labels not yet valid"), upcoming)
            + section("history", t._("History"), history)
        )
        return Page(here, t._("Quality label"), t._("Quality labels of the cluster management and their status"), body, "label", nav=True)

    def footer(self, here: str, content_titles: dict[str, str]) -> str:
        """Footer of every page: imprint, privacy, label badges (rendered into the theme)."""
        links = [link(rel(here, f"{name}/"), content_titles[name]) for name in ("imprint", "privacy") if name in content_titles]
        nav = f'<nav class="cf-footer" aria-label="{esc(self.t._("Legal"))}">' + " · ".join(links) + "</nav>"
        return nav + self.badges(here)

    def all_pages(self) -> list[Page]:
        """Every generated page of this language (content pages are added by the writer)."""
        pages = [self.home(), self.directory(), self.competences(), self.value_chain(), self.countries(), self.international(), self.label()]
        pages += [self.member(slug) for slug, _ in self.ix.members]
        pages += [self.competence(cid) for cid in self.tax.competences]
        pages += [self.stage(sid) for sid in self.tax.value_chain]
        pages += [self.member_type(tid) for tid in self.tax.member_types]
        pages += [self.country(cc) for cc in self.ix.countries]
        return pages


def front_matter(values: dict[str, object]) -> str:
    """Front matter as ASCII JSON (valid YAML that any YAML reader accepts)."""
    lines = (f"{k}: {json.dumps(v, ensure_ascii=True)}".replace("\x7f", "\\u007f") for k, v in values.items())
    return "---\n" + "\n".join(lines) + "\n---\n\n"
