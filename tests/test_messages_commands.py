"""Issue 23, item 2: what the commands themselves say, the pull request's step summary and the
reminder issues are messages (M/N) rendered in the reader's language.

The catalogs are filled by translators later, so these tests use a marking "language": its
gettext and ngettext return every text they are asked for between ⟦ and ⟧. A command run with
`--lang de` (or the environment's German) must then print no word outside a mark, but the
words kept as written in every language (`error:`, `check:` …, code spans, the page text of a
site language); the file paths, codes and values a message names are inside it, as written;
and every text asked for is one of the catalog's msgids (a literal M("…"), no f-string).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest

from clusterfolio import messages, reminders
from clusterfolio.i18n import extract_catalog

from .conftest import MINIMAL, ROOT, TEST_DATE
from .test_reminders import GOLD, GOLD_RENEWED, MANAGERS, NINETY_DAYS_BEFORE, REPO, FakeGitHub, load, write_labels
from .test_scope import git

_REAL = messages._translations
_MARKED = re.compile(r"⟦[^⟦⟧]*⟧")
# Outside every message: the severity and the command's name, as in the problem lines.
AS_WRITTEN = ("error:", "warning:", "check:", "scope:", "timings:")


class Marking:
    """Translations that mark every text and remember what was asked for."""

    def __init__(self) -> None:
        self.asked: set[str | tuple[str, str]] = set()

    def gettext(self, text: str) -> str:
        self.asked.add(text)
        return f"⟦{text}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.asked.add((singular, plural))
        return f"⟦{singular if n == 1 else plural}⟧"


@pytest.fixture
def marking(monkeypatch: pytest.MonkeyPatch) -> Marking:
    """German is the marking language; English stays English (Problem.message, str(msg))."""
    marks = Marking()
    monkeypatch.setattr(messages, "_translations", lambda lang: marks if lang == "de" else _REAL(lang))
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return marks


@cache
def msgids() -> frozenset[str | tuple[str, str]]:
    return frozenset(m.id if isinstance(m.id, str) else tuple(m.id) for m in extract_catalog(domain=messages.DOMAIN) if m.id)


def outside(text: str) -> str:
    """The text with every marked part taken out (innermost first: messages hold messages)."""
    while (shorter := _MARKED.sub("", text)) != text:
        text = shorter
    return text


def escaped(text: str, *kept: str) -> list[str]:
    """The lines with a word that no mark holds: what would stay English in German. kept: patterns
    of what stays as written (a language's heading, a marker comment)."""
    rest = outside(text)
    for pattern in kept:
        rest = re.sub(pattern, "", rest, flags=re.M | re.S)
    rest = re.sub(r"`[^`\n]*`", "", rest)  # code spans: values as written
    for word in AS_WRITTEN:
        rest = rest.replace(word, "")
    return [line for line in rest.splitlines() if re.search(r"[A-Za-z]{2,}", line)]


def said_in_msgids(marks: Marking) -> None:
    """Every text rendered was extracted into the catalog: a literal M/N, translatable."""
    joined = {"{a}{b}"}  # Msg + Msg: the parts are the messages
    assert sorted(map(str, marks.asked - msgids() - joined)) == []


def test_new_member_says_what_it_wrote_in_the_readers_language(project: Path, run, marking: Marking) -> None:
    result = run("--root", project, "new-member", "Neu GmbH", "--lang", "de")
    assert result.code == 0, result.err
    assert result.out.startswith("⟦wrote profiles/members/neu.yml: fill in the empty fields, then run: clusterfolio check⟧")
    assert escaped(result.out) == []
    again = run("--root", project, "new-member", "Neu GmbH", "--lang", "de")
    assert again.code == 1 and again.err == (
        "error: ⟦profiles/members/neu.yml exists already; nothing was written. Choose another file name with --slug⟧\n"
    )
    wrong = run("--root", project, "new-member", "Neu GmbH", "--slug", "Neu_GmbH", "--lang", "de")
    assert wrong.code == 2 and escaped(wrong.err) == [] and "'Neu_GmbH'" in wrong.err
    said_in_msgids(marking)


def test_check_and_builds_summary_lines_are_in_the_readers_language(project: Path, run, marking: Marking) -> None:
    check = run("--root", project, "check", "--date", TEST_DATE, "--lang", "de")
    assert check.code == 0 and check.err.startswith("check: ⟦no problems found⟧ ⟦in ")
    assert escaped(check.err) == []
    build = run("--root", project, "build", "--date", TEST_DATE, "--lang", "de", "--timings")
    assert build.code == 0, build.err
    built, timings = build.out.splitlines()[-2:]
    # Each count its own plural, the target as written.
    assert built.startswith("⟦built ⟦") and "(⟦1 member⟧, ⟦0 warnings⟧)" in built and " s -> " in built and built.endswith("/site/⟧")
    assert timings.startswith("timings: ⟦⟦logos⟧ ")
    assert escaped(build.out) == [] and escaped(build.err) == []
    said_in_msgids(marking)


def test_commands_that_need_a_valid_project_say_what_for(project: Path, run, marking: Marking) -> None:
    member = project / "profiles/members/good.yml"
    member.write_text(member.read_text().replace("type: sme", "type: smee"))
    report = run("--root", project, "report", "--date", TEST_DATE, "--lang", "de")
    assert report.code == 1 and report.err.rstrip().endswith("; ⟦fix the errors to get a report⟧")
    assert escaped(report.err) == []
    codeowners = run("--root", project, "codeowners", "--lang", "de")
    assert codeowners.code == 1 and codeowners.err.rstrip().endswith("; ⟦fix the errors to write CODEOWNERS⟧")
    member.write_text(member.read_text().replace("type: smee", "type: sme"))
    wrote = run("--root", project, "codeowners", "--lang", "de")
    assert (wrote.code, wrote.out) == (0, "⟦wrote .github/CODEOWNERS⟧\n")


def test_scope_summary_and_changes_say_git_errors_and_counts_in_the_readers_language(minimal_repo: Path, project: Path, run,
                                                                                     marking: Marking, monkeypatch) -> None:
    scope = run("--root", minimal_repo, "scope", "base", "--lang", "de")
    assert (scope.code, scope.err) == (0, "scope: ⟦0 warnings⟧\n")
    outside_git = run("--root", project, "scope", "HEAD", "--lang", "de")
    assert outside_git.code == 2 and outside_git.err == (
        f"error: ⟦{project} is not a git repository: run this in the cluster's repository (git clone it first), or give --root⟧\n"
    )
    unknown = run("--root", minimal_repo, "summary", "nosuchref", "--lang", "de")
    assert unknown.code == 2 and unknown.err.startswith("error: ⟦git knows no commit, branch or tag 'nosuchref' here") and escaped(unknown.err) == []
    monkeypatch.setenv("LANGUAGE", "de")  # changes has no --lang: the environment's language
    changes = run("--root", minimal_repo, "changes", "nosuchref")
    assert changes.code == 2 and changes.err.startswith("error: ⟦") and escaped(changes.err) == []
    said_in_msgids(marking)


def test_the_step_summary_is_in_the_readers_language_and_the_page_text_in_each_sites(minimal_repo: Path, run, marking: Marking) -> None:
    good = minimal_repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("en: We build lasers.", "en: We build lasers and optics."))
    (minimal_repo / "README.md").write_text("notes\n")
    git(minimal_repo, "add", "-A")
    git(minimal_repo, "commit", "-qm", "change")
    markdown = run("--root", minimal_repo, "summary", "base", "--format", "markdown", "--date", TEST_DATE, "--lang", "de").out
    assert markdown.startswith("## ⟦What this pull request changes on member pages⟧\n")
    assert "### `Gute Optik GmbH` · `profiles/members/good.yml` · ⟦profile changed⟧" in markdown
    assert "**⟦Summary⟧**\n\n```diff\n- We build lasers.\n+ We build lasers and optics.\n```" in markdown  # the page's own text
    assert "- `README.md`: ⟦not a member profile⟧" in markdown
    # The page text stands in code blocks under each language's own name.
    assert escaped(markdown, r"^```.*?^```$", r"^#### \w+ \([a-z]{2}\)$") == []
    text = run("--root", minimal_repo, "summary", "base", "--date", TEST_DATE, "--lang", "de").out
    assert text.startswith("⟦compared with base: ⟦1 member profile⟧, ⟦1 other file⟧⟧\n")
    # A terminal's lines start with the file (and the member's name) as written.
    kept = (r"^      [-+ ] .*$", r"^  \w+ \([a-z]{2}\)$", r"^profiles/members/good\.yml \(Gute Optik GmbH\): ", r"^README\.md: ")
    assert escaped(text, *kept) == []
    said_in_msgids(marking)


