"""Shared helpers of the audits in the test suite (tests/test_audit_html.py, tests/test_audit_a11y.py,
tests/test_screenshots.py): the pages audited, builds and servers of the second cluster, the browser
contexts, and running the Nu HTML Checker, axe-core and the computed contrast check.

The tools come from npm, pinned in tools/audit/package.json (`make test` installs them with `npm ci`;
`.ci/run` does too). Without java, the npm packages or Chromium the audits are skipped on a developer
machine and fail in CI (environment variable CI set): CI must never pass by skipping them.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT, TEST_DATE, TESTS, build_project

AUDIT_TOOLS = ROOT / "tools" / "audit"
NODE_MODULES = AUDIT_TOOLS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CONTRAST_JS = Path(__file__).with_name("contrast.js")
NORDLICHT = TESTS / "fixtures" / "nordlicht"

LANGS = ("de", "en", "fr")
# Viewport width (px) -> height: a desktop and a phone (iPhone 12-15 CSS size).
WIDTHS = {1280: 800, 390: 844}

# One page of every kind, as a path under /<lang>/ (the same in every language).
_COMMON = {
    "home": "",
    "directory": "members/",
    "competence-map": "competences/",
    "value-chain": "value-chain/",
    "stage": "value-chain/research/",
    "type": "types/sme/",
    "countries": "countries/",
    "international": "international/",
    "cooperation": "cooperation/",
    "label": "label/",
    "about": "about/",
    "imprint": "imprint/",
    # Embeds (pages/embeds.py): the setup page, and the frameless member grid and board.
    "embed": "embed/",
    "embed-members": "embed/members/",
    "embed-board": "embed/cooperation/",
}
PAGES = {
    "demo": {**_COMMON, "member": "members/lumera-optics/", "competence": "competences/laser-systems/",
             "country": "countries/fr/"},
    "nordlicht": {**_COMMON, "member": "members/kielwasser-messtechnik/", "competence": "competences/marine-sensors/",
                  "country": "countries/dk/"},
}
# Pages outside the language folders: the language chooser (it redirects by script) and 404.
ROOT_PAGES = {"root": "index.html", "404": "404.html"}

# Per-navigation and per-wait timeouts (ms): a local static site answers in milliseconds.
TIMEOUT = 20_000


def unavailable(reason: str) -> None:
    """Skip on a developer machine; fail in CI, which must never pass by skipping an audit."""
    if os.environ.get("CI"):
        pytest.fail(f"audit cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def require_npm_file(path: Path) -> Path:
    if not path.is_file():
        hint = "install with `make audit-tools` (npm ci in tools/audit)" if shutil.which("npm") else "npm not found"
        unavailable(f"{path.relative_to(ROOT)} missing: {hint}")
    return path


# --------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True)
class Target:
    """One audited page: a site, a language (None for the root pages), a viewport width, a kind,
    and a query (a directory with its filters set: `competence=laser-systems&country=DE`)."""
    site: str
    lang: str | None
    width: int
    kind: str
    query: str = ""

    @property
    def path(self) -> str:
        if self.lang is None:
            return "/" + ROOT_PAGES[self.kind]
        return f"/{self.lang}/{PAGES[self.site][self.kind]}" + (f"?{self.query}" if self.query else "")

    @property
    def id(self) -> str:
        return f"{self.site}-{self.lang or 'root'}-{self.width}-{self.kind}" + ("-filtered" if self.query else "")

    @property
    def redirects(self) -> bool:
        return self.lang is None and self.kind == "root"


def targets(sites=("demo", "nordlicht"), langs=LANGS, widths=tuple(WIDTHS)) -> list[Target]:
    out = []
    for site in sites:
        for width in widths:
            out += [Target(site, lang, width, kind) for lang in langs for kind in PAGES[site]]
            out += [Target(site, None, width, kind) for kind in ROOT_PAGES]
    return out


# --------------------------------------------------------------------------------------------
# The second cluster, built and served once per test process (each xdist worker has its own).


@functools.cache
def _nordlicht_site(base: Path) -> Path:
    out = base / "nordlicht-site"
    build_project(NORDLICHT, out, TEST_DATE)
    return out


def nordlicht_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/nordlicht built on the fixed test date (once per process)."""
    return _nordlicht_site(tmp_path_factory.getbasetemp())


