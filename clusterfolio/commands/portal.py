"""`clusterfolio portal harvest` (and, later, `portal build`): in a portal's repository (SPEC §7)."""
from __future__ import annotations

import argparse
import os
import sys

from ..messages import M
from ..messages import choose as choose_language
from ..problems import inert
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, build_date, error


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
    if args.portal_command != "harvest":
        error(M("portal {command} is not built yet; this version has only: portal harvest", command=args.portal_command), lang)
        return EXIT_USAGE
    try:
        portal = read_portal(args.root.resolve())
    except PortalError as exc:
        for problem in exc.problems:
            print(problem.text(lang), file=sys.stderr)
        return EXIT_USAGE
    outcomes = harvest(portal, build_date(args.date), Limits(timeout=args.timeout))
    lines = [line.render(lang) for line in report(outcomes)]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        lines = inert(lines)  # a cluster's text quoted in a reason starts no workflow command
    for line in lines:
        print(line)
    return EXIT_OK if all(outcome.ok for outcome in outcomes) else EXIT_INVALID
