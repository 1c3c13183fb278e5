"""Expiry reminders (issue 11): which labels, which dates, one issue per label, safe issue text.

No test here calls GitHub: `FakeGitHub` stands in for `reminders.github_request`, records
every call and serves the issues it holds, the way the REST API would.
"""
from __future__ import annotations

import datetime as dt
import http.server
import json
import shutil
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from markdown_it import MarkdownIt

from clusterfolio import reminders
from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.reminders import ISSUE_LABEL, GitHubError, body, code, due, label_key, plan, sync

from .conftest import MINIMAL

REPO = "example/cluster"
MANAGERS = ("@example-cluster/managers", "@anna-k")
GOLD_UNTIL = dt.date(2028, 1, 14)
NINETY_DAYS_BEFORE = dt.date(2027, 10, 16)  # (2028-01-14 - 2027-10-16).days == 90


def write_labels(root: Path, labels: str) -> None:
    cluster = root / "profiles/cluster.yml"
    text = cluster.read_text()
    cluster.write_text(text[: text.index("labels:")] + "labels:\n" + labels)


def load(root: Path, on: dt.date = NINETY_DAYS_BEFORE):
    project, problems = load_project(read_config(root), on)
    assert project is not None, "\n".join(p.text() for p in problems)
    return project


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(MINIMAL, target)
    return target


GOLD = "  - scheme: esca-gold\n    awarded: 2026-01-15\n    valid_until: 2028-01-14\n    certificate_url: https://labels.example.org/esca/c/1\n"
GOLD_RENEWED = "  - scheme: esca-gold\n    awarded: 2028-01-15\n    valid_until: 2030-01-14\n"
BW = "  - scheme: cluster-excellence-bw\n    awarded: 2025-03-01\n    valid_until: 2028-02-29\n    certificate_url: https://labels.example.org/bw/c/2\n"


class FakeGitHub:
    """The part of the GitHub REST API that reminders use, in memory."""

    def __init__(self, issues: list[dict[str, Any]] | None = None) -> None:
        self.issues = issues or []
        self.labels: set[str] = set()
        self.comments: dict[int, list[str]] = {}
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        self.calls.append((method, path, body))
        url = urlsplit(path)
        parts = url.path.split("/")[1:]  # repos, owner, name, ...
        assert parts[:3] == ["repos", *REPO.split("/")], path
        rest = parts[3:]
        if method == "GET" and rest == ["issues"]:
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            assert query["state"] == "all"
            page, per_page = int(query["page"]), int(query["per_page"])
            found = [i for i in self.issues if query["labels"] in [label["name"] for label in i["labels"]]]
            return json.loads(json.dumps(found[(page - 1) * per_page: page * per_page]))
        if method == "POST" and rest == ["labels"]:
            if body["name"] in self.labels:
                raise GitHubError(422, "Validation Failed")
            self.labels.add(body["name"])
            return {"name": body["name"]}
        if method == "POST" and rest == ["issues"]:
            issue = {"number": max((i["number"] for i in self.issues), default=0) + 1, "state": "open",
                     "title": body["title"], "body": body["body"], "labels": [{"name": n} for n in body["labels"]]}
            self.issues.append(issue)
            return dict(issue)
        if method == "PATCH" and len(rest) == 2 and rest[0] == "issues":
            issue = self.issue(int(rest[1]))
            issue.update(body)
            return dict(issue)
        if method == "POST" and len(rest) == 3 and rest[0] == "issues" and rest[2] == "comments":
            self.comments.setdefault(int(rest[1]), []).append(body["body"])
            return {"id": 1}
        raise AssertionError(f"unexpected call {method} {path}")

    def issue(self, number: int) -> dict[str, Any]:
        return next(i for i in self.issues if i["number"] == number)

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _ in self.calls if m != "GET"]


# --- which labels, which dates -----------------------------------------------------------------


