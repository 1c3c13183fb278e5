"""The thin adapter between the portal and the site's rendering: a PortalSite is a LanguageSite
(site/engine/build.py) whose pages are the portal's and whose frame (head, header, footer, as the
site's views and partials) names the portal instead of a cluster. mkdocs, the clusterfolio plugin,
the templates' environment and the stylesheet are the site's own."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..site import ui
from ..site import views as v
from ..site.engine.build import LanguageSite
from ..site.frame import Frame, Nav
from ..site.head import og_locale
from ..site.render import Renderer
from ..site.sitefiles import language_not_found_view
from .context import PortalContext
from .kinds import PortalKind


@dataclass(frozen=True)
class PortalMark:
    """What the site's shared code reads of "the cluster" (the site's name, root page and colours): the portal's."""

    name: str
    tagline: Mapping[str, str] = field(default_factory=dict)
    brand: None = None  # the default colours (head.brand)
    logo: None = None


@dataclass(frozen=True)
class PortalOwner:
    """Stands in for a cluster's Project where the site's code asks for one (engine, root files)."""

    cluster: PortalMark
    build_date: dt.date
    default_language: str


def portal_config(root: Any, languages: tuple[str, ...], name: str, site_url: str) -> Config:
    """The Config the engine reads: the portal's languages and address; no theme settings of its own."""
    return Config(root=root, languages=languages, fallback_languages=frozenset(), site_name=name, site_url=site_url)


class PortalSite(LanguageSite):
    """One language of the portal, ready for render_language."""

    @property
    def nav_entries(self) -> Nav:  # type: ignore[override]
        pages = sorted((p for p in self.pages if p.nav), key=lambda p: p.kind.nav_order)
        return [(self.lang.t._("Home") if p.kind.front else p.title, p.path) for p in pages]

    def chrome(self, page: v.Page | None) -> dict[str, Any]:
        x: PortalContext = self.lang  # type: ignore[assignment]
        return portal_frame(x, page, self.nav_entries).rendered(self.renderer)


def portal_site(x: PortalContext, pages: list[v.Page], owner: PortalOwner) -> PortalSite:
    return PortalSite(x.config, owner, x, pages, Renderer(ui.strings(x.t)))  # type: ignore[arg-type]


def head(x: PortalContext, page: v.Page) -> v.Head:
    config = x.config
    url = urls.absolute(config.site_url, x.lang, page.path)
    alternates = [v.Alternate(code, urls.absolute(config.site_url, code, page.path)) for code in config.languages]
    alternates.append(v.Alternate("x-default", urls.absolute(config.site_url, config.international_language, page.path)))
    meta = [("og:type", "website"), ("og:site_name", x.portal.name), ("og:title", page.title), ("og:description", page.description[:300]),
            ("og:url", url), ("og:locale", og_locale(x.lang)),
            *(("og:locale:alternate", og_locale(code)) for code in config.languages if code != x.lang)]
    before, after = page.prev_next
    return v.Head(
        title=page.title if page.kind.front and page.first else f"{page.title} – {x.portal.name}",
        description=page.description[:300],
        canonical=url,
        alternates=tuple(alternates),
        meta=tuple(meta),
        twitter=(("twitter:card", "summary"),),
        jsonld=(),
        prev=urls.relative(page.path, before) if before is not None else None,
        next=urls.relative(page.path, after) if after is not None else None,
        catalogues=catalogues(x, page),
        icons=icons(page.path),
    )


def icons(here: str) -> v.Icons:
    """The portal's favicons (portal/build.py: write_portal_icons), relative to the page."""
    root = urls.to_site_root(here)
    return v.Icons(root + urls.FAVICON_ICO, root + urls.ICON_PNG, None, root + urls.TOUCH_ICON)


def catalogues(x: PortalContext, page: v.Page) -> tuple[tuple[str, v.Link], ...]:
    """The portal's DCAT-AP catalogue on its home page, in both formats (portal/catalogue.py writes
    them where the portal has its address), as a cluster site's home announces its own."""
    if page.kind is not PortalKind.HOME or not page.first or not x.config.site_url:
        return ()
    title = x.t._("Open data catalogue (DCAT-AP)")
    return (("text/turtle", v.Link(title, urls.asset(x.config.site_url, urls.CATALOG_TTL))),
            ("application/ld+json", v.Link(title, urls.asset(x.config.site_url, urls.CATALOG_JSONLD))))


def header(x: PortalContext, here: str, nav: Nav, base: str | None = None) -> v.Header:
    def href(to: str) -> str:
        return f"{base}{x.lang}/{to}" if base is not None else x.links.href(here, to)

    root = base if base is not None else urls.to_site_root(here)
    section = here.split("/", 1)[0] + "/" if here else ""
    items = tuple(v.NavItem(v.Link(title, href(path)), path == here or (bool(path) and path == section and here != path))
                  for title, path in nav if path != urls.HOME)
    languages = tuple(
        v.NavItem(v.Link(Translator(code, x.config.default_language).language_name(code),
                         f"{root}{urls.language_root(code)}{here if base is None else ''}", lang=code), code == x.lang)
        for code in x.config.languages)
    return v.Header(home=href(urls.HOME), name=x.portal.name, logo=None, nav=items, languages=languages,
                    search_bundle=f"{root}{urls.search_bundle(x.lang)}")


def footer(x: PortalContext, here: str, base: str | None = None) -> v.Footer:
    count = len(x.harvested.clusters)
    what = x.t.ngettext("Made from the data {n} cluster publishes, harvested by the portal.",
                        "Made from the data {n} clusters publish, harvested by the portal.", count).format(n=x.t.number(count))
    return v.Footer(x.t._("Legal"), (), (), x.portal.name, (what,))


def portal_frame(x: PortalContext, page: v.Page | None, nav: Nav) -> Frame:
    """The frame of one portal page, or without a page of the language's 404 page (served at any path)."""
    if page is None:
        base = urls.site_path(x.config.site_url)
        return Frame(title=x.portal.name, head=v.Head(x.portal.name, "", "", (), (), (), (), noindex=True),
                     header=header(x, "", nav, base), footer=footer(x, "", base), search=False,
                     not_found=language_not_found_view(x.config, x.lang, base))
    return Frame(title=head(x, page).title, head=head(x, page), header=header(x, page.path, nav), footer=footer(x, page.path),
                 search=page.search)
