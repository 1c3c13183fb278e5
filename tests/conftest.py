"""Shared fixtures: scratch projects copied from tests/fixtures/minimal, and the CLI runner."""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from clusterfolio.cli import main

TESTS = Path(__file__).parent
ROOT = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"
TEST_DATE = "2026-11-26"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[dict]:
        return json.loads(self.out)["problems"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small valid project to break on purpose."""
    target = tmp_path / "project"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture
def minimal_repo(tmp_path: Path) -> Path:
    """The minimal project as a git repository with one commit, tagged `base`."""
    from .test_scope import git

    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    git(root, "tag", "base")
    return root


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process; never raises for bad input."""
    def _run(*args: str) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return _run


def build_project(root: Path, out: Path, date: str = TEST_DATE, jobs: int | None = None):
    """Check and build a project into out; returns the project (fails the test on errors)."""
    import datetime as dt

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project
    from clusterfolio.site.build import build_site

    config = read_config(root)
    project, problems = load_project(config, dt.date.fromisoformat(date))
    assert project is not None, "\n".join(p.text() for p in problems)
    build_site(config, project, out, jobs)
    return project


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory):
    """A fresh virtual environment with the checkout installed from its wheel (tests/test_package.py)."""
    from .test_package import install_fresh

    return install_fresh(tmp_path_factory)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once per test session, on the fixed test date."""
    out = tmp_path_factory.mktemp("demo") / "site"
    build_project(ROOT, out)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on localhost (a free port) while the block runs: its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    """The built demo served on localhost for browser tests."""
    with served(demo_site) as url:
        yield url


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    # CI must never pass by skipping the browser tests.
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, shared by every test (never downloads a browser)."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not importable: {exc}")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            _unavailable(f"Chromium at {CHROMIUM} does not start: {exc}")
        try:
            yield b
        finally:
            b.close()


# tests/test_cooperation.py's dated copy of nordlicht and its builds on the four dates around its
# requests: one set for the session, read by the board's, the feeds' and the request data's tests.
@pytest.fixture(scope="session")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .test_cooperation import dated_copy

    return dated_copy(tmp_path_factory.mktemp("coop") / "nordlicht")


@pytest.fixture(scope="session")
def boards(dated: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site built on the day before, on, and after Fjord Sonar's request's dates (and the test date)."""
    from .test_cooperation import AFTER, BEFORE, ON

    out = {}
    for date in (BEFORE, TEST_DATE, ON, AFTER):
        out[date] = tmp_path_factory.mktemp(f"site-{date}") / "site"
        build_project(dated, out[date], date)
    return out
