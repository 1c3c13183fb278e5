"""Site settings read from mkdocs.yml: the languages, and what the build needs to know.

mkdocs.yml is read once per command, by `read_config`: our reader parses its text keeping every
value's place, and SETTINGS checks it, one declaration per key clusterfolio reads (its place in the
file, its check, its code and message), so every problem is told at once with file, line and field.
The same text read as mkdocs reads it (PyYAML's types: the theme wants booleans) gives the theme and
the rest of `extra:`, which pass to mkdocs as they are. docs/decisions.md, "One configuration schema".
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel import Locale, UnknownLocaleError

from .messages import LANGUAGES as MESSAGE_LANGUAGES
from .messages import M, Msg
from .model import LANGUAGES
from .paths import CONFIG_FILE
from .problems import Problem, quote
from .suggest import did_you_mean
from .yamlsafe import Document, parse

_TAG = "CF-E012"  # a YAML tag (codes.py)
CMS = "CF-E615"  # extra.cms not valid
AUTH_SCOPES = ("repo", "public_repo")  # what Decap asks GitHub for: a private repository, or open authoring's


class ConfigError(Exception):
    """The site configuration is unusable: exit status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class CmsConfig:
    """`extra.cms` as checked: the browser editor's repository and sign-in (site/admin.py)."""

    repo: str | None = None  # owner/name on GitHub: `repo`, else that of `repo_url` when it is a GitHub address
    branch: str = "main"
    locale: str | None = None  # as written: /admin/ takes the first of it and the others that Decap has
    base_url: str | None = None  # the OAuth client (proxy) the sign-in popup opens; Decap's default is Netlify's
    auth_endpoint: str | None = None
    auth_scope: str | None = None  # one of AUTH_SCOPES


