"""The site build: every language in parallel, then search, open data and root files, then an atomic swap.

The steps, in order:
0. every logo the site needs, drawn once in guarded child processes (drawing.py): a logo that
   cannot be drawn in time and memory is left out everywhere, with a warning (CF-W401);
1. the competence atlas of each language (one process each, atlas/build.py), before the pages,
   which link it with its size; past its bound none, with a warning (CF-W606);
2. per language (one process each): page view models from the model (pages/),
   rendered by mkdocs with our templates (engine/build.py) into work/site/<lang>/; a cluster's own
   theme/templates/ and theme/overrides/ come before ours (render.cluster_templates, merge_overrides);
3. the search index over the built pages (search.py), in Pagefind's processes, while this one
   writes 4. and 5.:
4. the logos, the atlases, open data and JSON Schemas (opendata.py);
5. the root files: language chooser, 404, robots.txt, sitemap.xml (sitefiles.py);
6. the finished folder replaces site/ in two renames; a failure leaves site/ as it was.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType

import jinja2

from .. import urls
from ..atlas.build import AtlasFile, build_atlases
from ..config import Config
from ..i18n import Translator
from ..messages import M, Msg, N
from ..model import Project
from ..paths import PROFILES_DIR, THEME_DIR
from ..problems import Problem, quote, sort_problems
from . import ui
from .admin import write_admin
from .badge import write_badges
from .catalog import write_catalogue
from .drawing import DrawnLogos, draw_logos, width_at
from .engine.build import (
    OVERRIDES,
    EngineFailure,
    LanguageSite,
    fresh_process,
    merge_overrides,
    render_language,
    start_engine,
)
from .feeds import write_feeds
from .files import write_calendars, write_seals
from .head import brand
from .images import write_brand_images, write_logo_previews
from .logs import one_line
from .opendata import write_open_data
from .pages import language_pages
from .pages.context import Context
from .render import Renderer, cluster_templates
from .requestdata import request_resources, write_request_data
from .search import index_search
from .sitefiles import write_site_files
from .views import LOGO_HEIGHT


class BuildError(Exception):
    """The site could not be built: a template (most often a cluster's own override) failed, or
    --strict found warnings. `problems` says where (CF-E614) or what (the warnings, as errors);
    the previous site stays as it was."""

    def __init__(self, reason: str | Msg, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(reason)
        self.problems = problems

    def __reduce__(self) -> tuple[type[BuildError], tuple[str | Msg, tuple[Problem, ...]]]:
        return (BuildError, (self.args[0], self.problems))  # raised in a language's worker process


def template_failure(exc: Exception, root: Path, overrides: Path, template: str | None = None, page: str | None = None) -> BuildError:
    """A failed render as a problem (CF-E614) and the error that stops the build.

    Jinja says where a template cannot be read (TemplateSyntaxError: filename, lineno); a template
    that fails while it renders is named by what was rendering it: `template`, the theme template
    mkdocs renders for `page` (None: our page templates, which make the body)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file, line = shown_template(exc.filename or exc.name or "", root, overrides), exc.lineno
        message = M("this template cannot be read: {reason}", reason=one_line(exc.message or ""))
    else:
        file = shown_template(str(overrides / template), root, overrides) if template else f"{THEME_DIR}/templates"
        line = 1
        reason = f"{type(exc).__name__}: {one_line(str(exc))}"
        message = (M("this template failed while the page {page} was made: {reason}", page=quote(page), reason=reason) if page is not None
                   else M("this template failed: {reason}", reason=reason))
    problem = Problem.make(file, line, 1, "", message, "CF-E614")
    return BuildError(M("a template of the theme failed ({place})", place=f"{file}:{line}"), (problem,))


def unexpected(exc: BaseException) -> BuildError:
    """A failure that is no template's: its kind and text, on one line."""
    return BuildError(f"{type(exc).__name__}: {one_line(str(exc))}")


def shown_template(filename: str, root: Path, overrides: Path) -> str:
    """A template's file as a manager finds it: the cluster's own (theme/overrides/…, theme/templates/…),
    else clusterfolio's or mkdocs-material's."""
    path = Path(filename)
    if path.is_relative_to(overrides):
        rel = path.relative_to(overrides).as_posix()
        if (root / THEME_DIR / OVERRIDES / rel).is_file():
            return f"{THEME_DIR}/{OVERRIDES}/{rel}"
        return f"clusterfolio's {THEME_DIR}/{OVERRIDES}/{rel}" if path.is_file() else f"mkdocs-material's {rel}"
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return path.name


@dataclass(frozen=True)
class BuildSummary:
    languages: int
    pages: int
    members: int
    seconds: float
    target: Path
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step: logos, languages, search and files
    problems: tuple[Problem, ...] = ()  # what the build found: a logo it left out (CF-W401), mkdocs' warnings (CF-W601)


@dataclass(frozen=True)
class LanguageResult:
    """What the site-wide files need to know about one built language."""

    lang: str
    paths: tuple[str, ...]
    search: tuple[str, ...] = ()  # the pages search indexes
    sitemap: tuple[str, ...] = ()  # the pages sitemap.xml lists (not the embeds: kinds.Facts.frame)
    problems: tuple[Problem, ...] = ()  # mkdocs' warnings (CF-W601)


def build_site(config: Config, project: Project, target: Path | None = None, jobs: int | None = None, engine: str = "mkdocs",
               preview: bool = False, strict: bool = False, atlas: bool = True) -> BuildSummary:
    """Build into a temporary folder next to the target; replace the target only on success.

    preview: a pull request's preview, to open from disk (file://): links name index.html, a
    banner on every page says it is not published, search says it works on the published site.
    strict: a warning of the build (a logo left out, mkdocs' own) fails it, as `check --strict` does.
    atlas: False makes no atlas (serve's rebuilds: the PDFs take seconds, and `atlas` makes them on demand)."""
    started = time.perf_counter()
    target = target or config.root / "site"
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    try:
        merge_overrides(config.root, work)  # mkdocs' one custom_dir: ours, the cluster's theme/overrides/ over it
        # Before the languages: they need the header logo's width and which logos are left out.
        drawn = draw_logos(config, project, work / "drawn")
        project = drawn.project
        logo_width = width_at(drawn.cluster_size, LOGO_HEIGHT) if drawn.cluster_size else None
        drawing_done = time.perf_counter()
        atlases, left_out = _atlases(config, project, work, jobs) if atlas else ({}, ())
        atlas_done = time.perf_counter()
        results = _build_languages(config, project, work, jobs, engine, preview, logo_width, atlases)
        problems = tuple(sort_problems([*drawn.problems, *left_out, *(p for r in results for p in r.problems)]))
        if strict and problems:
            raise BuildError(N("{count} warning, and --strict fails on warnings", "{count} warnings, and --strict fails on warnings", len(problems)),
                             tuple(p.as_error() for p in problems))
        languages_done = time.perf_counter()
        site = work / "site"
        # Pagefind runs in processes of its own: while this thread waits for them, it writes the
        # site's other files (which search neither reads nor indexes).
        with ThreadPoolExecutor(max_workers=1) as searching:
            search = searching.submit(index_search, site, {r.lang: list(r.search) for r in results}, work)
            try:
                _write_files(config, project, site, results, work, preview, drawn, atlases)
            finally:
                search.result()  # the search's own failure, if any, or else the files' failure
        files_done = time.perf_counter()
        _swap(site, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(len(r.paths) for r in results)
    phases = {"logos": drawing_done - started, "atlas": atlas_done - drawing_done, "languages": languages_done - atlas_done,
              "search and files": files_done - languages_done}
    return BuildSummary(len(results), pages, len(project.members), time.perf_counter() - started, target, phases, problems)


def _atlases(config: Config, project: Project, work: Path, jobs: int | None) -> tuple[dict[str, AtlasFile], tuple[Problem, ...]]:
    """Every language's atlas (atlas/build.py). A failure stops the build with one line, as a failed
    template does: the previous site stays, with its atlas (docs/decisions.md, "The competence atlas")."""
    try:
        return build_atlases(config, project, work, jobs)
    except Exception as exc:  # noqa: BLE001 - WeasyPrint's or a worker's failure: one line, not a traceback
        raise BuildError(M("the competence atlas could not be made: {reason}", reason=f"{type(exc).__name__}: {one_line(str(exc))}")) from None


def copy_atlases(atlases: dict[str, AtlasFile], work: Path, site: Path) -> None:
    """Each language's atlas into its folder (site/<lang>/atlas/), where its pages link it."""
    for lang, printed in atlases.items():
        target = site / lang / printed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / "atlas" / lang / printed.path, target)


def _write_files(config: Config, project: Project, site: Path, results: list[LanguageResult], work: Path, preview: bool,
                 drawn: DrawnLogos, atlases: dict[str, AtlasFile]) -> None:
    """Everything besides the pages and search: logos, atlases, seals, images, calendars, open data,
    the CMS and the root files."""
    copy_logos(config, project, site)
    copy_atlases(atlases, work, site)
    write_seals(project, site)
    colours = brand(project)
    tagline = Translator(project.default_language, project.default_language).text(project.cluster.tagline)
    write_brand_images(config, project, site, colours.primary, colours.on_primary, tagline.text if tagline else "", drawn.brand)
    write_logo_previews(project, site, drawn.previews)
    write_calendars(config, project, site)
    write_feeds(config, project, site)
    write_open_data(config, project, site, more=request_resources(config))
    write_request_data(config, project, site)
    write_catalogue(config, project, site)  # after the files it describes: it states their sizes
    write_badges(project, config.languages, site)  # /<lang>/members/<slug>/badge.svg (badge.py)
    write_admin(config, project, site)  # /admin/: the CMS, outside the pages, sitemap and search
    try:
        write_site_files(config, project, site, results[0].sitemap, search=cluster_templates(config.root), preview=preview,
                         files={lang: a.path for lang, a in atlases.items()})
    except jinja2.TemplateError as exc:  # the root page and 404 use a cluster's own templates too
        raise template_failure(exc, config.root, work / OVERRIDES) from None


def language_site(config: Config, project: Project, lang: str, preview: bool = False,
                  logo_width: int | None | EllipsisType = ..., atlas: AtlasFile | None = None) -> LanguageSite:
    """Every page of one language, with what renders them (logo_width, atlas: see pages.context.Context)."""
    x = Context(config, project, lang, preview, logo_width, atlas)
    pages = language_pages(x, config.root)
    titles = {p.path.rstrip("/"): p.title for p in pages if p.kind.markdown}
    return LanguageSite(config, project, x, pages, Renderer(ui.strings(x.t), cluster_templates(config.root)), titles)


def build_language(config: Config, project: Project, lang: str, work: Path, engine: str = "mkdocs", preview: bool = False,
                   logo_width: int | None | EllipsisType = ..., atlases: dict[str, AtlasFile] | None = None) -> LanguageResult:
    """Make and render every page of one language into work/site/<lang>."""
    site = language_site(config, project, lang, preview, logo_width, (atlases or {}).get(lang))
    custom_dir = work / OVERRIDES
    try:
        warnings = render_language(site, work / lang / "docs", work / "site" / lang, engine, custom_dir if custom_dir.is_dir() else None)
    except EngineFailure as failure:
        exc = failure.error
        if isinstance(exc, jinja2.TemplateSyntaxError) or failure.template is not None or failure.page is not None:
            raise template_failure(exc, config.root, custom_dir, failure.template, failure.page) from None
        raise unexpected(exc) from None  # mkdocs stopped outside the theme
    except Exception as exc:  # noqa: BLE001 - whatever stops a language, the reader gets one line, not a traceback
        raise unexpected(exc) from None
    return LanguageResult(lang, tuple(p.path for p in site.pages), tuple(p.path for p in site.pages if p.search), problems=tuple(warnings),
                          sitemap=tuple(p.path for p in site.pages if p.kind.frame))


def _build_languages(config: Config, project: Project, work: Path, jobs: int | None, engine: str, preview: bool = False,
                     logo_width: int | None | EllipsisType = ..., atlases: dict[str, AtlasFile] | None = None) -> list[LanguageResult]:
    # One process per language even on two cores: three languages on two cores finish
    # sooner side by side than as two and then one.
    jobs = jobs or (len(config.languages) if (os.cpu_count() or 1) > 1 else 1)
    fresh = fresh_process(engine)
    if jobs <= 1 and not fresh:
        return [build_language(config, project, lang, work, engine, preview, logo_width, atlases) for lang in config.languages]
    # fork: workers start with everything imported (and the project, below); each language is one
    # mkdocs build. ProperDocs takes over `import mkdocs.*` only where mkdocs was never imported:
    # fresh workers (spawn) that import it first, whatever this process has imported.
    if fresh:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_engine, initargs=(engine,)) as pool:
            futures = [pool.submit(build_language, config, project, lang, work, engine, preview, logo_width, atlases) for lang in config.languages]
            return [f.result() for f in futures]
    # Forked workers find the project in the memory they share with this process, instead of each
    # unpickling a copy of its own (the arguments of a submitted call are pickled, fork or not): at
    # 10,000 members three private copies were most of the build's peak. gc.freeze keeps the
    # collector from writing into every shared object (which would copy its page into each worker).
    _INHERITED[:] = [(config, project, work, engine, preview, logo_width, atlases)]
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_build_inherited_language, lang) for lang in config.languages]
            return [f.result() for f in futures]
    finally:
        gc.unfreeze()
        _INHERITED.clear()