@functools.cache
def serve(directory: Path) -> str:
    """Serve a built site on localhost (a free port) for the rest of the process; returns its URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


# --------------------------------------------------------------------------------------------
# Nu HTML Checker


# Messages of the Nu HTML Checker that are accepted, as exact message texts, each with the reason.
# It starts EMPTY and stays so unless the product owner agrees: only markup that mkdocs-material
# writes itself may be listed, and only if a template override in theme/overrides/ cannot fix it;
# write down why not, next to the entry.
VNU_ALLOWED: dict[str, str] = {}


def vnu_command() -> list[str]:
    """java -jar vnu.jar, or skip (fail in CI) when either is missing."""
    java = shutil.which("java")
    if java is None:
        unavailable("java not found (Debian: apt-get install default-jre-headless)")
    return [java, "-jar", str(require_npm_file(VNU_JAR))]


def run_vnu(site: Path) -> tuple[list[Path], list[dict]]:
    """Check every HTML file of a built site in one java run; returns the files and the messages."""
    files = sorted(site.rglob("*.html"))
    assert files, f"no HTML files in {site}"
    proc = subprocess.run(
        [*vnu_command(), "--format", "json", "--errors-only", "--stdout", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar exited {proc.returncode} without a JSON report:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    messages = report.get("messages", [])
    # Exit status 1 means "errors found"; anything else without messages means vnu itself failed.
    assert proc.returncode in (0, 1), f"vnu.jar exited {proc.returncode}:\n{proc.stderr[-2000:]}"
    assert proc.returncode == 0 or messages, f"vnu.jar exited 1 with no message:\n{proc.stderr[-2000:]}"
    return files, messages


def vnu_errors(messages: list[dict]) -> list[dict]:
    """Every message that fails the audit: errors, fatal errors and non-document errors (a file that
    could not be read or parsed), less the allow-list."""
    return [m for m in messages if m.get("type") != "info" and m.get("message") not in VNU_ALLOWED]


def vnu_report(name: str, site: Path, errors: list[dict], examples: int = 3) -> str:
    """Errors grouped by message text, most frequent first, with counts, example files and markup."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for m in errors:
        groups[m.get("message", "(no message)")].append(m)
    lines = [f"{len(errors)} Nu HTML Checker errors in the {name} site ({len(groups)} distinct messages):"]
    for text, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        files = sorted({_site_path(site, m.get("url", "")) for m in items})
        lines.append(f"\n[{len(items)}x in {len(files)} files] {text}")
        for name in files[:examples]:
            m = next(i for i in items if _site_path(site, i.get("url", "")) == name)
            where = f"{name}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
            extract = " ".join(m.get("extract", "").split())[:160]
            lines.append(f"    {where}  {extract}")
        if len(files) > examples:
            lines.append(f"    ... and {len(files) - examples} more files")
    return "\n".join(lines)


def _site_path(site: Path, url: str) -> str:
    path = url.removeprefix("file:")
    root = str(site.resolve())
    return path[len(root):] if path.startswith(root) else path


# --------------------------------------------------------------------------------------------
# Browser pages


def _is_local(url: str, origins: tuple[str, ...]) -> bool:
    return url.startswith(("data:", "blob:", "about:")) or any(url == o or url.startswith(o + "/") for o in origins)


def new_context(browser, width: int, origins: tuple[str, ...]):
    """A browser context of one viewport width, with the browser's clock fixed to the build date
    (the page's label script compares valid_until with the visitor's clock) and every request
    that would leave the test servers aborted."""
    import datetime as dt

    context = browser.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, device_scale_factor=1,
        locale="en-US", timezone_id="UTC", reduced_motion="reduce", color_scheme="light",
    )
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    context.clock.set_fixed_time(dt.datetime.fromisoformat(f"{TEST_DATE}T12:00:00+00:00"))
    context.route(lambda url: not _is_local(url, origins), lambda route: route.abort())
    return context


