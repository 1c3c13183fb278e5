"""`portal harvest`: each cluster's published data into harvest/<key>/, the last good copy kept.

For every cluster of portal.yml, at once (a small pool of threads; the report in portal.yml's
order): fetch data/catalog.jsonld (else catalog.ttl), data/datapackage.json and every file the
package lists, each with a conditional request from the cluster's state.json; check the whole
cluster (portal/checks.py); fetch the logo cluster.json names, where the site publishes it, and
check it as a member's logo is checked (a logo that fails is left out, the data is kept); then swap the new copy in place of the old one in one rename. A cluster
that fails in any way keeps the copy it had, and the others go on. docs/portal.md.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from .. import urls
from ..logos import PNG_MAX, SVG_MAX, check_logo_data
from ..messages import M, Msg
from ..problems import quote
from .checks import Invalid, build_date, catalogue_graph, checked, parsed, resource_paths
from .fetch import Deadline, Fetched, FetchError, Limits, fetch_url, read_local
from .settings import ClusterSource, Portal

HARVEST_DIR = "harvest"
STATE_FILE = "state.json"
STATE_VERSION = 1
JOBS = 8
CATALOGUES = ("catalog.jsonld", "catalog.ttl")
LOGO_PATHS = (urls.cluster_logo("logo.svg"), urls.cluster_logo("logo.png"))  # where a site publishes its logo, and the copy keeps it


@dataclass(frozen=True)
class Outcome:
    """What the harvest did with one cluster."""

    source: ClusterSource
    result: Literal["fetched", "unchanged", "failed"]
    reason: Msg | None = None  # why it failed
    downloaded: int = 0  # files answered with their bytes
    not_modified: int = 0  # files answered 304 Not Modified (or, from a folder, the same bytes)
    kept: str | None = None  # a failed cluster: the date of the copy it keeps, if it has one
    stale: Msg | None = None  # the data is older than stale_days
    logo: Msg | None = None  # why its logo is left out (the cluster is harvested without it)

    @property
    def ok(self) -> bool:
        return self.result != "failed" and self.stale is None


class Source(Protocol):
    def get(self, name: str, old: dict[str, Any] | None) -> Fetched:
        """data/<name>; body None when it is the same as `old` (the state of the kept copy)."""

    def get_path(self, path: str, limit: int, old: dict[str, Any] | None) -> Fetched:
        """<path> from the site's root, at most `limit` bytes; as get()."""


class WebSource:
    """A cluster's site by its address."""

    def __init__(self, url: str, limits: Limits) -> None:
        self.url, self.limits, self.deadline = url, limits, Deadline(limits)

    def get(self, name: str, old: dict[str, Any] | None) -> Fetched:
        return self.get_path(f"data/{name}", self.limits.size(name), old)

    def get_path(self, path: str, limit: int, old: dict[str, Any] | None) -> Fetched:
        old = old or {}
        return fetch_url(f"{self.url}{path}", limit, self.deadline, old.get("etag"), old.get("last_modified"))


class FolderSource:
    """A cluster's built site in a folder: no request to make conditional, the bytes compared."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.root, self.limits = path, limits

    def get(self, name: str, old: dict[str, Any] | None) -> Fetched:
        return self.get_path(f"data/{name}", self.limits.size(name), old)

    def get_path(self, path: str, limit: int, old: dict[str, Any] | None) -> Fetched:
        folder = self.root / path.split("/")[0]
        file = (self.root / path).resolve()
        if not file.is_relative_to(folder.resolve()):  # a symbolic link out of the site's folder
            raise Invalid(M("datapackage.json names a resource outside the site's /data/: {value}", value=path.split("/", 1)[-1])
                          if path.startswith("data/") else M("{file} is a link to a file outside the site", file=path))
        body = read_local(file, limit)
        return Fetched(None if old and old.get("sha256") == _sha256(body) else body)


@dataclass
class _Copy:
    """The files of one cluster as this harvest has them, with their state entries."""

    current: Path  # the kept copy's folder
    state: dict[str, Any]
    bodies: dict[str, bytes] = field(default_factory=dict)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    downloaded: int = 0
    not_modified: int = 0
    logo: dict[str, Any] | None = None  # the logo's state entry (with its path), if the copy has one
    logo_body: bytes | None = None  # the logo's bytes when new; None when the kept one is taken

    def take(self, source: Source, name: str) -> bytes | None:
        """data/<name> when it is new; None when it is the kept copy's (checked when it was kept)."""
        kept = self.current / "data" / name
        old = self.state.get("files", {}).get(name) if kept.is_file() else None
        got = source.get(name, old)
        if got.body is None and old is not None:
            self.not_modified += 1
            self.entries[name] = {**old, **{k: v for k, v in (("etag", got.etag), ("last_modified", got.last_modified)) if v}}
            return None
        body = got.body if got.body is not None else b""
        self.downloaded += 1
        entry = {"etag": got.etag, "last_modified": got.last_modified, "sha256": _sha256(body), "size": len(body)}
        self.bodies[name], self.entries[name] = body, {k: v for k, v in entry.items() if v is not None}
        return body

    def body(self, name: str) -> bytes:
        """data/<name> as this harvest has it, new or kept."""
        return self.bodies[name] if name in self.bodies else (self.current / "data" / name).read_bytes()


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def read_state(folder: Path) -> dict[str, Any]:
    """A kept copy's state.json, or nothing (no copy, or one this version does not read)."""
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("schema_version") == STATE_VERSION else {}


