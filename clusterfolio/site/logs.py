"""mkdocs' log output, made safe to print in CI.

mkdocs quotes page text in its messages: a link target in a content page ends up in a warning
such as "Doc file 'x.md' contains a link 'a%0A::error title=…'", URL-decoded, so a line break
in it starts a new line, and GitHub reads a line that starts with `::` as a workflow command
(a forged annotation, a masked value, a stopped log). Every record is printed on one line
that starts with the logger's name, with line breaks shown as `\\n` and each `::` broken up.
"""
from __future__ import annotations

import logging
import re
import sys

# Every character that ends a line somewhere: a runner, a terminal or a log viewer.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Text on one line, with no `::` that could begin a workflow command."""
    text = _LINE_BREAKS.sub("\\\\n", text)
    while "::" in text:
        text = text.replace("::", ": :")
    return text


class OneLineHandler(logging.Handler):
    """Print each record to standard error as `name: LEVEL: message`, neutralised by one_line()."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record whose arguments do not fit its message
            message = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            message += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        return f"{record.name}: {record.levelname}: {one_line(message)}"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # sys.stderr as it is now: a test (or serve) may have replaced it since.
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must never break the build
            self.handleError(record)


def print_safely(logger: logging.Logger) -> None:
    """Route a logger's records (and its children's) through OneLineHandler alone.

    Idempotent: a language built again in the same process keeps one handler. The records no
    longer reach the root logger, whose handlers (or Python's last resort) would print them raw.
    """
    if not any(isinstance(h, OneLineHandler) for h in logger.handlers):
        logger.addHandler(OneLineHandler())
    logger.propagate = False