@pytest.mark.parametrize(("on", "days_left"), [
    (dt.date(2027, 10, 15), None),  # 91 days left: not yet
    (NINETY_DAYS_BEFORE, 90),  # the first day of the last 90
    (dt.date(2028, 1, 13), 1),
    (GOLD_UNTIL, 0),  # the last valid day
    (dt.date(2028, 1, 15), None),  # expired: history, no reminder
])
def test_due_on_both_sides_of_the_90_day_line_and_of_valid_until(root: Path, on: dt.date, days_left: int | None) -> None:
    write_labels(root, GOLD)
    found = due(load(root, on), on)
    if days_left is None:
        assert found == []
    else:
        assert [(r.key, r.valid_until, r.days_left) for r in found] == [("clusterfolio-label:esca-gold:2028-01-14", GOLD_UNTIL, days_left)]


def test_due_takes_the_newest_label_of_each_scheme_only(root: Path) -> None:
    expired = "  - scheme: esca-gold\n    awarded: 2024-01-15\n    valid_until: 2026-01-14\n"
    write_labels(root, expired + GOLD + BW)
    on = dt.date(2027, 12, 15)
    assert [(r.scheme, r.valid_until.isoformat(), r.days_left) for r in due(load(root, on), on)] == [
        ("esca-gold", "2028-01-14", 30),
        ("cluster-excellence-bw", "2028-02-29", 76),
    ]
    # A renewal of the same scheme (even one that starts later) ends the gold reminder; bw stays.
    write_labels(root, expired + GOLD + GOLD_RENEWED + BW)
    assert [r.scheme for r in due(load(root, on), on)] == ["cluster-excellence-bw"]


def test_the_key_is_stable_and_only_made_of_an_id_and_a_date() -> None:
    assert label_key("esca-gold", GOLD_UNTIL) == "clusterfolio-label:esca-gold:2028-01-14"
    with pytest.raises(ValueError):
        label_key("x --><img src=x>", GOLD_UNTIL)


# --- one issue per label ------------------------------------------------------------------------


def test_first_run_opens_one_issue_and_a_second_run_does_not_open_another(root: Path) -> None:
    write_labels(root, GOLD)
    github = FakeGitHub()
    first = sync(load(root), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github)
    assert [(a.kind, a.number) for a in first] == [("open", 1)]
    assert github.writes() == [("POST", f"/repos/{REPO}/labels"), ("POST", f"/repos/{REPO}/issues")]
    issue = github.issue(1)
    assert issue["title"] == "Label esca-gold expires on 2028-01-14: plan the renewal"
    assert issue["body"].startswith("<!-- clusterfolio-label:esca-gold:2028-01-14 -->\n")
    assert issue["labels"] == [{"name": ISSUE_LABEL}]

    github.calls.clear()
    second = sync(load(root), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github)
    assert [(a.kind, a.number) for a in second] == [("keep", 1)]
    assert github.writes() == [] and len(github.issues) == 1

    # The next day the text says one day less: the same issue is updated, no second one opened.
    next_day = NINETY_DAYS_BEFORE + dt.timedelta(days=1)
    third = sync(load(root, next_day), next_day, MANAGERS, REPO, request=github)
    assert [(a.kind, a.number) for a in third] == [("update", 1)]
    assert github.writes() == [("PATCH", f"/repos/{REPO}/issues/1")]
    assert "**89 days left** (as of 2027-10-17)" in github.issue(1)["body"] and len(github.issues) == 1


def test_the_label_for_the_issues_is_created_once_and_an_existing_one_is_fine(root: Path) -> None:
    write_labels(root, GOLD + BW)
    github = FakeGitHub()
    github.labels.add(ISSUE_LABEL)  # made by an earlier run: GitHub answers 422
    on = dt.date(2027, 12, 15)
    actions = sync(load(root, on), on, MANAGERS, REPO, request=github)
    assert [(a.kind, a.number) for a in actions] == [("open", 1), ("open", 2)]
    assert [p for m, p in github.writes()].count(f"/repos/{REPO}/labels") == 1


