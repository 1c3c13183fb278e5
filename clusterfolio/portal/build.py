"""`portal build`: the portal's site from the harvest folder alone, into site/ of the portal's repository.

The steps, in order (site/build.py's shape):
1. read every cluster portal.yml lists from its kept copy (harvested.py); one that cannot be read
   is left out and said so;
2. per language: the portal's pages (pages.py, board.py) rendered by the site's engine (mkdocs
   with the clusterfolio plugin, our templates and stylesheet) through a PortalSite (frame.py);
3. search: one Pagefind index a language from the harvested members (portal/search.py); the
   portal's own open data and DCAT-AP catalogue (portal/catalogue.py);
4. the root files: language chooser, 404, robots.txt, sitemap.xml (the site's sitefiles.py);
5. the finished folder replaces site/ in two renames; a failure leaves site/ as it was.
No request leaves the machine: everything comes from harvest/. Two builds of one harvest on one
date are byte-identical (nothing reads the clock but the date given).
"""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..messages import Msg
from ..site import views as v
from ..site.build import _swap, unexpected  # the site's own atomic swap of site/
from ..site.engine.build import EngineFailure, merge_overrides, render_language
from ..site.sitefiles import write_site_files
from .board import board_index, board_pages
from .catalogue import write_portal_data
from .context import PortalContext
from .frame import PortalMark, PortalOwner, portal_config, portal_site
from .harvest import HARVEST_DIR
from .harvested import Harvested, read_harvest
from .pages import portal_intro, portal_pages
from .search import records_from_harvest, write_portal_search
from .settings import Portal

SITE_DIR = "site"
# A minimal mkdocs.yml for the engine: the portal has none of its own (portal.yml says everything).
_MKDOCS_YML = "site_name: portal\ntheme:\n  name: material\n"


@dataclass(frozen=True)
class PortalSummary:
    languages: int
    pages: int
    clusters: int
    members: int
    seconds: float
    target: Path
    missing: tuple[tuple[str, Msg], ...]  # clusters left out, with the reason


def language_pages(x: PortalContext) -> list[v.Page]:
    """Every page of one language of the portal."""
    return [*portal_pages(x), *board_pages(x)]


def build_portal(portal: Portal, date: dt.date, target: Path | None = None, harvest: Path | None = None) -> PortalSummary:
    """Build into a temporary folder next to the target; replace the target only on success."""
    started = time.perf_counter()
    harvested = read_harvest(portal, harvest)
    target = target or portal.root / SITE_DIR
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".portal-build-", dir=target.parent))
    try:
        (work / "mkdocs.yml").write_text(_MKDOCS_YML, encoding="utf-8")
        config = portal_config(work, portal.languages, portal.name, portal.site_url)
        intro = portal_intro(Translator(config.default_language, config.default_language))
        owner = PortalOwner(PortalMark(portal.name, {config.default_language: intro}), date, config.default_language)
        custom_dir = merge_overrides(portal.root, work)
        site = work / "site"
        made = _languages(config, portal, harvested, date, owner, work, custom_dir)
        paths = {lang: list(p) for lang, p in made}
        folder = harvest or portal.root / HARVEST_DIR
        for lang in paths:  # one Pagefind index a language, from the harvested records, not from pages
            write_portal_search(site, lang, records_from_harvest(folder, portal.clusters, lang))
        write_board_index(site, board_index(PortalContext(config, portal, harvested, date, config.default_language)))
        write_portal_data(site, portal, folder, date, portal.site_url)
        write_portal_icons(site, portal.name, portal.site_url)
        write_cluster_logos(site, harvested)
        write_site_files(config, owner, site, paths[config.default_language])  # type: ignore[arg-type]  # the portal's owner
        _swap(site, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(len(p) for p in paths.values())
    return PortalSummary(len(paths), pages, len(harvested.clusters), sum(len(c.members) for c in harvested.clusters),
                         time.perf_counter() - started, target, harvested.missing)


Made = tuple[str, tuple[str, ...]]  # a language and its pages' paths


def build_language(config: Config, portal: Portal, harvested: Harvested, date: dt.date, owner: PortalOwner, work: Path,
                   custom_dir: Path, lang: str) -> Made:
    """Make and render every page of one language into work/site/<lang>."""
    x = PortalContext(config, portal, harvested, date, lang)
    language = portal_site(x, language_pages(x), owner)
    try:
        render_language(language, work / lang / "docs", work / "site" / lang, custom_dir=custom_dir)
    except EngineFailure as failure:
        raise unexpected(failure.error) from None
    return lang, tuple(p.path for p in language.pages)


def _languages(config: Config, portal: Portal, harvested: Harvested, date: dt.date, owner: PortalOwner, work: Path,
               custom_dir: Path) -> list[Made]:
    """Every language, side by side in forked workers on a machine of more than one core (as the
    site's languages are: site/build.py), which start with the harvest in the memory they share."""
    args = (config, portal, harvested, date, owner, work, custom_dir)
    if len(config.languages) == 1 or (os.cpu_count() or 1) == 1:
        return [build_language(*args, lang) for lang in config.languages]
    _INHERITED[:] = [args]
    try:
        with ProcessPoolExecutor(max_workers=min(len(config.languages), os.cpu_count() or 1),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_inherited_language, config.languages))
    finally:
        _INHERITED.clear()


_INHERITED: list[tuple[Any, ...]] = []  # what forked language workers build from, set before they start


def _inherited_language(lang: str) -> Made:
    return build_language(*_INHERITED[0], lang)


def write_board_index(site: Path, index: dict[str, Any]) -> None:
    """data/board.json: the board's filters across its pages read it (one file for every language)."""
    target = site / urls.BOARD_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def write_cluster_logos(site: Path, harvested: Harvested) -> None:
    """Every cluster's logo as the harvest kept and the reader checked it (harvested.py), under the
    cluster's key: the cards show it."""
    for c in harvested.clusters:
        if c.logo:
            target = site / c.logo
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(c.logo_data)


def write_portal_icons(site: Path, name: str, site_url: str | None) -> None:
    """The portal's favicons and touch icon: its initials on the default colour, drawn as a
    cluster without a logo has its own (site/images.py), so no browser asks for a missing icon."""
    from PIL import Image

    from ..colours import text_on
    from ..site.head import DEFAULT_PRIMARY
    from ..site.images import lettered, png_bytes

    (site / urls.BRAND_DIR).mkdir(parents=True, exist_ok=True)
    host = urlsplit(site_url or "").hostname or ""
    mark = lettered(name, 512, DEFAULT_PRIMARY, text_on(DEFAULT_PRIMARY), host)
    mark.resize((48, 48), Image.Resampling.LANCZOS).save(site / urls.FAVICON_ICO, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    (site / urls.ICON_PNG).write_bytes(png_bytes(mark.resize((32, 32), Image.Resampling.LANCZOS)))
    (site / urls.TOUCH_ICON).write_bytes(png_bytes(mark.resize((180, 180), Image.Resampling.LANCZOS).convert("RGB")))