# What forked language workers build from (_build_languages): set before the workers start.
_INHERITED: list[tuple[Config, Project, Path, str, bool, int | None | EllipsisType, dict[str, AtlasFile] | None]] = []


def _build_inherited_language(lang: str) -> LanguageResult:
    """build_language in a forked worker, on the project it inherited."""
    config, project, work, engine, preview, logo_width, atlases = _INHERITED[0]
    return build_language(config, project, lang, work, engine, preview, logo_width, atlases)


def copy_logos(config: Config, project: Project, site: Path) -> None:
    """Publish the checked logos under one fixed folder, named by their owner (never by the path a
    profile gives), and the contacts' photos beside them."""
    published = {urls.member_logo(slug, m.logo): m.logo for slug, m in project.members.items() if m.logo}
    if project.cluster.logo:
        published[urls.cluster_logo(project.cluster.logo)] = project.cluster.logo
    # The named contacts' photos: checked like logos, published as they are (no drawing: the
    # pages show them at a fixed size, so nothing needs their proportions).
    published.update({urls.contact_photo(p.photo): p.photo for p in project.cluster.contacts if p.photo})
    for target, source in sorted(published.items()):
        path = site / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(config.root / PROFILES_DIR / source, path)


def _swap(new: Path, target: Path) -> None:
    """Replace target by new with two renames, so a reader never sees a half-written site."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
