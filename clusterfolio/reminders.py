"""`reminders`: one GitHub issue per label in its last 90 days, for the managers (SPEC §4.1).

Three steps, each testable on its own:

- `due(project, on)`: which labels need renewing — the newest label of each scheme whose
  status on that date is *expiring*. A label that has run out is history, not news: no
  issue is opened for it (`check` warns about it with CF-W302, the site shows it as history).
- `title()` / `body()`: the issue text. Every value from the profiles (scheme name, issuer,
  URLs, certificate id) is put in an inline code span, so none of it can become a mention,
  a link, an image, HTML or formatting. Only the managers from mkdocs.yml are mentioned,
  and only names that look like a GitHub user or team.
- `plan()` / `sync()`: compare what is due with the issues that carry the `label-expiry`
  label and a key in their body (`<!-- clusterfolio-label:<scheme>:<valid_until> -->`), and
  open, update, leave or close. Every GitHub call goes through `github_request`, which the
  tests replace.

An issue a manager closed by hand stays closed: it is never reopened and never opened a
second time, so "closed" means "we know". Ours are closed with a comment that says why:
a newer label of the scheme is committed, the label ran out, or it was removed.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote as urlquote

from .mdtext import code_span
from .model import ID_RE, Label, LabelStatus, Project
from .paths import CLUSTER_FILE, TAXONOMY_FILE

# The GitHub label every reminder issue carries: how the next run finds them again.
ISSUE_LABEL = "label-expiry"
ISSUE_LABEL_COLOUR = "d93f0b"
KEY_PREFIX = "clusterfolio-label"
MARKER_RE = re.compile(r"<!-- (clusterfolio-label:[a-z0-9]+(?:-[a-z0-9]+)*:[0-9]{4}-[0-9]{2}-[0-9]{2}) -->")
# A GitHub user (@name) or team (@org/team): the only text in the issue that may mention anyone.
MENTION_RE = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:/[A-Za-z0-9][A-Za-z0-9_-]{0,99})?")

Request = Callable[[str, str, Any], Any]


# --- what is due ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """A label in its last 90 days, with what the issue says about it."""

    scheme: str
    name: str  # the scheme's name in the site's default language (profile text)
    issuer: str  # profile text
    awarded: dt.date
    valid_until: dt.date
    on: dt.date
    verify_url: str | None = None
    certificate_url: str | None = None
    certificate_id: str | None = None

    @property
    def key(self) -> str:
        return label_key(self.scheme, self.valid_until)

    @property
    def days_left(self) -> int:
        return (self.valid_until - self.on).days


def label_key(scheme: str, valid_until: dt.date) -> str:
    """The stable key of a label's reminder: clusterfolio-label:<scheme>:<valid_until>."""
    if not ID_RE.fullmatch(scheme):  # the model refuses such ids; the key goes into an HTML comment
        raise ValueError(f"not a scheme id: {scheme!r}")
    return f"{KEY_PREFIX}:{scheme}:{valid_until.isoformat()}"


def newest_by_scheme(labels: list[Label]) -> dict[str, Label]:
    """The current label of each scheme: the one that runs longest (then the one awarded last)."""
    out: dict[str, Label] = {}
    for label in labels:
        best = out.get(label.scheme)
        if best is None or (label.valid_until, label.awarded) > (best.valid_until, best.awarded):
            out[label.scheme] = label
    return out


def due(project: Project, on: dt.date) -> list[Reminder]:
    """Reminders due on a date: the newest label of each scheme, when it is expiring on that date."""
    schemes = project.taxonomy.label_schemes
    out = []
    for scheme, label in newest_by_scheme(list(project.cluster.labels)).items():
        if label.status(on) is not LabelStatus.EXPIRING or scheme not in schemes:
            continue
        info = schemes[scheme]
        out.append(Reminder(
            scheme=scheme,
            name=info.name.get(project.default_language) or next(iter(info.name.values()), scheme),
            issuer=info.issuer,
            awarded=label.awarded,
            valid_until=label.valid_until,
            on=on,
            verify_url=info.verify_url,
            certificate_url=label.certificate_url,
            certificate_id=label.certificate_id,
        ))
    return sorted(out, key=lambda r: (r.valid_until, r.scheme))


def why_not_due(key: str, project: Project, on: dt.date, command: str = "clusterfolio") -> tuple[str, str]:
    """Why a label's reminder is over: (the closing comment's sentence, GitHub's state_reason)."""
    _, scheme, until = key.split(":")
    valid_until = dt.date.fromisoformat(until)
    newest = newest_by_scheme(list(project.cluster.labels)).get(scheme)
    if newest is not None and newest.valid_until > valid_until:
        return (f"A newer `{scheme}` label is committed in `{CLUSTER_FILE}`: valid until {newest.valid_until.isoformat()}.", "completed")
    if newest is None or newest.valid_until != valid_until:
        return (f"The `{scheme}` label valid until {until} is no longer in `{CLUSTER_FILE}`.", "not_planned")
    status = newest.status(on)
    if status is LabelStatus.EXPIRED:
        return (
            f"The `{scheme}` label expired on {until} and no newer one is committed. The site shows it only as "
            f"history; `{command} check` warns about it (CF-W302). Add the renewed label to `{CLUSTER_FILE}` when you have it.",
            "not_planned",
        )
    return (f"The `{scheme}` label valid until {until} is {status.value} on {on.isoformat()}; no reminder is due.", "not_planned")


