"""The site build: generate and render every language in parallel, then swap atomically."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..model import Project
from . import sitefiles
from .opendata import write_open_data
from .search import index_search
from .writer import LanguageResult, build_language, copy_logos


@dataclass(frozen=True)
class BuildSummary:
    languages: int
    pages: int
    members: int
    seconds: float
    target: Path


def build_site(config: Config, project: Project, target: Path | None = None, jobs: int | None = None) -> BuildSummary:
    """Build into a temporary folder next to the target; replace the target only on success."""
    started = time.perf_counter()
    target = target or config.root / "site"
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        results = _build_languages(config, project, work, jobs)
        site = work / "site"
        index_search(site)
        copy_logos(config, project, site)
        write_open_data(config, project, site)
        paths = list(results[0].paths)
        (site / "index.html").write_text(sitefiles.root_index(config, project), encoding="utf-8")
        (site / "404.html").write_text(sitefiles.not_found(config, project), encoding="utf-8")
        (site / "robots.txt").write_text(sitefiles.robots(config), encoding="utf-8")
        (site / "sitemap.xml").write_text(sitefiles.sitemap(config, paths, project.build_date.isoformat()), encoding="utf-8")
        _swap(site, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(len(r.paths) for r in results)
    return BuildSummary(len(results), pages, len(project.members), time.perf_counter() - started, target)


def _build_languages(config: Config, project: Project, work: Path, jobs: int | None) -> list[LanguageResult]:
    # One process per language even on two cores: three languages on two cores finish
    # sooner side by side than as two and then one.
    jobs = jobs or (len(config.languages) if (os.cpu_count() or 1) > 1 else 1)
    if jobs <= 1:
        return [build_language(config, project, lang, work) for lang in config.languages]
    # fork: workers start with everything imported; each language is one mkdocs build.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(build_language, config, project, lang, work) for lang in config.languages]
        return [f.result() for f in futures]


def _swap(new: Path, target: Path) -> None:
    """Replace target by new with two renames, so a reader never sees a half-written site."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
