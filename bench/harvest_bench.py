"""Harvest benchmark (issue 28, item 4, the harvest's half): K clusters of N members on 127.0.0.1,
harvested twice. Prints figures; not a test.

The clusters are the demo's /data/ (built once) with members.json widened to N members (the demo's
records again under new slugs), each served by its own http.server with ETag and Last-Modified in
a second process, so that serving does not share the harvest's interpreter. The first harvest
downloads and checks everything; the second finds every file unchanged (304) and downloads nothing.

Usage: python bench/harvest_bench.py [K] [N]     (default 120 200)
Target (issue 28): a full harvest of unchanged clusters, all 304, under 30 s.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATE = "2026-11-26"
DEMO_HOST = b"https://cluster.example.org/"


class Handler(BaseHTTPRequestHandler):
    """A folder with a content ETag; If-None-Match answered 304. The demo's address in the files is
    replaced by one of the server's own (c007.example.org), so that every cluster's members have
    addresses of their own, as real clusters' have (the portal's search keeps an address once)."""

    def __init__(self, *args: object, folder: Path, host: bytes = DEMO_HOST, **kwargs: object) -> None:
        self.folder, self.host = folder, host
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        file = self.folder / self.path.split("?")[0].lstrip("/")
        if ".." in self.path or not file.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = file.read_bytes().replace(DEMO_HOST, self.host)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(file.stat().st_mtime, usegmt=True))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path, count: int) -> None:
    """Serve folder on `count` ports; print their addresses, one a line, then wait."""
    for n in range(count):
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, folder=folder, host=f"https://c{n:03d}.example.org/".encode()))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    print("ready", flush=True)
    sys.stdin.read()  # until the benchmark closes it


def widened(member: dict, slug: str) -> dict:
    """A copy of a member under another slug, its page addresses too (each member a page of its own)."""
    old = f"/members/{member['slug']}/"
    addresses = {lang: url.replace(old, f"/members/{slug}/") for lang, url in (member.get("urls") or {}).items()}
    return {**member, "slug": slug, "urls": addresses}


def make_site(work: Path, members: int) -> Path:
    """The demo built once, its members.json widened to `members` members."""
    from clusterfolio.config import read_config
    from clusterfolio.project import load_project
    from clusterfolio.site.build import build_site

    config = read_config(ROOT)
    project, problems = load_project(config, dt.date.fromisoformat(DATE))
    assert project is not None, problems
    site = work / "site"
    build_site(config, project, site)
    path = site / "data/members.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    records = data["members"]
    data["members"] = [widened(records[i % len(records)], f"{records[i % len(records)]['slug'][:50]}-{i}") for i in range(members)]
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return site


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        serve(Path(sys.argv[2]), int(sys.argv[3]))
        return
    clusters = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    members = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    from clusterfolio.portal.harvest import harvest
    from clusterfolio.portal.settings import ClusterSource, Portal

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        site = make_site(work, members)
        print(f"demo built and widened to {members} members in {time.perf_counter() - started:.1f} s; "
              f"members.json {(site / 'data/members.json').stat().st_size / 1024:.0f} KiB")
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(site), str(clusters)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert server.stdout is not None
        urls = []
        for line in server.stdout:
            if line.strip() == "ready":
                break
            urls.append(line.strip())
        portal = Portal(root=work / "portal", name="Bench", languages=("en",),
                        clusters=tuple(ClusterSource(key=f"c{i:03d}", url=url) for i, url in enumerate(urls)))
        try:
            for run in ("first (all downloaded)", "second (all unchanged)"):
                started = time.perf_counter()
                outcomes = harvest(portal, dt.date.fromisoformat(DATE))
                took = time.perf_counter() - started
                counts = {r: sum(o.result == r for o in outcomes) for r in ("fetched", "unchanged", "failed")}
                files = sum(o.downloaded for o in outcomes), sum(o.not_modified for o in outcomes)
                print(f"{run}: {took:.1f} s for {clusters} clusters x {members} members: {counts}; "
                      f"{files[0]} files downloaded, {files[1]} not modified")
            print(f"target: the unchanged harvest under 30 s: {'met' if took < 30 else 'MISSED'}")
        finally:
            server.stdin.close()  # type: ignore[union-attr]
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
