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

The words are messages (messages.M) in the managers' language (`lang`: --lang, else
extra.messages_language, ...). plan() compares the title and body with the issue's to decide on
an update, so they stay the same from run to run as long as the configured language does.
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
from .messages import DEFAULT, M, Msg, N
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


def why_not_due(key: str, project: Project, on: dt.date, command: str = "clusterfolio") -> tuple[Msg, str]:
    """Why a label's reminder is over: (the closing comment's sentence, GitHub's state_reason)."""
    _, scheme, until = key.split(":")
    valid_until = dt.date.fromisoformat(until)
    newest = newest_by_scheme(list(project.cluster.labels)).get(scheme)
    if newest is not None and newest.valid_until > valid_until:
        return (M("A newer `{scheme}` label is committed in `{file}`: valid until {valid_until}.",
                  scheme=scheme, file=CLUSTER_FILE, valid_until=newest.valid_until.isoformat()), "completed")
    if newest is None or newest.valid_until != valid_until:
        return (M("The `{scheme}` label valid until {valid_until} is no longer in `{file}`.",
                  scheme=scheme, valid_until=until, file=CLUSTER_FILE), "not_planned")
    status = newest.status(on)
    if status is LabelStatus.EXPIRED:
        return (
            M("The `{scheme}` label expired on {valid_until} and no newer one is committed. The site shows it only as "
              "history; `{command}` warns about it ({code}). Add the renewed label to `{file}` when you have it.",
              scheme=scheme, valid_until=until, command=f"{command} check", code="CF-W302", file=CLUSTER_FILE),
            "not_planned",
        )
    # Still valid, not yet valid, or expiring under a scheme the taxonomy no longer lists.
    sentence = {
        LabelStatus.VALID: M("The `{scheme}` label valid until {valid_until} is valid on {on}; no reminder is due.",
                             scheme=scheme, valid_until=until, on=on.isoformat()),
        LabelStatus.NOT_YET_VALID: M("The `{scheme}` label valid until {valid_until} is not yet valid on {on}; no reminder is due.",
                                     scheme=scheme, valid_until=until, on=on.isoformat()),
    }.get(status) or M("The `{scheme}` label valid until {valid_until} is expiring on {on}; no reminder is due.",
                       scheme=scheme, valid_until=until, on=on.isoformat())
    return (sentence, "not_planned")


# --- the issue text ------------------------------------------------------------------------


def code(value: object) -> str:
    """Profile text as an inline code span on one line: line breaks and runs of spaces become one
    space (a line break could end the paragraph before the span closes)."""
    return code_span(" ".join(str(value).split()))


def mentions(managers: tuple[str, ...] | list[str]) -> list[str]:
    """The managers that may be mentioned: only whole GitHub user or team names."""
    return [m for m in managers if MENTION_RE.fullmatch(m)]


def title(reminder: Reminder, lang: str = DEFAULT) -> str:
    """The issue title: scheme id and date only (ids are checked; titles are not escaped by GitHub)."""
    return M("Label {scheme} expires on {valid_until}: plan the renewal",
             scheme=reminder.scheme, valid_until=reminder.valid_until.isoformat()).render(lang)


# The name of the scaffold's workflow that runs `reminders` (.github/workflows/, as GitHub shows it).
WORKFLOW = "Label expiry reminders"


def _verify(r: Reminder) -> Msg | None:
    """Step 2 of the issue: where the current certificate can be verified, if anywhere."""
    certificate = None
    if r.certificate_url and r.certificate_id:
        certificate = M("the certificate: {url} (id {id})", url=code(r.certificate_url), id=code(r.certificate_id))
    elif r.certificate_url:
        certificate = M("the certificate: {url}", url=code(r.certificate_url))
    elif r.certificate_id:
        certificate = M("the certificate id: {id}", id=code(r.certificate_id))
    page = M("the issuer's verification page: {url}", url=code(r.verify_url)) if r.verify_url else None
    if certificate and page:
        return M("2. Check the new certificate; to verify the current one, see {certificate} and {page}.", certificate=certificate, page=page)
    if certificate or page:
        return M("2. Check the new certificate; to verify the current one, see {place}.", place=certificate or page)
    return None


