"""Output that member text must not take over (issue 21, items 4 and 5).

Item 4: `changes` writes release notes that GitHub publishes; a member's name must not mention
users or teams, reference issues of other repositories or make links there. The notes are parsed
with markdown-it-py and no text node (Markdown outside code) may hold such a thing.

Item 5: one file must not flood a pull request's output. 36,000 problems of one kind in one file
(a field repeated 36,000 times: competence lists stop at 50 entries, CF-E127, so repeated keys are
what fits into a profile's 256 KiB) are printed as 20 lines and one "… and N more" line in every
format; GitHub gets at most 10 error and 10 warning annotations per step, the rest as log lines in
which the runner runs no workflow command; every step summary stays under 900 KB, cut with a line
that says so. Counts and the exit status still count every problem.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from clusterfolio import problems as fmt
from clusterfolio.commands.common import print_problems
from clusterfolio.problems import Problem

from .conftest import MINIMAL, TEST_DATE
from .test_scope import git

GOOD = "profiles/members/good.yml"
FLOOD = "profiles/members/flood.yml"
REPEATS = 36_000
KB = 1000

# --- what GitHub's runner does with a step's log ----------------------------------------------

# The commands the runner registers (actions/runner, src/Runner.Worker/*CommandExtension*).
REGISTERED = {"error", "warning", "notice", "debug", "add-mask", "add-matcher", "remove-matcher", "set-output",
              "save-state", "set-env", "add-path", "group", "endgroup", "echo", "stop-commands"}


def runner_commands(log: str) -> list[tuple[str, str]]:
    """The workflow commands GitHub's runner runs from a step's log, as (name, data).

    As ActionCommandManager.TryProcessCommand: a line is a command when, after leading blanks, it
    starts with `::name …::`, or when it holds `##[name …]` anywhere (the old syntax); after
    `::stop-commands::TOKEN` only `::TOKEN::` is a command, and it resumes processing.
    """
    found: list[tuple[str, str]] = []
    stopped: str | None = None
    for line in re.split(r"\r\n|\r|\n", log):
        names = REGISTERED | ({stopped} if stopped else set())
        command: tuple[str, str] | None = None
        stripped = line.lstrip()
        if stripped.startswith("::") and (end := stripped.find("::", 2)) >= 0:
            name = stripped[2:end].split(" ", 1)[0]
            if name in names:
                command = (name, stripped[end + 2:])
        if command is None and (start := line.find("##[")) >= 0 and (end := line.find("]", start)) >= 0:
            name = line[start + 3:end].split(" ", 1)[0]
            if name in names:
                command = (name, line[end + 1:])
        if command is None:
            continue
        if stopped:
            if command[0] == stopped:
                stopped = None
            continue
        if command[0] == "stop-commands":
            stopped = command[1]
            continue
        found.append(command)
    return found


def test_the_runner_model_finds_both_syntaxes() -> None:
    log = "x ##[add-matcher]m.json\n  ::error file=a::b\n::stop-commands::t\n::error::no\n::t::\n::warning::yes\n"
    assert runner_commands(log) == [("add-matcher", "m.json"), ("error", "b"), ("warning", "yes")]


# --- the flooded file -----------------------------------------------------------------------


def flood(project: Path) -> None:
    good = (project / GOOD).read_text(encoding="utf-8").replace("Gute Optik GmbH", "Flut GmbH")
    (project / FLOOD).write_text(good + "x: 1\n" * REPEATS, encoding="utf-8")


def test_item_5_a_flooded_file_gives_github_a_short_log_a_few_annotations_and_a_small_step_summary(
    project: Path, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    flood(project)
    assert (project / FLOOD).stat().st_size < 256 * 1024
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("--root", project, "check", "--date", TEST_DATE)
    # Exit status and counts are those of every problem: 35,999 repeats and the unknown field 'x'.
    assert result.code == 1 and result.err.startswith(f"check: {REPEATS} errors, 0 warnings")
    assert len(result.out.encode()) < 100 * KB
    commands = runner_commands(result.out)
    assert [name for name, _ in commands] == ["error"] * fmt.ANNOTATIONS_PER_KIND
    more = f"… and {REPEATS - 1 - fmt.PER_FILE_AND_CODE} more problems of the same kind in this file (duplicate field)"
    assert f"{FLOOD}:{13 + 1 + fmt.PER_FILE_AND_CODE}:1: error: {more}" in result.out and result.out.count("[CF-E008]") == 21
    assert "GitHub shows 10 error and 10 warning annotations per step" in result.out
    table = summary.read_text(encoding="utf-8")
    assert len(table.encode()) < 900 * KB
    assert f"| [CF-E008]({fmt.help_url('CF-E008')}) |  | {more}" in table and table.count("| [CF-E008](") == fmt.PER_FILE_AND_CODE + 1


def test_item_5_text_and_json_list_twenty_of_a_kind_per_file_and_count_them_all(project: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    flood(project)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    text = run("--root", project, "check", "--date", TEST_DATE)
    assert text.code == 1 and text.err.startswith(f"check: {REPEATS} errors")
    lines = text.out.splitlines()
    assert len(lines) == 1 + fmt.PER_FILE_AND_CODE + 1  # the unknown field, 20 repeats, the rest in one line
    assert lines[-1].startswith(f"{FLOOD}:34:1: error: … and 35979 more problems") and lines[-1].endswith("[CF-E008]")
    data = json.loads(run("--root", project, "check", "--format", "json", "--date", TEST_DATE).out)
    assert (data["errors"], data["warnings"]) == (REPEATS, 0)
    assert len(data["problems"]) == 1 + fmt.PER_FILE_AND_CODE
    assert [(o["file"], o["code"], o["count"], o["line"]) for o in data["not_listed"]] == [(FLOOD, "CF-E008", 35979, 34)]


def test_item_5_annotations_stop_at_what_github_shows_and_the_rest_runs_no_command(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    hostile = "'##[add-matcher].github/evil.json' ::error::pwned ##[set-output name=x]y ##[stop-commands]z"
    found = fmt.sort_problems(
        [Problem.make(f"profiles/members/m{i:02}.yml", 2, 1, "type", f"unknown member type {hostile}", "CF-E201") for i in range(30)]
        + [Problem.make(f"profiles/members/m{i:02}.yml", 6, 1, "summary", f"no French (fr) translation {hostile}", "CF-W201") for i in range(30)]
    )
    print_problems(found, "github")
    out = capsys.readouterr().out
    commands = runner_commands(out)
    assert sorted(name for name, _ in commands) == ["error"] * 10 + ["warning"] * 10
    # An annotation ends with its code and the page that explains it.
    assert all(data.endswith((f"[CF-E201] {fmt.help_url('CF-E201')}", f"[CF-W201] {fmt.help_url('CF-W201')}")) for _, data in commands)
    # Every problem is in the log all the same, each on one line.
    assert sum(("[CF-E201]" in line or "[CF-W201]" in line) for line in out.splitlines()) == 60


def test_item_5_text_in_a_workflow_log_runs_no_command(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The build step prints its warnings as text: `##[…]` in a quoted value must not be run."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    warning = Problem.make(GOOD, 6, 1, "summary", "no French (fr) translation; '##[add-mask]GmbH\r::error::x' [sic]", "CF-W201")
    print_problems([warning], "text")
    out = capsys.readouterr().out
    assert runner_commands(out) == []
    assert warning.text().replace("\r", "\\r") in out.splitlines()
    monkeypatch.delenv("GITHUB_ACTIONS")
    print_problems([warning], "text")
    assert capsys.readouterr().out == warning.text() + "\n"  # a terminal gets the line as it is


def test_item_5_every_step_summary_is_cut_under_900_kb_with_a_line_that_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    # 3,000 files with 20 problems each: nothing to cap per file, 12 MB of table.
    found = fmt.sort_problems(
        Problem.make(f"profiles/members/m{i:04}.yml", line, 1, "competences", f"unknown competence '{'x' * 40}{line}'; " + "y" * 120, "CF-E201")
        for i in range(3000) for line in range(10, 30)
    )
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for title in ("check", "scope"):
        summary.write_text("", encoding="utf-8")
        print_problems(found, "github", title)
        capsys.readouterr()
        text = summary.read_text(encoding="utf-8")
        assert 800 * KB < len(text.encode()) < 900 * KB
        assert text.endswith(f"**The table stops here**: GitHub shows no step summary over 1 MiB. The rest is in this step's log, "
                             f"and `clusterfolio {title}` shows it on your computer.\n")  # the default: a cluster's repository
        assert text.startswith(f"## clusterfolio {title}\n\ncheck: 60000 errors, 0 warnings\n")
        # The table ends on a whole row, and the note is a paragraph of its own.
        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        assert tokens[-3].type == "paragraph_open" and tokens[-2].content.startswith("**The table stops here**")
        assert "table_close" in [t.type for t in tokens]


def test_item_5_a_cut_never_leaves_a_code_block_open() -> None:
    lines = ["# t", "", "```text", *(f"line {i}" for i in range(100_000)), "```", "", "after"]
    cut = fmt.fit_markdown(lines, "**cut**", budget=10 * KB)
    text = "\n".join(cut) + "\n"
    assert len(text.encode()) <= 10 * KB and cut[-3:] == ["```", "", "**cut**"]
    assert [t.type for t in MarkdownIt("commonmark").parse(text)][-3:] == ["paragraph_open", "inline", "paragraph_close"]
    assert fmt.fit_markdown(lines[:5], "**cut**") == lines[:5]  # what fits stays as it is


def test_item_5_scope_warnings_beyond_ten_are_log_lines(run, minimal_repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = minimal_repo
    for i in range(40):
        (root / f"content/de/page-{i:02}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"content/de/page-{i:02}.md").write_text("# x\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "forty pages")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("--root", root, "scope", "base", "--author", "someone", "--format", "github")
    warned = [line for line in result.out.splitlines() if "[CF-W703]" in line]
    assert len(warned) == 40 and result.err.startswith("scope: 40 warnings")
    assert [name for name, _ in runner_commands(result.out)] == ["warning"] * fmt.ANNOTATIONS_PER_KIND
    assert summary.read_text(encoding="utf-8").count("| [CF-W703](") == 40


# --- item 4: release notes --------------------------------------------------------------------

HOSTILE_NAME = "Lumera Optics @octocat @github/security-team #1 other/repo#1 www.evil.example https://evil.example GmbH"
LIVE = re.compile(r"@[A-Za-z0-9]|#\d|[\w.-]+/[\w.-]+#\d|www\.|https?://|\[.*\]\(")


def text_nodes(markdown: str) -> list[str]:
    """What GitHub would treat as text (outside code spans and blocks) in the Markdown."""
    out = []
    for token in MarkdownIt("commonmark").parse(markdown):
        assert token.type not in ("html_block", "fence", "code_block"), token.type
        for child in token.children or []:
            assert child.type not in ("link_open", "image", "html_inline"), child.type
            if child.type == "text":
                out.append(child.content)
    return out


def test_item_4_changes_puts_a_hostile_name_only_into_code_spans(tmp_path: Path, run) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    members = root / "profiles/members"
    (members / "old.yml").write_text((members / "good.yml").read_text().replace("Gute Optik GmbH", "Old GmbH"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    git(root, "tag", "v1")
    good = (members / "good.yml").read_text()
    (members / "lumera.yml").write_text(good.replace("Gute Optik GmbH", json.dumps(HOSTILE_NAME)))
    (members / "ticks.yml").write_text(good.replace("Gute Optik GmbH", json.dumps("A ``` `@octocat` ``x`` GmbH")))
    (members / "old.yml").write_text(good.replace("Gute Optik GmbH", json.dumps("@new-owner #2")) + '"@octocat #3": x\n')
    result = run("--root", root, "changes", "v1")
    assert result.code == 0
    notes = result.out
    assert notes.count("@octocat") == 3 and "other/repo#1" in notes  # all there, as code
    nodes = text_nodes(notes)
    live = [text for text in nodes if LIVE.search(text)]
    assert not live, live
    # Each text is one code span, whole: a backtick inside closes none.
    spans = {child.content for token in MarkdownIt("commonmark").parse(notes) for child in token.children or [] if child.type == "code_inline"}
    assert {HOSTILE_NAME, "A ``` `@octocat` ``x`` GmbH", "@new-owner #2", "@octocat #3", "v1", "lumera"} <= spans
