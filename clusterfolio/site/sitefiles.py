"""Site-wide files at the root: language chooser, 404, robots.txt, sitemap.xml (SPEC §4, §4.2)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Project
from . import ui
from . import views as v
from .render import environment

# The sitemaps.org protocol's limits for one sitemap: 50,000 URLs and 50 MB (52,428,800 bytes)
# uncompressed. Past either, sitemap.xml becomes a sitemap index of sitemap-1.xml, sitemap-2.xml …
# (tests patch these to split a small site).
SITEMAP_URLS = 50_000
SITEMAP_BYTES = 50 * 1024 * 1024
# What one <url> element costs besides its addresses (tags, lastmod, hreflang attributes), at most.
_ENTRY_OVERHEAD, _ALTERNATE_OVERHEAD = 80, 60

# What links to a language's home end with in a preview opened from disk (file://), where no
# server turns a folder into its index.html.
PREVIEW_INDEX = "index.html"


def _languages(config: Config, prefix: str, index: str = "") -> tuple[v.Link, ...]:
    return tuple(
        v.Link(Translator(code, config.default_language).language_name(code), f"{prefix}{urls.language_root(code)}{index}", lang=code)
        for code in config.languages
    )


def _preview(config: Config, preview: bool) -> str | None:
    """The preview banner's text, in the default language (the root pages speak it first)."""
    return ui.strings(Translator(config.default_language, config.default_language))["preview"] if preview else None


def root_view(config: Config, project: Project, preview: bool = False) -> v.RootView:
    """The root picks the visitor's language; without JavaScript it is a list of links.

    A visitor whose browser asks for none of the site's languages gets the international language
    (also x-default). A preview opens the default language's home, where every required text is."""
    t = Translator(config.default_language, config.default_language)
    index = PREVIEW_INDEX if preview else ""
    alternates = [v.Alternate(code, urls.absolute(config.site_url, code, urls.HOME)) for code in config.languages]
    alternates.append(v.Alternate("x-default", urls.absolute(config.site_url, config.international_language, urls.HOME)))
    return v.RootView(
        lang=config.default_language,
        title=project.cluster.name,
        name=project.cluster.name,
        description=t.text(project.cluster.tagline).text,  # type: ignore[union-attr]
        alternates=tuple(alternates),
        messages=(),
        languages=_languages(config, "", index),
        # Only the default language is chosen by the script in a preview.
        language_codes=(config.default_language,) if preview else config.languages,
        default=config.default_language if preview else config.international_language,
        choose_language=True,
        noindex=False,
        preview=_preview(config, preview),
        index=index,
    )


def not_found_view(config: Config, project: Project, preview: bool = False) -> v.RootView:
    """A 404 page for hosts that serve /404.html; its links start at the site's path (a preview's
    are relative: it has no path of its own). Served at any path, it does not know the visitor's
    language: it says "Page not found" in each of the site's languages."""
    translators = [Translator(code, config.default_language) for code in config.languages]
    messages = tuple(
        v.Message(t.lang, t._("This page does not exist. Choose a language to go to the home page:"), t._("Page not found"))
        for t in translators
    )
    return v.RootView(
        lang=config.default_language,
        title=f"{Translator(config.default_language, config.default_language)._('Page not found')} – {project.cluster.name}",
        name=project.cluster.name,
        description=None,
        alternates=(),
        messages=messages,
        languages=_languages(config, "", PREVIEW_INDEX) if preview else _languages(config, urls.site_path(config.site_url)),
        language_codes=config.languages,
        default=config.default_language,
        choose_language=False,
        noindex=True,
        preview=_preview(config, preview),
        index=PREVIEW_INDEX if preview else "",
    )


def language_not_found_view(config: Config, lang: str, base: str, preview: bool = False) -> v.NotFoundView:
    """What <lang>/404.html says, for hosts that serve the 404 page nearest to the path asked for:
    links start at `base`, the site's path (a preview's: the site root seen from <lang>/)."""
    t = Translator(lang, config.default_language)
    index = PREVIEW_INDEX if preview else ""
    home = f"{base}{urls.language_root(lang)}"
    return v.NotFoundView(
        t._("Page not found"),
        t._("There is no page at this address. It may have moved or been removed."),
        (v.Link(t._("Go to the home page"), f"{home}{index}"), v.Link(t._("Find a partner among our members"), f"{home}{urls.MEMBERS}{index}")),
    )


