"""Site-wide files at the root: language chooser, 404, robots.txt, sitemap.xml."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape as xml_escape

from ..config import Config
from ..i18n import Translator
from ..model import Project
from .head import page_url
from .html import esc


def _language_links(config: Config, prefix: str) -> str:
    items = []
    for code in config.languages:
        name = Translator(code, config.default_language).language_name(code)
        items.append(f'<li><a href="{prefix}{esc(code)}/" hreflang="{esc(code)}" lang="{esc(code)}">{esc(name)}</a></li>')
    return "<ul>" + "".join(items) + "</ul>"


_STYLE = (
    "body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;"
    "max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#1a1a1a}"
    "a{color:#1a4d8c}li{margin:.4em 0;font-size:1.2em}"
)


def root_index(config: Config, project: Project) -> str:
    """The root picks the visitor's language; without JavaScript it is a list of links."""
    languages = json.dumps(list(config.languages))
    default = json.dumps(config.default_language)
    script = (
        "(function(){var s=" + languages + ",d=" + default + ",l=(navigator.languages||[navigator.language||'']);"
        "for(var i=0;i<l.length;i++){var c=(l[i]||'').toLowerCase().split('-')[0];"
        "if(s.indexOf(c)!==-1){location.replace(c+'/');return;}}location.replace(d+'/');})();"
    )
    alternates = "".join(f'<link rel="alternate" hreflang="{esc(c)}" href="{esc(page_url(config, c, ""))}">' for c in config.languages)
    return (
        f'<!doctype html><html lang="{esc(config.default_language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(project.cluster.name)}</title>"
        f'<meta name="description" content="{esc(Translator(config.default_language, config.default_language).text(project.cluster.tagline).text)}">'
        f'{alternates}<link rel="alternate" hreflang="x-default" href="{esc(page_url(config, config.default_language, "").rsplit("/", 2)[0] + "/")}">'
        f"<style>{_STYLE}</style></head><body><h1>{esc(project.cluster.name)}</h1>"
        + _language_links(config, "")
        + f"<script>{script}</script></body></html>\n"
    )


def not_found(config: Config, project: Project) -> str:
    """A 404 page for hosts that serve /404.html; links are absolute from the site root."""
    base = "/" + (config.site_url.split("/", 3)[3] if config.site_url.count("/") >= 3 else "")
    messages = "".join(
        f'<p lang="{esc(c)}">{esc(Translator(c, config.default_language)._("This page does not exist. Choose a language to go to the home page:"))}</p>'
        for c in config.languages
    )
    return (
        f'<!doctype html><html lang="{esc(config.default_language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">'
        f"<title>404 – {esc(project.cluster.name)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{esc(project.cluster.name)}</h1>{messages}{_language_links(config, esc(base))}</body></html>\n"
    )


def robots(config: Config) -> str:
    sitemap = (config.site_url.rstrip("/") + "/sitemap.xml") if config.site_url else "/sitemap.xml"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"


def sitemap(config: Config, paths: list[str], lastmod: str) -> str:
    """Every page of every language, each with its alternates (SPEC §4.2)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in paths:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(page_url(config, code, path))}"/>'
            for code in config.languages
        ) + f'<xhtml:link rel="alternate" hreflang="x-default" href="{xml_escape(page_url(config, config.default_language, path))}"/>'
        for code in config.languages:
            lines.append(f"<url><loc>{xml_escape(page_url(config, code, path))}</loc><lastmod>{lastmod}</lastmod>{alternates}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
