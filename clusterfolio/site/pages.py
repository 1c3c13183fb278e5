"""Page builders: pure functions from the model to the view models of one language.

Every page exists in every language at the same path (SPEC §4). A builder translates and
formats what its page shows and resolves every link; the templates under theme/templates/
arrange it. Nothing here makes HTML.
"""
from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from types import EllipsisType
from typing import Any
from urllib.parse import quote

from .. import urls
from ..config import Config
from ..i18n import Translator, countries_sorted
from ..model import Activity, Cluster, Label, LabelStatus, Member, Partner, Project
from ..paths import PROFILES_DIR
from . import structured
from . import views as v
from .images import display_width
from .markup import markdown_html, safe_url
from .qr import qr_code
from .search import shard_count
from .worldmap import world_map


def avatar_tone(slug: str) -> int:
    """Which of eight colours a member's lettered placeholder has: the same everywhere."""
    return int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 8


LOGO_HEIGHT = 48  # the header logo's height attribute (CSS shows it 2.4rem high)
HERO_LOGO_HEIGHT = 100  # the home page's logo


class Lang:
    """What every builder of one language needs: the project, translations, labels of ids."""

    def __init__(self, config: Config, project: Project, lang: str, preview: bool = False,
                 logo_width: int | None | EllipsisType = ...) -> None:
        self.config = config
        # The header logo's width as the build drew it (drawing.draw_logos), once for all
        # languages; `...` when nobody drew it yet: then it is drawn on first use, guarded.
        self._logo_width = logo_width
        # A pull request's preview, opened from disk (file://): links name each folder's
        # index.html, which no server fills in there (build --preview).
        self.preview = preview
        self.project = project
        self.ix = project.index
        self.tax = project.taxonomy
        self.lang = lang
        self.t = Translator(lang, project.default_language)
        self._ = self.t._

    @functools.cached_property
    def logo_width(self) -> int | None:
        """The header logo's width at its height (LOGO_HEIGHT): sized before it loads, the header does not shift."""
        logo = self.project.cluster.logo
        if not isinstance(self._logo_width, EllipsisType):
            return self._logo_width if logo else None
        return display_width(self.config.root / PROFILES_DIR / logo, LOGO_HEIGHT) if logo else None

    # --- texts ------------------------------------------------------------------------------------

    def notice(self, original: str) -> str:
        """Say that a text is shown in another language, and which."""
        return self._("Not available in {language}; shown in {original}.").format(
            language=self.t.language(self.lang), original=self.t.language(original)
        )

    def text(self, value: Mapping[str, Any] | None, markdown: bool = False) -> v.Text | None:
        found = self.t.text(value)
        if found is None:
            return None
        html = markdown_html(found.text) if markdown else None
        if found.fallback:
            return v.Text(found.text, found.lang, self.notice(found.lang), html)
        return v.Text(found.text, html=html)

    def plain(self, value: Mapping[str, Any] | None) -> str:
        found = self.t.text(value)
        return found.text if found else ""

    def competence(self, cid: str) -> str:
        return self.plain(self.tax.competences[cid].label) if cid in self.tax.competences else cid

    def stage(self, sid: str) -> str:
        return self.plain(self.tax.value_chain[sid].label) if sid in self.tax.value_chain else sid

    def member_type(self, tid: str) -> str:
        return self.plain(self.tax.member_types[tid].label) if tid in self.tax.member_types else tid

    def scheme(self, scheme: str) -> str:
        s = self.tax.label_schemes.get(scheme)
        return self.plain(s.name) if s else scheme

    def level(self, level: str) -> str:
        return {
            "bronze": self._("Bronze"), "silver": self._("Silver"), "gold": self._("Gold"),
            "regional": self._("Regional"), "national": self._("National"),
        }.get(level, level)

    def status(self, status: LabelStatus) -> str:
        return {
            LabelStatus.VALID: self._("valid"),
            LabelStatus.EXPIRING: self._("expiring soon"),
            LabelStatus.EXPIRED: self._("expired"),
            LabelStatus.NOT_YET_VALID: self._("not yet valid"),
        }[status]

    def activity_kind(self, kind: str) -> str:
        return {
            "trade-fair": self._("Trade fair"), "conference": self._("Conference"), "delegation": self._("Delegation trip"),
            "matchmaking": self._("Matchmaking"), "project": self._("Project"),
        }[kind]

    # --- links --------------------------------------------------------------------------------------

    def href(self, here: str, to: str) -> str:
        return urls.relative(here, to, file_urls=self.preview)

    def folder(self, link: str) -> str:
        """A link that ends at a folder, as this build writes it: to the folder's index.html in a preview."""
        return f"{link}index.html" if self.preview and (link == "" or link.endswith("/")) else link

    def country_link(self, here: str, cc: str) -> v.Link:
        return v.Link(self.t.country(cc), self.href(here, urls.country(cc)))

    def competence_link(self, here: str, cid: str) -> v.Link:
        return v.Link(self.competence(cid), self.href(here, urls.competence(cid)))

    def stage_link(self, here: str, sid: str) -> v.Link:
        return v.Link(self.stage(sid), self.href(here, urls.stage(sid)))

    def contacts(self, contact: Any, website: str | None = None) -> tuple[v.Link, ...]:
        out = []
        if getattr(contact, "email", None):
            out.append(v.Link(contact.email, f"mailto:{contact.email}"))
        if getattr(contact, "phone", None):
            tel = "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
            out.append(v.Link(contact.phone, f"tel:{tel}"))
        if safe_url(getattr(contact, "contact_page", None)):
            out.append(v.Link(self._("Contact form"), contact.contact_page, external=True))
        if safe_url(website):
            out.append(v.Link(website.removeprefix("https://").rstrip("/"), website, external=True))  # type: ignore[union-attr]
        return tuple(out)

    def address(self) -> v.Address:
        """The cluster's postal address and ways to reach it, from cluster.yml (the legal name first)."""
        c = self.project.cluster
        lines = tuple(x for x in (
            c.contact.street, " ".join(x for x in (c.contact.postal_code, c.contact.city) if x), self.t.country(c.country),
        ) if x)
        labels = {  # "Telefon: ", "Téléphone : ": the words and the typography before the value are the translators'
            "mailto:": self._("E-mail: {value}").split("{value}")[0],
            "tel:": self._("Phone: {value}").split("{value}")[0],
        }
        contacts = tuple(
            v.Labelled(next((label for scheme, label in labels.items() if (link.href or "").startswith(scheme)), ""), link)
            for link in self.contacts(c.contact)
        )
        return v.Address(c.legal_name or c.contact.organisation or c.name, lines, contacts)

    def people(self, here: str) -> tuple[v.Person, ...]:
        """The cluster's named contacts (cluster.yml `contacts`): role in this language, e-mail and
        phone as links, the languages they speak named in this language, photo or initials."""
        labels = (self._("E-mail: {value}").split("{value}")[0], self._("Phone: {value}").split("{value}")[0])
        out = []
        for p in self.project.cluster.contacts:
            links = self.contacts(p)  # e-mail first, then phone, as in the address
            words = [w for w in p.name.split() if w[:1].isalnum()]
            out.append(v.Person(
                name=p.name,
                role=self.text(p.role),
                contacts=tuple(v.Labelled(labels[0] if (link.href or "").startswith("mailto:") else labels[1], link) for link in links),
                languages=self._("Speaks {languages}").format(languages=self.t.list(self.t.language(code) for code in p.languages)) if p.languages else None,
                photo=urls.to_site_root(here) + urls.contact_photo(p.photo) if p.photo else None,
                initials="".join(w[0] for w in words[:2]).upper() or p.name[:1].upper(),
            ))
        return tuple(out)

    def members_count(self, n: int) -> str:
        return self.t.ngettext("{n} member", "{n} members", n).format(n=self.t.number(n))

    def country_members(self, cc: str) -> str:
        """Where the directory's country filter leads without JavaScript: the complete list."""
        slugs = self.ix.by_location.get(cc, [])
        return urls.country_list(cc, "located") if len(slugs) > country_preview(self) else urls.country(cc)

    def pagination(self, here: str, paths: list[str], n: int) -> v.Pagination:
        """Links to the neighbours and to pages near this one (first and last always)."""
        count = len(paths)
        shown = sorted({1, count, *range(max(1, n - 2), min(count, n + 2) + 1)})
        pages: list[v.Link | None] = []
        for i, number in enumerate(shown):
            if i and number - shown[i - 1] > 1:
                pages.append(None)
            pages.append(v.Link(self.t.number(number), None if number == n else self.href(here, paths[number - 1])))
        return v.Pagination(
            label=self._("Pages"),
            status=self._("Page {n} of {count}").format(n=self.t.number(n), count=self.t.number(count)),
            previous=v.Link(self._("Previous page"), self.href(here, paths[n - 2])) if n > 1 else None,
            next=v.Link(self._("Next page"), self.href(here, paths[n])) if n < count else None,
            pages=tuple(pages),
            current=n,
        )

    def trail(self, *steps: tuple[str, str]) -> tuple[tuple[str, str], ...]:
        """Breadcrumbs: the home page, then the given (title, path) steps."""
        return ((self._("Home"), urls.HOME), *steps)

    # --- partials -------------------------------------------------------------------------------------

    def avatar(self, here: str, slug: str, m: Member) -> v.Avatar:
        """The member's logo, or its initials on one of a few colours (the same for a member everywhere)."""
        words = [w for w in m.name.split() if w[:1].isalnum()]
        initials = "".join(w[0] for w in words[:2]).upper() or m.name[:1].upper()
        logo = urls.to_site_root(here) + urls.member_logo(slug, m.logo) if m.logo else None
        return v.Avatar(logo, initials, avatar_tone(slug))

    def card(self, here: str, slug: str, compact: bool = False, filterable: bool = False, note_for: str | None = None) -> v.Card:
        m = self.project.members[slug]
        return v.Card(
            href=self.href(here, urls.member(slug)),
            name=m.name,
            avatar=self.avatar(here, slug, m),
            type_label=self.member_type(m.type),
            city=m.city,
            country=self.t.country(m.country),
            summary=None if compact else self.text(m.summary),
            # Links to the competences' pages (what a chip means without JavaScript); on the directory
            # the script makes them add their competence to the filter (docs/decisions.md, "A directory
            # that combines and shares").
            chips=() if compact else tuple(self.competence_link(here, c) for c in m.competences),
            # What the directory's script filters on (only the directory's cards need it).
            filters=(
                ("type", m.type), ("country", m.country),
                ("competences", " ".join(m.competences)), ("stages", " ".join(m.value_chain)),
            ) if filterable else (),
            compact=compact,
            note=self.text(m.market_note(note_for)) if note_for else None,
        )

    def cards(self, here: str, slugs: Iterable[str], compact: bool = False, level: int = 3, searchable: bool = True,
              rows: bool = False, filterable: bool = False, note_for: str | None = None) -> v.Cards:
        """Member cards; their names are headings one level below the section they are in.
        `note_for`: a country whose market notes the cards show."""
        return v.Cards(tuple(self.card(here, s, compact or rows, filterable, note_for) for s in slugs), level, searchable, rows)

    def badge(self, here: str, label: Label, status: LabelStatus) -> v.Badge:
        scheme = self.tax.label_schemes.get(label.scheme)
        level = scheme.level if scheme else "other"
        return v.Badge(
            href=self.href(here, urls.LABEL),
            name=self.scheme(label.scheme),
            level=level,
            level_name=self.level(level),
            until=self._("valid until {date}").format(date=self.t.date(label.valid_until)),
            status=status.slug,
            status_text=None if status is LabelStatus.VALID else self.status(status),
            valid_until=label.valid_until.isoformat(),
            seal=urls.to_site_root(here) + urls.seal(label.scheme, label.awarded.isoformat()),
        )

    def badges(self, here: str) -> tuple[v.Badge, ...]:
        return tuple(self.badge(here, lab, s) for lab, s in self.ix.current_labels)

    def label_card(self, here: str, label: Label, status: LabelStatus) -> v.LabelCard:
        t, scheme = self.t, self.tax.label_schemes.get(label.scheme)
        certificate = None
        if label.certificate_url:
            certificate = v.Fact(self._("Certificate"), links=(v.Link(label.certificate_id or self._("View certificate"), safe_url(label.certificate_url), external=True),))
        elif label.certificate_id:
            certificate = v.Fact(self._("Certificate"), label.certificate_id)
        verification = None
        if scheme and scheme.verify_url:
            verification = v.Fact(self._("Verification"), links=(v.Link(self._("Public list of the issuer"), safe_url(scheme.verify_url), external=True),))
        facts = [
            v.Fact(self._("Level"), self.level(scheme.level)) if scheme else None,
            v.Fact(self._("Issuer"), scheme.issuer) if scheme else None,
            v.Fact(self._("Awarded"), t.date(label.awarded)),
            v.Fact(self._("Valid until"), t.date(label.valid_until)),
        ]
        return v.LabelCard(
            name=self.scheme(label.scheme),
            seal=urls.to_site_root(here) + urls.seal(label.scheme, label.awarded.isoformat()),
            status=status.slug,
            status_text=self.status(status),
            facts=tuple(f for f in facts if f),
            proofs=tuple(f for f in (certificate, verification) if f),
            about=self.text(scheme.description) if scheme and scheme.description else None,
            valid_until=label.valid_until.isoformat(),
        )

    def partner(self, p: Partner) -> v.Partner:
        t = self.t
        return v.Partner(
            name=v.Link(p.name, safe_url(p.website), external=True),
            where=", ".join(x for x in (p.city, t.country(p.country)) if x),
            since=self._("since {year}").format(year=p.since) if p.since else None,
            topics=t.list(self.competence(x) for x in p.topics) if p.topics else None,
        )

    def activity(self, a: Activity) -> v.Activity:
        t = self.t
        when = t.interval(a.start, a.end)  # "15–17 avril 2026": what both dates share said once
        where = ", ".join(x for x in (a.city, t.country(a.country) if a.country else None) if x)
        level = self._("Cluster management") if a.level == "management" else self._("With members")
        return v.Activity(
            v.Link(a.name, safe_url(a.url), external=True), self.activity_kind(a.kind), level, when, where or None,
            self.text(a.description), a.start.isoformat(),
        )

    def gaps(self, here: str) -> v.Gaps | None:
        """The value chain's empty cells, each with an e-mail to the cluster that offers to fill it."""
        c = self.project.cluster
        if not self.ix.gaps or not (c.contact.email or safe_url(c.contact.contact_page)):
            return None
        groups: dict[str, list[v.GapLink]] = {}
        for cid, sid in self.ix.gaps:
            gap = f"{self.competence(cid)} – {self.stage(sid)}"
            if c.contact.email:
                subject = self._("Partner for a gap in the value chain: {gap}").format(gap=gap)
                href = f"mailto:{c.contact.email}?subject={quote(subject, safe='')}"
            else:
                href = c.contact.contact_page  # type: ignore[assignment]
            label = self._("Offer to fill the gap: {gap}").format(gap=gap)
            groups.setdefault(cid, []).append(v.GapLink(self.stage(sid), href, label, cid, sid))
        return v.Gaps(
            self._("Partners wanted: open gaps in the value chain"),
            self._("No member works on these competences at these stages yet. If your company or institute can, write to us: each link opens an e-mail that names the gap."),
            tuple(v.GapGroup(self.competence_link(here, cid), tuple(links)) for cid, links in groups.items()),
        )

    def activities(self, country: str | None = None) -> tuple[list[Activity], list[Activity]]:
        """The cluster's activities (in one country, if given) split on the build date: upcoming (and
        running) soonest first, past most recent first."""
        today = self.project.build_date
        items = [a for a in self.project.cluster.activities if country is None or a.country == country]
        upcoming = sorted((a for a in items if (a.end or a.start) >= today), key=lambda a: (a.start, a.name))
        past = sorted((a for a in items if (a.end or a.start) < today), key=lambda a: (a.start, a.name), reverse=True)
        return upcoming, past

    def header(self, here: str, nav: Iterable[tuple[str, str]], base: str | None = None, search_pages: int = 0) -> v.Header:
        """The top of a page. `base`: an absolute path prefix for pages served from anywhere (404);
        `search_pages`: how many pages of this language search indexes (their bundles)."""
        def href(to: str) -> str:
            return self.folder(f"{base}{self.lang}/{to}") if base is not None else self.href(here, to)

        root = base if base is not None else urls.to_site_root(here)
        logo = self.project.cluster.logo
        section = here.split("/", 1)[0] + "/" if here else ""
        items = tuple(
            v.NavItem(v.Link(title, href(path)), path == here or (bool(path) and path == section and here != path))
            for title, path in nav if path != urls.HOME
        )
        languages = tuple(
            v.NavItem(v.Link(Translator(code, self.project.default_language).language_name(code), self.folder(f"{root}{urls.language_root(code)}{here if base is None else ''}"), lang=code), code == self.lang)
            for code in self.config.languages
        )
        return v.Header(
            home=href(urls.HOME),
            name=self.project.cluster.name,
            logo=f"{root}{urls.cluster_logo(logo)}" if logo else None,
            nav=items,
            languages=languages,
            search_bundle=f"{root}{urls.search_bundle(self.lang)}",
            search_shards=shard_count(search_pages),
            preview=self.preview,
            logo_width=self.logo_width,
            logo_height=LOGO_HEIGHT,
        )

    def footer(self, here: str, content_titles: Mapping[str, str], base: str | None = None, labels: bool = True) -> v.Footer:
        """Footer of every page: the cluster's address, imprint, privacy, and the labels held.

        `labels=False` where the page shows the same badges above (a member page's header card):
        they are not repeated, the most numerous pages stay small.
        """
        def href(to: str) -> str:
            return self.folder(f"{base}{self.lang}/{to}") if base is not None else self.href(here, to)

        c = self.project.cluster
        root = base if base is not None else urls.to_site_root(here)
        links = tuple(v.Link(content_titles[name], href(urls.content(name))) for name in ("imprint", "privacy") if name in content_titles)
        address = tuple(x for x in (
            c.contact.organisation or c.legal_name, c.contact.street,
            " ".join(x for x in (c.contact.postal_code, c.contact.city) if x), self.t.country(c.country),
        ) if x)
        # data/ has no page of its own (a host would answer 404): the descriptor lists every file.
        more = [v.Link(self._("Open data"), f"{root}{urls.DATA_PACKAGE}")]
        if safe_url(c.website):
            more.append(v.Link(c.website.removeprefix("https://").rstrip("/"), c.website, external=True))
        badges = tuple(replace(b, href=href(urls.LABEL)) for b in self.badges(here)) if labels else ()
        return v.Footer(self._("Legal"), links, badges, c.name, address, self.contacts(c.contact), tuple(more))


