"""The atlas of each language: which members, which logos, where the PDF goes, and the step of the
site build that makes every language's atlas in worker processes (docs/decisions.md, "The
competence atlas (issue 27)").

A page per member: past MEMBER_LIMIT members the build makes no atlas and says so (CF-W606); a
manager takes a partial atlas to a fair instead (`atlas --competence ID`, `--country CC`).
"""
from __future__ import annotations

import base64
import gc
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import urls
from ..config import Config
from ..messages import M
from ..model import Project
from ..paths import MEMBERS_DIR, PROFILES_DIR, slugify
from ..problems import Problem
from ..site.drawing import Job, draw
from ..site.head import brand
from ..site.pages.context import Context
from .pages import atlas_view
from .render import render_pdf

# A page per member, laid out in parts (atlas/paging.py): 1,000 members took 89.8 s (86.4 s CPU) and
# 686 MiB (1,076 pages, bench/atlas_bench.py 976 at a load of 1.2), within the 2 minutes and 1 GB of
# issue 27. A larger cluster prints partial atlases (atlas --competence / --country).
MEMBER_LIMIT = 1000
LOGO_WIDTH = 480  # pixels: an SVG logo drawn for print, 60 mm wide at about 200 dpi


@dataclass(frozen=True)
class Selection:
    """The members of a partial atlas: those with one competence, or located in one country."""

    competence: str | None = None
    country: str | None = None

    def slugs(self, project: Project) -> list[str]:
        """The chosen members in the directory's order (name order)."""
        return [slug for slug, m in project.index.members
                if (self.competence is None or self.competence in m.competences) and (self.country is None or m.country == self.country)]

    def suffix(self) -> str:
        """What the file name adds for a partial atlas: -<competence>, -<cc>-country."""
        parts = ([self.competence] if self.competence else []) + ([f"{self.country.lower()}-country"] if self.country else [])
        return "".join(f"-{p}" for p in parts)

    def title(self, cx: Context) -> str | None:
        """What the cover says a partial atlas holds."""
        t = cx.t
        parts = ([t.labelled(t._("Competence"), cx.words.competence(self.competence))] if self.competence else [])
        parts += [t.labelled(t._("Country"), t.country(self.country))] if self.country else []
        return " · ".join(parts) or None


WHOLE = Selection()  # every member


@dataclass(frozen=True)
class AtlasFile:
    """One language's atlas as written: where (relative to the language's root), its size and pages."""

    lang: str
    path: str
    size: int
    pages: int


def cluster_slug(project: Project) -> str:
    """The cluster's name in file names, as the open data's package names it."""
    return slugify(project.cluster.name) or "cluster"


def too_many(count: int, where: str = f"{PROFILES_DIR}/{MEMBERS_DIR}") -> Problem | None:
    """CF-W606 where an atlas would have more than MEMBER_LIMIT member pages."""
    if count <= MEMBER_LIMIT:
        return None
    return Problem.make(where, 1, 1, "", M("atlas left out: more than {limit} members ({count}); make a partial atlas with "
                                          "{competence} or {country}", limit=MEMBER_LIMIT, count=count,
                                          competence="atlas --competence ID", country="atlas --country CC"), "CF-W606")


def atlas_logos(config: Config, project: Project, slugs: Sequence[str], folder: Path) -> dict[str, str]:
    """The logos the atlas shows ('' the cluster's, else a member's slug) as data: addresses of PNGs,
    each drawn LOGO_WIDTH wide in the site's guarded workers (site/drawing.py: an SVG rendered, a PNG
    scaled), so WeasyPrint decodes no profile's file itself; one that cannot be drawn is left out."""
    folder.mkdir(parents=True, exist_ok=True)
    root = config.root / PROFILES_DIR
    owners = [("", project.cluster.logo)] + [(slug, project.members[slug].logo) for slug in slugs]
    jobs = [(key, Job(root / logo, LOGO_WIDTH, "raster", folder / f"logo-{n}.png")) for n, (key, logo) in enumerate(owners) if logo]
    found: dict[str, str] = {}
    for (key, job), outcome in zip(jobs, draw([job for _, job in jobs]), strict=True):
        if outcome.size is not None and job.out is not None:
            found[key] = "data:image/png;base64," + base64.b64encode(job.out.read_bytes()).decode("ascii")
    return found


def generator() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"clusterfolio {version('clusterfolio')}"
    except PackageNotFoundError:
        return "clusterfolio"


def write_atlas(config: Config, project: Project, lang: str, logos: dict[str, str], out: Path, selection: Selection | None = None) -> AtlasFile:
    """Lay out one language's atlas and write it under out (a language's root: out/atlas/…pdf)."""
    cx, selection = Context(config, project, lang), selection or WHOLE
    view = atlas_view(cx, selection.slugs(project), logos, selection.title(cx), generator())
    rendered = render_pdf(view, brand(project))
    rel = urls.atlas(cluster_slug(project), lang, selection.suffix())
    target = out / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(rendered.pdf)
    return AtlasFile(lang, rel, len(rendered.pdf), rendered.pages)


# What forked workers build from (build_atlases): set before they start.
_INHERITED: list[tuple[Config, Project, dict[str, Path], Path, tuple[Path, ...]]] = []


def _inherited_atlas(lang: str) -> AtlasFile:
    config, project, logos, out = _INHERITED[0]
    return write_atlas(config, project, lang, logos, out / lang)


def build_atlases(config: Config, project: Project, work: Path, jobs: int | None = None) -> tuple[dict[str, AtlasFile], tuple[Problem, ...]]:
    """Every language's atlas under work/atlas/<lang>/, a job per language in worker processes (forked,
    as the languages are: they find the project in the memory they share); CF-W606 and none past the bound."""
    problem = too_many(len(project.members))
    if problem:
        return {}, (problem,)
    logos = atlas_logos(config, project, project.index.slugs, work / "atlas-logos")
    out = work / "atlas"
    # At most one worker per core: laying out is all CPU, and a third language beside two on two
    # cores finishes no sooner, but holds its memory (about 700 MiB at 1,000 members) meanwhile.
    jobs = min(jobs or len(config.languages), os.cpu_count() or 1)
    if jobs <= 1 or len(config.languages) == 1:
        return {lang: write_atlas(config, project, lang, logos, out / lang) for lang in config.languages}, ()
    _INHERITED[:] = [(config, project, logos, out)]
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {lang: pool.submit(_inherited_atlas, lang) for lang in config.languages}
            return {lang: f.result() for lang, f in futures.items()}, ()
    finally:
        gc.unfreeze()
        _INHERITED.clear()
