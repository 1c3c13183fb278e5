"""The frame of every page, made in one place: its head, header and footer.

The build (engine.build.LanguageSite.chrome) places a page's frame around its body; the golden
tests read the pages it writes, so a golden is the page as published, frame included. A pull
request's preview (opened from disk) is a matter of the language's links (links.Linker) and of
the head's neighbour links, both made here or below once. The main navigation is made here too:
the kinds' places in it are in the registry (kinds.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .. import urls
from ..i18n import Translator
from . import views as v
from .head import head, not_found_head
from .markup import safe_url
from .pages.content import CONTENT_ORDER
from .pages.context import Context
from .pages.parts import badges, contacts
from .search import shard_count
from .sitefiles import language_not_found_view

if TYPE_CHECKING:
    from .render import Renderer

Nav = list[tuple[str, str]]  # (title, path) of each page in the main navigation


@dataclass(frozen=True)
class Frame:
    """What surrounds a page's body, as views; `not_found`: a language's 404 page, which has no body of ours."""

    title: str  # the text of <title>
    head: v.Head
    header: v.Header
    footer: v.Footer
    search: bool  # search indexes the page
    not_found: v.NotFoundView | None = None

    def rendered(self, renderer: Renderer) -> dict[str, Any]:
        """The frame as the theme places it (the `cf` of theme/overrides/main.html and 404.html)."""
        out: dict[str, Any] = {
            "title": self.title,
            "head": renderer.head(self.head),
            "header": renderer.header(self.header),
            "footer": renderer.footer(self.footer),
        }
        if self.not_found is not None:
            # "Page not found" in this language (theme/overrides/404.html puts it in place of Material's text).
            out["body"] = renderer.render("site/not-found.html", view=self.not_found)
        out["search"] = self.search
        return out


def frame(cx: Context, page: v.Page | None, nav: Nav, legal: Mapping[str, str], search_pages: int) -> Frame:
    """The frame of one page of cx's language, or with no page of mkdocs' 404 page of the language.

    `nav`: the main navigation (nav_entries); `legal`: content page titles by name, for the
    footer's imprint and privacy links; `search_pages`: how many pages of the language search indexes.
    """
    if page is None:
        # Served at any path: links start at the site's path; in a preview, which has no path of
        # its own, at the site root seen from <lang>/404.html.
        base = "../" if cx.preview else urls.site_path(cx.config.site_url)
        return Frame(
            title=cx.project.cluster.name,
            head=not_found_head(cx.config, cx.project),
            header=header(cx, "", nav, base, search_pages),
            footer=footer(cx, "", legal, base),
            search=False,
            not_found=language_not_found_view(cx.config, cx.lang, base, cx.preview),
        )
    page_head = head(cx.config, cx.project, cx.lang, page, cx.preview)
    return Frame(
        title=page_head.title,
        head=page_head,
        header=header(cx, page.path, nav, search_pages=search_pages),
        footer=footer(cx, page.path, legal, labels=page.kind.footer_labels),
        search=page.search,
    )


def nav_entries(cx: Context, pages: Iterable[v.Page]) -> Nav:
    """The main navigation as (title, path): the pages marked nav, in their kinds' order."""
    def key(page: v.Page) -> tuple[int, str]:
        return page.kind.nav_order, CONTENT_ORDER.get(page.path.rstrip("/"), "5") + page.path

    return [(cx.t._("Home") if p.kind.front else p.title, p.path) for p in sorted(pages, key=key) if p.nav]


def header(cx: Context, here: str, nav: Iterable[tuple[str, str]], base: str | None = None, search_pages: int = 0) -> v.Header:
    """The top of a page. `base`: an absolute path prefix for pages served from anywhere (404);
    `search_pages`: how many pages of this language search indexes (their bundles)."""
    def href(to: str) -> str:
        return cx.links.folder(f"{base}{cx.lang}/{to}") if base is not None else cx.links.href(here, to)

    root = base if base is not None else urls.to_site_root(here)
    logo = cx.project.cluster.logo
    section = here.split("/", 1)[0] + "/" if here else ""
    items = tuple(
        v.NavItem(v.Link(title, href(path)), path == here or (bool(path) and path == section and here != path))
        for title, path in nav if path != urls.HOME
    )
    languages = tuple(
        v.NavItem(v.Link(Translator(code, cx.project.default_language).language_name(code),
                         cx.links.folder(f"{root}{urls.language_root(code)}{here if base is None else ''}"), lang=code), code == cx.lang)
        for code in cx.config.languages
    )
    return v.Header(
        home=href(urls.HOME),
        name=cx.project.cluster.name,
        logo=f"{root}{urls.cluster_logo(logo)}" if logo else None,
        nav=items,
        languages=languages,
        search_bundle=f"{root}{urls.search_bundle(cx.lang)}",
        search_shards=shard_count(search_pages),
        preview=cx.preview,
        logo_width=cx.logo_width,
        logo_height=v.LOGO_HEIGHT,
    )


def footer(cx: Context, here: str, legal: Mapping[str, str], base: str | None = None, labels: bool = True) -> v.Footer:
    """Footer of every page: the cluster's address, imprint, privacy, and the labels held.

    `labels=False` where the page shows the same badges above (kinds.Facts.footer_labels).
    """
    def href(to: str) -> str:
        return cx.links.folder(f"{base}{cx.lang}/{to}") if base is not None else cx.links.href(here, to)

    c = cx.project.cluster
    root = base if base is not None else urls.to_site_root(here)
    links = tuple(v.Link(legal[name], href(urls.content(name))) for name in ("imprint", "privacy") if name in legal)
    address = tuple(x for x in (
        c.contact.organisation or c.legal_name, c.contact.street,
        " ".join(x for x in (c.contact.postal_code, c.contact.city) if x), cx.t.country(c.country),
    ) if x)
    # data/ has no page of its own (a host would answer 404): the descriptor lists every file.
    more = [v.Link(cx.t._("Open data"), f"{root}{urls.DATA_PACKAGE}")]
    if safe_url(c.website):
        more.append(v.Link(c.website.removeprefix("https://").rstrip("/"), c.website, external=True))
    held = tuple(replace(b, href=href(urls.LABEL)) for b in badges(cx, here)) if labels else ()
    return v.Footer(cx.t._("Legal"), links, held, c.name, address, contacts(cx.words, c.contact), tuple(more))
