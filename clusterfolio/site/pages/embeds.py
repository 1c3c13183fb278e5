"""Embeds: what other sites show of the cluster (issue 26, item 4; docs/embeds.md).

- the member page's "embed" section: the HTML of the member's badge (badge.py), to copy;
- the member grid and the cooperation board as frameless pages for an <iframe> (kinds.Facts.frame):
  without JavaScript a bounded first set and a link to the whole directory or board; with it, the
  query's competence, country, type or partner and limit, applied to the index the directory's and
  the board's filters already load (data/directory.json, data/board.json: no second copy);
- the embed-setup page, whose form writes the <iframe> snippet in the page's language.

Links in an embed open the site at the top level (target="_top" on each): the visitor leaves the host page
for the site as with any link, in the same tab; a new tab for every card would be a surprise, and
the site's pages are not made to live in a frame.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import urls
from ...i18n import countries_sorted
from ...requests import open_requests
from .. import views as v
from ..badge import BadgeView, badge_view
from ..head import brand
from ..kinds import Kind
from ..markup import script_json
from .context import Context
from .cooperation import request_card

FIRST = 12  # cards an embed shows without JavaScript, and by default
MOST = 48  # the largest ?limit= an embed takes: one request for the index, a few for the board's pages
HEIGHT = 600  # the snippet's iframe height in pixels


@dataclass(frozen=True)
class Snippet:
    """The member page's embed section: the badge and the HTML that shows it on another site."""

    title: str  # the <summary>: "Badge for your website"
    label: str  # the text field's name: "HTML to copy"
    # The snippet's attribute values, escaped for an attribute (_attr): the template writes the
    # snippet as text, so autoescape escapes them once more and the copied HTML holds them escaped once.
    href: str  # the member page, absolute
    src: str  # the badge, absolute
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class EmbedCard:
    """One member or request in an embed: a name that links to the site, and a line about it."""

    href: str
    title: str
    meta: str
    text: str = ""


@dataclass(frozen=True)
class EmbedView:
    """A frameless member grid or board (the template writes the whole document)."""

    lang: str
    title: str
    canonical: str  # the page it shows: the directory, the board
    heading: str
    cards: tuple[EmbedCard, ...]
    total: int
    more: v.Link  # "All 42 members in the directory", to the site at the top level
    empty: str
    colour: str  # the links' colour: the cluster's primary (check: 4.5:1 on white)
    powered: str  # "<cluster>": who shows this, linked to its home
    home: str
    index: str  # the directory's or the board's index, relative to this page
    script: str
    kind: str  # members, requests
    words: object  # script_json: the names of the ids the index rows name, for this language
    first: int = FIRST
    most: int = MOST


@dataclass(frozen=True)
class SetupField:
    name: str  # the query parameter
    label: str
    options: tuple[tuple[str, str], ...]  # (value, text); the first is "any"


@dataclass(frozen=True)
class SetupKind:
    value: str  # members, requests
    text: str
    url: str  # the embed's absolute URL, for the snippet
    preview: str  # the same, relative: the preview asks no other host (a local preview has no site_url)
    title: str  # the iframe's title attribute


@dataclass(frozen=True)
class SetupView:
    title: str
    intro: str
    kind_label: str
    kinds: tuple[SetupKind, ...]
    fields: tuple[SetupField, ...]
    limit_label: str
    first: int
    most: int
    snippet_label: str
    # The default snippet's src and title (the whole member grid), escaped for an attribute as in Snippet.
    snippet_src: str
    snippet_title: str
    height: int
    preview: str
    script: str
    doc: str  # where each member finds its badge
    badge: BadgeView
    badge_src: str | None  # a member's badge, relative to this page (the same drawing for every member); None without members


def absolute(cx: Context, path: str) -> str:
    return urls.absolute(cx.config.site_url, cx.lang, path)


@lru_cache(maxsize=4)
def language_badge(cx: Context) -> BadgeView:
    """The language's badge (the same for every member): measured once per language, not per page."""
    return badge_view(cx.project, cx.lang)


def member_snippet(cx: Context, slug: str) -> Snippet:
    """The badge's HTML for the member's own site: a link to its page around the image, absolute URLs."""
    _ = cx.t._
    badge = language_badge(cx)
    # The image's words: its first line (the label's line is in its <title>); the member's own site names the member.
    alt = badge.lines[0].text
    return Snippet(_("Badge for your website"), _("HTML to copy"), _attr(absolute(cx, urls.member(slug))), _attr(absolute(cx, urls.badge(slug))),
                   badge.width, badge.height, _attr(alt))


