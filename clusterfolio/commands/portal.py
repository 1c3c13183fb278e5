"""`clusterfolio portal harvest` and `portal build`: in a portal's repository (SPEC §7)."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ..messages import M
from ..messages import choose as choose_language
from ..problems import inert
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, build_date, error

if TYPE_CHECKING:
    from ..portal.settings import Portal


def cmd_portal(args: argparse.Namespace) -> int:
    """Exit 0 when every cluster was fetched or unchanged, 1 when any failed or is stale, 2 when
    portal.yml is missing or not valid."""
    from ..portal.fetch import Limits
    from ..portal.harvest import harvest
    from ..portal.report import report
    from ..portal.settings import PortalError, read_portal

    lang = choose_language(getattr(args, "lang", None), None)
    if args.portal_command is None:
        error(M("name what to do: {command}", command="portal harvest"), lang)
        return EXIT_USAGE
    try:
        portal = read_portal(args.root.resolve())
    except PortalError as exc:
        for problem in exc.problems:
            print(problem.text(lang), file=sys.stderr)
        return EXIT_USAGE
    if args.portal_command == "build":
        return _build(portal, args, lang)
    outcomes = harvest(portal, build_date(args.date), Limits(timeout=args.timeout))
    lines = [line.render(lang) for line in report(outcomes)]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines = inert(lines)  # a cluster's text quoted in a reason starts no workflow command
    for line in lines:
        print(line)
    return EXIT_OK if all(outcome.ok for outcome in outcomes) else EXIT_INVALID


def _build(portal: Portal, args: argparse.Namespace, lang: str) -> int:
    """Exit 0 when the site was built from every cluster; 1 when a cluster had no copy to show (the
    site is built from the others); a failure leaves the previous site/ as it was."""
    from ..portal.build import build_portal
    from ..site.build import BuildError

    try:
        summary = build_portal(portal, build_date(args.date))
    except BuildError as exc:
        for problem in exc.problems:
            print(problem.text(lang), file=sys.stderr)
        reason = exc.args[0]
        error(M("the portal was not built: {reason}", reason=reason.render(lang) if hasattr(reason, "render") else str(reason)), lang)
        return EXIT_INVALID
    lines = [f"{name}: {reason.render(lang)}" for name, reason in summary.missing]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines = inert(lines)  # a cluster's text quoted in a reason starts no workflow command
    for line in lines:
        print(line)
    print(M("portal build: {clusters} clusters, {members} members, {pages} pages in {languages} languages, {seconds} s into {target}",
            clusters=summary.clusters, members=summary.members, pages=summary.pages, languages=summary.languages,
            seconds=f"{summary.seconds:.1f}", target=str(summary.target)).render(lang))
    return EXIT_OK if not summary.missing else EXIT_INVALID
