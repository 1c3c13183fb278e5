"""Problems found in input files, and the three ways of printing them (SPEC §5.1).

What is printed is bounded, so that one file cannot flood a pull request's output (issue 21,
item 5): at most PER_FILE_AND_CODE problems of one code in one file, then one line for the rest
(`capped`); in GitHub's log at most ANNOTATIONS_PER_KIND annotations of each severity, the rest as
plain lines in which the runner runs no command (`github_lines`); a step summary under
STEP_SUMMARY_BYTES (`fit_markdown`). Counts (the summary line, JSON's "errors" and "warnings")
and the exit status always count every problem.
"""
from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .codes import Severity, help_url, lookup
from .messages import DEFAULT, M, Msg, N


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of one file; sorted by file, line and column first.

    `message` is the English text (what tools and tests read); `msg`, where the problem was made
    from a message (messages.M), renders it in the reader's language."""

    file: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str
    # The stable code from codes.py. Empty only where a caller copies a problem field by
    # field without it (cli.py's --strict, until it uses as_error()); such a line shows no code.
    code: str
    msg: Msg | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        lookup(self.code)  # a code missing from the registry is a bug: fail where it is made

    @classmethod
    def make(cls, file: str, line: int, column: int, field: str, message: str | Msg, code: str) -> Problem:
        """A problem with its code's default severity."""
        msg = message if isinstance(message, Msg) else None
        return cls(file, line, column, lookup(code).severity, field, str(message), code, msg)

    def as_error(self) -> Problem:
        """The same problem as an error (--strict), keeping its code."""
        return replace(self, severity="error")

    def localized(self, lang: str = DEFAULT) -> str:
        """The message in a language (the English text where it was made from plain text)."""
        return self.msg.render(lang) if self.msg is not None else self.message

    def text(self, lang: str = DEFAULT) -> str:
        """Render as `file:line:col: severity: field: message [code]`; field and code as written."""
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {where}{self.localized(lang)}{self._code_suffix()}"

    def _code_suffix(self) -> str:
        return f" [{self.code}]" if self.code else ""




# Problems of one code listed per file: twenty show what is wrong; 36,000 (one line repeated by a
# script) would only bury the other problems and make megabytes of log.
PER_FILE_AND_CODE = 20


@dataclass(frozen=True)
class Omitted:
    """The problems of one code in one file beyond PER_FILE_AND_CODE, printed as one line."""

    file: str
    line: int  # of the first problem not listed
    column: int
    severity: Severity  # "error" if any of them is one
    code: str
    count: int

    @property
    def message(self) -> str:
        return self.localized(DEFAULT)

    def localized(self, lang: str = DEFAULT) -> str:
        from .codes import title

        return N("… and {count} more problem of the same kind in this file ({title}), from line {line} on, not listed one by one",
                 "… and {count} more problems of the same kind in this file ({title}), from line {line} on, not listed one by one",
                 self.count, title=title(self.code, lang), line=self.line).render(lang)

    def text(self, lang: str = DEFAULT) -> str:
        """Render as a problem line: `file:line:col: severity: … and N more … [code]`."""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.localized(lang)} [{self.code}]"


def capped(problems: Iterable[Problem], limit: int = PER_FILE_AND_CODE) -> list[Problem | Omitted]:
    """The problems to print, in their order: per file at most `limit` of each code, then for each
    code with more, one Omitted after the file's last listed problem."""
    by_file: dict[str, list[Problem | Omitted]] = {}
    seen: dict[tuple[str, str], int] = {}
    rest: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        key = (p.file, p.code)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= limit:
            by_file.setdefault(p.file, []).append(p)
        else:
            rest.setdefault(key, []).append(p)
    for (file, code), hidden in rest.items():
        first = min(hidden)
        severity: Severity = "error" if any(p.severity == "error" for p in hidden) else "warning"
        by_file[file].append(Omitted(file, first.line, first.column, severity, code, len(hidden)))
    return [item for items in by_file.values() for item in items]


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


def summary_line(problems: list[Problem], lang: str = DEFAULT) -> str:
    """One line that counts what was found."""
    errors, warnings = counts(problems)
    if not problems:
        return "check: " + M("no problems found").render(lang)
    return "check: " + (N("{count} error", "{count} errors", errors) + ", " + N("{count} warning", "{count} warnings", warnings)).render(lang)


# GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands
def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(p: Problem, lang: str = DEFAULT) -> str:
    """Render as a workflow command; every user-controlled part is escaped. The text ends with the
    code and the address of the page that explains it, in the reader's language."""
    command = "error" if p.severity == "error" else "warning"
    props = ",".join(
        f"{k}={_gh_property(str(v))}"
        for k, v in (("file", p.file), ("line", p.line), ("col", p.column), ("title", p.field or p.file))
    )
    # The code ends the text as in the text format; the title stays the field, which
    # GitHub shows in bold above it.
    message = p.localized(lang)
    body = (f"{p.field}: {message}" if p.field else message) + p._code_suffix() + (f" {help_url(p.code, lang)}" if p.code else "")
    return f"::{command} {props}::{_gh_data(body)}"


# GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, and 50 per job
# (actions/toolkit, docs/problem-matchers.md, "Limitations"); further ones are dropped silently.
# check and scope are two steps of the pull-request workflow: 2 x (10 + 10) stays within 50.
ANNOTATIONS_PER_KIND = 10