def body(reminder: Reminder, managers: tuple[str, ...] | list[str], command: str = "clusterfolio", lang: str = DEFAULT) -> str:
    """The issue body in GitHub Markdown, in lang; profile values only inside code spans."""
    r = reminder
    who = " ".join(mentions(managers))
    facts = {"name": code(r.name), "scheme": r.scheme, "valid_until": r.valid_until.isoformat(), "on": r.on.isoformat()}
    if who:
        opening = N("{managers}: the label {name} (scheme `{scheme}`) is valid until **{valid_until}**: "
                    "**{count} day left** (as of {on}).",
                    "{managers}: the label {name} (scheme `{scheme}`) is valid until **{valid_until}**: "
                    "**{count} days left** (as of {on}).", r.days_left, managers=who, **facts)
    else:
        opening = N("The label {name} (scheme `{scheme}`) is valid until **{valid_until}**: **{count} day left** (as of {on}).",
                    "The label {name} (scheme `{scheme}`) is valid until **{valid_until}**: **{count} days left** (as of {on}).",
                    r.days_left, **facts)
    paragraphs: list[list[Msg]] = [
        [opening],
        [M("From the day after, the site shows it only as history, no longer as a label the cluster holds.")],
        [M("What to do:")],
        [
            M("1. Renew the label with its issuer, {issuer}.", issuer=code(r.issuer)),
            _verify(r) or M("2. Check the new certificate. Neither the label nor its scheme has a verification link yet: "
                            "add `certificate_url` to the label in `{cluster_file}` or `verify_url` to the scheme in "
                            "`{taxonomy_file}` ({code}).", cluster_file=CLUSTER_FILE, taxonomy_file=TAXONOMY_FILE, code="CF-W303"),
            M("3. Add the new label to `labels:` in `{file}` with `scheme: {scheme}`, `awarded`, `valid_until`, "
              "`certificate_url` and `certificate_id`; keep this one, the site lists it as history.", file=CLUSTER_FILE, scheme=r.scheme),
            M("4. Publish a release: the site shows what the latest release holds (and is rebuilt from it every day)."),
        ],
        [
            M("This issue closes itself once a newer `{scheme}` label is committed to the default branch.", scheme=r.scheme),
            M("It was opened by the daily `{workflow}` workflow (`{command}`); if you close it by hand, it stays closed.",
              workflow=WORKFLOW, command=f"{command} reminders"),
        ],
    ]
    if not who:
        paragraphs.append([M("No managers to mention: list them under `extra.managers` in `{file}`, e.g. {example}.",
                             file="mkdocs.yml", example='`["@example-cluster/managers"]`')])
    text = "\n\n".join("\n".join(line.render(lang) for line in paragraph) for paragraph in paragraphs)
    return f"<!-- {r.key} -->\n{text}\n"


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

    def describe(self, dry_run: bool = False, lang: str = DEFAULT) -> str:
        """One line for the log: what would be done (dry_run) or what was done, in lang."""
        if self.number is None:  # an issue not opened yet (a dry run's plan) has no number
            said = M("would open: {title}", title=self.title) if dry_run else M("opened: {title}", title=self.title)
            return said.render(lang)
        facts = {"number": self.number, "title": self.title}
        if dry_run:
            said = {"open": M("would open #{number}: {title}", **facts), "update": M("would update #{number}: {title}", **facts),
                    "keep": M("would leave #{number}: {title}", **facts), "close": M("would close #{number}: {title}", **facts)}[self.kind]
        else:
            said = {"open": M("opened #{number}: {title}", **facts), "update": M("updated #{number}: {title}", **facts),
                    "keep": M("unchanged #{number}: {title}", **facts), "close": M("closed #{number}: {title}", **facts)}[self.kind]
        return said.render(lang)


def issue_key(issue: dict[str, Any]) -> str | None:
    """The reminder key in an issue's body, if it has one."""
    match = MARKER_RE.search(issue.get("body") or "")
    return match.group(1) if match else None


def plan(reminders: list[Reminder], issues: list[dict[str, Any]], project: Project, on: dt.date, managers: tuple[str, ...] | list[str],
         command: str = "clusterfolio", lang: str = DEFAULT) -> list[Action]:
    """Decide, for every due reminder and every reminder issue, what to do (the texts in lang)."""
    by_key: dict[str, dict[str, Any]] = {}
    for issue in sorted(issues, key=lambda i: (i.get("state") != "open", i["number"])):  # open first, oldest first
        key = issue_key(issue)
        if key and "pull_request" not in issue:
            by_key.setdefault(key, issue)
    actions = []
    due_keys = set()
    for reminder in reminders:
        due_keys.add(reminder.key)
        text_title, text = title(reminder, lang), body(reminder, managers, command, lang)
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
        closing = M("Closing this reminder (`{command}`, {date}).", command=f"{command} reminders", date=on.isoformat())
        comment = f"{sentence.render(lang)}\n\n{closing.render(lang)}\n"
        actions.append(Action("close", key, issue.get("title") or key, issue["number"], comment=comment, reason=reason))
    return actions


class GitHubError(Exception):
    """A GitHub API call failed: GitHub's own answer (a str), or ours (a message)."""

    def __init__(self, status: int, message: str | Msg) -> None:
        self.status, self.message = status, message
        super().__init__(self.text())

    def text(self, lang: str = DEFAULT) -> str:
        """What failed, in lang (GitHub's answer as GitHub gave it)."""
        return M("GitHub API: {status} {message}", status=self.status, message=self.message).render(lang)


def github_request(method: str, path: str, body: Any = None) -> Any:
    """Call the GitHub REST API with the token from GITHUB_TOKEN; the parsed JSON answer."""
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if not token:
        raise GitHubError(401, M("no token: set {variable}", variable="GITHUB_TOKEN"))
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


def apply(actions: list[Action], repo: str, request: Request, command: str = "clusterfolio", lang: str = DEFAULT) -> list[Action]:
    """Carry out the actions on GitHub; the opened ones come back with their numbers."""
    done = []
    label_ready = False
    for action in actions:
        if action.kind == "open":
            if not label_ready:
                description = M("A quality label of the cluster runs out within 90 days ({command})", command=f"{command} reminders")
                try:
                    request("POST", f"/repos/{repo}/labels", {
                        "name": ISSUE_LABEL, "color": ISSUE_LABEL_COLOUR,
                        # GitHub refuses a description over 100 characters (422, which reads as "exists").
                        "description": description.render(lang)[:100],
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
         request: Request | None = None, dry_run: bool = False, command: str = "clusterfolio", lang: str = DEFAULT) -> list[Action]:
    """Open, update or close the reminder issues of a repository, their texts in lang; with dry_run, only read.

    Without a repository (a dry run on a developer's machine) the plan is made against no issues.
    """
    call = request or github_request  # looked up now, so a test can replace the module's function
    issues = list_issues(repo, call) if repo else []
    actions = plan(due(project, on), issues, project, on, managers, command, lang)
    if dry_run:
        return actions
    if not repo:
        raise GitHubError(0, M("no repository: set {variable} or give {option}", variable="GITHUB_REPOSITORY", option="--repo OWNER/NAME"))
    return apply(actions, repo, call, command, lang)

