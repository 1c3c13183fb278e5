"""The directory and the pages that list members: of a competence, a value-chain stage or cell, a
member type; the competence map and the value-chain matrix that lead to them. A listing spans as
many pages as it needs (`paginated`)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ... import urls
from ...i18n import countries_sorted
from .. import structured
from .. import views as v
from ..kinds import Kind
from .context import Context
from .parts import atlas_download, cards, country_members, gaps

Trail = tuple[tuple[str, str], ...]


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
class DirectoryView:
    title: str
    filter_label: str
    filters: tuple[Filter, ...]
    count_template: str
    cards: v.Cards
    total: int  # members in the whole directory
    index: str  # the compact member index the filters load when the list spans several pages
    root: str  # the site root, relative to the page (logos of cards the script draws)
    members: str  # the directory's first page, relative to this one (member links the script draws)
    more: str  # "Show more"
    pagination: v.Pagination | None = None
    count: str = ""  # count_template filled for this page as it first shows (the script keeps it current)
    reset: str = ""  # "Reset filters"
    chosen: str = ""  # "Chosen: {n}", beside a facet's name for screen readers (the script fills it in)
    atlas: v.Download | None = None  # the competence atlas of this language (PDF), on the first page


@dataclass(frozen=True)
class GroupView:
    title: str
    items: tuple[tuple[v.Link, str], ...]  # (competence, member count)


@dataclass(frozen=True)
class CompetencesView:
    title: str
    intro: str
    groups: tuple[GroupView, ...]


@dataclass(frozen=True)
class ListingView:
    """One competence, stage, member type, value-chain cell or country list and its members."""

    title: str
    description: v.Text | None
    cards: v.Cards
    empty: str
    weighted: bool = False  # its title weighs little in search: the members it lists come first
    pagination: v.Pagination | None = None
    count: str = ""  # "12 members"
    heading: str = ""  # the list's heading, when the page has more than the list
    up: v.Link | None = None  # back to the page this list belongs to (a country's lists)


@dataclass(frozen=True)
class MatrixCell:
    count: str | None  # None: a gap
    href: str | None  # the members of this cell
    label: str  # accessible name: "3 members: Laser systems, Production"


@dataclass(frozen=True)
class MatrixRow:
    competence: v.Link
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class ValueChainView:
    title: str
    intro: str
    corner: str
    stages: tuple[v.Link, ...]
    rows: tuple[MatrixRow, ...]
    gap: str
    gaps: v.Gaps | None = None


def paginated(cx: Context, base: str, slugs: list[str], title: str, make: Callable[[str, list[str], v.Pagination | None], Any],
              kind: Kind, description: str, trail: Trail = (), size: int | None = None) -> list[v.Page]:
    """A listing over as many pages as it needs: `base`, then `base`page/2/ …, each a page of its own.

    `size` members a page: the cards' page size unless given (compact lists hold more lines).
    """
    size = size or cx.config.page_size
    chunks = [slugs[i:i + size] for i in range(0, len(slugs), size)] or [[]]
    paths = [urls.listing_page(base, n) for n in range(1, len(chunks) + 1)]
    pages = []
    for n, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        pagination = cx.links.pagination(path, paths, n) if len(paths) > 1 else None
        first = n == 1
        page_title = title if first else cx.t._("{title}, page {n}").format(title=title, n=cx.t.number(n))
        pages.append(v.Page(
            path, kind, page_title, description,
            (lambda path=path, chunk=chunk, pagination=pagination: make(path, chunk, pagination)),
            # Later pages are reached through the first: not in the navigation, not searched.
            first=first,
            trail=trail if first else (*(trail or cx.links.trail((title, base))), (page_title, path)),
            prev_next=(paths[n - 2] if n > 1 else None, paths[n] if n < len(paths) else None),
        ))
    return pages


def directory(cx: Context) -> list[v.Page]:
    _ = cx.t._
    return paginated(cx, urls.MEMBERS, cx.ix.slugs, _("Members"), lambda here, chunk, pagination: directory_view(cx, here, chunk, pagination),
                     kind=Kind.DIRECTORY, description=_("Companies and research institutes of the cluster"))


def directory_filters(cx: Context, here: str) -> tuple[Filter, ...]:
    """The directory's filters, each with its name in the URL query (?competence=…&country=DE): ids, the same in every language."""
    t, words, ix = cx.t, cx.words, cx.ix
    _ = t._

    def options(items: Iterable[tuple[str, str]], path: Callable[[str], str]) -> tuple[FilterOption, ...]:
        return tuple(FilterOption(value, label, cx.links.href(here, path(value))) for value, label in items)

    comps = sorted(((c, words.competence(c)) for c in ix.by_competence), key=lambda item: t.sort_key(item[1]))
    types = [(tid, words.member_type(tid)) for tid in cx.tax.member_types if tid in ix.by_type]
    located = [(cc, t.country(cc)) for cc in countries_sorted(list(ix.by_location), t)]
    stages = [(sid, words.stage(sid)) for sid in cx.tax.value_chain if sid in ix.by_stage]
    return (
        Filter("competences", _("Competence"), options(comps, urls.competence), "competence"),
        Filter("type", _("Member type"), options(types, urls.member_type), "type"),
        Filter("country", _("Country"), options(located, lambda cc: country_members(cx, cc)), "country"),
        Filter("stages", _("Value-chain stage"), options(stages, urls.stage), "stage"),
    )


