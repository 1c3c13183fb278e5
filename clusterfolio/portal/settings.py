"""portal.yml: the portal's name, languages and the clusters it harvests.

Read as the profiles are (yamlsafe: every scalar is text, every value keeps its place) and checked
with a pydantic model, so that a problem names the file, line and field; the checks pydantic cannot
say in a member's words (an address, a cluster given twice) are ours, with their messages.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..messages import M
from ..model import LANGUAGES
from ..paths import slugify
from ..problems import Problem, quote
from ..yamlsafe import Document, parse

PORTAL_FILE = "portal.yml"
NO_FILE, NOT_VALID = "CF-E616", "CF-E617"  # codes.py
# Plain http only to this machine: a portal's tests and a portal built beside its clusters.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class _Source(BaseModel):
    """One entry of `clusters:` as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    url: str | None = None
    path: str | None = None
    key: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")


class _PortalFile(BaseModel):
    """portal.yml as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    languages: list[str] = Field(min_length=1)
    clusters: list[_Source] = Field(min_length=1)
    stale_days: int = Field(30, ge=1, le=3650)
    site_url: str | None = None  # the portal's own address (canonical URLs, sitemap): https://…/


@dataclass(frozen=True)
class ClusterSource:
    """A cluster the portal harvests: its site's address, or a folder holding its built site."""

    key: str  # its folder under harvest/
    url: str | None = None  # the site root, ending in /
    path: Path | None = None

    @property
    def name(self) -> str:
        """How the report names it: its address or folder as written in portal.yml."""
        return self.url or str(self.path)


@dataclass(frozen=True)
class Portal:
    root: Path
    name: str
    languages: tuple[str, ...]
    clusters: tuple[ClusterSource, ...]
    stale_days: int = 30
    site_url: str = ""  # the portal's own address, ending in /; "" when portal.yml gives none


class PortalError(Exception):
    """portal.yml is missing or not valid: exit status 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


def web_address(url: str) -> bool:
    """https://, or http:// to this machine only."""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError:
        return False
    if not parts.hostname or parts.username or parts.password or parts.query or parts.fragment:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS)


def default_key(url: str | None, path: str | None) -> str:
    """A cluster's folder under harvest/: its address's host, port and path, or its folder's name."""
    if url:
        parts = urlsplit(url)
        return slugify(f"{parts.hostname}-{parts.port or ''}-{parts.path}") or "cluster"
    return slugify(Path(path or "").name) or "cluster"


def _sources(doc: Document, written: _PortalFile, root: Path) -> tuple[list[ClusterSource], list[Problem]]:
    problems: list[Problem] = []
    out: list[ClusterSource] = []
    for index, entry in enumerate(written.clusters):
        where = ("clusters", index)
        if (entry.url is None) == (entry.path is None):
            problems.append(doc.problem(where, M("give either url: (the site's address) or path: (a folder holding its built site)"), NOT_VALID))
            continue
        if entry.url is not None and not web_address(entry.url):
            problems.append(doc.problem((*where, "url"), M("{value} is not a site address the portal fetches: https://, or http:// to "
                                                           "127.0.0.1 or localhost", value=quote(entry.url)), NOT_VALID, at_value=True))
            continue
        url = entry.url if entry.url is None or entry.url.endswith("/") else entry.url + "/"
        path = (root / entry.path).resolve() if entry.path is not None else None
        if path is not None and not path.is_dir():
            problems.append(doc.problem((*where, "path"), M("{value} is no folder", value=quote(entry.path)), NOT_VALID, at_value=True))
            continue
        key = entry.key or default_key(entry.url, entry.path)
        if key in {c.key for c in out}:
            problems.append(doc.problem(where, M("another cluster above has the folder name {value}; give this one its own with key:",
                                                 value=quote(key)), NOT_VALID))
            continue
        out.append(ClusterSource(key=key, url=url, path=path))
    return out, problems


def _pydantic_problems(doc: Document, exc: ValidationError) -> list[Problem]:
    found = []
    for error in exc.errors(include_url=False):
        where = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            message = M("unknown field; the fields are {fields}", fields=_fields(where[:-1]))
        elif error["type"] == "missing":
            message = M("this field is required")
        else:
            message = M("not valid: {detail}", detail=error["msg"])
        found.append(doc.problem(where, message, NOT_VALID, at_value=error["type"] not in ("missing", "extra_forbidden")))
    return found


def _fields(where: tuple[Any, ...]) -> str:
    model = _Source if where[:1] == ("clusters",) else _PortalFile
    return ", ".join(model.model_fields)


def read_portal(root: Path) -> Portal:
    """Read and check portal.yml in root; raise PortalError listing every problem."""
    path = root / PORTAL_FILE
    if not path.is_file():
        raise PortalError([Problem.make(PORTAL_FILE, 1, 1, "", M("no portal.yml in {folder}; run the command in the portal's repository",
                                                                 folder=str(root)), NO_FILE)])
    doc = parse(path.read_text(encoding="utf-8", errors="replace"), PORTAL_FILE)
    if doc.problems:
        raise PortalError(doc.problems)
    if not isinstance(doc.data, dict):
        raise PortalError([Problem.make(PORTAL_FILE, 1, 1, "", M("write the portal's fields: name, languages, clusters"), NOT_VALID)])
    try:
        written = _PortalFile.model_validate(doc.data)
    except ValidationError as exc:
        raise PortalError(_pydantic_problems(doc, exc)) from None
    problems = [doc.problem(("languages", i), M("{value} is not an ISO 639-1 language code (lower-case, e.g. de)", value=quote(code)),
                            NOT_VALID, at_value=True)
                for i, code in enumerate(written.languages) if code not in LANGUAGES]
    if written.site_url is not None and not web_address(written.site_url):
        problems.append(doc.problem(("site_url",), M("{value} is not a site address the portal fetches: https://, or http:// to "
                                                    "127.0.0.1 or localhost", value=quote(written.site_url)), NOT_VALID, at_value=True))
    clusters, more = _sources(doc, written, root)
    if problems or more:
        raise PortalError(problems + more)
    site_url = written.site_url if not written.site_url or written.site_url.endswith("/") else written.site_url + "/"
    return Portal(root=root, name=written.name, languages=tuple(written.languages), clusters=tuple(clusters), stale_days=written.stale_days,
                  site_url=site_url or "")
