"""Lighthouse audit of the built demo site: SEO and accessibility must score 100 on every page.

Run with the project's venv from the repository root (or anywhere):

    .venv/bin/python tools/lighthouse.py                       # build the demo, audit 9 pages (desktop)
    .venv/bin/python tools/lighthouse.py --form-factor both    # desktop and mobile
    .venv/bin/python tools/lighthouse.py --site site --pages /en/ /de/members/
    .venv/bin/python tools/lighthouse.py --json lighthouse.json

What it does:
  1. installs the pinned Lighthouse (tools/lighthouse/package.json) with `npm ci` when
     tools/lighthouse/node_modules is missing or holds another version (`npm install` as fallback);
  2. builds the demo site into a temporary folder with a fixed date (or takes --site DIR);
  3. serves it on 127.0.0.1 on a free port (http.server in a thread), text gzipped as static hosts do;
  4. runs Lighthouse once per page and form factor with Chromium (CHROME_PATH, default /usr/bin/chromium);
  5. prints page | performance | accessibility | best-practices | seo (0-100), then every
     accessibility or SEO audit that fails (score < 1) with the failing elements.

Exit status: 0 when every audited page scores 100 in SEO and accessibility, 1 when any does not
(or a Lighthouse run failed), 2 on a usage or setup error (npm, node, build).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG_DIR = ROOT / "tools" / "lighthouse"
LH_CLI = PKG_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
DEMO_DATE = "2026-11-26"

PAGES = [
    "/de/", "/en/", "/fr/",
    "/de/members/", "/en/members/", "/fr/members/",
    "/de/members/lumera-optics/", "/en/members/lumera-optics/", "/fr/members/lumera-optics/",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GATED = ["accessibility", "seo"]  # must be 100 on every page
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
RUN_TIMEOUT = 300  # seconds for one Lighthouse run


class SetupError(Exception):
    pass


# --------------------------------------------------------------------------- npm

def pinned_version() -> str:
    return json.loads((PKG_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]["lighthouse"]


def installed_version() -> str | None:
    pkg = PKG_DIR / "node_modules" / "lighthouse" / "package.json"
    if not (LH_CLI.is_file() and pkg.is_file()):
        return None
    try:
        return json.loads(pkg.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse into tools/lighthouse/node_modules when it is not there."""
    want = pinned_version()
    if installed_version() == want:
        return
    npm = shutil.which("npm")
    if not npm:
        raise SetupError("npm is not on PATH: install Node.js 20 (or newer) with npm")
    print(f"lighthouse: installing lighthouse {want} into {PKG_DIR.relative_to(ROOT)}/node_modules", file=sys.stderr)
    attempts = [[npm, "ci", "--prefix", str(PKG_DIR), "--no-audit", "--no-fund"],
                [npm, "install", "--prefix", str(PKG_DIR), "--no-audit", "--no-fund"]]
    for cmd in attempts:
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode == 0 and installed_version() == want:
            return
        print(f"lighthouse: `{' '.join(cmd[:2])}` failed (exit {done.returncode}):\n{done.stdout[-2000:]}", file=sys.stderr)
    raise SetupError(f"could not install lighthouse {want} with npm (see above)")


# --------------------------------------------------------------------------- site

def build_site(out: Path) -> None:
    cmd = [sys.executable, "build.py", "build", "--date", DEMO_DATE, "--out", str(out)]
    print(f"lighthouse: building the demo site: {' '.join(cmd[1:])}", file=sys.stderr)
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise SetupError(f"the build failed (exit {done.returncode}):\n{done.stdout[-4000:]}")


# What static hosts (GitHub Pages, Netlify, any nginx with its defaults) send compressed: the page
# reaches the phone gzipped, so Lighthouse must see it so. Images and fonts go as they are.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped like a real host; the site's own 404.html for a missing path."""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def do_GET(self):  # noqa: N802 - name of the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file() and self.command in ("GET", "HEAD"):
            body = page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="lighthouse-http", daemon=True).start()
    return server


# --------------------------------------------------------------------------- lighthouse