def _attr(text: str) -> str:
    """Text as an HTML attribute value of a snippet to copy (which the page then shows as text)."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def embeds(cx: Context) -> list[v.Page]:
    _ = cx.t._
    return [
        v.Page(urls.EMBED, Kind.EMBED, _("Embed on your website"), _("The member grid, the cooperation board and the badges for other websites"),
               lambda: setup_view(cx), trail=cx.links.trail((_("Embed on your website"), urls.EMBED))),
        v.Page(urls.EMBED_MEMBERS, Kind.EMBED_MEMBERS, _("Members"), "", lambda: members_view(cx)),
        v.Page(urls.EMBED_BOARD, Kind.EMBED_BOARD, _("Cooperation"), "", lambda: board_view(cx)),
    ]


def _frame(cx: Context, here: str, shows: str, kind: str, total: int, more: str, words: dict[str, object]) -> dict[str, object]:
    """What the two embeds share."""
    _ = cx.t._
    return {
        "lang": cx.lang, "canonical": absolute(cx, shows), "total": total,
        "more": v.Link(more, cx.links.href(here, shows)), "empty": _("Nothing matches this choice."),
        "colour": brand(cx.project).primary, "powered": cx.project.cluster.name, "home": cx.links.href(here, urls.HOME),
        "index": urls.to_site_root(here) + (urls.DIRECTORY_INDEX if kind == "members" else urls.BOARD_INDEX),
        "script": urls.to_site_root(here) + f"{cx.lang}/assets/embed.js", "kind": kind, "words": script_json(words),
    }


def members_view(cx: Context) -> EmbedView:
    t, words, here = cx.t, cx.words, urls.EMBED_MEMBERS
    _ = t._
    slugs = cx.ix.slugs
    cards = tuple(
        EmbedCard(cx.links.href(here, urls.member(s)), m.name, f"{words.member_type(m.type)} · {m.city}, {t.country(m.country)}")
        for s in slugs[:FIRST] for m in (cx.project.members[s],)
    )
    names = {
        "type": {k: words.member_type(k) for k in cx.tax.member_types},
        "country": {cc: t.country(cc) for cc in sorted({m.country for m in cx.project.members.values()})},
        "member": cx.links.href(here, urls.MEMBERS),
        "shown": _("{n} of {total} shown"),
    }
    title = _("Members of {cluster}").format(cluster=cx.project.cluster.name)
    more = t.ngettext("All {n} member in the directory", "All {n} members in the directory", len(slugs)).format(n=t.number(len(slugs)))
    return EmbedView(title=title, heading=title, cards=cards, **_frame(cx, here, urls.MEMBERS, "members", len(slugs), more, names))  # type: ignore[arg-type]


def board_view(cx: Context) -> EmbedView:
    t, here = cx.t, urls.EMBED_BOARD
    _ = t._
    found = open_requests(cx.project)
    cards = []
    for r in found[:FIRST]:
        c = request_card(cx, here, r)
        meta = " · ".join(x for x in (c.who, c.since) if x)
        cards.append(EmbedCard(c.href or cx.links.href(here, urls.COOPERATION) + f"#request-{c.id}", c.title, meta, c.text.text if c.text else ""))
    names = {"board": cx.links.href(here, urls.COOPERATION), "shown": _("{n} of {total} shown")}
    title = _("Open requests for partners")
    more = t.ngettext("All {n} open request on the board", "All {n} open requests on the board", len(found)).format(n=t.number(len(found)))
    return EmbedView(title=f"{title} – {cx.project.cluster.name}", heading=title, cards=tuple(cards),
                     **_frame(cx, here, urls.COOPERATION, "requests", len(found), more, names))  # type: ignore[arg-type]


def setup_view(cx: Context) -> SetupView:
    t, words, here = cx.t, cx.words, urls.EMBED
    _ = t._
    any_ = _("Any")
    comps = sorted(((c, words.competence(c)) for c in cx.tax.competences), key=lambda item: t.sort_key(item[1]))
    named = {m.country for m in cx.project.members.values()} | {cc for r in open_requests(cx.project) for cc in r.countries}
    fields = (
        SetupField("competence", _("Competence"), (("", any_), *comps)),
        SetupField("country", _("Country"), (("", any_), *((cc, t.country(cc)) for cc in countries_sorted(list(named), t)))),
    )
    members = absolute(cx, urls.EMBED_MEMBERS)
    title = _("{cluster}: members").format(cluster=cx.project.cluster.name)
    return SetupView(
        title=_("Embed on your website"),
        intro=_("Show the cluster's members or its open requests for partners on another website: choose what to show, then copy the HTML below into that page. Visitors who click a card come to this site."),
        kind_label=_("Show"),
        kinds=(SetupKind("members", _("Member grid"), members, cx.links.href(here, urls.EMBED_MEMBERS), title),
               SetupKind("requests", _("Cooperation board"), absolute(cx, urls.EMBED_BOARD), cx.links.href(here, urls.EMBED_BOARD),
                         _("{cluster}: open requests for partners").format(cluster=cx.project.cluster.name))),
        fields=fields,
        limit_label=_("How many at most"),
        first=FIRST, most=MOST,
        snippet_label=_("HTML to copy"),
        snippet_src=_attr(members), snippet_title=_attr(title),
        height=HEIGHT,
        preview=_("Preview"),
        script=urls.to_site_root(here) + f"{cx.lang}/assets/embed.js",
        doc=_("Each member's page offers this badge for the member's own website, under “Badge for your website”."),
        badge=language_badge(cx),
        badge_src=cx.links.href(here, urls.badge(cx.ix.slugs[0])) if cx.ix.slugs else None,
    )
