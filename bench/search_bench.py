"""Benchmark: what the first search query downloads, over the demo plus N generated members.

Builds the site with `python build.py build`, serves it on 127.0.0.1 and opens /en/members/
in headless Chromium (Playwright). Every response from a search bundle (/<lang>/pagefind*/) is recorded from the
moment the page opens: the UI (pagefind-ui.js/css), which clusterfolio.js loads with the
page, and, once the page is idle, what typing the query fetches (pagefind.js, the wasm,
the language's metadata, index chunks, filters and result fragments), until the results
are shown and the network is idle. Each query runs in a fresh browser context (empty cache).
For comparison: the size of search/search_index.json, which mkdocs-material's own search
plugin makes every visitor download before the first query, for the same English pages.
Target: the first query downloads under 150 KB.
Usage: python bench/search_bench.py [N] [--query WORD ...] [--delay MS] [--files]
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import make_project  # noqa: E402
from bench.plain import write_plain_docs  # noqa: E402
from clusterfolio.config import read_config  # noqa: E402
from clusterfolio.project import load_project  # noqa: E402

DATE = dt.date(2026, 11, 26)
TARGET_KB = 150
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE = "/en/members/"
# The search box (theme/overrides/assets/clusterfolio.js) marks its panel busy while it
# searches and loads the shown results.
DONE = """() => {
  const panel = document.querySelector(".cf-search__panel");
  return panel && panel.getAttribute("aria-busy") === "false";
}"""
IDLE_MS = 500  # no request in flight for this long: the network is idle
TIMEOUT_MS = 30_000


def run(cmd: list[str], what: str) -> None:
    """Run a command; stop with its output if it fails."""
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stdout[-2000:], proc.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"{what} failed (exit {proc.returncode})")


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def mb(size: float) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


# --- serving -------------------------------------------------------------------------------

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files silently; notes (path, Content-Length) of every response in `sent`."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def __init__(self, *args: object, sent: list[tuple[str, int]], **kwargs: object) -> None:
        self.sent = sent
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "content-length":
            self.sent.append((unquote(urlsplit(self.path).path), int(value)))
        super().send_header(keyword, value)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class Server:
    """The built site on 127.0.0.1 and a free port, served from a thread."""

    def __init__(self, site: Path) -> None:
        self.sent: list[tuple[str, int]] = []  # appended by the handler threads
        handler = functools.partial(QuietHandler, directory=str(site), sent=self.sent)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


# --- measuring -----------------------------------------------------------------------------

@dataclass
class Fetch:
    path: str
    size: int
    phase: str  # "page" (before the query) or "query"


@dataclass
class Measure:
    query: str
    results: int = 0
    fetches: list[Fetch] = field(default_factory=list)
    served: int = 0  # /pagefind/ bytes the server sent meanwhile: a cross-check
    message: str = ""  # the UI's "N results for …"

    @property
    def total(self) -> int:
        return sum(f.size for f in self.fetches)


def response_size(response) -> int:  # noqa: ANN001 (playwright Response)
    """Bytes of the body as served (http.server does not compress); Content-Length as fallback."""
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001 (a redirect or an evicted body has none)
        return int(response.headers.get("content-length") or 0)


def measure(browser, server: Server, query: str, delay: float) -> Measure:  # noqa: ANN001 (playwright Browser)
    """Open the page in a fresh context, wait until idle, type the query, record /pagefind/ bytes."""
    result = Measure(query)
    mark = len(server.sent)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    inflight: set[object] = set()
    last_change = [time.monotonic()]
    phase = ["page"]

    def started(request) -> None:  # noqa: ANN001
        inflight.add(request)
        last_change[0] = time.monotonic()

    def ended(request) -> None:  # noqa: ANN001
        inflight.discard(request)
        last_change[0] = time.monotonic()

    def responded(response) -> None:  # noqa: ANN001
        path = unquote(urlsplit(response.url).path)
        if "/pagefind" in path:
            result.fetches.append(Fetch(path, response_size(response), phase[0]))

    def idle() -> None:
        """Wait until no request has been in flight for IDLE_MS."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while inflight or time.monotonic() - last_change[0] < IDLE_MS / 1000:
            if time.monotonic() > deadline:
                raise SystemExit(f"the network did not become idle: {[r.url for r in inflight]}")
            page.wait_for_timeout(50)

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.on("response", responded)
    try:
        page.goto(server.url + PAGE, wait_until="networkidle")
        box = page.locator("#cf-q")
        box.wait_for(state="visible")
        idle()
        phase[0] = "query"
        box.click()
        box.press_sequentially(query, delay=delay)
        page.wait_for_function(DONE)
        idle()
        page.wait_for_function(DONE)
        result.results = page.locator(".cf-search__results li").count()
        result.message = page.locator(".cf-search__status").first.inner_text().strip()
    finally:
        context.close()
    result.served = sum(n for path, n in server.sent[mark:] if "/pagefind" in path)
    return result


