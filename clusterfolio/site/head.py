"""Per-page <head> facts made by our code: title, canonical URL, language alternates, OpenGraph, JSON-LD."""
from __future__ import annotations

from babel.core import LOCALE_ALIASES

from .. import urls
from ..colours import text_on
from ..config import Config
from ..i18n import Translator
from ..model import COLOUR_RE, Project
from . import structured
from . import views as v
from .kinds import Kind
from .markup import script_json

DEFAULT_PRIMARY = "#1a4d8c"


def og_locale(lang: str) -> str:
    return LOCALE_ALIASES.get(lang, lang)


def brand(project: Project) -> v.Brand:
    """The cluster's colours; the text on each is whichever of white and black reads better."""
    colours = project.cluster.brand
    primary = colours.primary if colours else DEFAULT_PRIMARY
    accent = (colours.accent or colours.primary) if colours else DEFAULT_PRIMARY
    # The values go into a <style> element: check's rule again, as a second line of defence.
    primary = primary if COLOUR_RE.fullmatch(primary or "") else DEFAULT_PRIMARY
    accent = accent if COLOUR_RE.fullmatch(accent or "") else primary
    return v.Brand(primary, text_on(primary), accent, text_on(accent))


def brand_css(project: Project) -> str:
    """The cluster's colours as the last rule of assets/clusterfolio.css (engine/plugin.py): after
    the stylesheet's defaults, so they win; once per language instead of a <style> in each of
    ~36,000 pages at 10,000 members (110 B each). The values are brand()'s, checked again there."""
    b = brand(project)
    return (f"\n/* The cluster's colours (profiles/cluster.yml: brand), written by the build. */\n"
            f":root{{--cf-primary:{b.primary};--cf-on-primary:{b.on_primary};--cf-accent:{b.accent};--cf-on-accent:{b.on_accent}}}\n")


def icons(project: Project, here: str, root: str | None = None) -> v.Icons:
    root = root if root is not None else urls.to_site_root(here)
    svg = project.cluster.logo and project.cluster.logo.lower().endswith(".svg")
    return v.Icons(root + urls.FAVICON_ICO, root + urls.ICON_PNG, root + urls.ICON_SVG if svg else None, root + urls.TOUCH_ICON)


def not_found_head(config: Config, project: Project) -> v.Head:
    """The head of a language's 404 page, served at any path: links start at the site's path."""
    root = urls.site_path(config.site_url)
    return v.Head(project.cluster.name, "", "", (), (), (), (), icons(project, "", root), noindex=True)


def head(config: Config, project: Project, lang: str, page: v.Page, preview: bool = False) -> v.Head:
    """The head of one page; every value is plain text, escaped by the template.

    `preview`: a pull request's preview opened from disk, whose links name each folder's index.html
    (a listing's neighbours too, as the page's own links)."""
    url = urls.absolute(config.site_url, lang, page.path)
    alternates = [v.Alternate(code, urls.absolute(config.site_url, code, page.path)) for code in config.languages]
    # x-default: the page in the language a visitor from anywhere reads (extra.international_language).
    alternates.append(v.Alternate("x-default", urls.absolute(config.site_url, config.international_language, page.path)))
    image = page.image or urls.OG_CARD
    meta = [
        ("og:type", "website"),
        ("og:site_name", project.cluster.name),
        ("og:title", page.title),
        ("og:description", page.description[:300]),
        ("og:url", url),
        ("og:locale", og_locale(lang)),
        *(("og:locale:alternate", og_locale(code)) for code in config.languages if code != lang),
        ("og:image", urls.asset(config.site_url, image) if image and config.site_url else ""),
    ]
    jsonld = list(page.jsonld())
    before, after = page.prev_next
    if page.trail:
        jsonld.append(structured.breadcrumbs(config, lang, list(page.trail)))
    return v.Head(
        # The home page is titled by the cluster's name alone (kinds.Facts.front).
        title=page.title if page.kind.front else f"{page.title} – {project.cluster.name}",
        description=page.description[:300],
        canonical=url,
        alternates=tuple(alternates),
        meta=tuple((k, value) for k, value in meta if value),
        # Twitter/X reads the OpenGraph tags; only the card type is its own.
        twitter=(("twitter:card", "summary_large_image" if image == urls.OG_CARD else "summary"),),
        jsonld=tuple(script_json(item) for item in jsonld),
        icons=icons(project, page.path),
        prev=urls.relative(page.path, before, file_urls=preview) if before is not None else None,
        next=urls.relative(page.path, after, file_urls=preview) if after is not None else None,
        feeds=feeds(project, lang, page),
        catalogues=catalogues(config, lang, page),
    )


def catalogues(config: Config, lang: str, page: v.Page) -> tuple[tuple[str, v.Link], ...]:
    """The DCAT-AP catalogue on the home page, in both its formats (catalog.py writes them where the
    site has its address): the alternates a harvester or a browser extension finds from the home."""
    if page.kind != Kind.HOME or not config.site_url:
        return ()
    title = Translator(lang, config.default_language)._("Open data catalogue (DCAT-AP)")
    return (("text/turtle", v.Link(title, urls.asset(config.site_url, urls.CATALOG_TTL))),
            ("application/ld+json", v.Link(title, urls.asset(config.site_url, urls.CATALOG_JSONLD))))


def feeds(project: Project, lang: str, page: v.Page) -> tuple[v.Link, ...]:
    """The Atom feeds a page announces: the board's on the board and the home page, the
    activities' on the International page (feeds.py writes them)."""
    _ = Translator(lang, project.default_language)._
    out = []
    if page.kind in (Kind.HOME, Kind.COOPERATION):
        out.append(v.Link(_("Open requests for partners (Atom feed)"), urls.relative(page.path, urls.COOPERATION) + urls.BOARD_FEED))
    if page.kind == Kind.INTERNATIONAL and project.cluster.activities:
        out.append(v.Link(_("International activities (Atom feed)"), urls.relative(page.path, urls.INTERNATIONAL) + urls.ACTIVITIES_FEED))
    return tuple(out)