def _catalogue(copy: _Copy, source: Source) -> None:
    """The DCAT-AP catalogue: JSON-LD, else Turtle (a site answers 404 for the one it lacks), read as RDF
    offline and checked for what a harvester needs (checks.catalogue_graph)."""
    try:
        name, body = "catalog.jsonld", copy.take(source, "catalog.jsonld")
    except FetchError as exc:
        if exc.status != 404:
            raise
        name, body = "catalog.ttl", copy.take(source, "catalog.ttl")
    if body is not None:
        catalogue_graph(name, body)


def _text(name: str, body: bytes | None) -> None:
    try:
        if body is not None:
            body.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid(M("{file} is not UTF-8 text", file=name)) from None


def _collect(copy: _Copy, source: Source) -> dict[str, Any]:
    """Every file of the cluster; the new ones checked, the new JSON ones parsed, by name (the
    package always: it says what else to fetch)."""
    _catalogue(copy, source)
    body = copy.take(source, "datapackage.json")
    package = checked("datapackage.json", body) if body is not None else parsed("datapackage.json", copy.body("datapackage.json"))
    data: dict[str, Any] = {"datapackage.json": package}
    for name in resource_paths(package):
        body = copy.take(source, name)
        if body is not None and name.endswith(".json"):
            data[name] = checked(name, body)
        else:
            _text(name, body)
    return data


def _logo(copy: _Copy, source: Source, cluster: Any) -> Msg | None:
    """The logo cluster.json names, from where the site publishes it (urls.cluster_logo), checked
    as a member's logo is (logos/) and drawn once in the build's guard (site/drawing.py), since the
    portal's visitors' browsers draw it. None when all is well; else why it is left out, and the
    logo harvested before (if any) stays."""
    named = cluster.get("logo") if isinstance(cluster, dict) else None
    if named is None:
        return None
    kept = copy.state.get("logo") if isinstance(copy.state.get("logo"), dict) else None
    if kept is not None and (kept.get("path") not in LOGO_PATHS or not (copy.current / kept["path"]).is_file()):
        kept = None
    reason = _new_logo(copy, source, named, kept)
    if reason is None:
        return None
    copy.logo, copy.logo_body = kept, None
    return (M("its logo is left out: {reason}; the logo harvested before is shown", reason=reason) if kept
            else M("its logo is left out: {reason}; its initials are shown", reason=reason))


def _new_logo(copy: _Copy, source: Source, named: Any, kept: dict[str, Any] | None) -> Msg | None:
    """Fetch and check the logo into `copy`; why it cannot be taken, or None."""
    suffix = named[-4:].lower() if isinstance(named, str) and len(named) <= 300 else ""
    if suffix not in (".svg", ".png"):
        return M("cluster.json names the logo {value}, which is not an SVG or PNG file", value=quote(str(named), 100))
    path = urls.cluster_logo(named)
    old = kept if kept is not None and kept.get("path") == path else None
    try:
        got = source.get_path(path, SVG_MAX if suffix == ".svg" else PNG_MAX, old)
    except (FetchError, Invalid) as exc:
        return exc.reason
    if got.body is None and old is not None:  # not modified: the logo checked when it was kept
        copy.not_modified += 1
        copy.logo = {**old, **{k: v for k, v in (("etag", got.etag), ("last_modified", got.last_modified)) if v}}
        return None
    body = got.body or b""
    copy.downloaded += 1
    findings = check_logo_data(body, suffix)
    if findings:
        line, _, message, code = findings[0]
        return M("{path} line {line}: {reason} ({code})", path=path, line=line, reason=message, code=code)
    failure = _drawing_failure(body, suffix)
    if failure:
        return M("{path} cannot be drawn: {reason}", path=path, reason=failure)
    entry = {"path": path, "etag": got.etag, "last_modified": got.last_modified, "sha256": _sha256(body), "size": len(body)}
    copy.logo, copy.logo_body = {k: v for k, v in entry.items() if v is not None}, body
    return None


def _drawing_failure(body: bytes, suffix: str) -> str:
    """Why the logo cannot be drawn in the build's guard (time, memory, a crash), or ''."""
    from ..site.drawing import SIZE_WIDTH, Job, draw

    with tempfile.TemporaryDirectory(prefix="logo-") as tmp:
        file = Path(tmp) / f"logo{suffix}"
        file.write_bytes(body)
        outcome = draw([Job(file, SIZE_WIDTH)], workers=1)[0]
    return "" if outcome.size else outcome.failure or "it was not drawn"


