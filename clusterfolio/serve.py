"""`serve`: build, serve site/ on localhost, rebuild when profiles, content or theme change.

Open pages reload by themselves after each rebuild: the server (never the build) adds
`<script src="/__clusterfolio__/reload.js" defer>` before `</body>` of every HTML page it sends,
and that script asks `/__clusterfolio__/build` for the number of the latest build. Until a build
of this session has succeeded, every page is a page that lists what the build printed (HTTP 503);
a later failed build keeps the last good site and the script shows its problems over the page.
The page, the element and the script are in theme/templates/serve/. Why so (and not livereload
or websockets): docs/decisions.md, "`serve` as mkdocs users know it".
"""
from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import json
import socket
import sys
import threading
import traceback
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from .messages import DEFAULT, M, Msg, N
from .resources import templates_dir
from .site.render import environment

WATCHED = ("profiles", "content", "theme", "mkdocs.yml")
PREFIX = "/__clusterfolio__/"  # the server's own URLs; no site has a folder of that name
SCRIPT = PREFIX + "reload.js"
BUILD = PREFIX + "build"  # the address theme/templates/serve/reload.js asks
# The editing page holds what a member is typing: a reload after their save would throw it away.
NOT_RELOADED = ("/admin/",)
LINES_SHOWN = 500  # of a failed build's output on the page; the terminal has all of them


class BindError(Exception):
    """The server cannot listen where it was asked to (a busy port, an unknown host)."""


@dataclass(frozen=True)
class Status:
    """The latest build of this session, as the pages are told about it."""

    build: int = 0  # builds finished so far; 0 while the first one runs
    ok: bool = False  # the latest build succeeded
    good: bool = False  # site/ holds a build of this session (so it is served)
    lines: tuple[str, ...] = ()  # what the latest build printed, when it failed


class Preview:
    """The status shared by the build loop (which replaces it) and the request threads (which read it)."""

    def __init__(self, poll: float) -> None:
        self.status = Status()  # replaced whole, never changed in place: a reader sees one build's status
        self.poll = poll
        self.templates = environment()  # the shipped ones only: theme/templates/serve/

    def finished(self, ok: bool, lines: list[str]) -> Status:
        old = self.status
        self.status = Status(old.build + 1, ok, old.good or ok, () if ok else tuple(lines))
        return self.status


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    out: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for f in files:
            with contextlib.suppress(OSError):
                out[str(f)] = f.stat().st_mtime
    return out


def changed(root: Path, before: dict[str, float], now: dict[str, float]) -> list[str]:
    """The watched files added, removed or saved between two snapshots, relative to the root."""
    names = {name for name in before.keys() | now.keys() if before.get(name) != now.get(name)}
    out = []
    for name in sorted(names):
        try:
            out.append(Path(name).relative_to(root).as_posix())
        except ValueError:
            out.append(name)
    return out