def measure_pagefind(site: Path, queries: list[str], delay: float) -> list[Measure]:
    from playwright.sync_api import sync_playwright

    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return [measure(browser, server, q, delay) for q in queries]
        finally:
            browser.close()


# --- mkdocs-material's own search, for comparison ------------------------------------------

def material_index(project_root: Path, work: Path) -> int:
    """Build the English pages with plain material and its search plugin; size of search_index.json."""
    config = read_config(project_root)
    project, found = load_project(config, DATE)
    if project is None:
        print("\n".join(p.text() for p in found), file=sys.stderr)
        raise SystemExit("the generated project does not load")
    docs, nav = write_plain_docs(config, project, "en", work)
    site = work / "site" / "en"
    cfg = {
        "site_name": config.site_name,
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": {"name": "material", "language": "en", "font": False},
        "nav": nav,
        "plugins": ["search"],
        "not_in_nav": "/*/",
    }
    path = work / "en" / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(path)], "mkdocs build (material search)")
    index = site / "search" / "search_index.json"
    if not index.is_file():
        raise SystemExit(f"mkdocs-material wrote no {index}")
    text = index.read_text(encoding="utf-8")
    if "Benchmark" not in text:
        raise SystemExit(f"{index} does not hold the generated pages' text")
    return index.stat().st_size


def served_size(site: Path, path: str) -> int:
    """Bytes on the wire from a host that compresses text (GitHub Pages, any CDN); Pagefind's
    index, fragment and wasm files are compressed already."""
    data = (site / path.lstrip("/")).read_bytes()
    return len(gzip.compress(data, 9)) if path.endswith((".js", ".css", ".json")) else len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000, help="generated members (default 1000)")
    parser.add_argument("--query", action="append", help="query to type, each in a fresh browser (default: laser); repeatable")
    parser.add_argument("--delay", type=float, default=0, help="milliseconds between keystrokes (default 0: Pagefind's debounce sees one query)")
    parser.add_argument("--files", action="store_true", help="also list every file Pagefind fetched, with its size")
    args = parser.parse_args()
    queries = args.query or ["laser"]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = make_project(ROOT, tmp / "project", args.count)
        members = len(list((project / "profiles/members").glob("*.yml")))
        site = tmp / "site"
        run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "build", "--date", DATE.isoformat(), "--out", str(site)], "python build.py build")
        measures = measure_pagefind(site, queries, args.delay)
        compressed = {m.query: sum(served_size(site, f.path) for f in m.fetches) for m in measures}
        index_size = material_index(project, tmp / "plain")
    print(f"members: {members}")
    for m in measures:
        label = "first search query downloads (Pagefind, en)" if len(measures) == 1 else f'first search query "{m.query}" downloads (Pagefind, en)'
        # What a visitor downloads is what the host sends: static hosts compress text.
        sent = compressed[m.query]
        ok = "OK" if sent < TARGET_KB * 1024 and m.results else ("NO RESULTS" if not m.results else "OVER")
        print(f"{label}: {kb(sent)} as a static host sends it ({kb(m.total)} uncompressed) in {len(m.fetches)} requests  target: < {TARGET_KB} KB  {ok}")
    print(f"mkdocs-material search_index.json (en, same pages): {mb(index_size)}")
    for m in measures:
        if m.served != m.total:
            print(f'warning: "{m.query}": the browser reported {m.total} bytes under /pagefind/, the server sent {m.served}', file=sys.stderr)
    if args.files:
        for m in measures:
            print(f'\nquery "{m.query}": {m.message} ({m.results} shown)')
            for f in sorted(m.fetches, key=lambda f: -f.size):
                print(f"  {kb(f.size):>10}  {f.phase:<5}  {f.path}")


if __name__ == "__main__":
    main()