@dataclass(frozen=True)
class Config:
    """The parts of mkdocs.yml clusterfolio reads."""

    root: Path
    languages: tuple[str, ...]
    fallback_languages: frozenset[str]
    site_name: str
    site_url: str
    managers: tuple[str, ...] = ()  # GitHub users or teams who own everything (CODEOWNERS)
    messages_language: str | None = None  # what check and the other commands speak (messages.choose)
    # Where a visitor whose browser asks for none of the site's languages lands, and x-default
    # (SPEC §4): `extra.international_language`, else English where the site has it, else the default.
    international: str | None = None
    page_size: int = 48  # member cards per listing page
    rows_per_page: int = 192  # members per page of a compact listing (one line each)
    cms: CmsConfig = field(default_factory=CmsConfig)
    theme: dict[str, Any] = field(default_factory=dict)  # the managers' theme settings, typed
    extra: dict[str, Any] = field(default_factory=dict)  # extra: without clusterfolio's own keys
    # mkdocs.yml as read, with every value's place: what reads all of it (placeholders) reads it here.
    source: Document | None = field(default=None, repr=False, compare=False)

    @property
    def board_page_size(self) -> int:
        """Requests per page of the cooperation board: half the directory's. A request's card
        (its text, facts, chips and e-mail) is about twice a member's, and at 1,000 members a board
        page of page_size cards was 120 KB, over the 100 KB a page may be there (issue 13)."""
        return max(1, self.page_size // 2)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def international_language(self) -> str:
        return self.international or ("en" if "en" in self.languages else self.default_language)


# --- the schema -----------------------------------------------------------------------------------

Issue = tuple[tuple[str | int, ...], Msg, str]  # where below the key, what is wrong, its code
# A key's check: (its value as written, None when absent; the settings checked before it) ->
# (the value to use, its problems).
Check = Callable[[Any, dict[str, Any]], tuple[Any, list[Issue]]]


@dataclass(frozen=True)
class Setting:
    """One key of mkdocs.yml that clusterfolio reads."""

    name: str  # the Config field it fills (or a value later checks read)
    path: tuple[str, ...]  # its place in mkdocs.yml (or under the mapping its table checks)
    check: Check


def whole_number(low: int, high: int, default: Callable[[dict[str, Any]], int], code: str, message: Callable[[Any], Msg]) -> Check:
    """A whole number from low to high (written as digits: every value we read is text)."""
    def check(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
        if value is None:
            return default(seen), []
        number = int(value) if isinstance(value, str) and value.isdecimal() else value
        if isinstance(number, int) and low <= number <= high:
            return number, []
        return default(seen), [((), message(number), code)]
    return check


def one_of(choices: Callable[[dict[str, Any]], Collection[str]], code: str, message: Callable[[Any, Collection[str]], Msg]) -> Check:
    """One of some choices, or nothing."""
    def check(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
        allowed = choices(seen)
        if value is None or value in allowed:
            return value, []
        return None, [((), message(value, allowed), code)]
    return check


def text(pattern: re.Pattern[str] | None = None, message: Callable[[str], Msg] | None = None, code: str = CMS) -> Check:
    """One line of text (stripped), matching pattern where one is given."""
    def check(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
        if value is None:
            return None, []
        if not isinstance(value, str):
            return None, [((), M("expected {expected}, found {found}", expected=M("text"), found=_found(value)), code)]
        value = value.strip() or None
        if value is not None and pattern is not None and message is not None and not pattern.fullmatch(value):
            return None, [((), message(value), code)]
        return value, []
    return check


def _found(value: Any) -> Msg:
    """What was found instead of text or fields (the words of loading's messages)."""
    if isinstance(value, dict):
        return M("a mapping")
    if isinstance(value, list):
        return M("a list")
    return M("the text {value}", value=quote(value))


def _languages(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
    if not isinstance(value, list) or not value:
        return (), [((), M("list the site languages, default first, e.g. 'languages: [de, en, fr]' under 'extra:'"), "CF-E602")]
    issues: list[Issue] = []
    for index, code in enumerate(value):
        if not isinstance(code, str) or code not in LANGUAGES:
            issues.append(((index,), M("{value} is not an ISO 639-1 language code (lower-case, e.g. de)", value=quote(code)), "CF-E603"))
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            issues.append(((index,), M("no locale data for {value}", value=quote(code)), "CF-E604"))
        if value.index(code) != index:
            issues.append(((index,), M("{value} is listed twice", value=quote(code)), "CF-E605"))
    return tuple(value), issues


def _fallback_languages(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
    value = value or []
    if not isinstance(value, list):
        return frozenset(), [((), M("expected a list of language codes"), "CF-E606")]
    others = seen["languages"][1:]
    issues: list[Issue] = [((index,), M("{value} is not one of the site's other languages ({languages})", value=quote(code),
                                        languages=", ".join(map(str, others))), "CF-E607")
                           for index, code in enumerate(value) if code not in others]
    return (frozenset() if issues else frozenset(value)), issues


def _managers(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
    value = value or []
    if not isinstance(value, list) or not all(isinstance(m, str) and m.startswith("@") for m in value):
        return (), [((), M("list the managers' GitHub users or teams, e.g. [\"@example-cluster/managers\"]"), "CF-E608")]
    return tuple(value), []


def _site_url(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
    value = value or ""
    if value and not (isinstance(value, str) and value.startswith(("https://", "http://"))):
        return str(value), [((), M("{value} is not a web address", value=quote(value)), "CF-E609")]
    return str(value), []


def _github_repo(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
    """owner/name from mkdocs' `repo_url` when it names a GitHub repository; any other is mkdocs'
    business (a GitLab address is a fine repo_url), so it is no problem here, only no editor's repository."""
    if not isinstance(value, str):
        return None, []
    parts = urlsplit(value.strip())
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme != "https" or parts.hostname != "github.com" or len(path) != 2 or not all(path):
        return None, []
    return "/".join(path), []


# A GitHub repository as owner/name; a branch name as `git check-ref-format --branch` takes it
# (no space or control character, none of ~ ^ : ? * [ \, no '..', '@{', '//', no part that starts
# with '.', ends with '.lock', no '-' or '/' first, no '/' or '.' last).
_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_BRANCH = re.compile(r"(?![-/.])(?!.*(?:\.\.|@\{|//|/\.|\.lock/))(?!@$)(?!.*(?:\.lock|[/.])$)[^\x00-\x20\x7f~^:?*\[\\]+")

# extra.cms, key by key (under its own mapping).
CMS_SETTINGS: tuple[Setting, ...] = (
    Setting("repo", ("repo",), text(_REPO, lambda value: M(
        "{value} is not a GitHub repository; write its owner and name, e.g. your-org/your-cluster", value=quote(value)))),
    Setting("branch", ("branch",), text(_BRANCH, lambda value: M(
        "{value} is not a branch name git accepts; write it as git shows it, e.g. main", value=quote(value)))),
    Setting("locale", ("locale",), text()),  # one Decap lacks passes to the next (admin.editor_locale)
    Setting("base_url", ("base_url",), text()),
    Setting("auth_endpoint", ("auth_endpoint",), text()),
    Setting("auth_scope", ("auth_scope",), one_of(lambda seen: AUTH_SCOPES, CMS, lambda value, choices: M(
        "{value} is not one of {choices}", value=quote(value), choices=", ".join(choices)))),
)


def _cms(value: Any, seen: dict[str, Any]) -> tuple[Any, list[Issue]]:
    value = {} if value is None else value
    if not isinstance(value, dict):
        return CmsConfig(repo=seen["github_repo"]), [((), M("expected fields (name: value on indented lines), found {found}",
                                                          found=_found(value)), CMS)]
    checked, issues = check_table(CMS_SETTINGS, value)
    # A misspelt key (`brnach: live`) would leave the editor on another branch without a word.
    known = [setting.name for setting in CMS_SETTINGS]
    issues += [((str(key),), M("{key} is not a setting of the browser editor; it reads {keys}", key=quote(str(key)), keys=", ".join(known))
                + did_you_mean(str(key), known), CMS) for key in value if str(key) not in known]
    return CmsConfig(repo=checked["repo"] or seen["github_repo"], branch=checked["branch"] or "main", locale=checked["locale"],
                     base_url=checked["base_url"], auth_endpoint=checked["auth_endpoint"], auth_scope=checked["auth_scope"]), issues


# Every key of mkdocs.yml clusterfolio reads, in the order its problems are told; a check may read
# the values of the keys above it (`seen`).
SETTINGS: tuple[Setting, ...] = (
    Setting("languages", ("extra", "languages"), _languages),
    Setting("fallback_languages", ("extra", "fallback_languages"), _fallback_languages),
    Setting("page_size", ("extra", "page_size"), whole_number(2, 500, lambda seen: 48, "CF-E610", lambda value: M(
        "{value} is not a number of member cards per page between 2 and 500", value=quote(value)))),
    Setting("rows_per_page", ("extra", "rows_per_page"), whole_number(2, 1000, lambda seen: 8 * seen["page_size"], "CF-E611", lambda value: M(
        "{value} is not a number of members per page of a list between 2 and 1000", value=quote(value)))),
    Setting("managers", ("extra", "managers"), _managers),
    Setting("messages_language", ("extra", "messages_language"), one_of(lambda seen: MESSAGE_LANGUAGES, "CF-E612", lambda value, choices: M(
        "{value} is not a language clusterfolio's messages are written in; write one of {choices}",
        value=quote(value), choices=", ".join(choices)))),
    Setting("international", ("extra", "international_language"), one_of(lambda seen: seen["languages"], "CF-E613", lambda value, languages: M(
        "{value} is not one of the site's languages ({languages})", value=quote(value), languages=", ".join(map(str, languages))))),
    Setting("site_url", ("site_url",), _site_url),
    Setting("site_name", ("site_name",), lambda value, seen: (str(value or ""), [])),
    Setting("github_repo", ("repo_url",), _github_repo),  # mkdocs' own key: the editor's repository without extra.cms.repo
    Setting("cms", ("extra", "cms"), _cms),
)
# extra: keys that are clusterfolio's: not passed on to mkdocs.
OWN_EXTRA = frozenset(s.path[1] for s in SETTINGS if s.path[0] == "extra")


def _at(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def check_table(table: tuple[Setting, ...], data: Any) -> tuple[dict[str, Any], list[Issue]]:
    """Check a mapping against a table of settings: the values to use by name, and every problem
    with its path from the mapping."""
    seen: dict[str, Any] = {}
    issues: list[Issue] = []
    for setting in table:
        seen[setting.name], found = setting.check(_at(data, setting.path), seen)
        issues += [(setting.path + below, message, code) for below, message, code in found]
    return seen, issues


# --- reading ---------------------------------------------------------------------------------------


def read_config(root: Path) -> Config:
    """Read mkdocs.yml once and check it against SETTINGS; raise ConfigError listing every problem."""
    path = root / CONFIG_FILE
    if not path.is_file():
        raise ConfigError([Problem.make(CONFIG_FILE, 1, 1, "", M("no mkdocs.yml in {folder}; run the command in the site's repository", folder=str(root)), "CF-E601")])
    written = path.read_text(encoding="utf-8", errors="replace")
    doc = parse(written, CONFIG_FILE)
    # mkdocs.yml is the managers' file and may use mkdocs' own tags (!ENV, !!python/name).
    problems = [p for p in doc.problems if p.code != _TAG]
    if doc.data is None and problems:  # a syntax error: what follows from it would only confuse
        raise ConfigError(problems)
    values, issues = check_table(SETTINGS, doc.data)
    problems += [doc.problem(where, message, code) for where, message, code in issues]
    if problems:
        raise ConfigError(problems)
    typed = _typed(written, doc)
    theme, extra = typed.get("theme"), typed.get("extra")
    own = {f.name for f in dataclasses.fields(Config)}
    return Config(
        root=root,
        **{name: value for name, value in values.items() if name in own},
        theme=theme if isinstance(theme, dict) else {},
        extra={k: v for k, v in extra.items() if k not in OWN_EXTRA} if isinstance(extra, dict) else {},
        source=doc,
    )


class _TypedLoader(yaml.SafeLoader):
    """mkdocs.yml with YAML's usual types (the theme wants booleans); mkdocs' own tags ignored."""


_TypedLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _typed(text: str, doc: Document) -> dict[str, Any]:
    """The text that passed our reader, read with YAML's types as mkdocs reads it. What PyYAML
    refuses where our reader did not (a control character in a comment) would stop mkdocs too:
    a problem now, not a theme quietly left out."""
    try:
        data = yaml.load(text, Loader=_TypedLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as exc:
        line, column = _place(exc, text)
        detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]  # PyYAML's words, one line (as yamlsafe's)
        raise ConfigError([Problem.make(doc.file, line, column, "", M("YAML error: {detail}", detail=detail), "CF-E005")]) from None
    return data if isinstance(data, dict) else {}


def _place(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    """Line and column of a PyYAML error: its mark, or the character a ReaderError names."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        before = text[:position]
        return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
    return 1, 1
