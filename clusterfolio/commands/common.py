"""What every command shares: exit statuses, the build date, the messages' language and problem output."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from .. import problems as fmt
from ..config import Config
from ..messages import Msg
from ..messages import choose as choose_language
from ..model import Project
from ..problems import Problem
from ..project import load_project

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


def valid_project(config: Config, date: dt.date | None, purpose: Msg, lang: str = "en") -> Project | None:
    """The project for a command that needs one without errors; else its problems are printed, and
    purpose (M("fix the errors to ...")) says what for."""
    project, found = load_project(config, build_date(date))
    if project is None:
        print_problems(fmt.sort_problems(found), "text", lang=lang)
        print(f"{fmt.summary_line(found, lang)}; {purpose.render(lang)}", file=sys.stderr)
    return project


def git_error(exc: BaseException, lang: str) -> int:
    """A git command failed (no such ref, no repository): one `error:` line, wrong usage."""
    print(f"error: {said(exc, lang)}", file=sys.stderr)
    return EXIT_USAGE

