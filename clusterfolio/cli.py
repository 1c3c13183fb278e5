"""Command line: python build.py [build|check|serve|new-member|report] (SPEC §5), also installed as
`clusterfolio` (and `python -m clusterfolio`) with the same subcommands, plus `new` (scaffold.py).

This module reads the command line and runs one command; the grammar is commands/parser.py, the
commands are in commands/ by family."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .commands.atlas import cmd_atlas
from .commands.common import EXIT_USAGE
from .commands.managers import cmd_changes, cmd_codeowners, cmd_reminders, cmd_report, cmd_scope, cmd_summary
from .commands.parser import parser, prog
from .commands.portal import cmd_portal
from .commands.setup import cmd_i18n, cmd_new, cmd_new_member, cmd_schema, cmd_vendor
from .commands.site import cmd_build, cmd_check, cmd_serve
from .config import Config, ConfigError, read_config
from .messages import choose as choose_language

COMMANDS: dict[str, Callable[[Config, argparse.Namespace], int]] = {
    "codeowners": cmd_codeowners, "scope": cmd_scope, "summary": cmd_summary, "changes": cmd_changes, "report": cmd_report,
    "i18n": cmd_i18n, "serve": cmd_serve, "build": cmd_build, "atlas": cmd_atlas, "check": cmd_check, "new-member": cmd_new_member,
    "schema": cmd_schema, "reminders": cmd_reminders, "vendor": cmd_vendor,
}
# Commands that run outside a cluster's repository.
WITHOUT_CONFIG: dict[str, Callable[[argparse.Namespace], int]] = {"new": cmd_new, "portal": cmd_portal}


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
