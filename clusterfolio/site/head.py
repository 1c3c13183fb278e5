"""Per-page <head> content made by our code: canonical URL, language alternates, OpenGraph, JSON-LD."""
from __future__ import annotations

from babel.core import LOCALE_ALIASES

from ..config import Config
from ..model import Project
from . import structured
from .html import esc
from .pages import Page


def page_url(config: Config, lang: str, path: str) -> str:
    """Absolute URL of a page (site_url is required for a published site)."""
    base = config.site_url.rstrip("/") if config.site_url else ""
    return f"{base}/{lang}/{path}"


def og_locale(lang: str) -> str:
    return LOCALE_ALIASES.get(lang, lang)


def head_html(config: Config, project: Project, lang: str, page: Page) -> str:
    """Everything page-specific in <head>, escaped here."""
    url = page_url(config, lang, page.path)
    tags = [f'<link rel="canonical" href="{esc(url)}">']
    for code in config.languages:
        tags.append(f'<link rel="alternate" hreflang="{esc(code)}" href="{esc(page_url(config, code, page.path))}">')
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{esc(page_url(config, config.default_language, page.path))}">')

    image = None
    if page.kind == "member":
        image = project.members[page.data["slug"]].logo
    image = image or project.cluster.logo
    meta = [
        ("og:type", "website"),
        ("og:site_name", project.cluster.name),
        ("og:title", page.title),
        ("og:description", page.description[:300]),
        ("og:url", url),
        ("og:locale", og_locale(lang)),
        *(("og:locale:alternate", og_locale(code)) for code in config.languages if code != lang),
        ("og:image", (config.site_url.rstrip("/") + "/" + image) if image and config.site_url else ""),
    ]
    tags += [f'<meta property="{esc(k)}" content="{esc(v)}">' for k, v in meta if v]
    tags += [
        '<meta name="twitter:card" content="summary">',
        f'<meta name="twitter:title" content="{esc(page.title)}">',
        f'<meta name="twitter:description" content="{esc(page.description[:200])}">',
    ]

    if page.kind == "home":
        tags.append(structured.script(structured.cluster(config, project, lang)))
    elif page.kind == "member":
        slug = page.data["slug"]
        tags.append(structured.script(structured.member(config, project, lang, slug, project.members[slug])))
    if page.data.get("trail"):
        tags.append(structured.script(structured.breadcrumbs(config, lang, page.data["trail"])))
    return "".join(tags)
