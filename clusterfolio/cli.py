"""Command line: python build.py [build|check|serve|new-member|report] (SPEC §5), also installed as
`clusterfolio` (and `python -m clusterfolio`) with the same subcommands, plus `new` (scaffold.py)."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import re
import sys
import time
from pathlib import Path

from . import problems as fmt
from .config import Config, ConfigError, read_config
from .messages import LANGUAGES as MESSAGE_LANGUAGES
from .messages import M, Msg, N
from .messages import choose as choose_language
from .model import Project
from .newmember import propose_slug, template
from .paths import MEMBERS_DIR, SLUG_RE, TAXONOMY_FILE, command, member_file
from .problems import Problem
from .project import load_project

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def today() -> dt.date:
    """Today in UTC."""
    return dt.datetime.now(dt.UTC).date()


def build_date(option: dt.date | None) -> dt.date:
    """The date labels are judged on: --date, else SOURCE_DATE_EPOCH, else today (UTC).

    Asked anew for every build: `serve` runs for days, and each rebuild judges labels on its own date.
    """
    if option:
        return option
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return today()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def prog() -> str:
    """How we were called, for usage lines: `python build.py` in the tool's checkout, else `clusterfolio`."""
    return "python build.py" if Path(sys.argv[0]).name == "build.py" else "clusterfolio"


