"""Every URL of the site in one place (SPEC §4): pages, assets, and links between them.

A page path is relative to its language's root and ends in '/' ('' is the home page,
'members/lumera-optics/' a member). Every language has the same paths, so the language
switcher and hreflang links only swap the language folder. Pages, structured data,
open data, the sitemap and the tests all take their URLs from here.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

HOME = ""
MEMBERS = "members/"
COMPETENCES = "competences/"
VALUE_CHAIN = "value-chain/"
COUNTRIES = "countries/"
INTERNATIONAL = "international/"
COOPERATION = "cooperation/"  # the cooperation board: every open request for partners
LABEL = "label/"
EMBED = "embed/"  # the page that writes the snippet of an embed for another site
EMBED_MEMBERS = "embed/members/"  # the member grid other sites put in an <iframe>
EMBED_BOARD = "embed/cooperation/"  # the cooperation board other sites put in an <iframe>
BADGE = "badge.svg"  # a member's badge, in its page's folder
ATLAS = "atlas/"  # the competence atlas of the language, a PDF (clusterfolio/atlas/)

# The iCalendar feed of the activities, next to the international page of each language.
CALENDAR = "activities.ics"
# The Atom feeds (RFC 4287) of each language: the board's open requests, beside the board; the
# activities, beside their iCalendar file. Files, not pages: in neither the sitemap nor the search.
BOARD_FEED = "feed.xml"
ACTIVITIES_FEED = "activities.xml"

# Files at the site root, outside the language folders.
BRAND_DIR = "brand/"
FAVICON_ICO = "favicon.ico"  # browsers ask for /favicon.ico by themselves
ICON_PNG = "brand/icon-32.png"
ICON_SVG = "brand/icon.svg"
TOUCH_ICON = "brand/apple-touch-icon.png"
OG_CARD = "brand/card.png"
SEARCH_BUNDLE = "pagefind/"  # in each language's folder; a large language has pagefind-2/ … too
DATA_DIR = "data/"
SCHEMA_DIR = "schema/"
SITEMAP = "sitemap.xml"
DIRECTORY_INDEX = "data/directory.json"  # the compact member index the directory's filters load
BOARD_INDEX = "data/board.json"  # the cooperation board's requests, by page, for its filters across pages
REQUESTS_JSON = "data/requests.json"  # the open requests on the build date (site/requestdata.py)
REQUESTS_CSV = "data/requests.csv"
DATA_PACKAGE = "data/datapackage.json"  # the open data's descriptor, which lists every file
CATALOG_TTL = "data/catalog.ttl"  # the DCAT-AP catalogue of /data/ (site/catalog.py)
CATALOG_JSONLD = "data/catalog.jsonld"


def atlas(cluster_slug: str, lang: str, suffix: str = "") -> str:
    """The atlas PDF of a language, relative to its root: atlas/<cluster>-atlas-<lang>[-suffix].pdf."""
    return f"{ATLAS}{cluster_slug}-atlas-{lang}{suffix}.pdf"


def member(slug: str) -> str:
    return f"members/{slug}/"


def badge(slug: str) -> str:
    """A member's badge for other sites ("Member of <cluster>"), relative to its language's root."""
    return f"{member(slug)}{BADGE}"


def competence(cid: str) -> str:
    return f"competences/{cid}/"


def stage(sid: str) -> str:
    return f"value-chain/{sid}/"


def member_type(tid: str) -> str:
    return f"types/{tid}/"


def country(code: str) -> str:
    """Country pages use the lower-case ISO code (SPEC §4)."""
    return f"countries/{code.lower()}/"


def search_bundle(lang: str, n: int = 1) -> str:
    """A language's search bundle n (Pagefind), from the site root."""
    return f"{lang}/{SEARCH_BUNDLE}" if n == 1 else f"{lang}/pagefind-{n}/"


def cell(sid: str, cid: str) -> str:
    """The members who work on one competence at one value-chain stage."""
    return f"value-chain/{sid}/{cid}/"


def country_list(code: str, section: str) -> str:
    """The complete list of a country's members in one relation: located, active, seeking."""
    return f"countries/{code.lower()}/{section}/"


def listing_page(base: str, n: int) -> str:
    """Page n of a listing: the listing itself, then base/page/2/ …"""
    return base if n == 1 else f"{base}page/{n}/"


def content(name: str) -> str:
    """A hand-written page from content/<lang>/<name>.md."""
    return f"{name}/"


def _suffix(source: str) -> str:
    suffix = PurePosixPath(source).suffix.lower()
    return suffix if suffix in (".svg", ".png") else ".img"


def member_logo(slug: str, source: str) -> str:
    """Where a member's logo is published, from the site root: one fixed folder, named by the slug."""
    return f"logos/members/{slug}{_suffix(source)}"


def member_preview(slug: str) -> str:
    """A member's logo as PNG for link previews (Open Graph), from the site root."""
    return f"logos/previews/{slug}.png"


def member_og_image(slug: str, source: str) -> str:
    """The image a link preview of a member's page shows: the logo, as PNG."""
    return member_logo(slug, source) if _suffix(source) == ".png" else member_preview(slug)


def portal_cluster_logo(key: str, source: str) -> str:
    """Where a portal publishes a harvested cluster's logo (kept as `source`), from the site root: named by the cluster's key."""
    return f"logos/clusters/{key}{_suffix(source)}"


def cluster_logo(source: str) -> str:
    """Where the cluster's logo is published, from the site root."""
    return f"logos/cluster{_suffix(source)}"


def contact_photo(source: str) -> str:
    """Where a named contact's photo is published, from the site root: beside the logos, under the
    file's own name (check allows only lower-case letters, digits and hyphens; anything else is
    replaced, so that no profile text shapes the path)."""
    stem = re.sub(r"[^a-z0-9-]", "-", PurePosixPath(source).stem.lower()) or "photo"
    return f"logos/contacts/{stem}{_suffix(source)}"


def seal(scheme: str, awarded: str) -> str:
    """A label's seal image, from the site root (drawn at build time, the same in every language)."""
    return f"seals/{scheme}-{awarded}.svg"


def calendar(lang: str) -> str:
    """A language's iCalendar feed of the activities, from the site root."""
    return f"{lang}/{INTERNATIONAL}{CALENDAR}"


def board_feed(lang: str) -> str:
    """A language's Atom feed of the board's open requests, from the site root."""
    return f"{lang}/{COOPERATION}{BOARD_FEED}"


def activities_feed(lang: str) -> str:
    """A language's Atom feed of the activities, from the site root (beside calendar(lang))."""
    return f"{lang}/{INTERNATIONAL}{ACTIVITIES_FEED}"


def request_card(page: int, request_id: str) -> str:
    """A request's card on the board: the board's page that shows it, and its anchor."""
    return f"{listing_page(COOPERATION, page)}#request-{request_id}"


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
    start_dir = start if start.endswith("/") else posixpath.dirname(start)
    if "/." in start_dir or "/." in target:  # a '.' or '..' part (never in our own paths): normalised
        link = posixpath.relpath(target, start_dir)
    else:  # what relpath gives for paths without them, in a tenth of its time (pages have dozens of links)
        here, there = [p for p in start_dir.split("/") if p], [p for p in target.split("/") if p]
        common = 0
        for a, b in zip(here, there, strict=False):
            if a != b:
                break
            common += 1
        link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
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
