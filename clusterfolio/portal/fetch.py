"""One file of a cluster's site, fetched with the harvest's limits (docs/portal.md, "Limits").

Plain HTTP with the standard library (http.client): a conditional request (If-None-Match,
If-Modified-Since) from what the last harvest kept; a timeout on the connection and on every read,
and a deadline for the whole cluster; the body read in chunks and dropped past its size limit;
redirects followed by hand, at most a few, only on the cluster's own site, never in a loop. No proxy
from the environment and no decompression: what is read is what the site sent.

A cluster given as a folder (portal.yml `path:`) is read from disk with the same size limits.
"""
from __future__ import annotations

import http.client
import ssl
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..messages import M, Msg
from ..problems import quote

MiB = 1024 * 1024
CHUNK = 64 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "clusterfolio-portal-harvest (+https://github.com/clusterfolio/clusterfolio)"


@dataclass(frozen=True)
class Limits:
    """What one harvest allows a cluster (parameters, so that a test of a slow site is quick)."""

    timeout: float = 10.0  # seconds to connect, and for each read
    cluster_seconds: float = 120.0  # all requests of one cluster together
    large_bytes: int = 64 * MiB  # members.json, members.csv, requests.*: they grow with the members
    small_bytes: int = 1 * MiB  # every other file
    redirects: int = 5

    def size(self, name: str) -> int:
        """The size limit of the file data/<name>."""
        return self.large_bytes if name.startswith(("members.", "requests.")) else self.small_bytes


class FetchError(Exception):
    """The file could not be had within the limits; its message (a Msg) says why."""

    def __init__(self, reason: Msg, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status  # status: the HTTP status of a refusal (404 ...)


@dataclass(frozen=True)
class Fetched:
    """A file as answered: its bytes (None when unchanged: 304 Not Modified) and validators."""

    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def origin(url: str) -> tuple[str, str, int]:
    """Scheme, host and port: what a redirect must keep."""
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


class Deadline:
    """The time left to one cluster's requests."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.ends = time.monotonic() + limits.cluster_seconds
        self.cut = False  # the last timeout given was the time left, not the limit

    def timeout(self) -> float:
        """The timeout of the next socket operation; FetchError once the cluster's time is up."""
        left = self.ends - time.monotonic()
        if left <= 0:
            raise self.over()
        self.cut = left < self.limits.timeout
        return min(self.limits.timeout, left)

    def over(self) -> FetchError:
        return FetchError(M("took longer than {seconds} s in all", seconds=f"{self.limits.cluster_seconds:g}"))


def fetch_url(url: str, limit: int, deadline: Deadline, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """GET url (conditional where validators are given), following redirects on its own site."""
    seen = [url]
    start = origin(url)
    while True:
        status, headers, body = _get(url, limit, deadline, etag, last_modified)
        if status not in REDIRECTS:
            break
        target = headers.get("location")
        if not target:
            raise FetchError(M("{url} answered a redirect without a Location", url=url))
        target = _redirect_target(url, target)
        if origin(target) != start:
            raise FetchError(M("{url} redirects to another site ({target}); the portal follows redirects only on the cluster's own site",
                               url=url, target=quote(target, 100)))
        if target in seen:
            raise FetchError(M("{url} redirects in a loop", url=seen[0]))
        if len(seen) > deadline.limits.redirects:
            raise FetchError(M("{url} redirects more than {count} times", url=seen[0], count=deadline.limits.redirects))
        seen.append(target)
        url = target
    if status == 304:
        return Fetched(None, _plain(headers.get("etag")) or etag, _plain(headers.get("last-modified")) or last_modified)
    if status != 200:
        raise FetchError(M("{url} answered HTTP {status}", url=url, status=status), status)
    return Fetched(body, _plain(headers.get("etag")), _plain(headers.get("last-modified")))


def _plain(value: str | None) -> str | None:
    """A validator to keep and send back: short printable ASCII, or none (then the next request is
    not conditional, never refused for its header)."""
    return value if value and len(value) <= 200 and value.isascii() and value.isprintable() else None


def _redirect_target(url: str, location: str) -> str:
    """The address a Location names, from url; FetchError for one that is not an address
    (printable ASCII only: every address in a report line is then as plain as the site's own)."""
    try:
        target = urljoin(url, location)
        origin(target)
    except ValueError:  # a port that is no number, a broken IPv6 address
        target = ""
    if not target or not target.isascii() or not target.isprintable() or " " in target:
        raise FetchError(M("{url} redirects to an address that is not one: {target}", url=url, target=quote(location, 100)))
    return target


def _get(url: str, limit: int, deadline: Deadline, etag: str | None, last_modified: str | None) -> tuple[int, dict[str, str], bytes]:
    """One request: status, headers (lower-case names) and the body (empty but for a 200)."""
    parts = urlsplit(url)
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
    # The port always given: http.client would read the last ':' of an IPv6 host (::1) as one.
    _, host, port = origin(url)
    connection = connection_type(host, port, timeout=deadline.timeout(), **kwargs)  # type: ignore[arg-type]
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        request_headers["If-None-Match"] = etag
    if last_modified:
        request_headers["If-Modified-Since"] = last_modified
    try:
        connection.request("GET", target, headers=request_headers)
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        body = _body(response, connection, url, limit, deadline) if response.status == 200 else b""
        return response.status, headers, body
    except TimeoutError:
        if deadline.cut:  # the cluster's time ran out, not this answer's
            raise deadline.over() from None
        raise FetchError(M("{url} did not answer within {seconds} s", url=url, seconds=f"{deadline.limits.timeout:g}")) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(M("{url} cannot be reached: {reason}", url=url, reason=str(exc) or type(exc).__name__)) from None
    finally:
        connection.close()


def _body(response: http.client.HTTPResponse, connection: http.client.HTTPConnection, url: str, limit: int, deadline: Deadline) -> bytes:
    """The body in chunks, each read with the time left; past the limit the rest is not read."""
    declared = response.getheader("content-length")
    if declared and declared.isdecimal() and int(declared) > limit:
        raise FetchError(too_large(url, limit))
    chunks, size = [], 0
    while True:
        if connection.sock is not None:
            connection.sock.settimeout(deadline.timeout())
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(too_large(url, limit))
        chunks.append(chunk)


def too_large(where: str, limit: int) -> Msg:
    size = f"{limit / MiB:g} MiB" if limit >= MiB else f"{limit / 1024:g} KiB"
    return M("{url} is larger than {size}, the limit for this file", url=where, size=size)


def read_local(path: Path, limit: int) -> bytes:
    """A file of a cluster given as a folder, with the same size limit."""
    try:
        if path.stat().st_size > limit:
            raise FetchError(too_large(str(path), limit))
        return path.read_bytes()
    except FileNotFoundError:
        raise FetchError(M("{url} is missing", url=str(path)), 404) from None
    except OSError as exc:
        raise FetchError(M("{url} cannot be read: {reason}", url=str(path), reason=exc.strerror or str(exc))) from None