def tool_version() -> str:
    """The installed clusterfolio's version (that of the checkout's metadata when run from it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("clusterfolio")
    except PackageNotFoundError:
        return "unknown (not installed: pip install -e . in its checkout)"


# Commands for clusterfolio's own developers: they write into the tool's checkout (its schema/ and
# theme/locales/), so a cluster's `--help` does not list them.
DEVELOPER_COMMANDS = ("schema", "i18n")


def in_checkout() -> bool:
    """Whether this is clusterfolio's own checkout (build.py beside the package), not an installed tool."""
    return (Path(__file__).resolve().parent.parent / "build.py").is_file()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog(), description="Build the cluster's multilingual site from its profiles.")
    p.add_argument("--version", action="version", version=f"clusterfolio {tool_version()}")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="the site's repository (default: current folder)")
    developer = in_checkout()
    shown = [name for name in (*COMMANDS, *WITHOUT_CONFIG) if developer or name not in DEVELOPER_COMMANDS]
    sub = p.add_subparsers(dest="command", metavar="{" + ",".join(sorted(shown, key=_COMMAND_ORDER.index)) + "}")

    def dated(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--date", type=_date, help="build date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
        spoken(sp)

    def spoken(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--lang", choices=MESSAGE_LANGUAGES,
                        help="language of the messages (default: extra.messages_language in mkdocs.yml, else the environment, else en)")

    check = sub.add_parser("check", help="validate every profile and report every problem at once")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--release", action="store_true",
                       help="what the release workflow runs: placeholders from `clusterfolio new` left in the files are errors")
    check.add_argument("--format", choices=("text", "github", "json"), help="output format (github when GITHUB_ACTIONS=true)")
    dated(check)
    build = sub.add_parser("build", help="check, then build the whole site into site/ (the default)")
    build.add_argument("--out", type=Path, help="where to put the site (default: site/)")
    build.add_argument("--jobs", type=int, help="languages built at once (default: one per core)")
    # The engines of mkdocs_build.ENGINES (not imported here: `check` should not load the site layer).
    build.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs",
                       help="what renders the theme: mkdocs, or ProperDocs (its maintained fork; pip install properdocs)")
    build.add_argument("--timings", action="store_true", help="print the seconds each step took")
    build.add_argument("--preview", action="store_true",
                       help="a pull request's preview to open from disk (file://): links to index.html, a banner on every page")
    dated(build)
    serve = sub.add_parser("serve", help="live preview: build, serve on localhost, rebuild on changes, reload open pages")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 makes it reachable from other machines)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0: any free one)")
    serve.add_argument("--open", action="store_true", help="open the home page in the default browser once the first build is done")
    dated(serve)
    report = sub.add_parser("report", help="for managers: labels, translation coverage, completeness, value-chain gaps")
    report.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    dated(report)
    new = sub.add_parser("new-member", help="write a commented profile template")
    spoken(new)
    new.add_argument("name", help='the member\'s name, e.g. "Lumera Optics GmbH"')
    new.add_argument("--slug", help="file name to use instead of the proposed one")
    scaffold = sub.add_parser("new", help="scaffold a new cluster repository in an empty folder, pinned to this version")
    scaffold.add_argument("folder", type=Path, help="a new or empty folder")
    scaffold.add_argument("--name", help="the cluster's name (default: from the folder's name)")
    scaffold.add_argument("--languages", default="de,en", help="site languages, default first (default: de,en)")
    scaffold.add_argument("--github-org", help="GitHub organisation of the repository; its team 'managers' owns the files")
    scaffold.add_argument("--site-url", help="the address the site is served from (default: GitHub Pages of the repository)")
    scaffold.add_argument("--country", default="DE", help="the cluster's country, ISO 3166-1 (default: DE)")
    scaffold.add_argument("--from-index", action="store_true",
                          help="install clusterfolio from the package index (clusterfolio==VERSION) instead of its wheel in vendor/")
    scaffold.add_argument("--no-git", action="store_true", help="do not run git init and make the first commit")
    scaffold.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language of the messages (default: the environment, else en)")
    spoken(sub.add_parser("vendor", help="put this clusterfolio's wheel into vendor/ and requirements.txt (how a cluster upgrades)"))
    if developer:  # an installed tool has no schema/ or theme/locales/ of a checkout to write into
        sub.add_parser("schema", help="regenerate the JSON Schemas in schema/ (clusterfolio's own checkout)")
        sub.add_parser("i18n", help="extract interface strings and update theme/locales/*/messages.po (clusterfolio's own checkout)")
    spoken(sub.add_parser("codeowners", help="regenerate .github/CODEOWNERS from the members' maintainers"))
    scope = sub.add_parser("scope", help="warn when a member's change touches more than their own profile and logo")
    scope.add_argument("base", help="the git ref the change is compared with (the pull request's base)")
    scope.add_argument("--author", help="GitHub user name of the change's author")
    scope.add_argument("--format", choices=("text", "github", "json"), help="output format (github when GITHUB_ACTIONS=true)")
    scope.add_argument("--strict", action="store_true", help="exit 1 when there is a warning")
    spoken(scope)
    summary = sub.add_parser("summary", help="what a change does to its members' pages: their text before and after, per language")
    summary.add_argument("base", help="the git ref the change is compared with (the pull request's base)")
    summary.add_argument("--format", choices=("text", "markdown"), help="output format (markdown, for the step summary, when GITHUB_ACTIONS=true)")
    dated(summary)
    changes = sub.add_parser("changes", help="release notes of profile changes since a git ref, as Markdown")
    changes.add_argument("ref", help="e.g. the previous release tag")
    reminders = sub.add_parser("reminders", help="open, update or close one GitHub issue per label in its last 90 days")
    reminders.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), help="OWNER/NAME (default: GITHUB_REPOSITORY)")
    reminders.add_argument("--dry-run", action="store_true", help="only print what would be done (reads issues when GITHUB_TOKEN is set)")
    dated(reminders)
    return p


def language(config: Config | None, args: argparse.Namespace) -> str:
    """The messages' language: --lang, else extra.messages_language, else the environment, else en."""
    return choose_language(getattr(args, "lang", None), config.messages_language if config else None)


