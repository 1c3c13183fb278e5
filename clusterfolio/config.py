"""Site settings read from mkdocs.yml: the languages, and what the build needs to know."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from .messages import LANGUAGES as MESSAGE_LANGUAGES
from .messages import M
from .model import LANGUAGES
from .problems import Problem, quote
from .yamlsafe import parse

_TAG = "CF-E012"  # a YAML tag (codes.py)


class ConfigError(Exception):
    """The site configuration is unusable: exit status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


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
    theme: dict[str, Any] = field(default_factory=dict)  # the managers' theme settings, typed
    extra: dict[str, Any] = field(default_factory=dict)  # extra: without clusterfolio's own keys

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def international_language(self) -> str:
        return self.international or ("en" if "en" in self.languages else self.default_language)


def read_config(root: Path) -> Config:
    """Read mkdocs.yml; raise ConfigError listing every problem."""
    path = root / "mkdocs.yml"
    name = "mkdocs.yml"
    if not path.is_file():
        raise ConfigError([Problem.make(name, 1, 1, "", M("no mkdocs.yml in {folder}; run the command in the site's repository", folder=str(root)), "CF-E601")])
    doc = parse(path.read_text(encoding="utf-8", errors="replace"), name)
    # mkdocs.yml is the managers' file and may use mkdocs' own tags (!ENV, !!python/name).
    problems = [p for p in doc.problems if p.code != _TAG]
    if doc.data is None and problems:  # a syntax error: what follows from it would only confuse
        raise ConfigError(problems)
    data = doc.data if isinstance(doc.data, dict) else {}
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    languages = extra.get("languages")
    if not isinstance(languages, list) or not languages:
        problems.append(doc.problem(("extra", "languages"), M("list the site languages, default first, e.g. 'languages: [de, en, fr]' under 'extra:'"), "CF-E602"))
        languages = []
    for index, code in enumerate(languages):
        if not isinstance(code, str) or code not in LANGUAGES:
            problems.append(doc.problem(("extra", "languages", index), M("{value} is not an ISO 639-1 language code (lower-case, e.g. de)", value=quote(code)), "CF-E603"))
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            problems.append(doc.problem(("extra", "languages", index), M("no locale data for {value}", value=quote(code)), "CF-E604"))
        if languages.index(code) != index:
            problems.append(doc.problem(("extra", "languages", index), M("{value} is listed twice", value=quote(code)), "CF-E605"))
    fallback = extra.get("fallback_languages") or []
    if not isinstance(fallback, list):
        problems.append(doc.problem(("extra", "fallback_languages"), M("expected a list of language codes"), "CF-E606"))
        fallback = []
    for index, code in enumerate(fallback):
        if code not in languages[1:]:
            problems.append(doc.problem(("extra", "fallback_languages", index), M(
                "{value} is not one of the site's other languages ({languages})", value=quote(code), languages=", ".join(map(str, languages[1:]))), "CF-E607"))
    page_size = extra.get("page_size", 48)
    if isinstance(page_size, str) and page_size.isdigit():
        page_size = int(page_size)
    if not isinstance(page_size, int) or not 2 <= page_size <= 500:
        problems.append(doc.problem(("extra", "page_size"), M(
            "{value} is not a number of member cards per page between 2 and 500", value=quote(page_size)), "CF-E610"))
        page_size = 48
    rows_per_page = extra.get("rows_per_page", 4 * page_size)
    if isinstance(rows_per_page, str) and rows_per_page.isdigit():
        rows_per_page = int(rows_per_page)
    if not isinstance(rows_per_page, int) or not 2 <= rows_per_page <= 1000:
        problems.append(doc.problem(("extra", "rows_per_page"), M(
            "{value} is not a number of members per page of a list between 2 and 1000", value=quote(rows_per_page)), "CF-E611"))
        rows_per_page = 4 * page_size
    managers = extra.get("managers") or []
    if not isinstance(managers, list) or not all(isinstance(m, str) and m.startswith("@") for m in managers):
        problems.append(doc.problem(("extra", "managers"), M("list the managers' GitHub users or teams, e.g. [\"@example-cluster/managers\"]"), "CF-E608"))
        managers = []
    messages_language = extra.get("messages_language")
    if messages_language is not None and messages_language not in MESSAGE_LANGUAGES:
        problems.append(doc.problem(("extra", "messages_language"), M(
            "{value} is not a language clusterfolio's messages are written in; write one of {choices}",
            value=quote(messages_language), choices=", ".join(MESSAGE_LANGUAGES)), "CF-E612"))
        messages_language = None
    international = extra.get("international_language")
    if international is not None and international not in languages:
        problems.append(doc.problem(("extra", "international_language"), M(
            "{value} is not one of the site's languages ({languages})", value=quote(international), languages=", ".join(map(str, languages))), "CF-E613"))
        international = None
    site_url = data.get("site_url") or ""
    if site_url and not (isinstance(site_url, str) and site_url.startswith(("https://", "http://"))):
        problems.append(doc.problem(("site_url",), M("{value} is not a web address", value=quote(site_url)), "CF-E609"))
    if problems:
        raise ConfigError(problems)
    typed = _typed(path)
    theme = typed.get("theme") if isinstance(typed.get("theme"), dict) else {}
    extra_typed = typed.get("extra") if isinstance(typed.get("extra"), dict) else {}
    return Config(
        root=root,
        languages=tuple(languages),
        fallback_languages=frozenset(fallback),
        site_name=str(data.get("site_name") or ""),
        site_url=str(site_url),
        managers=tuple(managers),
        messages_language=messages_language,
        international=international,
        page_size=page_size,
        rows_per_page=rows_per_page,
        theme=theme,
        extra={k: v for k, v in extra_typed.items() if k not in ("languages", "fallback_languages", "managers", "messages_language", "international_language",
                                                                  "page_size", "rows_per_page")},
    )


class _TypedLoader(yaml.SafeLoader):
    """mkdocs.yml with YAML's usual types (the theme wants booleans); mkdocs' own tags ignored."""


_TypedLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _typed(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TypedLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