def directory_view(cx: Context, here: str, chunk: list[str], pagination: v.Pagination | None) -> DirectoryView:
    t, slugs = cx.t, cx.ix.slugs
    _ = t._
    count = _("{n} of {total} members shown")  # the script fills it in as filters change
    return DirectoryView(
        title=_("Members"),
        filter_label=_("Filter members"),
        filters=directory_filters(cx, here),
        count_template=count,
        cards=cards(cx, here, chunk, level=2, filterable=True),
        total=len(slugs),
        index=urls.to_site_root(here) + urls.DIRECTORY_INDEX,
        root=urls.to_site_root(here),
        members=urls.relative(here, urls.MEMBERS),  # the script appends '<slug>/' (it runs on a server only)
        more=_("Show more"),
        pagination=pagination,
        count=count.replace("{n}", t.number(len(chunk))).replace("{total}", t.number(len(slugs))),
        reset=_("Reset filters"),
        chosen=_("Chosen: {n}"),
        atlas=atlas_download(cx, here) if pagination is None or pagination.current == 1 else None,
    )


def competences(cx: Context) -> v.Page:
    _ = cx.t._
    return v.Page(urls.COMPETENCES, Kind.COMPETENCES, _("Competences"), _("Competence map of the cluster"), lambda: competences_view(cx))


def competences_view(cx: Context) -> CompetencesView:
    t, words, tax, here = cx.t, cx.words, cx.tax, urls.COMPETENCES
    _ = t._
    groups: dict[str | None, list[str]] = defaultdict(list)
    for cid, comp in tax.competences.items():
        groups[comp.group if comp.group in tax.competence_groups else None].append(cid)
    out = []
    for gid in [*tax.competence_groups, None]:
        if not groups.get(gid):
            continue
        title = words.plain(tax.competence_groups[gid].label) if gid else _("Other competences")
        items = tuple(
            (cx.links.competence(here, cid), t.number(len(cx.ix.by_competence.get(cid, []))))
            for cid in sorted(groups[gid], key=lambda c: t.sort_key(words.competence(c)))
        )
        out.append(GroupView(title, items))
    return CompetencesView(_("Competences"), _("What the members of the cluster can do, with the number of members for each competence."), tuple(out))


def listing(cx: Context, base: str, kind: Kind, slugs: list[str], title: str, description: Any, empty: str, trail: Trail,
            level: int = 3, searchable: bool = True, weighted: bool = False, heading: str = "",
            up: v.Link | None = None, compact: bool = False, note_for: str | None = None) -> list[v.Page]:
    """The pages that list the members of one competence, stage, type, cell or country relation
    (one template: kinds.LISTING_TEMPLATE; `heading`, `weighted` and `up` say how they differ)."""
    words, links = cx.words, cx.links

    def make(here: str, chunk: list[str], pagination: v.Pagination | None) -> ListingView:
        return ListingView(
            title=title, description=words.text(description) if description else None,
            cards=cards(cx, here, chunk, level=level, searchable=searchable, rows=True, note_for=note_for), empty=empty, weighted=weighted,
            pagination=pagination, count=words.members_count(len(slugs)), heading=heading,
            up=v.Link(up.text, links.href(here, up.href)) if up and up.href is not None else None,
        )

    summary = words.plain(description) or title
    return paginated(cx, base, slugs, title, make, kind=kind, description=summary, trail=trail, size=cx.config.rows_per_page)