def sitemap_entries(config: Config, paths: Iterable[str]) -> list[v.SitemapEntry]:
    """Every page of every language, each with its alternates."""
    out = []
    for path in paths:
        alternates = [v.Alternate(code, urls.absolute(config.site_url, code, path)) for code in config.languages]
        alternates.append(v.Alternate("x-default", urls.absolute(config.site_url, config.international_language, path)))
        out += [v.SitemapEntry(urls.absolute(config.site_url, code, path), tuple(alternates)) for code in config.languages]
    return out


def sitemap_parts(entries: list[v.SitemapEntry]) -> list[list[v.SitemapEntry]]:
    """The entries in sitemaps of at most SITEMAP_URLS entries and SITEMAP_BYTES each, in order."""
    parts: list[list[v.SitemapEntry]] = [[]]
    size = 0
    for entry in entries:
        # Bytes, not characters: an internationalised site address is longer in UTF-8.
        cost = len(entry.loc.encode()) + _ENTRY_OVERHEAD + sum(len(a.href.encode()) + len(a.lang) + _ALTERNATE_OVERHEAD for a in entry.alternates)
        if parts[-1] and (len(parts[-1]) >= SITEMAP_URLS or size + cost > SITEMAP_BYTES - 1024):
            parts.append([])
            size = 0
        parts[-1].append(entry)
        size += cost
    return parts


def sitemap_part(n: int) -> str:
    """The file name of the n-th sitemap (from 1) of a site whose sitemap.xml is an index."""
    return f"sitemap-{n}.xml"


def file_entries(config: Config, files: Mapping[str, str]) -> list[v.SitemapEntry]:
    """Files the site publishes per language under names of their own (the atlas PDFs: lang -> path),
    each with the others as its alternates, x-default the international language's, as for the pages."""
    alternates = [v.Alternate(lang, urls.absolute(config.site_url, lang, path)) for lang, path in files.items()]
    if config.international_language in files:
        alternates.append(v.Alternate("x-default", urls.absolute(config.site_url, config.international_language, files[config.international_language])))
    return [v.SitemapEntry(a.href, tuple(alternates)) for a in alternates if a.lang != "x-default"]


def write_site_files(config: Config, project: Project, site: Path, paths: Iterable[str], search: Iterable[Path] = (), preview: bool = False,
                     files: Mapping[str, str] | None = None) -> None:
    """Write index.html, 404.html, robots.txt and sitemap.xml at the site root (files: see file_entries)."""
    env = environment(tuple(search))

    def write(name: str, template: str, **context: object) -> None:
        (site / name).write_text(env.get_template(template).render(**context).strip() + "\n", encoding="utf-8")

    write("index.html", "site/root.html", view=root_view(config, project, preview))
    write("404.html", "site/root.html", view=not_found_view(config, project, preview))
    def address(name: str) -> str:
        return urls.asset(config.site_url, name) if config.site_url else "/" + name

    catalogue = (address(urls.CATALOG_TTL), address(urls.CATALOG_JSONLD)) if config.site_url else ()
    write("robots.txt", "site/robots.txt", sitemap=address(urls.SITEMAP), catalogue=catalogue)
    lastmod = project.build_date.isoformat()
    parts = sitemap_parts(sitemap_entries(config, paths) + file_entries(config, files or {}))
    if len(parts) == 1:
        write(urls.SITEMAP, "site/sitemap.xml", entries=parts[0], lastmod=lastmod)
        return
    for n, part in enumerate(parts, start=1):
        write(sitemap_part(n), "site/sitemap.xml", entries=part, lastmod=lastmod)
    write(urls.SITEMAP, "site/sitemap-index.xml", sitemaps=[address(sitemap_part(n)) for n in range(1, len(parts) + 1)], lastmod=lastmod)