def said(exc: BaseException, lang: str) -> str:
    """An exception's message in the reader's language where it was made from a message (M), else its text."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first.render(lang) if isinstance(first, Msg) else str(exc)


def error(message: Msg, lang: str) -> None:
    """An `error:` line on stderr (the word as in the problem lines, the message in lang)."""
    print(f"error: {message.render(lang)}", file=sys.stderr)


def print_problems(found: list[Problem], style: str, title: str = "check", command: str = "clusterfolio", lang: str = "en") -> None:
    """Print problems in the chosen format, at most fmt.PER_FILE_AND_CODE of one code per file."""
    out = sys.stdout
    if style == "json":
        print(fmt.to_json(found, lang), file=out)
        return
    listed = fmt.capped(found)
    if style == "github":
        # Escaped annotations as many as GitHub shows, the rest as lines that start no command:
        # member text can never start a workflow command of its own.
        lines = fmt.github_lines(listed, lang=lang)
    else:
        lines = [item.text(lang) for item in listed]
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # Text in a workflow's log (the build step prints its warnings so): the runner takes
            # `##[command]` anywhere in a line, so these lines are printed where it runs none.
            lines = fmt.inert(lines)
    for line in lines:
        print(line, file=out)
    if style == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(fmt.github_step_summary(found, title, command=command, lang=lang))


def cmd_check(config: Config, args: argparse.Namespace) -> int:
    style = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    started = time.perf_counter()
    _, found = load_project(config, build_date(args.date), problems_only=True)
    from . import placeholders

    found += placeholders.find(config)
    if args.strict:
        found = [p.as_error() for p in found]
    elif args.release:  # what the release workflow runs: nothing the scaffold made up is published
        found = [p.as_error() if p.code in placeholders.CODES else p for p in found]
    found = fmt.sort_problems(found)
    lang = language(config, args)
    print_problems(found, style, command=command(config.root), lang=lang)
    if style != "json":
        files = 2 + sum(1 for _ in (config.root / MEMBERS_DIR).glob("*.yml"))
        read = N("in {count} file ({seconds} s)", "in {count} files ({seconds} s)", files, seconds=f"{time.perf_counter() - started:.2f}")
        print(f"{fmt.summary_line(found, lang)} {read.render(lang)}", file=sys.stderr)
    return EXIT_INVALID if any(p.severity == "error" for p in found) else EXIT_OK


def cmd_build(config: Config, args: argparse.Namespace) -> int:
    from .site.build import BuildError, build_site

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
        summary = build_site(config, project, out, args.jobs, engine=engine, preview=getattr(args, "preview", False))
    except BuildError as exc:
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


# The build's steps (site/build.py's BuildSummary.phases) as --timings names them.
PHASES = {"logos": M("logos"), "languages": M("languages"), "search and files": M("search and files")}


def cmd_serve(config: Config, args: argparse.Namespace) -> int:
    from .serve import BindError, serve

    lang = language(config, args)

    def rebuild() -> bool:
        # What this prints is also what the preview's pages show when the build fails.
        try:
            fresh = read_config(config.root)
        except ConfigError as exc:
            print("\n".join(p.text(lang) for p in exc.problems), file=sys.stderr)
            return False
        ns = argparse.Namespace(date=args.date, out=None, jobs=None, lang=getattr(args, "lang", None))
        return cmd_build(fresh, ns) == EXIT_OK

    if not 0 <= args.port <= 65535:
        error(M("{option} is no port; choose one from 1024 to 65535, e.g. --port 8000", option=f"--port {args.port}"), lang)
        return EXIT_USAGE
    try:
        serve(config.root, rebuild, host=args.host, port=args.port, open_browser=args.open)
    except BindError as exc:
        print(f"error: {said(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _valid_project(config: Config, date: dt.date | None, purpose: Msg, lang: str = "en") -> Project | None:
    """The project for a command that needs one without errors; else its problems are printed, and
    purpose (M("fix the errors to ...")) says what for."""
    project, found = load_project(config, build_date(date))
    if project is None:
        print_problems(fmt.sort_problems(found), "text", lang=lang)
        print(f"{fmt.summary_line(found, lang)}; {purpose.render(lang)}", file=sys.stderr)
    return project


def cmd_report(config: Config, args: argparse.Namespace) -> int:
    from . import report

    project = _valid_project(config, args.date, M("fix the errors to get a report"), language(config, args))
    if project is None:
        return EXIT_INVALID
    data = report.build_report(config, project, with_git=True)
    render = {"text": report.to_text, "json": report.to_json, "markdown": report.to_markdown}[args.format]
    sys.stdout.write(render(data))
    return EXIT_OK


def cmd_new_member(config: Config, args: argparse.Namespace) -> int:
    lang = language(config, args)
    slug = args.slug or propose_slug(args.name)
    if not SLUG_RE.fullmatch(slug):
        error(M("{slug} is not a valid slug (lower-case letters, digits and hyphens)", slug=repr(slug)), lang)
        return EXIT_USAGE
    path = config.root / member_file(slug)
    if path.exists():
        error(M("{path} exists already; nothing was written. Choose another file name with --slug", path=f"{MEMBERS_DIR}/{slug}.yml"), lang)
        return EXIT_INVALID
    from .loading import load_file
    from .model import Taxonomy

    taxonomy = load_file("taxonomy", config.root / TAXONOMY_FILE, TAXONOMY_FILE).model
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(args.name, config.languages, taxonomy if isinstance(taxonomy, Taxonomy) else None, command(config.root)), encoding="utf-8")
    print(M("wrote {path}: fill in the empty fields, then run: {command}", path=f"{MEMBERS_DIR}/{slug}.yml",
            command=f"{command(config.root)} check").render(lang))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a cluster repository; needs no mkdocs.yml (there is none yet)."""
    from .paths import slugify
    from .scaffold import ScaffoldError, Settings, create

    lang = choose_language(getattr(args, "lang", None), None)  # no cluster yet: --lang, else the environment
    folder = args.folder.resolve()
    name = args.name or " ".join(word.capitalize() for word in re.split(r"[-_\s]+", folder.name) if word)
    languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
    try:
        settings = Settings(name=name, languages=languages, github_org=args.github_org, site_url=args.site_url,
                            country=args.country.upper(), repository=slugify(folder.name) or "cluster-site",
                            install="index" if args.from_index else "vendor", git=not args.no_git)
        created = create(folder, settings)
    except ScaffoldError as exc:
        for line in said(exc, lang).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return EXIT_USAGE
    shown = os.path.relpath(folder, Path.cwd())
    installed = M("its wheel in vendor/") if settings.install == "vendor" else M("from the package index")
    said_lines: list[Msg] = [N("wrote {count} file into {folder} for {name} ({languages}): clusterfolio {version}, {installed}",
                    "wrote {count} files into {folder} for {name} ({languages}): clusterfolio {version}, {installed}",
                    len(created.files), folder=f"{shown}/", name=name, languages=", ".join(languages), version=settings.version,
                    installed=installed)]
    if created.committed:
        said_lines.append(M("git: a new repository on branch main, these files as its first commit"))
    elif settings.git:
        said_lines.append(M("git: a new repository on branch main; commit the files once git knows your name ({command})",
                            command="git config --global user.name/user.email"))
    owner = settings.github_org or "YOUR-ORGANISATION"
    remote = f"https://github.com/{owner}/{settings.repository}"
    said_lines += [  # each step indented under the heading (str + Msg is a Msg)
        M("next steps (README.md in the new folder says more):"),
        "  " + M("1. {command}     lists what the scaffold made up: replace it before the first release", command=f"cd {shown} && clusterfolio check"),
        "  " + M("2. {command}            the site on your computer, rebuilt on every change", command="clusterfolio serve --open"),
        # One sentence over two lines: a translator rewraps it as a whole.
        "  " + M("3. on GitHub, create the empty repository {repository} ({page}: no README,\n     no licence), then: {commands}",
                 repository=f"{owner}/{settings.repository}", page="https://github.com/new",
                 commands=f"git remote add origin {remote}.git && git push -u origin main"),
        "  " + M("4. the one-time settings in README.md, {section}: Pages, the github-pages environment, who may publish",
                 section='"Publishing"'),
    ]
    for line in said_lines:
        print(line.render(lang))
    return EXIT_OK