# --- the issue text ------------------------------------------------------------------------


def code(value: object) -> str:
    """Profile text as an inline code span on one line: line breaks and runs of spaces become one
    space (a line break could end the paragraph before the span closes)."""
    return code_span(" ".join(str(value).split()))


def mentions(managers: tuple[str, ...] | list[str]) -> list[str]:
    """The managers that may be mentioned: only whole GitHub user or team names."""
    return [m for m in managers if MENTION_RE.fullmatch(m)]


def title(reminder: Reminder) -> str:
    """The issue title: scheme id and date only (ids are checked; titles are not escaped by GitHub)."""
    return f"Label {reminder.scheme} expires on {reminder.valid_until.isoformat()}: plan the renewal"


def body(reminder: Reminder, managers: tuple[str, ...] | list[str], command: str = "clusterfolio") -> str:
    """The issue body in GitHub Markdown; profile values only inside code spans."""
    r = reminder
    days = r.days_left
    who = " ".join(mentions(managers))
    greeting = f"{who}: the" if who else "The"
    verify = []
    if r.certificate_url:
        verify.append(f"the certificate: {code(r.certificate_url)}" + (f" (id {code(r.certificate_id)})" if r.certificate_id else ""))
    elif r.certificate_id:
        verify.append(f"the certificate id: {code(r.certificate_id)}")
    if r.verify_url:
        verify.append(f"the issuer's verification page: {code(r.verify_url)}")
    lines = [
        f"<!-- {r.key} -->",
        f"{greeting} label {code(r.name)} (scheme `{r.scheme}`) is valid until **{r.valid_until.isoformat()}**: "
        f"**{days} day{'s' * (days != 1)} left** (as of {r.on.isoformat()}).",
        "",
        "From the day after, the site shows it only as history, no longer as a label the cluster holds.",
        "",
        "What to do:",
        "",
        f"1. Renew the label with its issuer, {code(r.issuer)}.",
        f"2. Check the new certificate; to verify the current one, see {' and '.join(verify)}." if verify else
        f"2. Check the new certificate. Neither the label nor its scheme has a verification link yet: add `certificate_url` "
        f"to the label in `{CLUSTER_FILE}` or `verify_url` to the scheme in `{TAXONOMY_FILE}` (CF-W303).",
        f"3. Add the new label to `labels:` in `{CLUSTER_FILE}` with `scheme: {r.scheme}`, `awarded`, `valid_until`, "
        "`certificate_url` and `certificate_id`; keep this one, the site lists it as history.",
        "4. Publish a release: the site shows what the latest release holds (and is rebuilt from it every day).",
        "",
        f"This issue closes itself once a newer `{r.scheme}` label is committed to the default branch.",
        f"It was opened by the daily `Label expiry reminders` workflow (`{command} reminders`); "
        "if you close it by hand, it stays closed.",
    ]
    if not who:
        lines += ["", "No managers to mention: list them under `extra.managers` in `mkdocs.yml`, e.g. `[\"@example-cluster/managers\"]`."]
    return "\n".join(lines) + "\n"


# --- comparing with the issues on GitHub --------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing sync does: open, update, keep (nothing to change) or close an issue."""

    kind: Literal["open", "update", "keep", "close"]
    key: str
    title: str
    number: int | None = None
    body: str = ""
    comment: str = ""  # the closing comment
    reason: str = ""  # GitHub's state_reason when closing

    def describe(self, dry_run: bool = False) -> str:
        verb = {"open": "open", "update": "update", "keep": "leave", "close": "close"}[self.kind]
        done = {"open": "opened", "update": "updated", "keep": "unchanged", "close": "closed"}[self.kind]
        where = f" #{self.number}" if self.number else ""
        return f"{'would ' + verb if dry_run else done}{where}: {self.title}"


def issue_key(issue: dict[str, Any]) -> str | None:
    """The reminder key in an issue's body, if it has one."""
    match = MARKER_RE.search(issue.get("body") or "")
    return match.group(1) if match else None


