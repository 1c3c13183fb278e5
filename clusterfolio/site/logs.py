"""mkdocs' log output: its warnings as problems with a code, the rest made safe to print in CI.

mkdocs quotes page text in its messages: a link target in a content page ends up in a warning
such as "Doc file 'x.md' contains a link 'a%0A::error title=…'", URL-decoded, so a line break
in it starts a new line, and GitHub reads a line that starts with `::` as a workflow command
(a forged annotation, a masked value, a stopped log). Every record is kept on one line, with
line breaks shown as `\\n` and each `::` broken up: a warning becomes a problem (CF-W601,
`WarningsAsProblems`), which the build's report prints and `--strict` counts; an error is printed
as a line that starts with the logger's name (`OneLineHandler`).
"""
from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable

from ..messages import M
from ..problems import Problem

# Every character that ends a line somewhere: a runner, a terminal or a log viewer.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Text on one line, with no `::` that could begin a workflow command."""
    text = _LINE_BREAKS.sub("\\\\n", text)
    while "::" in text:
        text = text.replace("::", ": :")
    return text


def record_text(record: logging.LogRecord) -> str:
    """A record's message on one line (with its exception's, if it carries one)."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a record whose arguments do not fit its message
        message = str(record.msg)
    if record.exc_info and record.exc_info[1] is not None:
        message += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
    return one_line(message)


class OneLineHandler(logging.Handler):
    """Print each record to standard error as `name: LEVEL: message`, neutralised by one_line()."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.name}: {record.levelname}: {record_text(record)}"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # sys.stderr as it is now: a test (or serve) may have replaced it since.
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must never break the build
            self.handleError(record)


class WarningsAsProblems(logging.Handler):
    """Keep each warning a logger gives as a problem (CF-W601) at the place `place` finds for its
    text (a file and line); errors are left to OneLineHandler, and a failure ends the build anyway."""

    def __init__(self, place: Callable[[str], tuple[str, int]]) -> None:
        super().__init__(logging.WARNING)
        self.place = place
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            return
        try:
            text = record_text(record)
            file, line = self.place(text)
            self.problems.append(Problem.make(file, line, 1, "", M("mkdocs warned: {message}", message=text), "CF-W601"))
        except Exception:  # noqa: BLE001 - logging must never break the build
            self.handleError(record)


def print_safely(logger: logging.Logger) -> None:
    """Route a logger's errors (and its children's) through OneLineHandler alone; its warnings are
    for WarningsAsProblems.

    Idempotent: a language built again in the same process keeps one handler. The records no
    longer reach the root logger, whose handlers (or Python's last resort) would print them raw.
    """
    if not any(isinstance(h, OneLineHandler) for h in logger.handlers):
        logger.addHandler(OneLineHandler(logging.ERROR))
    logger.propagate = False
