"""Problems found in input files, and the three ways of printing them (SPEC §5.1)."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from .codes import Severity, lookup


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of one file; sorted by file, line and column first."""

    file: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str
    # The stable code from codes.py. Empty only where a caller copies a problem field by
    # field without it (cli.py's --strict, until it uses as_error()); such a line shows no code.
    code: str

    def __post_init__(self) -> None:
        lookup(self.code)  # a code missing from the registry is a bug: fail where it is made

    @classmethod
    def make(cls, file: str, line: int, column: int, field: str, message: str, code: str) -> Problem:
        """A problem with its code's default severity."""
        return cls(file, line, column, lookup(code).severity, field, message, code)

    def as_error(self) -> Problem:
        """The same problem as an error (--strict), keeping its code."""
        return replace(self, severity="error")

    def text(self) -> str:
        """Render as `file:line:col: severity: field: message [code]`."""
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {where}{self.message}{self._code_suffix()}"

    def _code_suffix(self) -> str:
        return f" [{self.code}]" if self.code else ""


def quote(value: object, limit: int = 60) -> str:
    """Quote user text for a message: visible escapes, no line breaks, bounded length."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    escaped = "".join(
        ch if ch.isprintable() else f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}"
        for ch in text
    )
    return "'" + escaped.replace("'", "\\'") + "'"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, line and column; drop exact repeats."""
    return sorted(set(problems))


def counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.severity == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def summary_line(problems: list[Problem]) -> str:
    """One line that counts what was found."""
    errors, warnings = counts(problems)
    if not problems:
        return "check: no problems found"
    return f"check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


# GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands
def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(p: Problem) -> str:
    """Render as a workflow command; every user-controlled part is escaped."""
    command = "error" if p.severity == "error" else "warning"
    props = ",".join(
        f"{k}={_gh_property(str(v))}"
        for k, v in (("file", p.file), ("line", p.line), ("col", p.column), ("title", p.field or p.file))
    )
    # The code ends the text as in the text format; the title stays the field, which
    # GitHub shows in bold above it.
    body = (f"{p.field}: {p.message}" if p.field else p.message) + p._code_suffix()
    return f"::{command} {props}::{_gh_data(body)}"


# What GitHub's Markdown would make live in a table cell: a link or image ('](' and '!['), a
# reference link ('][' ), a bare address (https://…, www.…) and an @mention. A backslash keeps
# the first ones text; a mention is left alone only inside code, so it becomes a code span.
_MD_LIVE = re.compile(r"!\[|\]\(|\]\[|(?<=[A-Za-z]):(?=//)|(?<![\w.])www\.", re.I)
_MENTION = re.compile(r"(?<![\w.+`-])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9._-]+)?")


def _md_cell(text: str) -> str:
    """A table cell that shows user text as it is: no link, image, address or mention is live."""
    text = (
        text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\r", " ").replace("\n", " ").replace("`", "\\`")
    )
    text = _MD_LIVE.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1] if m.group() != ":" else "\\:", text)
    return _MENTION.sub(lambda m: f"`{m.group()}`", text)


def github_step_summary(problems: list[Problem], title: str = "check") -> str:
    """Markdown table of every problem, for $GITHUB_STEP_SUMMARY."""
    lines = [f"## clusterfolio {title}", "", summary_line(problems), ""]
    if problems:
        lines += ["| file | line | severity | code | field | message |", "|---|---:|---|---|---|---|"]
        lines += [
            f"| {_md_cell(p.file)} | {p.line} | {p.severity} | {p.code} | {_md_cell(p.field)} | {_md_cell(p.message)} |"
            for p in problems
        ]
    return "\n".join(lines) + "\n"


def to_json(problems: list[Problem]) -> str:
    """Machine-readable list of problems."""
    errors, warnings = counts(problems)
    return json.dumps(
        {"errors": errors, "warnings": warnings, "problems": [asdict(p) for p in problems]},
        ensure_ascii=False,
        indent=2,
    )