def load(page, base_url: str, target: Target) -> None:
    """Load the target into the page and wait for its load event and web fonts.

    The root page chooses the language by script and leaves at once (location.replace). It is
    audited as delivered: its script runs, but the redirect it starts is answered with
    "204 No Content", which by the HTML standard cancels a navigation and keeps the current
    document. The redirect is checked too: attempted, to a language folder."""
    url = base_url + target.path
    held: list[str] = []

    def hold(route, request):
        if request.is_navigation_request() and request.frame == page.main_frame and request.url != url:
            held.append(request.url)
            route.fulfill(status=204, body="")
        else:
            route.fallback()

    if target.redirects:
        page.route("**/*", hold)
    try:
        # (Playwright would wait for the load event of the held navigation: wait for the document's own.)
        response = page.goto(url, wait_until="commit" if target.redirects else "load")
        assert response is not None and response.status == 200, \
            f"{url}: {response.status if response else 'no response'}"
        page.wait_for_function("document.readyState === 'complete'")
        page.evaluate("document.fonts.ready.then(() => true)")
        if target.redirects:
            for _ in range(100):  # the redirect attempt reaches the route asynchronously
                if held:
                    break
                page.wait_for_timeout(20)
            assert held, f"{url}: the language chooser did not redirect"
            assert page.url == url, f"{url}: left for {page.url}"
            langs = tuple(f"{base_url}/{lang}/" for lang in LANGS)
            assert all(h.startswith(langs) for h in held), f"{url}: redirected to {held}"
    finally:
        if target.redirects:
            page.unroute("**/*", hold)


class Browsing:
    """Built sites served on localhost (name -> base URL), one browser context per viewport width
    and one page in each, which every test of that width navigates (a new page per test costs more
    than the audit of a small page on a busy machine)."""

    def __init__(self, browser, servers: dict[str, str]):
        self.servers = servers
        self.contexts = {width: new_context(browser, width, tuple(servers.values())) for width in WIDTHS}
        self.pages: dict[int, object] = {}

    def page(self, target: Target):
        """The width's page with the target loaded."""
        page = self.pages.get(target.width)
        if page is None or page.is_closed():
            page = self.pages[target.width] = self.contexts[target.width].new_page()
        load(page, self.servers[target.site], target)
        return page

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


# --------------------------------------------------------------------------------------------
# axe-core

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

_AXE_RUN = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary, html: n.html}))
  })))"""


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(require_npm_file(AXE_JS)))
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def axe_report(where: str, violations: list[dict], nodes: int = 6) -> str:
    lines = [f"{len(violations)} axe-core violations on {where}:"]
    for v in violations:
        lines.append(f"\n{v['id']} ({v['impact']}): {v['help']}  [{len(v['nodes'])} elements]  {v['helpUrl']}")
        for n in v["nodes"][:nodes]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else str(t) for t in n["target"])
            lines.append(f"    {target}")
            summary = " ".join((n.get("summary") or "").split())
            if summary:
                lines.append(f"        {summary[:300]}")
        if len(v["nodes"]) > nodes:
            lines.append(f"    ... and {len(v['nodes']) - nodes} more elements")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Computed contrast (tests/audit/contrast.js)

# Texts on a background image (or SVG text) whose contrast cannot be computed are failures until a
# person has checked them by eye: list them here as {selector path: why the contrast is fine}.
# Starts EMPTY.
CONTRAST_REVIEWED: dict[str, str] = {}


def run_contrast(page) -> dict:
    page.add_script_tag(path=str(CONTRAST_JS))
    result = page.evaluate("clusterfolioContrast()")
    result["unknown"] = [u for u in result["unknown"] if u["selector"] not in CONTRAST_REVIEWED]
    return result


def contrast_report(where: str, result: dict) -> str:
    failures, unknown = result["failures"], result["unknown"]
    lines = [f"{len(failures)} contrast failures, {len(unknown)} texts of unknown contrast on {where} "
             f"({result['checked']} visible texts checked):"]
    for f in failures:
        size = f"{f['fontSize']}/{f['fontWeight']}{' large' if f['large'] else ''}"
        lines.append(f"    {f['ratio']:.2f}:1 < {f['required']}:1  {f['fg']} on {f['bg']}  ({size})  "
                     f"{f['text']!r}  at {f['selector']}")
    if unknown:
        lines.append("  unknown (background image or SVG text: check by eye, then list in CONTRAST_REVIEWED):")
        for u in unknown:
            lines.append(f"    {u['text']!r}  at {u['selector']}: {u['reason']}")
    return "\n".join(lines)
