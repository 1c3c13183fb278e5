"""Every URL of the site in one place (SPEC §4): pages, assets, and links between them.

A page path is relative to its language's root and ends in '/' ('' is the home page,
'members/lumera-optics/' a member). Every language has the same paths, so the language
switcher and hreflang links only swap the language folder. Pages, structured data,
open data, the sitemap and the tests all take their URLs from here.
"""
from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

HOME = ""
MEMBERS = "members/"
COMPETENCES = "competences/"
VALUE_CHAIN = "value-chain/"
COUNTRIES = "countries/"
INTERNATIONAL = "international/"
LABEL = "label/"

# Files at the site root, outside the language folders.
SEARCH_BUNDLE = "pagefind/"
DATA_DIR = "data/"
SCHEMA_DIR = "schema/"
SITEMAP = "sitemap.xml"


def member(slug: str) -> str:
    return f"members/{slug}/"


def competence(cid: str) -> str:
    return f"competences/{cid}/"


def stage(sid: str) -> str:
    return f"value-chain/{sid}/"


def member_type(tid: str) -> str:
    return f"types/{tid}/"


def country(code: str) -> str:
    """Country pages use the lower-case ISO code (SPEC §4)."""
    return f"countries/{code.lower()}/"


def content(name: str) -> str:
    """A hand-written page from content/<lang>/<name>.md."""
    return f"{name}/"


def language_root(lang: str) -> str:
    """The language folder, relative to the site root."""
    return f"{lang}/"


def site_base(site_url: str) -> str:
    """site_url without its trailing slash ('' when the site has none)."""
    return site_url.rstrip("/") if site_url else ""


def absolute(site_url: str, lang: str, path: str) -> str:
    """The absolute URL of a page (a published site needs site_url; without it, a root-relative one)."""
    return f"{site_base(site_url)}/{lang}/{path}"


def asset(site_url: str, name: str) -> str:
    """The absolute URL of a file at the site root (logos, data, sitemap)."""
    return f"{site_base(site_url)}/{name}"


def site_path(site_url: str) -> str:
    """The path the site is served under ('/' or e.g. '/cluster/'), for links from /404.html."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"


def relative(from_path: str, to_path: str, file_urls: bool = False) -> str:
    """A relative link from one page to another of the same language.

    file_urls=True links to the folders' index.html, so a site opened from disk (file://),
    where no server maps a folder to its index, still works.
    """
    start = "/" + from_path
    target = "/" + to_path
    link = posixpath.relpath(target, start if start.endswith("/") else posixpath.dirname(start))
    is_dir = to_path == "" or to_path.endswith("/")
    if link == ".":
        link = ""
    elif is_dir and not link.endswith("/"):
        link += "/"
    if file_urls and is_dir:
        return link + "index.html"
    return link or "./"


def to_site_root(from_path: str) -> str:
    """The relative prefix from a page of a language to the site root, e.g. '../../../'."""
    depth = from_path.count("/")
    return "../" * (depth + 1)