def cmd_vendor(config: Config, args: argparse.Namespace) -> int:
    """Put the running tool's wheel into the cluster's vendor/ and point requirements.txt at it."""
    from .scaffold import write_schemas
    from .vendor import VendorError, vendor

    lang = language(config, args)
    if in_checkout() and (config.root / "clusterfolio" / "cli.py").is_file():
        error(M("this is clusterfolio's own checkout, which installs itself ({command}); run vendor in a cluster's repository",
                command="pip install -e ."), lang)
        return EXIT_USAGE
    try:
        wheel, removed = vendor(config.root)
    except (VendorError, OSError) as exc:
        error(M("{reason}; nothing was changed", reason=said(exc, lang)), lang)
        return EXIT_USAGE
    write_schemas(config.root)
    facts = {"wheel": wheel.relative_to(config.root).as_posix(), "version": tool_version()}
    if removed:
        wrote = M("wrote {wheel} (clusterfolio {version}), requirements.txt and schema/; removed {files}",
                  files=", ".join(p.name for p in removed), **facts)
    else:
        wrote = M("wrote {wheel} (clusterfolio {version}), requirements.txt and schema/", **facts)
    print(wrote.render(lang))
    print(M("next: {install}, {check}, {build}, then commit and open a pull request", install="pip install -r requirements.txt",
            check="clusterfolio check", build="clusterfolio build").render(lang))
    return EXIT_OK