# --- pages ------------------------------------------------------------------------------------------

# Cards a country page shows per section before it links to the whole list (at most a page's worth).
COUNTRY_PREVIEW = 12


def country_preview(x: Lang) -> int:
    return min(COUNTRY_PREVIEW, x.config.page_size)


def home(x: Lang) -> v.Page:
    c: Cluster = x.project.cluster
    here = urls.HOME

    def build() -> v.HomeView:
        t = x.t
        located = set(x.ix.by_location)
        upcoming, past = x.activities()
        focus = tuple(
            v.FocusCard(
                x.competence_link(here, cid),
                x.text(x.tax.competences[cid].description) if cid in x.tax.competences else None,
                t.ngettext("{n} member", "{n} members", len(x.ix.by_competence.get(cid, []))).format(n=t.number(len(x.ix.by_competence.get(cid, [])))),
            )
            for cid in c.focus
        )
        contact = c.contact.contact_page if safe_url(c.contact.contact_page) else (f"mailto:{c.contact.email}" if c.contact.email else None)
        return v.HomeView(
            name=c.name,
            logo=urls.to_site_root(here) + urls.cluster_logo(c.logo) if c.logo else None,
            logo_width=round(x.logo_width * HERO_LOGO_HEIGHT / LOGO_HEIGHT) if x.logo_width else None,
            logo_height=HERO_LOGO_HEIGHT,
            tagline=x.text(c.tagline),
            summary=x.text(c.summary),
            badges=x.badges(here),
            # Each figure's word in the plural form of its number ("1 country" / "2 countries").
            figures=(
                v.Fact(t.npgettext("key figure", "Member", "Members", len(x.ix.members)), t.number(len(x.ix.members))),
                v.Fact(t.npgettext("key figure", "Country", "Countries", len(located)), t.number(len(located))),
                v.Fact(t.npgettext("key figure", "Competence", "Competences", len(x.ix.by_competence)), t.number(len(x.ix.by_competence))),
            ),
            # "Large company: 3": a member type's label has no plural form in the taxonomy
            # (docs/decisions.md, "Words and numbers that read right").
            types=tuple(t.labelled(x.member_type(tid), t.number(len(x.ix.by_type[tid]))) for tid in x.tax.member_types if x.ix.by_type.get(tid)),
            focus=focus,
            description=x.text(c.description, markdown=True),
            call_to_action=v.Link(x._("Find a partner among our members"), x.href(here, urls.MEMBERS)),
            contact_action=v.Link(x._("Contact the cluster management"), contact) if contact else None,
            contacts=x.contacts(c.contact),
            # Upcoming (and running) activities, and apart from them the latest past ones, marked as
            # past: a partner sees what to join and that the cluster is active abroad, never an old
            # trade fair as if it were to come (docs/decisions.md, "A person to call").
            activities=tuple(x.activity(a) for a in upcoming[:3]),
            past_activities=tuple(x.activity(a) for a in past[:2]),
            people=x.people(here),
            activities_link=v.Link(x._("All international activities"), x.href(here, urls.INTERNATIONAL)),
            map=world_map(dict.fromkeys(located, "members"), {cc: t.country(cc) for cc in located}, region="marked") if located else None,
            map_label=x._("Map of the countries where our members are based: {countries}").format(countries=t.list(t.country(cc) for cc in countries_sorted(list(located), t))),
        )

    # The home page's structured data names the first page of members, so the page does not grow with the cluster.
    jsonld = lambda: (structured.cluster(x.config, x.project, x.lang, limit=x.config.page_size),)  # noqa: E731
    return v.Page(here, "home", c.name, x.plain(c.summary), build, nav=True, jsonld=jsonld)


