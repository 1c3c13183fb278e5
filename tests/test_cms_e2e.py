"""End to end (issue 15): the real Decap CMS in Chromium edits a demo member in a local git repository.

A temporary copy of the demo is a git repository (branch main, one commit). decap-server (npm,
pinned in tools/cms) serves it in `git` mode, the only mode with the editorial workflow; /admin/ is
written by the same `write_admin` the build calls, with `local_backend` pointing at that server.
The test opens Lumera Optics in /admin/, changes its English summary, adds a competence and
saves. decap-server, like the GitHub backend, saves a draft as a commit on the branch
cms/members/lumera-optics (the pull request's branch on GitHub) and leaves main alone; the file is
read from there. It must pass `python build.py check`, and differ from the original in exactly
those two changes of meaning. Every request the page makes goes to 127.0.0.1.

A second test opens the same page and reads what it says: the demo is a German cluster, so Decap's
interface, the collection and our field labels and hints are German (issue 23).
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clusterfolio.config import read_config
from clusterfolio.loading import load_text
from clusterfolio.project import load_project
from clusterfolio.site import admin
from clusterfolio.site.admin import write_admin

from .conftest import ROOT, TEST_DATE

CMS_TOOLS = ROOT / "tools" / "cms"
DECAP_SERVER = CMS_TOOLS / "node_modules" / "decap-server" / "dist" / "index.js"
SLUG = "lumera-optics"
FILE = f"profiles/members/{SLUG}.yml"
BRANCH = f"cms/members/{SLUG}"  # decap-server: cms/<collection>/<slug>
NEW_SUMMARY = "Lumera Optics designs and makes precision optics, coated assemblies and, since this year, micro-machined parts."
NEW_COMPETENCE = "micro-machining"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


def unavailable(reason: str) -> None:
    """Skip on a developer machine; fail in CI, which must never pass by skipping."""
    if os.environ.get("CI"):
        pytest.fail(f"cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The demo's profiles, content and settings as a fresh git repository on branch main."""
    if shutil.which("git") is None:
        unavailable("git not found")
    root = tmp_path / "cluster"
    root.mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("profiles", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    if (ROOT / ".github" / "CODEOWNERS").is_file():
        (root / ".github").mkdir()
        shutil.copyfile(ROOT / ".github" / "CODEOWNERS", root / ".github" / "CODEOWNERS")
    git(root, "init", "-q", "-b", "main")
    for key, value in (("user.name", "Test"), ("user.email", "test@example.org"), ("commit.gpgsign", "false")):
        git(root, "config", key, value)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Demo profiles")
    return root


@pytest.fixture
def decap_server(repo: Path, tmp_path: Path):
    """decap-server in git mode on a free port, bound to 127.0.0.1; its URL."""
    node = shutil.which("node")
    if node is None:
        unavailable("node not found")
    if not DECAP_SERVER.is_file():
        unavailable("tools/cms/node_modules missing: run `npm ci --prefix tools/cms`")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api/v1"
    log = (tmp_path / "decap-server.log").open("w")
    env = {**os.environ, **GIT_ENV, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    proc = subprocess.Popen([node, str(DECAP_SERVER)], cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(url, data=b'{"action": "info"}', headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=2) as answer:
                    info = json.load(answer)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("decap-server did not start:\n" + (tmp_path / "decap-server.log").read_text())
                time.sleep(0.2)
        assert "editorial_workflow" in info["publish_modes"] and info["type"] == "local_git"
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    answered: list[tuple[str, int]]

    def log_request(self, code: object = "-", size: object = "-") -> None:
        self.answered.append((self.path, int(code) if str(code).isdigit() else 0))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def admin_url(repo: Path, decap_server: str, tmp_path: Path):
    """/admin/ of the repository's project, local backend on, served from 127.0.0.1; (URL, answers)."""
    config = read_config(repo)
    project, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project is not None, "\n".join(p.text() for p in problems)
    site = tmp_path / "site"
    write_admin(config, project, site, local_backend=decap_server)
    answered: list[tuple[str, int]] = []
    handler = type("Handler", (_Handler,), {"answered": answered})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/admin/", answered
    finally:
        server.shutdown()
        server.server_close()


def test_a_member_edits_the_profile_in_the_cms_and_the_result_passes_check(browser, repo: Path, admin_url) -> None:
    url, answered = admin_url
    original = git(repo, "show", f"main:{FILE}")
    requests: list[str] = []
    refused: list[str] = []

    def route(r) -> None:
        requests.append(r.request.url)
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(url)
        # The local backend's sign-in is a button without a provider ("Login" in every locale).
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Lumera Optics GmbH").first.click()
        page.wait_for_selector('label[for^="summary-field-"]')
        summary = page.locator('div[class*="ControlContainer"]', has=page.locator('label[for^="summary-field-"]')).first
        english = summary.locator('textarea[id^="en-field-"]')
        assert english.input_value().startswith("Lumera Optics designs and manufactures")
        english.fill(NEW_SUMMARY)
        competences = page.locator('input[id^="competences-field-"]')
        competences.click()
        competences.press_sequentially(NEW_COMPETENCE)
        page.keyboard.press("Enter")
        page.get_by_text("Mikrobearbeitung / Micro-machining / Micro-usinage", exact=True).wait_for()  # the chosen tag
        page.get_by_role("button", name="Speichern").click()
        page.get_by_text("Status: Entwurf").wait_for()  # saved as a draft: the pull request's state
    finally:
        context.close()

    assert refused == [] and {urlsplit(u).hostname for u in requests if not u.startswith(("blob:", "data:"))} == {"127.0.0.1"}
    # Nothing the CMS asked of /admin/ was missing: no lazily loaded chunk. (Only /admin/ is served
    # here, so the site's favicons are not.)
    assert [a for a in answered if a[1] >= 400 and a[0].startswith("/admin/")] == []
    assert ("/admin/" + admin.BUNDLE, 200) in answered

    # decap-server wrote the draft as a commit on the entry's branch; main is untouched.
    assert BRANCH in git(repo, "branch", "--list", BRANCH)
    assert git(repo, "show", f"main:{FILE}") == original
    assert git(repo, "diff", "--name-only", "main", BRANCH).split() == [FILE]
    saved = git(repo, "show", f"{BRANCH}:{FILE}")
    print(git(repo, "log", "--format=%s", "-1", BRANCH).strip())

    # The resulting file passes check (the whole repository at that branch).
    git(repo, "checkout", "-q", BRANCH)
    check = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(repo), "check", "--date", TEST_DATE],
                           capture_output=True, text=True, cwd=repo)
    print(check.stdout.strip() or check.stderr.strip())
    assert check.returncode == 0, check.stdout + check.stderr

    # ... and differs from the original in exactly the two changes, in meaning.
    before = load_text("member", original, FILE).model.model_dump()  # type: ignore[union-attr]
    after = load_text("member", saved, FILE).model.model_dump()  # type: ignore[union-attr]
    assert {key for key in before if before[key] != after[key]} == {"summary", "competences"}
    assert after["summary"] == {**before["summary"], "en": NEW_SUMMARY}
    assert after["competences"] == before["competences"] + [NEW_COMPETENCE]
    assert NEW_COMPETENCE not in before["competences"]



def test_the_cms_speaks_the_cluster_s_language(browser, admin_url) -> None:
    """The demo is a German cluster (issue 23): Decap's own words on the sign-in page and around
    the collection are German, and so are our collection, field labels and hints."""
    url, _ = admin_url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(url)
        # The local backend's button says "Login" in every locale; the link below it is Decap's German.
        page.get_by_role("button", name="Login").wait_for()
        page.get_by_text("Zurück zur Seite", exact=True).wait_for()
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Inhalt", exact=True).first.wait_for()  # Decap's header: "Contents"
        page.get_by_role("heading", name="Mitglieder").first.wait_for()  # our collection
        page.get_by_text("Lumera Optics GmbH").first.click()
        page.wait_for_selector('label[for^="summary-field-"]')
        # Labels as written (Decap shows them in capitals by CSS), and the hints below the inputs.
        assert page.text_content('label[for^="summary-field-"]') == "Kurzbeschreibung"
        assert page.text_content('label[for^="name-field-"]') == "Name"
        assert page.text_content('label[for^="type-field-"]') == "Art des Mitglieds"
        page.get_by_text("Name des Mitglieds", exact=True).wait_for()
        page.get_by_text("Kurzbeschreibung, höchstens 300 Zeichen je Sprache; de ist Pflicht", exact=True).wait_for()
        page.get_by_role("button", name="Speichern").wait_for()
        body = page.inner_text("body")
        assert "the member's name" not in body and "Short summary" not in body  # no English half left
    finally:
        context.close()