def test_a_newer_label_of_the_same_scheme_closes_the_issue(root: Path) -> None:
    write_labels(root, GOLD)
    github = FakeGitHub()
    sync(load(root), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github)
    write_labels(root, GOLD + GOLD_RENEWED)  # the manager commits the renewed label
    github.calls.clear()
    later = dt.date(2027, 11, 2)
    actions = sync(load(root, later), later, MANAGERS, REPO, request=github)
    assert [(a.kind, a.number, a.reason) for a in actions] == [("close", 1, "completed")]
    assert github.writes() == [("POST", f"/repos/{REPO}/issues/1/comments"), ("PATCH", f"/repos/{REPO}/issues/1")]
    assert github.issue(1)["state"] == "closed" and github.issue(1)["state_reason"] == "completed"
    assert github.comments[1] == [
        "A newer `esca-gold` label is committed in `profiles/cluster.yml`: valid until 2030-01-14.\n\n"
        "Closing this reminder (`clusterfolio reminders`, 2027-11-02).\n"
    ]
    # Closed stays closed, and nothing new is opened for the renewed label (two years ahead).
    github.calls.clear()
    assert sync(load(root, later), later, MANAGERS, REPO, request=github) == [] and github.writes() == []


def test_a_label_that_runs_out_unrenewed_closes_its_issue_as_history(root: Path) -> None:
    write_labels(root, GOLD)
    github = FakeGitHub()
    sync(load(root), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github)
    after = GOLD_UNTIL + dt.timedelta(days=1)
    actions = sync(load(root, after), after, MANAGERS, REPO, request=github)
    assert [(a.kind, a.reason) for a in actions] == [("close", "not_planned")]
    assert "expired on 2028-01-14 and no newer one is committed" in github.comments[1][0]


def test_an_issue_closed_by_hand_is_neither_reopened_nor_opened_again(root: Path) -> None:
    write_labels(root, GOLD)
    github = FakeGitHub()
    sync(load(root), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github)
    github.issue(1)["state"] = "closed"
    github.calls.clear()
    actions = sync(load(root), NINETY_DAYS_BEFORE + dt.timedelta(days=3), MANAGERS, REPO, request=github)
    assert [(a.kind, a.number) for a in actions] == [("keep", 1)]
    assert github.writes() == [] and len(github.issues) == 1


def test_issues_are_read_page_by_page_and_found_by_the_key_in_their_body(root: Path) -> None:
    write_labels(root, GOLD)
    old = [{"number": n, "state": "closed", "title": "old", "body": f"<!-- clusterfolio-label:esca-silver:20{n % 20 + 10}-01-01 -->",
            "labels": [{"name": ISSUE_LABEL}]} for n in range(1, 151)]
    ours = {"number": 151, "state": "open", "title": "renamed by a manager", "body": "<!-- clusterfolio-label:esca-gold:2028-01-14 -->\nold text",
            "labels": [{"name": ISSUE_LABEL}]}
    unrelated = {"number": 152, "state": "open", "title": "typo", "body": "clusterfolio-label:esca-gold:2028-01-14 in text", "labels": []}
    github = FakeGitHub([*old, ours, unrelated])
    actions = sync(load(root), NINETY_DAYS_BEFORE, MANAGERS, REPO, request=github)
    assert [c[1].rsplit("&", 1)[1] for c in github.calls if c[0] == "GET"] == ["page=1", "page=2"]
    assert [(a.kind, a.number) for a in actions] == [("update", 151)]


def test_plan_without_issues_opens_what_is_due_and_closes_nothing(root: Path) -> None:
    write_labels(root, GOLD)
    project = load(root)
    assert [a.kind for a in plan(due(project, NINETY_DAYS_BEFORE), [], project, NINETY_DAYS_BEFORE, MANAGERS)] == ["open"]


# --- the issue text -----------------------------------------------------------------------------

HOSTILE_NAME = "Gold @someone [x](https://evil) ![i](https://evil/i.png) <img src=x> `tick` ``two``"
HOSTILE_ISSUER = "<script>alert(1)</script> **bold** _it_ # not a heading :smile: #12 www.evil.example @org/team"
HOSTILE_ID = "ID-1`]`(https://evil) <b>x</b> @someone ` ends with a tick`"
HOSTILE_PARTS = ("@someone", "[x](https://evil)", "![i](https://evil/i.png)", "<img src=x>", "`tick`", "``two``",
                 "<script>alert(1)</script>", "**bold**", "www.evil.example", "@org/team", "<b>x</b>", "#12", ":smile:")