def paginated(x: Lang, base: str, slugs: list[str], title: str, make: Callable[[str, list[str], v.Pagination | None], Any],
              kind: str, description: str, trail: tuple[tuple[str, str], ...] = (), nav: bool = False, search: bool = False,
              size: int | None = None) -> list[v.Page]:
    """A listing over as many pages as it needs: `base`, then `base`page/2/ …, each a page of its own.

    `size` members a page: the cards' page size unless given (compact lists hold more lines).
    """
    size = size or x.config.page_size
    chunks = [slugs[i:i + size] for i in range(0, len(slugs), size)] or [[]]
    paths = [urls.listing_page(base, n) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        pagination = x.pagination(path, paths, n) if len(paths) > 1 else None
        first = n == 1
        page_title = title if first else x._("{title}, page {n}").format(title=title, n=x.t.number(n))
        pages.append(v.Page(
            path, kind, page_title, description,
            (lambda path=path, chunk=chunk, pagination=pagination: make(path, chunk, pagination)),
            # Later pages are reached through the first: not in the navigation, not searched.
            nav=nav and first, search=search and first,
            trail=trail if first else (*(trail or x.trail((title, base))), (page_title, path)),
            prev_next=(paths[n - 2] if n > 1 else None, paths[n] if n < len(paths) else None),
        ))
    return pages


def directory(x: Lang) -> list[v.Page]:
    t = x.t

    def make(here: str, chunk: list[str], pagination: v.Pagination | None) -> v.DirectoryView:
        def options(items: Iterable[tuple[str, str]], path: Callable[[str], str]) -> tuple[v.FilterOption, ...]:
            return tuple(v.FilterOption(value, label, x.href(here, path(value))) for value, label in items)

        comps = sorted(((c, x.competence(c)) for c in x.ix.by_competence), key=lambda item: t.sort_key(item[1]))
        types = [(tid, x.member_type(tid)) for tid in x.tax.member_types if tid in x.ix.by_type]
        located = [(cc, t.country(cc)) for cc in countries_sorted(list(x.ix.by_location), t)]
        stages = [(sid, x.stage(sid)) for sid in x.tax.value_chain if sid in x.ix.by_stage]
        count = x._("{n} of {total} members shown")  # the script fills it in as filters change
        return v.DirectoryView(
            title=x._("Members"),
            filter_label=x._("Filter members"),
            filters=(
                # Each with its name in the URL query (?competence=…&country=DE): ids, the same in every language.
                v.Filter("competences", x._("Competence"), options(comps, urls.competence), "competence"),
                v.Filter("type", x._("Member type"), options(types, urls.member_type), "type"),
                v.Filter("country", x._("Country"), options(located, x.country_members), "country"),
                v.Filter("stages", x._("Value-chain stage"), options(stages, urls.stage), "stage"),
            ),
            count_template=count,
            cards=x.cards(here, chunk, level=2, filterable=True),
            total=len(x.ix.slugs),
            index=urls.to_site_root(here) + urls.DIRECTORY_INDEX,
            root=urls.to_site_root(here),
            members=urls.relative(here, urls.MEMBERS),  # the script appends '<slug>/' (it runs on a server only)
            more=x._("Show more"),
            pagination=pagination,
            count=count.replace("{n}", t.number(len(chunk))).replace("{total}", t.number(len(x.ix.slugs))),
            reset=x._("Reset filters"),
            chosen=x._("Chosen: {n}"),
        )

    return paginated(x, urls.MEMBERS, x.ix.slugs, x._("Members"), make, kind="directory",
                     description=x._("Companies and research institutes of the cluster"), nav=True)


def typed(url: str | None) -> str:
    """A web address as a reader types it from paper: host and path, without the scheme."""
    return (url or "").removeprefix("https://").removeprefix("http://").rstrip("/")


def member_of(x: Lang, here: str) -> v.Phrase:
    """The line above the cluster's badges on a member page: they are the cluster's labels, not the
    member's certificates (issue 24: on paper they read as the company's own)."""
    name = x.project.cluster.name
    words = x._("Member of {cluster} — the cluster holds these quality labels:") if x.ix.current_labels else x._("Member of {cluster}")
    before, _, after = words.partition("{cluster}")
    return v.Phrase(before, v.Link(name, x.href(here, urls.HOME)), after)


def print_sheet(x: Lang, here: str) -> v.PrintSheet:
    """The printed member page's letterhead: the cluster, the page's address as text and as a QR code
    drawn at build time, and the build date. Without site_url the page has no address to print."""
    c, url = x.project.cluster, urls.absolute(x.config.site_url, x.lang, here) if x.config.site_url else ""
    return v.PrintSheet(
        cluster=c.name,
        logo=f"{urls.to_site_root(here)}{urls.cluster_logo(c.logo)}" if c.logo else None,
        logo_width=x.logo_width,
        logo_height=LOGO_HEIGHT,
        online=x._("This profile online"),
        address=typed(url),
        qr=qr_code(url) if url else None,
        as_of=x._("Status on {date}.").format(date=x.t.date(x.project.build_date)),
    )


def member(x: Lang, slug: str) -> v.Page:
    m: Member = x.project.members[slug]
    here = urls.member(slug)

    def build() -> v.MemberView:
        t = x.t
        offers = t.text(m.offers)
        seeks_facts = []
        if m.seeks and m.seeks.partner_types:
            seeks_facts.append(v.Fact(x._("Partner types"), t.list(x.member_type(p) for p in m.seeks.partner_types)))
        if m.seeks and m.seeks.countries:
            seeks_facts.append(v.Fact(x._("Countries"), links=tuple(x.country_link(here, cc) for cc in countries_sorted(m.seeks.countries, t))))
        details = []
        if m.languages:
            details.append(v.Fact(x._("Working languages"), t.list(t.language(code) for code in m.languages)))
        if m.certifications:
            details.append(v.Fact(x._("Certifications"), t.list(m.certifications)))
        if m.member_since:
            details.append(v.Fact(x._("Member since"), str(m.member_since)))
        if m.contact.email:
            action: v.Link | None = v.Link(x._("Contact {name}").format(name=m.name), f"mailto:{m.contact.email}")
        elif safe_url(m.contact.contact_page):
            action = v.Link(x._("Contact {name}").format(name=m.name), m.contact.contact_page, external=True)
        else:
            action = None
        return v.MemberView(
            name=m.name,
            avatar=x.avatar(here, slug, m),
            logo_alt=x._("Logo of {name}").format(name=m.name),
            chips=tuple(x.competence_link(here, c) for c in m.competences),
            action=action,
            member_of=member_of(x, here),
            badges=x.badges(here),
            type_label=x.member_type(m.type),
            city=m.city,
            country=x.country_link(here, m.country),
            employees=x._("{band} employees").format(band=t.band(m.employees)) if m.employees else None,
            founded=x._("founded {year}").format(year=m.founded) if m.founded else None,
            summary=x.text(m.summary),
            description=x.text(m.description, markdown=True),
            competences=tuple(x.competence_link(here, c) for c in m.competences),
            stages=tuple(x.stage_link(here, s) for s in m.value_chain),
            offers=v.TextList(tuple(offers.text), offers.lang if offers.fallback else None, x.notice(offers.lang) if offers.fallback else None) if offers and offers.text else None,
            seeks=x.text(m.seeks.text) if m.seeks else None,
            seeks_facts=tuple(seeks_facts),
            markets=tuple(v.Market(x.country_link(here, cc), x.text(m.market_note(cc))) for cc in countries_sorted(m.markets, t)),
            details=tuple(details),
            # On paper a link is its text: a web address whose text does not say it prints its host and path.
            contacts=tuple(v.ContactLine(link, typed(link.href) if link.external and link.text != typed(link.href) else "")
                           for link in x.contacts(m.contact, m.website)),
            # Search filters (Pagefind reads them from the page; the reader does not see them).
            search_filters=(
                *((x._("Competence"), x.competence(c)) for c in m.competences),
                (x._("Member type"), x.member_type(m.type)),
                (x._("Country"), t.country(m.country)),
                *((x._("Value-chain stage"), x.stage(s)) for s in m.value_chain),
            ),
            sheet=print_sheet(x, here),
        )

    return v.Page(
        here, "member", m.name, x.plain(m.summary), build, search=True,
        trail=x.trail((x._("Members"), urls.MEMBERS), (m.name, here)),
        jsonld=lambda: (structured.member(x.config, x.project, x.lang, slug, m),),
        image=urls.member_og_image(slug, m.logo) if m.logo else None,
    )


def competences(x: Lang) -> v.Page:
    here = urls.COMPETENCES

    def build() -> v.CompetencesView:
        t = x.t
        groups: dict[str | None, list[str]] = defaultdict(list)
        for cid, comp in x.tax.competences.items():
            groups[comp.group if comp.group in x.tax.competence_groups else None].append(cid)
        out = []
        for gid in [*x.tax.competence_groups, None]:
            if not groups.get(gid):
                continue
            title = x.plain(x.tax.competence_groups[gid].label) if gid else x._("Other competences")
            items = tuple(
                (x.competence_link(here, cid), t.number(len(x.ix.by_competence.get(cid, []))))
                for cid in sorted(groups[gid], key=lambda c: t.sort_key(x.competence(c)))
            )
            out.append(v.GroupView(title, items))
        return v.CompetencesView(x._("Competences"), x._("What the members of the cluster can do, with the number of members for each competence."), tuple(out))

    return v.Page(here, "competences", x._("Competences"), x._("Competence map of the cluster"), build, nav=True)


def listing(x: Lang, base: str, kind: str, slugs: list[str], title: str, description: Any, empty: str, trail: tuple[tuple[str, str], ...],
            level: int = 3, searchable: bool = True, search: bool = False, weighted: bool = False, heading: str = "",
            up: v.Link | None = None, compact: bool = False, note_for: str | None = None) -> list[v.Page]:
    """The pages that list the members of one competence, stage, type, cell or country relation."""
    def make(here: str, chunk: list[str], pagination: v.Pagination | None) -> v.ListingView:
        return v.ListingView(
            title=title, description=x.text(description) if description else None,
            cards=x.cards(here, chunk, level=level, searchable=searchable, rows=True, note_for=note_for), empty=empty, weighted=weighted,
            pagination=pagination, count=x.members_count(len(slugs)), heading=heading,
            up=v.Link(up.text, x.href(here, up.href)) if up and up.href is not None else None,
        )

    summary = x.plain(description) or title
    return paginated(x, base, slugs, title, make, kind=kind, description=summary, search=search, trail=trail,
                     size=x.config.rows_per_page)


def competence(x: Lang, cid: str) -> list[v.Page]:
    base, title = urls.competence(cid), x.competence(cid)
    return listing(
        x, base, "competence", x.ix.by_competence.get(cid, []), title, x.tax.competences[cid].description,
        x._("No member offers this competence yet. Partners who can fill this gap are welcome."),
        x.trail((x._("Competences"), urls.COMPETENCES), (title, base)),
        # The cards repeat the members' own texts: search finds those on the member pages.
        searchable=False, search=True, weighted=True, heading=x._("Members with this competence"),
    )


def value_chain(x: Lang) -> v.Page:
    here = urls.VALUE_CHAIN
    intro = x._("Which members work on which competence at which stage of the value chain. Empty cells are gaps the cluster wants partners to fill.")

    def build() -> v.ValueChainView:
        stages = list(x.tax.value_chain)

        def cell(cid: str, sid: str) -> v.MatrixCell:
            n = len(x.ix.by_cell.get((cid, sid), []))
            where = f"{x.competence(cid)}, {x.stage(sid)}"
            if not n:
                return v.MatrixCell(None, None, x.t.labelled(x._('gap'), where))
            return v.MatrixCell(x.t.number(n), x.href(here, urls.cell(sid, cid)), x.t.labelled(x.members_count(n), where))

        rows = tuple(v.MatrixRow(x.competence_link(here, cid), tuple(cell(cid, sid) for sid in stages)) for cid in x.tax.competences)
        return v.ValueChainView(x._("Value chain"), intro, x._("Competence"), tuple(x.stage_link(here, s) for s in stages), rows, x._("gap"),
                                gaps=x.gaps(here))

    return v.Page(here, "value-chain", x._("Value chain"), intro, build, nav=True, search=True,
                  jsonld=lambda: (structured.gaps(x.config, x.project, x.lang),) if x.ix.gaps else ())


def stage(x: Lang, sid: str) -> list[v.Page]:
    base, title = urls.stage(sid), x.stage(sid)
    return listing(x, base, "stage", x.ix.by_stage.get(sid, []), title, x.tax.value_chain[sid].description, x._("No member yet."),
                   x.trail((x._("Value chain"), urls.VALUE_CHAIN), (title, base)), heading=x._("Members at this stage"),
                   searchable=False, search=True, weighted=True)  # as a competence's pages


def cell(x: Lang, sid: str, cid: str) -> list[v.Page]:
    """The members who work on one competence at one stage: a cell of the value-chain matrix."""
    base = urls.cell(sid, cid)
    title = f"{x.competence(cid)} · {x.stage(sid)}"
    return listing(x, base, "cell", x.ix.by_cell.get((cid, sid), []), title, None, x._("No member yet."),
                   x.trail((x._("Value chain"), urls.VALUE_CHAIN), (x.stage(sid), urls.stage(sid)), (title, base)), level=2,
                   searchable=False, search=True, weighted=True)  # as a competence's pages


def member_type(x: Lang, tid: str) -> list[v.Page]:
    base, title = urls.member_type(tid), x.member_type(tid)
    return listing(x, base, "type", x.ix.by_type.get(tid, []), title, None, x._("No member yet."),
                   x.trail((x._("Members"), urls.MEMBERS), (title, base)), level=2)


def countries(x: Lang) -> v.Page:
    here = urls.COUNTRIES

    def build() -> v.CountriesView:
        t, c = x.t, x.project.cluster
        # One mark per listed country, the strongest tie first: members based there, partner clusters,
        # target markets, then any other (members active or looking for partners there, activities).
        marks: dict[str, str] = dict.fromkeys(x.ix.countries, "other")
        marks.update(dict.fromkeys(c.target_markets, "target"))
        marks.update({p.country: "partners" for p in c.partners})
        marks.update(dict.fromkeys(x.ix.by_location, "members"))
        kinds = ("members", "partners", "target", "other")
        meaning = {"members": x._("Members based here"), "partners": x._("Partner clusters"), "target": x._("Target markets"),
                   "other": x._("Other ties to the cluster")}
        return v.CountriesView(
            x._("Countries"),
            x._("Every country where the cluster, its members or its partners are present or active."),
            tuple(x.country_link(here, cc) for cc in countries_sorted(x.ix.countries, t)),
            # Each mark links to its country's page, named by the country (the list below says the same).
            map=world_map(marks, {cc: t.labelled(t.country(cc), meaning[mark]) for cc, mark in marks.items()},
                          links={cc: (x.href(here, urls.country(cc)), t.country(cc)) for cc in marks}),
            map_label=x._("World map. {legend}").format(legend="; ".join(
                t.labelled(meaning[mark], t.list(t.country(cc) for cc in countries_sorted([k for k, m in marks.items() if m == mark], t)))
                for mark in kinds if mark in marks.values()
            )),
            legend=tuple((mark, meaning[mark]) for mark in kinds if mark in marks.values()),
        )

    return v.Page(here, "countries", x._("Countries"), x._("The cluster's members and partners by country"), build, nav=True, search=True)


def country_sections(x: Lang, cc: str) -> list[tuple[str, str, str, list[str]]]:
    """(section id, heading, "all …" link text, member slugs) for each relation of members to a country."""
    country = x.t.country(cc)
    return [
        ("located", x._("Members based here"), x._("{country}: all {n} members based there"), x.ix.by_location.get(cc, [])),
        ("active", x._("Members active here"), x._("{country}: all {n} members active there"), x.ix.by_market.get(cc, [])),
        ("seeking", x._("Members looking for partners here"), x._("{country}: all {n} members looking for partners there"), x.ix.by_sought_country.get(cc, [])),
    ] if country else []


def country_cards(x: Lang, here: str, cc: str, section: str, slugs: list[str]) -> v.Cards:
    """A country section's cards: members active there show their note on the market, members
    looking for partners there what they look for (the requests a partner from there can answer)."""
    # Search finds the members on their own pages: here their names would outrank them.
    cards = x.cards(here, slugs, compact=True, note_for=cc if section == "active" else None, searchable=False)
    if section != "seeking":
        return cards
    members = x.project.members
    return replace(cards, items=tuple(
        replace(card, note=x.text(members[slug].seeks.text) if members[slug].seeks else None)
        for card, slug in zip(cards.items, slugs, strict=True)
    ))


def country(x: Lang, cc: str) -> list[v.Page]:
    """A country's page, and the complete lists of its members where the page shows only the first few."""
    t, here, c = x.t, urls.country(cc), x.project.cluster
    name = t.country(cc)
    trail = x.trail((x._("Countries"), urls.COUNTRIES), (name, here))

    def build() -> v.CountryView:
        sections = tuple(
            v.CountrySection(
                section, heading, country_cards(x, here, cc, section, slugs[:country_preview(x)]),
                v.Link(more.format(n=t.number(len(slugs)), country=name), x.href(here, urls.country_list(cc, section))) if len(slugs) > country_preview(x) else None,
            )
            for section, heading, more, slugs in country_sections(x, cc) if slugs
        )
        upcoming, past = x.activities(country=cc)
        return v.CountryView(
            title=name,
            target=x._("This country is a target market of the cluster's internationalisation strategy.") if cc in c.target_markets else None,
            partners=tuple(x.partner(p) for p in c.partners if p.country == cc),
            sections=sections,
            note=x.text(x.project.country_notes.get(cc), markdown=True),
            upcoming=tuple(x.activity(a) for a in upcoming),
            past=tuple(x.activity(a) for a in past),
            # The value chain's gaps are not this country's: a target market's page only points to them
            # (docs/decisions.md, "Partners wanted on a country page").
            gaps=v.Link(x._("Open gaps in the value chain: the cluster looks for partners to fill them"),
                        x.href(here, urls.VALUE_CHAIN) + "#gaps") if cc in c.target_markets and x.gaps(here) else None,
        )

    pages = [v.Page(here, "country", name, x._("The cluster and {country}").format(country=name), build, trail=trail, search=True)]
    for section, heading, _more, slugs in country_sections(x, cc):
        if len(slugs) > country_preview(x):
            base = urls.country_list(cc, section)
            title = x.t.labelled(name, heading)
            pages += listing(x, base, "country-list", slugs, title, None, x._("No member yet."), (*trail, (title, base)),
                             level=2, compact=True, up=v.Link(name, here), note_for=cc if section == "active" else None)
    return pages


def international(x: Lang) -> v.Page:
    here = urls.INTERNATIONAL
    return v.Page(here, "international", x._("International"), x._("Partner clusters, target markets and international activities"),
                  lambda: international_view(x, here), nav=True, search=True)


def international_view(x: Lang, here: str) -> v.InternationalView:
    t, c = x.t, x.project.cluster
    upcoming, past = x.activities()
    eccp = safe_url(c.eccp_profile)
    return v.InternationalView(
        title=x._("International"),
        eccp=v.Link(x._("Our profile on the European Cluster Collaboration Platform"), eccp, external=True) if eccp else None,
        partners=tuple(x.partner(p) for p in sorted(c.partners, key=lambda p: t.sort_key(p.name))),
        markets=tuple(x.country_link(here, cc) for cc in countries_sorted(c.target_markets, t)),
        upcoming=tuple(x.activity(a) for a in upcoming),
        past=tuple(x.activity(a) for a in past),
        calendar=v.Link(x._("Add the activities to your calendar (iCalendar)"), urls.CALENDAR) if c.activities else None,
    )


def label(x: Lang) -> v.Page:
    here, labels = urls.LABEL, x.ix.labels

    def build() -> v.LabelView:
        return v.LabelView(
            title=x._("Quality label"),
            as_of=x._("Status on {date}.").format(date=x.t.date(x.project.build_date)),
            current=tuple(x.label_card(here, lab, s) for lab, s in labels if s.current),
            upcoming=tuple(x.label_card(here, lab, s) for lab, s in labels if s is LabelStatus.NOT_YET_VALID),
            history=tuple(x.label_card(here, lab, s) for lab, s in labels if s is LabelStatus.EXPIRED),
            none_current=x._("The cluster holds no valid label at present."),
            expired=x.status(LabelStatus.EXPIRED),
        )

    return v.Page(here, "label", x._("Quality label"), x._("Quality labels of the cluster management and their status"), build, nav=True, search=True)


NAV_ORDER = {"home": 0, "directory": 1, "competences": 2, "value-chain": 3, "countries": 4, "international": 5, "label": 6, "content": 7}
CONTENT_ORDER = {"about": "0", "strategy": "1", "contact": "9"}


def nav_entries(x: Lang, pages: Iterable[v.Page]) -> list[tuple[str, str]]:
    """The main navigation as (title, path): the pages marked nav, in a fixed order."""
    def key(page: v.Page) -> tuple[int, str]:
        return NAV_ORDER.get(page.kind, 99), CONTENT_ORDER.get(page.path.rstrip("/"), "5") + page.path

    return [(x._("Home") if p.kind == "home" else p.title, p.path) for p in sorted(pages, key=key) if p.nav]


def generated_pages(x: Lang) -> list[v.Page]:
    """Every page made from the profiles, in one language (content pages come from content/)."""
    pages = [home(x), *directory(x), competences(x), value_chain(x), countries(x), international(x), label(x)]
    pages += [member(x, slug) for slug in x.ix.slugs]
    for cid in x.tax.competences:
        pages += competence(x, cid)
    for sid in x.tax.value_chain:
        pages += stage(x, sid)
        for cid in x.tax.competences:
            if x.ix.by_cell.get((cid, sid)):
                pages += cell(x, sid, cid)
    for tid in x.tax.member_types:
        pages += member_type(x, tid)
    for cc in x.ix.countries:
        pages += country(x, cc)
    return pages