def cmd_schema(config: Config, args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(config.root):
        print(M("wrote {path}", path=str(path)).render(language(config, args)))
    return EXIT_OK


def cmd_codeowners(config: Config, args: argparse.Namespace) -> int:
    from .codeowners import write

    lang = language(config, args)
    project = _valid_project(config, None, M("fix the errors to write CODEOWNERS"), lang)
    if project is None:
        return EXIT_INVALID
    print(M("wrote {path}", path=str(write(config, project).relative_to(config.root))).render(lang))
    return EXIT_OK


def cmd_scope(config: Config, args: argparse.Namespace) -> int:
    from .gitutil import GitError
    from .scope import check_scope

    lang = language(config, args)
    try:
        found = fmt.sort_problems(check_scope(config.root, args.base, args.author))
    except GitError as exc:
        print(f"error: {said(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    style = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    print_problems(found, style, "scope", command(config.root), lang)
    if style != "json":
        print("scope: " + N("{count} warning", "{count} warnings", len(found)).render(lang), file=sys.stderr)
    return EXIT_INVALID if found and args.strict else EXIT_OK


def cmd_summary(config: Config, args: argparse.Namespace) -> int:
    from .gitutil import GitError
    from .summary import collect, to_markdown, to_text

    lang = language(config, args)
    try:
        found = collect(config, args.base, build_date(args.date))
    except GitError as exc:
        print(f"error: {said(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    style = args.format or ("markdown" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    sys.stdout.write((to_markdown if style == "markdown" else to_text)(found, config, lang))
    return EXIT_OK


def cmd_changes(config: Config, args: argparse.Namespace) -> int:
    from .changes import collect, to_markdown
    from .gitutil import GitError

    try:
        sys.stdout.write(to_markdown(collect(config.root, args.ref)))
    except GitError as exc:
        print(f"error: {said(exc, language(config, args))}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_i18n(config: Config, args: argparse.Namespace) -> int:
    from .i18n import update_catalogs

    for line in update_catalogs(config.languages):
        print(line)
    return EXIT_OK


def cmd_reminders(config: Config, args: argparse.Namespace) -> int:
    from . import reminders

    lang = language(config, args)
    project = _valid_project(config, args.date, M("fix the errors to send reminders"), lang)
    if project is None:
        return EXIT_INVALID
    repo = args.repo
    if args.dry_run and not (os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")):
        repo = None  # a preview on a developer's machine: planned against no issues
    elif not args.dry_run and not repo:
        error(M("no repository: set {variable} or give {option}", variable="GITHUB_REPOSITORY", option="--repo OWNER/NAME"), lang)
        return EXIT_USAGE
    for manager in config.managers:
        if manager not in reminders.mentions(config.managers):
            # As a problem line says it: severity and field as written, the message in lang.
            not_mentioned = M("{value} is not a GitHub user or team; not mentioned", value=fmt.quote(manager))
            print(f"warning: extra.managers: {not_mentioned.render(lang)}", file=sys.stderr)
    try:
        actions = reminders.sync(project, project.build_date, config.managers, repo, dry_run=args.dry_run, command=command(config.root),
                                 lang=lang)
    except reminders.GitHubError as exc:
        print(f"error: {exc.text(lang)}", file=sys.stderr)
        return EXIT_INVALID
    for action in actions:
        print(action.describe(args.dry_run, lang))
        if args.dry_run and action.body:
            print("".join(f"    {line}\n" for line in action.body.splitlines()), end="")
    if not actions:
        print(M("nothing to do: no label in its last 90 days on {date}, no reminder issue to close",
                date=project.build_date.isoformat()).render(lang))
    return EXIT_OK


COMMANDS = {"codeowners": cmd_codeowners, "scope": cmd_scope, "summary": cmd_summary, "changes": cmd_changes, "report": cmd_report, "i18n": cmd_i18n, "serve": cmd_serve, "build": cmd_build, "check": cmd_check, "new-member": cmd_new_member, "schema": cmd_schema, "reminders": cmd_reminders, "vendor": cmd_vendor}
# Commands that run outside a cluster's repository.
WITHOUT_CONFIG = {"new": cmd_new}


_COMMAND_ORDER = ["check", "build", "serve", "report", "new-member", "new", "vendor", "codeowners", "scope", "summary", "changes",
                  "reminders", "schema", "i18n"]


def _with_command(argv: list[str]) -> list[str]:
    """`python build.py [--root R] [build options]` builds (SPEC §5): put the command where argparse
    wants it. Only there: `clusterfolio` wants a command, as mkdocs and hugo do, and prints its help
    without one; and a first word that is no command is left for argparse to refuse."""
    if prog() != "python build.py":
        return argv
    if any(arg in COMMANDS or arg in WITHOUT_CONFIG for arg in argv) or any(arg in ("-h", "--help", "--version") for arg in argv):
        return argv
    rest, front = list(argv), []
    while rest and (rest[0] == "--root" or rest[0].startswith("--root=")):
        front.append(rest.pop(0))
        if front[-1] == "--root" and rest:
            front.append(rest.pop(0))
    if rest and not rest[0].startswith("-"):
        return argv  # `python build.py chek`: argparse says "invalid choice" and lists the commands
    return [*front, "build", *rest]


def main(argv: list[str] | None = None) -> int:
    argv = _with_command(list(sys.argv[1:] if argv is None else argv))
    command_line = parser()
    args = command_line.parse_args(argv)
    command = args.command
    if command is None:
        command_line.print_help(sys.stderr)
        return EXIT_USAGE
    if command in WITHOUT_CONFIG:
        return WITHOUT_CONFIG[command](args)
    try:
        config = read_config(args.root.resolve())
    except ConfigError as exc:
        lang = choose_language(getattr(args, "lang", None), None)  # no extra.messages_language to read
        for problem in exc.problems:
            print(problem.text(lang), file=sys.stderr)
        return EXIT_USAGE
    return COMMANDS[command](config, args)
