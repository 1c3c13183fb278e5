"""check, build and serve: what a cluster runs on its profiles to see and publish its site."""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

from .. import problems as fmt
from ..config import Config, ConfigError, read_config
from ..messages import M, N
from ..paths import MEMBERS_DIR, command
from ..project import load_project
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, build_date, error, language, print_problems, said

# The build's steps (site/build.py's BuildSummary.phases) as --timings names them.
PHASES = {"logos": M("logos"), "atlas": M("atlas"), "languages": M("languages"), "search and files": M("search and files")}


def cmd_check(config: Config, args: argparse.Namespace) -> int:
    style = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    started = time.perf_counter()
    _, found = load_project(config, build_date(args.date), problems_only=True, placeholders=True)
    from .. import placeholders

    if args.strict:
        found = [p.as_error() for p in found]
    elif args.release:  # what the release workflow runs: nothing the scaffold made up is published
        found = [p.as_error() if p.code in placeholders.CODES else p for p in found]
    found = fmt.sort_problems(found)
    lang = language(config, args)
    print_problems(found, style, command=command(config.root), lang=lang)
    if style != "json":
        files = 2 + _count_profiles(config.root / MEMBERS_DIR)
        read = N("in {count} file ({seconds} s)", "in {count} files ({seconds} s)", files, seconds=f"{time.perf_counter() - started:.2f}")
        print(f"{fmt.summary_line(found, lang)} {read.render(lang)}", file=sys.stderr)
    return EXIT_INVALID if any(p.severity == "error" for p in found) else EXIT_OK


def _count_profiles(folder: Path) -> int:
    """The names in the members' folder that end in .yml, as glob("*.yml") counts them, without a
    Path for each of 10,000 entries."""
    try:
        with os.scandir(folder) as entries:
            return sum(1 for entry in entries if entry.name.endswith(".yml"))
    except OSError:  # missing or not a folder: glob finds nothing there either
        return 0


def cmd_build(config: Config, args: argparse.Namespace) -> int:
    from ..site.build import BuildError, build_site

    project, found = load_project(config, build_date(args.date))
    found = fmt.sort_problems(found)
    lang = language(config, args)
    print_problems(found, "text", lang=lang)
    if project is None:
        print(f"{fmt.summary_line(found, lang)}; {M('nothing was built, site/ is unchanged').render(lang)}", file=sys.stderr)
        return EXIT_INVALID
    out = args.out.resolve() if args.out else None
    engine = getattr(args, "engine", "mkdocs")
    if importlib.util.find_spec(engine) is None:
        error(M("{engine} is not installed; install it ({install}) or build with --engine mkdocs", engine=engine, install=f"pip install {engine}"), lang)
        return EXIT_USAGE
    try:
        summary = build_site(config, project, out, args.jobs, engine=engine, preview=getattr(args, "preview", False),
                             strict=getattr(args, "strict", False), atlas=getattr(args, "atlas", True))
    except BuildError as exc:
        print_problems(list(exc.problems), "text", lang=lang)  # where a template failed (CF-E614), or the warnings --strict refused
        error(M("the site could not be built: {reason}", reason=said(exc, lang)), lang)
        print(M("nothing was written, the previous site is unchanged").render(lang), file=sys.stderr)
        return EXIT_INVALID
    print_problems(list(summary.problems), "text", lang=lang)  # what the build left out (CF-W401: a logo it could not draw)
    found = [*found, *summary.problems]
    warnings = sum(1 for p in found if p.severity == "warning")
    built = M("built {pages} in {languages} ({members}, {warnings}) in {seconds} s -> {target}",
              pages=N("{count} page", "{count} pages", summary.pages), languages=N("{count} language", "{count} languages", summary.languages),
              members=N("{count} member", "{count} members", summary.members), warnings=N("{count} warning", "{count} warnings", warnings),
              seconds=f"{summary.seconds:.1f}", target=f"{os.path.relpath(summary.target, Path.cwd())}/")
    print(built.render(lang))
    if getattr(args, "timings", False):
        # "timings:" as written: bench/scale_bench.py finds the line by it.
        print("timings: " + ", ".join(M("{step} {seconds} s", step=PHASES.get(name, name), seconds=f"{seconds:.1f}").render(lang)
                                      for name, seconds in summary.phases.items()))
    return EXIT_OK


def cmd_serve(config: Config, args: argparse.Namespace) -> int:
    from ..serve import BindError, serve

    lang = language(config, args)

    def rebuild() -> bool:
        # What this prints is also what the preview's pages show when the build fails.
        try:
            fresh = read_config(config.root)
        except ConfigError as exc:
            print("\n".join(p.text(lang) for p in exc.problems), file=sys.stderr)
            return False
        # No atlas in the preview's rebuilds: its PDFs take seconds per language (`atlas` makes them).
        ns = argparse.Namespace(date=args.date, out=None, jobs=None, lang=getattr(args, "lang", None), atlas=False)
        return cmd_build(fresh, ns) == EXIT_OK

    if not 0 <= args.port <= 65535:
        error(M("{option} is no port; choose one from 1024 to 65535, e.g. --port 8000", option=f"--port {args.port}"), lang)
        return EXIT_USAGE
    try:
        serve(config.root, rebuild, host=args.host, port=args.port, open_browser=args.open, lang=lang)
    except BindError as exc:
        print(f"error: {said(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