def hostile(root: Path) -> None:
    taxonomy = root / "profiles/taxonomy.yml"
    text = taxonomy.read_text()
    text = text.replace("{de: ESCA-Gold-Label, en: ESCA Gold Label, fr: Label ESCA Or}", json.dumps({"de": HOSTILE_NAME, "en": "x", "fr": "x"}))
    text = text.replace("issuer: European Secretariat for Cluster Analysis (ESCA)", f"issuer: {json.dumps(HOSTILE_ISSUER)}", 1)
    taxonomy.write_text(text)
    write_labels(root, GOLD + f"    certificate_id: {json.dumps(HOSTILE_ID)}\n")


def inline_tokens(markdown: str) -> tuple[list[Any], list[Any]]:
    """Block tokens and inline child tokens of GitHub-flavoured Markdown (CommonMark + tables)."""
    blocks = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    inline = [child for token in blocks if token.type == "inline" for child in token.children or []]
    return blocks, inline


def test_the_body_keeps_hostile_profile_text_inert(root: Path) -> None:
    hostile(root)
    project = load(root)
    [reminder] = due(project, NINETY_DAYS_BEFORE)
    assert (reminder.name, reminder.issuer, reminder.certificate_id) == (HOSTILE_NAME, HOSTILE_ISSUER, HOSTILE_ID)
    text = body(reminder, (*MANAGERS, "@evil[x](https://evil)", "@x <img src=y>"))
    blocks, inline = inline_tokens(text)
    # Nothing became a link, an image, HTML or formatting: the only HTML is our key comment.
    assert {t.type for t in inline} <= {"text", "code_inline", "softbreak", "strong_open", "strong_close"}
    assert [t.content for t in blocks if t.type == "html_block"] == ["<!-- clusterfolio-label:esca-gold:2028-01-14 -->\n"]
    assert {t.type for t in blocks} <= {"html_block", "paragraph_open", "paragraph_close", "inline", "ordered_list_open",
                                       "ordered_list_close", "list_item_open", "list_item_close"}
    # Strong is ours (date, days left), never profile text.
    strong = [inline[i + 1].content for i, t in enumerate(inline) if t.type == "strong_open"]
    assert strong == ["2028-01-14", "90 days left"]
    # Every profile value is one code span, intact; GitHub links mentions, URLs, #refs and
    # :emoji: only in text, and no text holds any of them.
    spans = [t.content for t in inline if t.type == "code_inline"]
    assert {HOSTILE_NAME, HOSTILE_ISSUER, HOSTILE_ID, "https://labels.example.org/esca/c/1", "https://labels.example.org/esca/"} <= set(spans)
    plain = "".join(t.content for t in inline if t.type == "text")
    for part in HOSTILE_PARTS:
        assert part not in plain, part
    assert "http" not in plain and "www." not in plain and "<" not in plain and "#1" not in plain and ":smile:" not in plain
    # The managers are mentioned; a manager entry that is not a plain user or team is not.
    assert [w for w in plain.split() if w.startswith("@")] == ["@example-cluster/managers", "@anna-k:"]
    assert "@evil" not in text and "<img src=y>" not in text


@pytest.mark.parametrize("value", [
    "a`b", "``", "`start", "end`", "x ``` y", "line\n\n# heading\n- item", "tab\there", "bidi\u202eoverride", "zero\u200dwidth", "nul\x00",
])
def test_a_code_span_holds_any_text_on_one_line(value: str) -> None:
    span = code(value)
    assert "\n" not in span
    _, inline = inline_tokens(f"before {span} after")
    assert [t.type for t in inline] == ["text", "code_inline", "text"]
    expected = " ".join(value.split())
    expected = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in expected)
    assert inline[1].content == expected