def serve(root: Path, rebuild: Callable[[], bool], host: str = "127.0.0.1", port: int = 8000, interval: float = 1.0,
          open_browser: bool = False, poll: float = 1.0, stop: threading.Event | None = None, lang: str = DEFAULT) -> None:
    """Serve site/ and rebuild on change until interrupted (or until `stop` is set).

    `rebuild` builds site/ and says whether it succeeded; what it prints is shown on the pages
    when it fails. `interval` is how often the files are looked at, `poll` how often open pages
    ask for the build number (both in seconds). Raises BindError before building anything when
    the server cannot listen at host:port. `lang`: the language of what it prints.
    """
    preview = Preview(poll)
    server = bind(host, port, functools.partial(PreviewHandler, directory=str(root / "site"), preview=preview))
    url = home_url(host, server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    wildcard = host in ("", "0.0.0.0", "::")  # noqa: S104 - asked for with --host
    watched = ", ".join(WATCHED)
    serving = (M("serving {url} (and on port {port} of this machine's other addresses) - rebuilding when {folders} change; Ctrl+C stops",
                 url=url, port=str(server.server_address[1]), folders=watched) if wildcard
               else M("serving {url} - rebuilding when {folders} change; Ctrl+C stops", url=url, folders=watched))
    print(serving.render(lang), flush=True)
    stop = stop or threading.Event()
    try:
        seen = snapshot(root)  # before the build: a file saved while it runs is built next
        report(preview.finished(*captured(rebuild, lang)), url, lang)
        if open_browser:
            show_in_browser(url, lang)
        while not stop.wait(interval):
            now = snapshot(root)
            if now != seen:
                files = changed(root, seen, now)
                seen = now
                shown = ", ".join(files[:3])
                said = (N("changed: {files} and {count} more; rebuilding", "changed: {files} and {count} more; rebuilding", len(files) - 3, files=shown)
                        if len(files) > 3 else M("changed: {files}; rebuilding", files=shown))
                print(said.render(lang), flush=True)
                report(preview.finished(*captured(rebuild, lang)), url, lang)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def bind(host: str, port: int, handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> http.server.ThreadingHTTPServer:
    """A server listening at host:port, or a BindError that says in one line what to do instead."""
    try:
        family = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0][0]
    except (socket.gaierror, UnicodeError):
        raise BindError(_no_address(repr(host))) from None
    server_class = type("PreviewServer", (http.server.ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True})
    try:
        return server_class((host, port), handler)
    except OSError as exc:
        raise BindError(bind_problem(host, port, exc)) from None


def _no_address(host: str) -> Msg:
    return M("{host} is no address of this machine; serve on {local} (this machine only) or {everywhere} (reachable from other machines)",
             host=host, local="--host 127.0.0.1", everywhere="--host 0.0.0.0")


def bind_problem(host: str, port: int, exc: OSError) -> Msg:
    """What a failed bind means, and what to try instead."""
    if exc.errno == errno.EADDRINUSE:
        return M("port {port} on {host} is in use; stop the other server or choose another port with {option}", port=str(port), host=host,
                 option=f"--port {port + 1 if port < 65535 else 8000}")
    if exc.errno == errno.EACCES:
        return M("port {port} on {host} is not open to this user (ports below 1024 need administrator rights); choose another port with {option}",
                 port=str(port), host=host, option="--port 8000")
    if exc.errno == errno.EADDRNOTAVAIL:
        return _no_address(host)
    return M("cannot listen on port {port} on {host}: {reason}; try another {host_option} or {port_option}", port=str(port), host=host,
             reason=str(exc.strerror or exc), host_option="--host", port_option="--port")


def home_url(host: str, port: int) -> str:
    """The address to open: the host itself, or this machine when the server listens on all addresses."""
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def show_in_browser(url: str, lang: str = DEFAULT) -> None:
    """Open the home page in the default browser; say so when there is none."""
    try:
        opened = webbrowser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        print(M("no web browser could be opened; open {url} yourself", url=url).render(lang), flush=True)


def captured(rebuild: Callable[[], bool], lang: str = DEFAULT) -> tuple[bool, list[str]]:
    """Run one build; whether it succeeded, and every line it printed (still printed too)."""
    parts: list[str] = []
    out, err = Tee(sys.stdout, parts), Tee(sys.stderr, parts)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # type: ignore[type-var]
            ok = bool(rebuild())
    except Exception as exc:  # a bug, not bad input: keep serving the last good site and say so
        traceback.print_exc()
        said = M("clusterfolio failed unexpectedly, which is a bug (please report it with the terminal's output): {reason}", reason=repr(exc))
        parts.append(f"error: {said.render(lang)}\n")
        ok = False
    return ok, [line for line in "".join(parts).splitlines() if line.strip()]


def report(status: Status, url: str, lang: str = DEFAULT) -> None:
    """One line in the terminal after a failed build (the build has printed its problems)."""
    if status.ok:
        return
    if status.good:
        print(M("the preview keeps the last good build; fix the problems above and save").render(lang), flush=True)
    else:
        print(M("{url} lists these problems; fix them and save: the page reloads by itself", url=url).render(lang), flush=True)


class Tee:
    """A text stream that writes to another and keeps a copy."""

    def __init__(self, stream: TextIO, parts: list[str]) -> None:
        self._stream, self._parts = stream, parts

    def write(self, text: str) -> int:
        self._parts.append(text)
        return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> object:  # encoding, isatty, fileno … of the real stream
        return getattr(self._stream, name)


def script_tag(preview: Preview, status: Status, waiting: bool = False) -> str:
    """The reload script's element for a page of this build."""
    return preview.templates.get_template("serve/reload-tag.html").render(
        src=SCRIPT, build=status.build, poll=max(1, round(preview.poll * 1000)), waiting=waiting)


def waiting_page(preview: Preview, status: Status) -> str:
    """The page every request gets until a build of this session has succeeded."""
    lines = status.lines[:LINES_SHOWN]
    return preview.templates.get_template("serve/waiting.html").render(
        building=status.build == 0, lines=lines, more=len(status.lines) - len(lines),
        src=SCRIPT, build=status.build, poll=max(1, round(preview.poll * 1000)), waiting=True)


def inject(page: bytes, tag: str) -> bytes:
    """The page with the reload script before its last `</body>` (at its end when it has none)."""
    at = page.lower().rfind(b"</body>")
    code = tag.encode("utf-8")
    return page + code if at < 0 else page[:at] + code + page[at:]


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """site/ as it is on disk, with the reload script in every HTML page, and the build number."""

    def __init__(self, *args: object, preview: Preview, **kwargs: object) -> None:
        self.preview = preview  # before super().__init__, which handles the request
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        self.respond(head=False)

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def respond(self, head: bool) -> None:
        status = self.preview.status
        path = urlsplit(self.path).path
        if path == SCRIPT:
            self.send_body(200, "text/javascript; charset=utf-8", (templates_dir() / "serve/reload.js").read_bytes(), head)
        elif path == BUILD:
            answer = {"build": status.build, "ok": status.ok, "problems": list(status.lines[:LINES_SHOWN])}
            self.send_body(200, "application/json", json.dumps(answer).encode(), head)
        elif path.startswith(PREFIX):
            self.send_body(404, "text/plain; charset=utf-8", b"not found", head)
        elif not status.good:
            # 503: nothing is served yet, so a script or a link checker does not take the page for the site.
            self.send_body(503, "text/html; charset=utf-8", waiting_page(self.preview, status).encode(), head)
        elif (page := self.html_file(path)) is not None:
            self.send_page(200, page, path, head)
        elif head:
            super().do_HEAD()
        else:
            super().do_GET()

    def html_file(self, path: str) -> Path | None:
        """The HTML file a request is answered with, if it is one (a folder's index.html too)."""
        if not path.endswith((".html", "/")):
            return None  # other files, and folders without their slash (redirected by the base class)
        file = Path(self.translate_path(self.path))
        file = file / "index.html" if path.endswith("/") else file
        return file if file.is_file() else None

    def send_page(self, code: int, file: Path, path: str, head: bool) -> None:
        try:
            page = file.read_bytes()
        except OSError:  # replaced in the moment between the look and the read (the swap of site/)
            super().send_error(404, "File not found")  # the plain one: 404.html may be gone too
            return
        if not path.startswith(NOT_RELOADED):
            page = inject(page, script_tag(self.preview, self.preview.status))
        self.send_body(code, "text/html; charset=utf-8", page, head)

    def send_body(self, code: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The site's own 404 page for a missing file, as the published site's host would send it."""
        not_found = Path(self.directory) / "404.html"
        if code == 404 and self.preview.status.good and not_found.is_file():
            self.send_page(404, not_found, "/404.html", self.command == "HEAD")
        else:
            super().send_error(code, message, explain)

    def end_headers(self) -> None:
        # Every answer is asked for again: a reload after a rebuild must get the new files.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass
