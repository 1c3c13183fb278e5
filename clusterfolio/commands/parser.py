"""The command line's grammar: every subcommand with its options and help, as `--help` shows them."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..messages import LANGUAGES as MESSAGE_LANGUAGES

# The order `--help` lists the commands in (every command of cli.COMMANDS and cli.WITHOUT_CONFIG).
COMMAND_ORDER = ("check", "build", "atlas", "serve", "report", "new-member", "new", "vendor", "codeowners", "scope", "summary", "changes",
                 "reminders", "portal", "schema", "i18n")
# Commands for clusterfolio's own developers: they write into the tool's checkout (its schema/ and
# theme/locales/), so a cluster's `--help` does not list them.
DEVELOPER_COMMANDS = ("schema", "i18n")


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


def in_checkout() -> bool:
    """Whether this is clusterfolio's own checkout (build.py beside the package), not an installed tool."""
    return (Path(__file__).resolve().parents[2] / "build.py").is_file()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def spoken(sp: argparse.ArgumentParser) -> None:
    """--lang: a command that speaks."""
    sp.add_argument("--lang", choices=MESSAGE_LANGUAGES,
                    help="language of the messages (default: extra.messages_language in mkdocs.yml, else the environment, else en)")


def dated(sp: argparse.ArgumentParser) -> None:
    """--date and --lang: a command that judges labels on a date."""
    sp.add_argument("--date", type=_date, help="build date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
    spoken(sp)


def parser() -> argparse.ArgumentParser:
    """The whole command line; the developers' commands only in clusterfolio's own checkout."""
    p = argparse.ArgumentParser(prog=prog(), description="Build the cluster's multilingual site from its profiles.")
    p.add_argument("--version", action="version", version=f"clusterfolio {tool_version()}")
    p.add_argument("--root", type=Path, default=Path.cwd(), help="the site's repository (default: current folder)")
    developer = in_checkout()
    shown = [name for name in COMMAND_ORDER if developer or name not in DEVELOPER_COMMANDS]
    sub = p.add_subparsers(dest="command", metavar="{" + ",".join(shown) + "}")
    _site_commands(sub)
    _setup_commands(sub)
    if developer:  # an installed tool has no schema/ or theme/locales/ of a checkout to write into
        sub.add_parser("schema", help="regenerate the JSON Schemas in schema/ (clusterfolio's own checkout)")
        sub.add_parser("i18n", help="extract interface strings and update theme/locales/*/messages.po (clusterfolio's own checkout)")
    _review_commands(sub)
    _portal_command(sub)
    return p


def _portal_command(sub: argparse._SubParsersAction) -> None:
    """portal harvest and portal build: in a portal's repository, by its portal.yml."""
    portal = sub.add_parser("portal", help="in a portal's repository (portal.yml): harvest the clusters' published data, build the portal site")
    which = portal.add_subparsers(dest="portal_command", metavar="{harvest,build}")
    harvest = which.add_parser("harvest", help="fetch every cluster's catalogue and data package into harvest/, keeping the last good copy")
    harvest.add_argument("--date", type=_date, help="the harvest's date, for the stale_days check (default: SOURCE_DATE_EPOCH, else today)")
    harvest.add_argument("--timeout", type=float, default=10.0, help="seconds to wait to connect and for each read (default: 10)")
    spoken(harvest)
    build = which.add_parser("build", help="build the portal site into site/ from harvest/ alone (no request leaves the machine)")
    build.add_argument("--date", type=_date, help="the build date labels are judged on (default: SOURCE_DATE_EPOCH, else today)")
    spoken(build)


def _site_commands(sub: argparse._SubParsersAction) -> None:
    """check, build, serve and report: what a cluster runs on its profiles."""
    check = sub.add_parser("check", help="validate every profile and report every problem at once")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--release", action="store_true",
                       help="what the release workflow runs: placeholders from `clusterfolio new` left in the files are errors")
    check.add_argument("--format", choices=("text", "github", "json"), help="output format (github when GITHUB_ACTIONS=true)")
    dated(check)
    build = sub.add_parser("build", help="check, then build the whole site into site/ (the default)")
    build.add_argument("--out", type=Path, help="where to put the site (default: site/)")
    build.add_argument("--jobs", type=int, help="languages built at once (default: one per core)")
    # The engines of engine.build.ENGINES (not imported here: `check` should not load the site layer).
    build.add_argument("--engine", choices=("mkdocs", "properdocs"), default="mkdocs",
                       help="what renders the theme: mkdocs, or ProperDocs (its maintained fork; pip install properdocs)")
    build.add_argument("--timings", action="store_true", help="print the seconds each step took")
    build.add_argument("--strict", action="store_true", help="fail on any warning (mkdocs' own included); the previous site stays")
    build.add_argument("--preview", action="store_true",
                       help="a pull request's preview to open from disk (file://): links to index.html, a banner on every page")
    dated(build)
    atlas = sub.add_parser("atlas", help="the competence atlas PDFs into site/LANG/atlas/ (every build makes them too)")
    atlas.add_argument("--lang", help="one language of the site (default: every one)")
    atlas.add_argument("--date", type=_date, help="build date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
    atlas.add_argument("--competence", metavar="ID", help="a partial atlas: the members with this competence (file name …-ID.pdf)")
    atlas.add_argument("--country", metavar="CC", help="a partial atlas: the members located in this country (file name …-cc-country.pdf)")
    atlas.add_argument("--out", type=Path, help="where to put the atlases (default: site/): OUT/LANG/atlas/CLUSTER-atlas-LANG.pdf")
    serve = sub.add_parser("serve", help="live preview: build, serve on localhost, rebuild on changes, reload open pages")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 makes it reachable from other machines)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0: any free one)")
    serve.add_argument("--open", action="store_true", help="open the home page in the default browser once the first build is done")
    dated(serve)
    report = sub.add_parser("report", help="for managers: labels, translation coverage, completeness, value-chain gaps")
    report.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    dated(report)


def _setup_commands(sub: argparse._SubParsersAction) -> None:
    """new-member, new and vendor: files that start a member, a cluster, an upgrade."""
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
    scaffold.add_argument("--portal", action="store_true",
                          help="a portal's repository instead (portal.yml, a daily harvest workflow): docs/portal.md")
    scaffold.add_argument("--lang", choices=MESSAGE_LANGUAGES, help="language of the messages (default: the environment, else en)")
    spoken(sub.add_parser("vendor", help="put this clusterfolio's wheel into vendor/ and requirements.txt (how a cluster upgrades)"))


def _review_commands(sub: argparse._SubParsersAction) -> None:
    """codeowners, scope, summary, changes and reminders: reviews, releases and the daily workflow."""
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