def test_without_managers_the_body_says_where_to_list_them(root: Path) -> None:
    write_labels(root, GOLD)
    [reminder] = due(load(root), NINETY_DAYS_BEFORE)
    text = body(reminder, ())
    assert "@" not in "".join(t.content for t in inline_tokens(text)[1] if t.type == "text")
    assert "list them under `extra.managers` in `mkdocs.yml`" in text


def test_the_body_names_what_to_do(root: Path) -> None:
    write_labels(root, GOLD)
    [reminder] = due(load(root), NINETY_DAYS_BEFORE)
    text = body(reminder, MANAGERS)
    assert "@example-cluster/managers @anna-k: the label `ESCA-Gold-Label` (scheme `esca-gold`) is valid until **2028-01-14**" in text
    assert "1. Renew the label with its issuer, `European Secretariat for Cluster Analysis (ESCA)`." in text
    assert "the certificate: `https://labels.example.org/esca/c/1`" in text and "verification page: `https://labels.example.org/esca/`" in text
    assert "`profiles/cluster.yml`" in text and "closes itself once a newer `esca-gold` label is committed" in text


# --- the command and the one function that talks to GitHub -----------------------------------


def test_command_syncs_through_the_replaceable_api_function(root: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write_labels(root, GOLD)
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@example-cluster/managers"]\n')
    github = FakeGitHub()
    monkeypatch.setattr(reminders, "github_request", github)
    result = run("--root", root, "reminders", "--date", "2027-10-16", "--repo", REPO)
    assert (result.code, result.out) == (0, "opened #1: Label esca-gold expires on 2028-01-14: plan the renewal\n")
    assert "@example-cluster/managers: the label" in github.issue(1)["body"]
    result = run("--root", root, "reminders", "--date", "2027-10-16", "--repo", REPO)
    assert (result.code, result.out) == (0, "unchanged #1: Label esca-gold expires on 2028-01-14: plan the renewal\n")
    assert len(github.issues) == 1


def test_dry_run_without_a_token_previews_and_calls_nothing(root: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    write_labels(root, GOLD)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    monkeypatch.setattr(reminders, "github_request", lambda *a: pytest.fail(f"called GitHub: {a}"))
    result = run("--root", root, "reminders", "--date", "2027-10-16", "--dry-run", "--repo", REPO)
    assert result.code == 0
    assert result.out.startswith("would open: Label esca-gold expires on 2028-01-14: plan the renewal\n    <!-- clusterfolio-label:esca-gold:2028-01-14 -->\n")
    assert run("--root", root, "reminders", "--date", "2027-10-15", "--dry-run").out.startswith("nothing to do")


def test_command_without_a_repository_is_a_usage_error(root: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    result = run("--root", root, "reminders", "--date", "2027-10-16")
    assert result.code == 2 and "GITHUB_REPOSITORY" in result.err


def test_github_request_sends_the_token_and_reports_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str, Any, bytes]] = []  # headers: case-insensitive Message

    class Api(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def answer(self) -> None:
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append((self.command, self.path, self.headers, data))
            status, payload = (422, {"message": "Validation Failed"}) if self.path.endswith("/labels") else (201, {"number": 7})
            out = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_POST = do_GET = do_PATCH = answer

    server = http.server.HTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{server.server_port}")
        monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
        assert reminders.github_request("POST", f"/repos/{REPO}/issues", {"title": "t"}) == {"number": 7}
        method, path, headers, data = seen[0]
        assert (method, path, json.loads(data)) == ("POST", f"/repos/{REPO}/issues", {"title": "t"})
        assert headers["Authorization"] == "Bearer t0ken" and headers["X-GitHub-Api-Version"] == "2022-11-28"
        with pytest.raises(GitHubError) as error:
            reminders.github_request("POST", f"/repos/{REPO}/labels", {"name": ISSUE_LABEL})
        assert error.value.status == 422 and "Validation Failed" in str(error.value)
        monkeypatch.delenv("GITHUB_TOKEN")
        monkeypatch.delenv("GH_TOKEN", raising=False)
        with pytest.raises(GitHubError, match="no token"):
            reminders.github_request("GET", f"/repos/{REPO}/issues")
    finally:
        server.shutdown()
