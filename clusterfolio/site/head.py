"""Per-page <head> content made by our code: canonical URL and language alternates."""
from __future__ import annotations

from ..config import Config
from ..model import Project
from .html import esc
from .pages import Page


def page_url(config: Config, lang: str, path: str) -> str:
    """Absolute URL of a page (site_url is required for a published site)."""
    base = config.site_url.rstrip("/") if config.site_url else ""
    return f"{base}/{lang}/{path}"


def head_html(config: Config, project: Project, lang: str, page: Page) -> str:
    """Canonical URL and hreflang alternates to the same page in every language."""
    links = [f'<link rel="canonical" href="{esc(page_url(config, lang, page.path))}">']
    for code in config.languages:
        links.append(f'<link rel="alternate" hreflang="{esc(code)}" href="{esc(page_url(config, code, page.path))}">')
    links.append(f'<link rel="alternate" hreflang="x-default" href="{esc(page_url(config, config.default_language, page.path))}">')
    return "".join(links)