def one_line(text: str) -> str:
    """Text on one log line: the runner reads a line break (CR or LF) as the start of a new line."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def inert(lines: list[str], token: str | None = None) -> list[str]:
    """Log lines in which the runner runs no workflow command.

    Escaping is not enough for a plain line: besides `::command::` at a line's start, the runner
    still takes the old `##[command]` anywhere in a line (ActionCommand.TryParse in actions/runner),
    so member text quoted in a message could add a problem matcher, mask text or set an output.
    GitHub's documented way to print untrusted text is to stop command processing with a token no
    one can guess, and resume with it afterwards (`stop-commands`).
    """
    if not lines:
        return []
    token = token or secrets.token_hex(16)
    return [f"::stop-commands::{token}", *(one_line(line) for line in lines), f"::{token}::"]


def github_lines(listed: list[Problem | Omitted], token: str | None = None, lang: str = DEFAULT) -> list[str]:
    """A step's log for `--format github`: the first ANNOTATIONS_PER_KIND errors and warnings as
    annotations (what GitHub shows), everything else as plain lines that start no command."""
    annotations: list[str] = []
    plain: list[Problem | Omitted] = []
    left = {"error": ANNOTATIONS_PER_KIND, "warning": ANNOTATIONS_PER_KIND}
    for item in listed:
        if isinstance(item, Problem) and left[item.severity] > 0:
            left[item.severity] -= 1
            annotations.append(github_annotation(item, lang))
        else:
            plain.append(item)
    if not plain:
        return annotations
    note = N("GitHub shows {per_kind} error and {per_kind} warning annotations per step: the other line follows as plain text, "
             "and the step summary has it in its table.",
             "GitHub shows {per_kind} error and {per_kind} warning annotations per step: the other {count} lines follow as plain text, "
             "and the step summary has them in its table.", len(plain), per_kind=ANNOTATIONS_PER_KIND).render(lang)
    return annotations + inert([note, *(item.text(lang) for item in plain)], token)


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


# GitHub drops a step summary over 1 MiB whole (the runner: "$GITHUB_STEP_SUMMARY upload aborted,
# supports content up to a size of 1024k"), so the reviewer would see nothing: every summary we
# write stays under this, cut with a line that says so.
STEP_SUMMARY_BYTES = 900_000
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _fence_after(fence: str, line: str) -> str:
    """The fence of the code block open after line ('' outside one), CommonMark's way."""
    if not fence:
        opened = _FENCE.match(line)
        return opened.group(1) if opened else ""
    closing = line.strip()
    return "" if closing and set(closing) == {fence[0]} and len(closing) >= len(fence) else fence


def fit_markdown(lines: list[str], note: str, budget: int = STEP_SUMMARY_BYTES) -> list[str]:
    """Markdown lines (each to be followed by a line break) within budget bytes of UTF-8: cut at a
    line, with an open code block closed, then a blank line and the note that says why."""
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    if size <= budget:
        return lines
    tail = len(note.encode("utf-8")) + 2  # "" and the note, each with its line break
    out: list[str] = []
    size, fence = 0, ""
    for line in lines:
        after = _fence_after(fence, line)
        grown = size + len(line.encode("utf-8")) + 1
        if grown + (len(after) + 1 if after else 0) + tail > budget:
            break
        out.append(line)
        size, fence = grown, after
    return [*out, *([fence] if fence else []), "", note]


def github_step_summary(problems: list[Problem], title: str = "check", budget: int = STEP_SUMMARY_BYTES,
                        command: str = "clusterfolio", lang: str = DEFAULT) -> str:
    """Markdown table of the problems, for $GITHUB_STEP_SUMMARY: capped per file and code, and
    under budget bytes; each code links the page that explains it, in the reader's language."""
    lines = [f"## clusterfolio {title}", "", summary_line(problems, lang), ""]
    if problems:
        header = [M("file"), M("line"), M("severity"), M("code"), M("field"), M("message")]
        lines += ["| " + " | ".join(h.render(lang) for h in header) + " |", "|---|---:|---|---|---|---|"]
        lines += [
            f"| {_md_cell(p.file)} | {p.line} | {p.severity} | [{p.code}]({help_url(p.code, lang)}) | {_md_cell(p.field) if isinstance(p, Problem) else ''} "
            f"| {_md_cell(p.localized(lang))} |"
            for p in capped(problems)
        ]
    note = M("**The table stops here**: GitHub shows no step summary over 1 MiB. The rest is in this step's log, "
             "and `{command}` shows it on your computer.", command=f"{command} {title}").render(lang)
    return "\n".join(fit_markdown(lines, note, budget)) + "\n"


def _as_json(p: Problem | Omitted, lang: str) -> dict:
    out = {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity}
    if isinstance(p, Problem):
        out["field"] = p.field
    out.update({"code": p.code, "message": p.message, "message_localized": p.localized(lang), "language": lang,
                "help": help_url(p.code, lang)})
    if isinstance(p, Omitted):
        out["count"] = p.count
    return out


def to_json(problems: list[Problem], lang: str = DEFAULT) -> str:
    """Machine-readable list of problems: capped per file and code like the other formats, with
    "not_listed" naming what was left out; "errors" and "warnings" count every problem. `message`
    is English for tools; `message_localized` is the text in the reader's language."""
    errors, warnings = counts(problems)
    listed = capped(problems)
    return json.dumps(
        {
            "errors": errors,
            "warnings": warnings,
            "problems": [_as_json(p, lang) for p in listed if isinstance(p, Problem)],
            "not_listed": [_as_json(o, lang) for o in listed if isinstance(o, Omitted)],
        },
        ensure_ascii=False,
        indent=2,
    )
