"""The managers' tools: report, CODEOWNERS, a pull request's scope and summary, release notes, label reminders."""
from __future__ import annotations

import argparse
import os
import sys

from .. import problems as fmt
from ..config import Config
from ..messages import M, N
from ..paths import command
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    build_date,
    error,
    git_error,
    language,
    print_problems,
    valid_project,
)


def cmd_report(config: Config, args: argparse.Namespace) -> int:
    from .. import report

    project = valid_project(config, args.date, M("fix the errors to get a report"), language(config, args))
    if project is None:
        return EXIT_INVALID
    data = report.build_report(config, project, with_git=True)
    render = {"text": report.to_text, "json": report.to_json, "markdown": report.to_markdown}[args.format]
    sys.stdout.write(render(data))
    return EXIT_OK


def cmd_codeowners(config: Config, args: argparse.Namespace) -> int:
    from ..codeowners import write

    lang = language(config, args)
    project = valid_project(config, None, M("fix the errors to write CODEOWNERS"), lang)
    if project is None:
        return EXIT_INVALID
    print(M("wrote {path}", path=str(write(config, project).relative_to(config.root))).render(lang))
    return EXIT_OK


def cmd_scope(config: Config, args: argparse.Namespace) -> int:
    from ..gitutil import GitError
    from ..scope import check_scope

    lang = language(config, args)
    try:
        found = fmt.sort_problems(check_scope(config.root, args.base, args.author))
    except GitError as exc:
        return git_error(exc, lang)
    style = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    print_problems(found, style, "scope", command(config.root), lang)
    if style != "json":
        print("scope: " + N("{count} warning", "{count} warnings", len(found)).render(lang), file=sys.stderr)
    return EXIT_INVALID if found and args.strict else EXIT_OK


def cmd_summary(config: Config, args: argparse.Namespace) -> int:
    from ..gitutil import GitError
    from ..summary import collect, to_markdown, to_text

    lang = language(config, args)
    try:
        found = collect(config, args.base, build_date(args.date))
    except GitError as exc:
        return git_error(exc, lang)
    style = args.format or ("markdown" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    sys.stdout.write((to_markdown if style == "markdown" else to_text)(found, config, lang))
    return EXIT_OK


def cmd_changes(config: Config, args: argparse.Namespace) -> int:
    from ..changes import collect, to_markdown
    from ..gitutil import GitError

    try:
        sys.stdout.write(to_markdown(collect(config.root, args.ref)))
    except GitError as exc:
        return git_error(exc, language(config, args))
    return EXIT_OK


def cmd_reminders(config: Config, args: argparse.Namespace) -> int:
    from .. import reminders

    lang = language(config, args)
    project = valid_project(config, args.date, M("fix the errors to send reminders"), lang)
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