def stale(built: str | None, date: dt.date, days: int) -> Msg | None:
    """Why data built on `built` is too old on `date`, or None."""
    try:
        when = dt.date.fromisoformat(built or "")
    except ValueError:
        return M("the data says no date it was built on")
    if (date - when).days > days:
        return M("its data was built on {built}, more than {days} days before {date}: is its daily build still running?",
                 built=when.isoformat(), days=days, date=date.isoformat())
    return None


def harvest_cluster(cluster: ClusterSource, folder: Path, date: dt.date, stale_days: int, limits: Limits) -> Outcome:
    """Fetch, check and keep one cluster; never raises for what the cluster sends."""
    current = folder / cluster.key
    _recover(folder, cluster.key)
    state = read_state(current)
    copy = _Copy(current, state)
    logo: Msg | None = None
    source: Source = WebSource(cluster.url, limits) if cluster.url else FolderSource(cluster.path or Path(), limits)
    try:
        data = _collect(copy, source)
        if "cluster.json" in copy.entries:
            logo = _logo(copy, source, data.get("cluster.json") or parsed("cluster.json", copy.body("cluster.json")))
    except (FetchError, Invalid) as exc:
        return Outcome(cluster, "failed", exc.reason, copy.downloaded, copy.not_modified, kept=state.get("harvested") or None)
    except (OSError, ValueError, MemoryError) as exc:  # a kept copy that cannot be read, a file that no limit caught
        return Outcome(cluster, "failed", M("unexpected error: {detail}", detail=str(exc) or type(exc).__name__), kept=state.get("harvested") or None)
    same_logo = (copy.logo or {}).get("path") == (state.get("logo") or {}).get("path")
    if copy.downloaded == 0 and state and set(copy.entries) == set(state.get("files", {})) and same_logo:
        return Outcome(cluster, "unchanged", not_modified=copy.not_modified, stale=stale(state.get("build_date"), date, stale_days), logo=logo)
    built = build_date(data) or state.get("build_date")  # cluster.json and members.json not modified: as kept
    new_state = {"schema_version": STATE_VERSION, "source": cluster.name, "harvested": date.isoformat(), "build_date": built,
                 "files": dict(sorted(copy.entries.items())), **({"logo": copy.logo} if copy.logo else {})}
    try:
        _keep(folder, cluster.key, copy, new_state)
    except OSError as exc:  # the harvest folder's disk, not the cluster: the kept copy stays
        return Outcome(cluster, "failed", M("the harvest folder cannot be written: {detail}", detail=str(exc)), kept=state.get("harvested") or None)
    return Outcome(cluster, "fetched", downloaded=copy.downloaded, not_modified=copy.not_modified, stale=stale(built, date, stale_days),
                   logo=logo)


def _keep(folder: Path, key: str, copy: _Copy, state: dict[str, Any]) -> None:
    """Write the checked copy beside the kept one, then swap them: the kept copy is replaced only
    by a whole, checked one (a crash between the two renames is undone by _recover)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{key}.new-", dir=folder))
    try:
        for name in copy.entries:
            target = staging / "data" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if name in copy.bodies:
                target.write_bytes(copy.bodies[name])
            else:  # not modified: the kept file
                shutil.copyfile(copy.current / "data" / name, target)
        if copy.logo is not None:
            target = staging / copy.logo["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if copy.logo_body is not None:
                target.write_bytes(copy.logo_body)
            else:  # not modified, or the new one left out: the kept file
                shutil.copyfile(copy.current / copy.logo["path"], target)
        (staging / STATE_FILE).write_text(json.dumps(state, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        current, old = folder / key, folder / f".{key}.old"
        shutil.rmtree(old, ignore_errors=True)
        had = current.exists()
        if had:
            os.replace(current, old)
        try:
            os.replace(staging, current)
        except OSError:
            if had:  # the kept copy back in its place at once
                os.replace(old, current)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _recover(folder: Path, key: str) -> None:
    """Undo what a harvest that stopped half-way left: the old copy back, no half-written one."""
    current, old = folder / key, folder / f".{key}.old"
    if old.is_dir() and not current.exists():
        os.replace(old, current)
    for staging in folder.glob(f".{key}.new-*"):
        shutil.rmtree(staging, ignore_errors=True)


def harvest(portal: Portal, date: dt.date, limits: Limits | None = None, folder: Path | None = None,
            jobs: int = JOBS) -> Sequence[Outcome]:
    """Harvest every cluster of the portal, some at once; the outcomes in portal.yml's order."""
    folder = folder or portal.root / HARVEST_DIR
    folder.mkdir(parents=True, exist_ok=True)
    limits = limits or Limits()

    def one(cluster: ClusterSource) -> Outcome:
        try:
            return harvest_cluster(cluster, folder, date, portal.stale_days, limits)
        except Exception as exc:  # noqa: BLE001 - whatever one cluster does, the others are harvested and reported
            return Outcome(cluster, "failed", M("unexpected error: {detail}", detail=f"{type(exc).__name__}: {exc}"),
                           kept=read_state(folder / cluster.key).get("harvested"))

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(portal.clusters)))) as pool:
        return list(pool.map(one, portal.clusters))