def test_a_cut_step_summary_says_so_in_the_readers_language(minimal_repo: Path, marking: Marking) -> None:
    from clusterfolio.config import read_config
    from clusterfolio.summary import LanguageDiff, ProfileChange, SectionDiff, Summary, to_markdown

    lines = tuple(f"line {i} of the description" for i in range(40_000))
    profile = ProfileChange("profiles/members/good.yml", "good", "Gute Optik GmbH", "changed",
                            (LanguageDiff("de", (SectionDiff("description", (), lines),)),))
    markdown = to_markdown(Summary("base", (profile,), ()), read_config(minimal_repo), "de")
    assert markdown.endswith("⟦**This summary stops here**: GitHub shows no step summary over 1 MiB. ⟦The whole site as it would look: "
                             "this run's page, under **Artifacts**, `site-preview` (download, unzip, open `index.html`).⟧ "
                             "`clusterfolio summary main` (the branch the pull request goes into) on your computer shows every change.⟧\n")


def test_reminders_dry_run_and_its_issue_are_in_the_readers_language(project: Path, run, marking: Marking, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@example-cluster/managers", "@not a user"]\n')
    result = run("--root", project, "reminders", "--dry-run", "--date", "2027-11-02", "--lang", "de")
    assert result.code == 0, result.err
    assert result.err == "warning: extra.managers: ⟦'@not a user' is not a GitHub user or team; not mentioned⟧\n"
    first, marker, *issue = result.out.splitlines()
    assert first == "⟦would open: ⟦Label esca-gold expires on 2028-01-14: plan the renewal⟧⟧"
    assert marker == "    <!-- clusterfolio-label:esca-gold:2028-01-14 -->"
    assert "**73 days left**" in result.out  # the plural the count picks
    assert "`profiles/cluster.yml`" in result.out and "`scheme: esca-gold`" in result.out and "(`clusterfolio reminders`)" in result.out
    assert escaped(result.out, r"<!-- clusterfolio-label:[^>]* -->") == []
    nothing = run("--root", project, "reminders", "--dry-run", "--date", "2026-11-02", "--lang", "de")
    assert nothing.out == "⟦nothing to do: no label in its last 90 days on 2026-11-02, no reminder issue to close⟧\n"
    no_repo = run("--root", project, "reminders", "--date", "2027-11-02", "--lang", "de")
    assert no_repo.code == 2 and no_repo.err.endswith("error: ⟦no repository: set GITHUB_REPOSITORY or give --repo OWNER/NAME⟧\n")
    no_token = run("--root", project, "reminders", "--date", "2027-11-02", "--lang", "de", "--repo", REPO)
    assert no_token.code == 1 and no_token.err.endswith("error: ⟦GitHub API: 401 ⟦no token: set GITHUB_TOKEN⟧⟧\n")
    said_in_msgids(marking)


def test_reminder_issues_in_one_language_stay_the_same_from_run_to_run(project: Path, marking: Marking) -> None:
    write_labels(project, GOLD)
    github = FakeGitHub()
    [opened] = reminders.sync(load(project), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github, lang="de")
    assert opened.describe(lang="de") == "⟦opened #1: ⟦Label esca-gold expires on 2028-01-14: plan the renewal⟧⟧"
    issue = github.issue(1)
    assert issue["title"] == "⟦Label esca-gold expires on 2028-01-14: plan the renewal⟧"
    assert escaped(issue["body"], r"<!-- clusterfolio-label:[^>]* -->") == []
    assert "@example-cluster/managers @anna-k" in issue["body"]  # the mentions as written, inside the sentence
    # German again: nothing to update. (plan() compares the title and the body.)
    [kept] = reminders.sync(load(project), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github, lang="de")
    assert kept.kind == "keep" and kept.describe(dry_run=True, lang="de").startswith("⟦would leave #1: ")
    # The renewed label closes it with a comment in German.
    write_labels(project, GOLD + GOLD_RENEWED)
    later = dt.date(2027, 11, 2)
    [closed] = reminders.sync(load(project, later), later, MANAGERS, REPO, request=github, lang="de")
    assert closed.kind == "close" and github.comments[1] == [
        "⟦A newer `esca-gold` label is committed in `profiles/cluster.yml`: valid until 2030-01-14.⟧\n\n"
        "⟦Closing this reminder (`clusterfolio reminders`, 2027-11-02).⟧\n"
    ]
    said_in_msgids(marking)


def test_new_and_vendor_speak_the_environments_language_or_lang(tmp_path: Path, run, marking: Marking, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # `new` has no cluster yet: the environment decides
    result = run("new", tmp_path / "medtech", "--name", "Medtech Nord", "--from-index", "--no-git")
    assert result.code == 0, result.err
    assert result.out.startswith("⟦wrote ")
    assert "for Medtech Nord (de, en): clusterfolio " in result.out
    assert "git remote add origin https://github.com/YOUR-ORGANISATION/medtech.git && git push -u origin main" in result.out
    assert escaped(result.out) == []
    monkeypatch.setenv("LANG", "C.UTF-8")
    refused = run("--root", ROOT, "vendor", "--lang", "de")  # the tool's own checkout installs itself
    assert refused.code == 2 and refused.err.startswith("error: ⟦this is clusterfolio's own checkout") and escaped(refused.err) == []
    port = run("--root", MINIMAL, "serve", "--port", "70000", "--lang", "de")
    assert port.code == 2 and port.err == "error: ⟦--port 70000 is no port; choose one from 1024 to 65535, e.g. --port 8000⟧\n"
    said_in_msgids(marking)