def run_lighthouse(url: str, form_factor: str, chrome: str, workdir: Path) -> dict:
    """One Lighthouse run; returns the report (LHR) or {'runtimeError': ...}."""
    out = workdir / f"lhr-{form_factor}-{abs(hash(url))}.json"
    cmd = ["node", str(LH_CLI), url,
           f"--chrome-flags={CHROME_FLAGS}",
           "--only-categories=" + ",".join(CATEGORIES),
           "--output=json", f"--output-path={out}", "--quiet"]
    if form_factor == "desktop":
        cmd.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=chrome)
    last = ""
    for _attempt in range(2):  # Chromium now and then fails to start: try once more
        out.unlink(missing_ok=True)
        try:
            done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            last = f"timed out after {RUN_TIMEOUT} s"
            continue
        if out.is_file():
            try:
                lhr = json.loads(out.read_text(encoding="utf-8"))
            except ValueError as err:
                last = f"unreadable report: {err}"
                continue
            if not lhr.get("runtimeError") or _attempt == 1:
                return lhr
            last = f"{lhr['runtimeError'].get('code')}: {lhr['runtimeError'].get('message')}"
            continue
        last = f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[-1500:]}"
    return {"runtimeError": {"code": "RUN_FAILED", "message": last}}


def score(lhr: dict, category: str) -> int | None:
    cat = (lhr.get("categories") or {}).get(category) or {}
    value = cat.get("score")
    return None if value is None else round(value * 100)


def failing_audits(lhr: dict, category: str) -> list[dict]:
    cat = (lhr.get("categories") or {}).get(category) or {}
    audits = lhr.get("audits") or {}
    found = []
    for ref in cat.get("auditRefs", []):
        audit = audits.get(ref["id"]) or {}
        value = audit.get("score")
        if value is not None and value < 1 and audit.get("scoreDisplayMode") not in ("notApplicable", "manual", "informative"):
            found.append(audit)
    return found


def _node_text(node: dict) -> list[str]:
    lines = []
    if node.get("selector"):
        lines.append(f"selector: {node['selector']}")
    if node.get("snippet"):
        lines.append(f"snippet:  {node['snippet']}")
    if node.get("nodeLabel") and node.get("nodeLabel") != node.get("snippet"):
        lines.append(f"label:    {node['nodeLabel']}")
    if node.get("explanation"):
        parts = node["explanation"].splitlines()
        lines += ["why:      " + parts[0]] + ["          " + part.strip() for part in parts[1:]]
    return lines


def _value_text(value) -> str:
    if isinstance(value, dict):
        if value.get("type") == "node":
            return value.get("snippet") or value.get("selector") or value.get("nodeLabel") or ""
        if value.get("type") == "source-location":
            return f"{value.get('url')}:{value.get('line')}:{value.get('column')}"
        if "value" in value:
            return str(value["value"])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def item_lines(item: dict) -> list[str]:
    """Readable lines for one failing item: nodes with selector/snippet, other fields as key: value."""
    lines: list[str] = []
    nodes = [v for v in item.values() if isinstance(v, dict) and v.get("type") == "node"]
    for node in nodes:
        lines += _node_text(node)
    for key, value in item.items():
        if key == "subItems" or (isinstance(value, dict) and value.get("type") == "node"):
            continue
        if value in (None, "", [], {}):
            continue
        lines.append(f"{key}: {_value_text(value)}")
    sub = (item.get("subItems") or {}).get("items") or []
    for s in sub:
        for i, line in enumerate(item_lines(s)):
            lines.append(("  - " if i == 0 else "    ") + line)
    return lines


def audit_report(audit: dict) -> list[str]:
    lines = [f"{audit['id']} (score {audit.get('score')}): {audit.get('title', '')}"]
    if audit.get("displayValue"):
        lines.append(f"  value: {audit['displayValue']}")
    if audit.get("explanation"):
        lines.append(f"  explanation: {audit['explanation']}")
    if audit.get("errorMessage"):
        lines.append(f"  error: {audit['errorMessage']}")
    if audit.get("description"):
        lines += ["  wants: " + line for line in textwrap.wrap(audit["description"], 110)][:1]
        lines += ["         " + line for line in textwrap.wrap(audit["description"], 110)][1:]
    items = (audit.get("details") or {}).get("items") or []
    seen: dict[tuple[str, ...], int] = {}  # the same element text on several cards: print once, with a count
    for item in items:
        key = tuple(item_lines(item) if isinstance(item, dict) else [str(item)])
        seen[key] = seen.get(key, 0) + 1
    for key, count in seen.items():
        for i, line in enumerate(key):
            if i == 0 and count > 1:
                line += f"   (x{count} elements)"
            lines.append(("  * " if i == 0 else "    ") + line)
    return lines