def competence(cx: Context, cid: str) -> list[v.Page]:
    _, base, title = cx.t._, urls.competence(cid), cx.words.competence(cid)
    return listing(
        cx, base, Kind.COMPETENCE, cx.ix.by_competence.get(cid, []), title, cx.tax.competences[cid].description,
        _("No member offers this competence yet. Partners who can fill this gap are welcome."),
        cx.links.trail((_("Competences"), urls.COMPETENCES), (title, base)),
        # The cards repeat the members' own texts: search finds those on the member pages.
        searchable=False, weighted=True, heading=_("Members with this competence"),
    )


def value_chain(cx: Context) -> v.Page:
    _, here = cx.t._, urls.VALUE_CHAIN
    intro = _("Which members work on which competence at which stage of the value chain. Empty cells are gaps the cluster wants partners to fill.")
    return v.Page(here, Kind.VALUE_CHAIN, _("Value chain"), intro, lambda: value_chain_view(cx, intro),
                  jsonld=lambda: (structured.gaps(cx.config, cx.project, cx.lang),) if cx.ix.gaps else ())


def value_chain_view(cx: Context, intro: str) -> ValueChainView:
    t, words, links, here = cx.t, cx.words, cx.links, urls.VALUE_CHAIN
    _ = t._
    stages = list(cx.tax.value_chain)

    def cell(cid: str, sid: str) -> MatrixCell:
        n = len(cx.ix.by_cell.get((cid, sid), []))
        where = f"{words.competence(cid)}, {words.stage(sid)}"
        if not n:
            return MatrixCell(None, None, t.labelled(_('gap'), where))
        return MatrixCell(t.number(n), links.href(here, urls.cell(sid, cid)), t.labelled(words.members_count(n), where))

    rows = tuple(MatrixRow(links.competence(here, cid), tuple(cell(cid, sid) for sid in stages)) for cid in cx.tax.competences)
    return ValueChainView(_("Value chain"), intro, _("Competence"), tuple(links.stage(here, s) for s in stages), rows, _("gap"),
                            gaps=gaps(cx, here))


def stage(cx: Context, sid: str) -> list[v.Page]:
    _, base, title = cx.t._, urls.stage(sid), cx.words.stage(sid)
    # As a competence's pages, but its title keeps a heading's weight in search (as it always had).
    return listing(cx, base, Kind.STAGE, cx.ix.by_stage.get(sid, []), title, cx.tax.value_chain[sid].description, _("No member yet."),
                   cx.links.trail((_("Value chain"), urls.VALUE_CHAIN), (title, base)), heading=_("Members at this stage"),
                   searchable=False)


def cell(cx: Context, sid: str, cid: str) -> list[v.Page]:
    """The members who work on one competence at one stage: a cell of the value-chain matrix."""
    _, words, base = cx.t._, cx.words, urls.cell(sid, cid)
    title = f"{words.competence(cid)} · {words.stage(sid)}"
    return listing(cx, base, Kind.CELL, cx.ix.by_cell.get((cid, sid), []), title, None, _("No member yet."),
                   cx.links.trail((_("Value chain"), urls.VALUE_CHAIN), (words.stage(sid), urls.stage(sid)), (title, base)), level=2,
                   searchable=False, weighted=True)  # as a competence's pages


def member_type(cx: Context, tid: str) -> list[v.Page]:
    _, base, title = cx.t._, urls.member_type(tid), cx.words.member_type(tid)
    return listing(cx, base, Kind.TYPE, cx.ix.by_type.get(tid, []), title, None, _("No member yet."),
                   cx.links.trail((_("Members"), urls.MEMBERS), (title, base)), level=2)