def plan(reminders: list[Reminder], issues: list[dict[str, Any]], project: Project, on: dt.date, managers: tuple[str, ...] | list[str],
         command: str = "clusterfolio") -> list[Action]:
    """Decide, for every due reminder and every reminder issue, what to do."""
    by_key: dict[str, dict[str, Any]] = {}
    for issue in sorted(issues, key=lambda i: (i.get("state") != "open", i["number"])):  # open first, oldest first
        key = issue_key(issue)
        if key and "pull_request" not in issue:
            by_key.setdefault(key, issue)
    actions = []
    due_keys = set()
    for reminder in reminders:
        due_keys.add(reminder.key)
        text_title, text = title(reminder), body(reminder, managers, command)
        issue = by_key.get(reminder.key)
        if issue is None:
            actions.append(Action("open", reminder.key, text_title, body=text))
        elif issue.get("state") != "open":
            actions.append(Action("keep", reminder.key, issue.get("title") or text_title, issue["number"]))  # closed by hand
        elif issue.get("title") != text_title or (issue.get("body") or "").replace("\r\n", "\n") != text:
            actions.append(Action("update", reminder.key, text_title, issue["number"], body=text))
        else:
            actions.append(Action("keep", reminder.key, text_title, issue["number"]))
    for key, issue in sorted(by_key.items()):
        if key in due_keys or issue.get("state") != "open":
            continue
        sentence, reason = why_not_due(key, project, on, command)
        comment = f"{sentence}\n\nClosing this reminder (`{command} reminders`, {on.isoformat()}).\n"
        actions.append(Action("close", key, issue.get("title") or key, issue["number"], comment=comment, reason=reason))
    return actions


class GitHubError(Exception):
    """A GitHub API call failed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"GitHub API: {status} {message}")
        self.status = status


def github_request(method: str, path: str, body: Any = None) -> Any:
    """Call the GitHub REST API with the token from GITHUB_TOKEN; the parsed JSON answer."""
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if not token:
        raise GitHubError(401, "no token: set GITHUB_TOKEN")
    api = os.environ.get("GITHUB_API_URL", "https://api.github.com").rstrip("/")
    request = urllib.request.Request(
        api + path,
        data=None if body is None else json.dumps(body).encode("utf-8"),
        method=method,
        headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "User-Agent": "clusterfolio-reminders",
            "X-GitHub-Api-Version": "2022-11-28",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https API address
            data = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")
        with contextlib.suppress(ValueError, AttributeError):
            detail = json.loads(detail).get("message", detail)
        raise GitHubError(exc.code, str(detail)[:300]) from None
    except urllib.error.URLError as exc:
        raise GitHubError(0, str(exc.reason)) from None
    return json.loads(data) if data else {}


def list_issues(repo: str, request: Request) -> list[dict[str, Any]]:
    """Every issue, open or closed, that carries the reminder label."""
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        batch = request("GET", f"/repos/{repo}/issues?state=all&labels={urlquote(ISSUE_LABEL)}&per_page=100&page={page}", None)
        out += batch
        if len(batch) < 100:
            return out
        page += 1


def apply(actions: list[Action], repo: str, request: Request, command: str = "clusterfolio") -> list[Action]:
    """Carry out the actions on GitHub; the opened ones come back with their numbers."""
    done = []
    label_ready = False
    for action in actions:
        if action.kind == "open":
            if not label_ready:
                try:
                    request("POST", f"/repos/{repo}/labels", {
                        "name": ISSUE_LABEL, "color": ISSUE_LABEL_COLOUR,
                        "description": f"A quality label of the cluster runs out within 90 days ({command} reminders)",
                    })
                except GitHubError as exc:
                    if exc.status != 422:  # 422: the label exists already
                        raise
                label_ready = True
            created = request("POST", f"/repos/{repo}/issues", {"title": action.title, "body": action.body, "labels": [ISSUE_LABEL]})
            action = Action("open", action.key, action.title, created.get("number"), body=action.body)
        elif action.kind == "update":
            request("PATCH", f"/repos/{repo}/issues/{action.number}", {"title": action.title, "body": action.body})
        elif action.kind == "close":
            request("POST", f"/repos/{repo}/issues/{action.number}/comments", {"body": action.comment})
            request("PATCH", f"/repos/{repo}/issues/{action.number}", {"state": "closed", "state_reason": action.reason})
        done.append(action)
    return done


def sync(project: Project, on: dt.date, managers: tuple[str, ...] | list[str], repo: str | None,
         request: Request | None = None, dry_run: bool = False, command: str = "clusterfolio") -> list[Action]:
    """Open, update or close the reminder issues of a repository; with dry_run, only read.

    Without a repository (a dry run on a developer's machine) the plan is made against no issues.
    """
    call = request or github_request  # looked up now, so a test can replace the module's function
    issues = list_issues(repo, call) if repo else []
    actions = plan(due(project, on), issues, project, on, managers, command)
    if dry_run:
        return actions
    if not repo:
        raise GitHubError(0, "no repository: set GITHUB_REPOSITORY or give --repo OWNER/NAME")
    return apply(actions, repo, call, command)