# --------------------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python tools/lighthouse.py",
                                description="Lighthouse audit of the demo site: SEO and accessibility must be 100.")
    p.add_argument("--site", type=Path, help="audit this built site instead of building the demo")
    p.add_argument("--pages", nargs="+", metavar="PATH",
                   help="pages to audit (paths like /en/ or /en/members/; comma-separated works too; default: the 9 pages)")
    p.add_argument("--form-factor", choices=("desktop", "mobile", "both"), default="desktop",
                   help="desktop (--preset=desktop, the default), mobile (Lighthouse's default emulation) or both")
    p.add_argument("--json", type=Path, metavar="FILE", help="save the raw Lighthouse reports here")
    p.add_argument("--chrome", default=os.environ.get("CHROME_PATH") or "/usr/bin/chromium",
                   help="Chromium/Chrome binary (default: $CHROME_PATH, else /usr/bin/chromium)")
    return p.parse_args(argv)


def normalise_pages(raw: list[str] | None) -> list[str]:
    if not raw:
        return list(PAGES)
    pages = []
    for chunk in raw:
        for page in chunk.split(","):
            page = page.strip()
            if page:
                pages.append(page if page.startswith("/") else "/" + page)
    return pages


def fmt_score(value: int | None) -> str:
    return "err" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pages = normalise_pages(args.pages)
    factors = ["desktop", "mobile"] if args.form_factor == "both" else [args.form_factor]
    if not shutil.which("node"):
        print("lighthouse: node is not on PATH: install Node.js 20 (or newer)", file=sys.stderr)
        return 2
    if not Path(args.chrome).exists() and not shutil.which(args.chrome):
        print(f"lighthouse: no Chromium at {args.chrome} (apt-get install chromium, or set CHROME_PATH)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="clusterfolio-lighthouse-") as tmp:
        tmpdir = Path(tmp)
        try:
            ensure_lighthouse()
            if args.site:
                site = args.site.resolve()
                if not (site / "index.html").is_file() and not any(site.glob("*/index.html")):
                    raise SetupError(f"{args.site} does not look like a built site (no index.html)")
            else:
                site = tmpdir / "site"
                build_site(site)
        except SetupError as err:
            print(f"lighthouse: {err}", file=sys.stderr)
            return 2
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        results: dict[str, dict[str, dict]] = {f: {} for f in factors}
        try:
            for factor in factors:
                for page in pages:
                    print(f"lighthouse: {factor:7} {page}", file=sys.stderr, flush=True)
                    results[factor][page] = run_lighthouse(base + page, factor, args.chrome, tmpdir)
        finally:
            server.shutdown()
            server.server_close()

    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")

    failed = False
    any_lhr = next((r for f in results.values() for r in f.values() if r.get("lighthouseVersion")), {})
    if any_lhr:
        env = any_lhr.get("environment") or {}
        print(f"Lighthouse {any_lhr['lighthouseVersion']}, {env.get('hostUserAgent', '')}")
    header = ["page"] + CATEGORIES
    for factor in factors:
        rows = []
        for page, lhr in results[factor].items():
            scores = [score(lhr, c) for c in CATEGORIES]
            rows.append([page] + [fmt_score(s) for s in scores])
            if any(score(lhr, c) != 100 for c in GATED):
                failed = True
        widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
        print(f"\n{factor}:")
        print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in rows:
            print("| " + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                                    for i, (c, w) in enumerate(zip(row, widths, strict=True))) + " |")

    warnings: dict[str, list[str]] = {}
    for factor in factors:
        for page, lhr in results[factor].items():
            blocks = []
            if lhr.get("runtimeError"):
                err = lhr["runtimeError"]
                blocks.append([f"Lighthouse run failed: {err.get('code')}: {err.get('message')}"])
            for category in GATED:
                for audit in failing_audits(lhr, category):
                    blocks.append([f"[{category}] " + line if i == 0 else line
                                   for i, line in enumerate(audit_report(audit))])
            for warning in lhr.get("runWarnings") or []:
                warnings.setdefault(warning, []).append(f"{factor} {page}")
            if blocks:
                print(f"\n== {factor} {page}")
                for block in blocks:
                    print("\n".join(block))
    for warning, runs in warnings.items():
        print(f"\nrun warning ({len(runs)} of {sum(map(len, results.values()))} runs): {warning}")
    print("\nresult: " + ("FAIL: SEO or accessibility below 100" if failed else
                          "OK: SEO and accessibility 100 on every page"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
