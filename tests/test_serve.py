"""`serve` rebuilds the preview when a profile changes, and open pages reload by themselves."""
from __future__ import annotations

import contextlib
import functools
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Iterator
from pathlib import Path

from .conftest import ROOT, TEST_DATE

SCRIPT_TAG = '<script src="/__clusterfolio__/reload.js"'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_profile_changes(project: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/de/members/good/"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "serve", "--port", str(port), "--date", TEST_DATE],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        assert wait_for(lambda: "Gute Optik GmbH" in fetch(url)), "the preview never came up"
        member = project / "profiles/members/good.yml"
        member.write_text(member.read_text().replace("Gute Optik GmbH", "Bessere Optik GmbH"))
        assert wait_for(lambda: "Bessere Optik GmbH" in fetch(url)), "the preview was not rebuilt"
        # A broken profile keeps the last good preview and says why.
        member.write_text(member.read_text().replace("type: sme", "type: smee"))
        time.sleep(3)
        assert "Bessere Optik GmbH" in fetch(url)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert "unknown member type 'smee'" in out


def test_serve_judges_labels_on_each_rebuilds_own_date(project: Path, monkeypatch, capsys) -> None:
    """A preview left running for days must not keep the first build's label status."""
    import datetime as dt
    import os

    from clusterfolio import cli
    from clusterfolio import serve as serve_module
    from clusterfolio.commands import common

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # one build job: everything runs in this process
    days = iter([dt.date(2027, 10, 1), dt.date(2028, 1, 15)])  # esca-gold: valid, then expired (valid_until 2028-01-14)
    monkeypatch.setattr(common, "today", lambda: next(days))
    seen: list[str] = []

    def fake_serve(root: Path, rebuild, **kwargs: object) -> None:
        for _ in range(2):
            rebuild()
            seen.append((root / "site/en/label/index.html").read_text(encoding="utf-8"))

    monkeypatch.setattr(serve_module, "serve", fake_serve)
    assert cli.main(["--root", str(project), "serve"]) == 0
    assert 'id="current"' in seen[0] and 'id="history"' not in seen[0]
    assert 'id="history"' in seen[1] and 'id="current"' not in seen[1]
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the build never sets it for later builds


# --------------------------------------------------------------------------------------------
# serve driven in a thread: quick file checks and page polls, stopped by an event.


def get(url: str) -> tuple[int, str]:
    """Status and text of a page; 0 when the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except OSError:
        return 0, ""


def build_status(base: str) -> dict:
    code, text = get(base + "/__clusterfolio__/build")
    return json.loads(text) if code == 200 else {"build": -1}


@contextlib.contextmanager
def serving(project: Path, monkeypatch, *options: str) -> Iterator[str]:
    """`clusterfolio serve` in a thread until the block ends; the address once the first build is done."""
    from clusterfolio import cli
    from clusterfolio import serve as serve_module

    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # one build job: no fork from a threaded process
    stop = threading.Event()
    monkeypatch.setattr(serve_module, "serve", functools.partial(serve_module.serve, interval=0.1, poll=0.1, stop=stop))
    port = free_port()
    codes: list[int] = []
    argv = ["--root", str(project), "serve", "--port", str(port), "--date", TEST_DATE, *options]
    thread = threading.Thread(target=lambda: codes.append(cli.main(argv)), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: build_status(base)["build"] >= 1), "the first build never finished"
        yield base
    finally:
        stop.set()
        thread.join(30)
    assert codes == [0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_listens_on_host_and_port_and_opens_the_home_page(project: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    with serving(project, monkeypatch, "--host", "127.0.0.1", "--open") as base:
        assert wait_for(lambda: opened, 10)
        assert opened == [base + "/"]
        assert get(base + "/")[0] == 200


def test_reload_script_is_in_served_pages_only(project: Path, monkeypatch) -> None:
    with serving(project, monkeypatch) as base:
        for path in ("/de/members/good/", "/en/", "/de/members/good/index.html", "/de/no-such-page/"):
            code, page = get(base + path)
            assert SCRIPT_TAG in page and page.index(SCRIPT_TAG) < page.rindex("</body>"), path
            assert code == (404 if "no-such" in path else 200)
        code, script = get(base + "/__clusterfolio__/reload.js")
        assert code == 200 and "location.reload()" in script
        # The editing page holds what a member is typing: it never reloads by itself.
        assert SCRIPT_TAG not in get(base + "/admin/")[1]
    written = list((project / "site").rglob("*.html"))
    assert written and not [f for f in written if "__clusterfolio__" in f.read_text(encoding="utf-8")]


def test_build_number_changes_after_each_rebuild(project: Path, monkeypatch) -> None:
    member = project / "profiles/members/good.yml"
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    with serving(project, monkeypatch) as base:
        first = build_status(base)
        assert first == {"build": 1, "ok": True, "problems": []}
        edit(member, "Gute Optik GmbH", "Bessere Optik GmbH")
        assert wait_for(lambda: build_status(base)["build"] == 2, 30)
        assert "Bessere Optik GmbH" in get(base + "/de/members/good/")[1]
        # A failed rebuild is a new number too (open pages show its problems) and keeps the last good site.
        edit(member, "type: sme", "type: smee")
        assert wait_for(lambda: build_status(base)["build"] == 3, 30)
        failed = build_status(base)
        assert not failed["ok"] and any("[CF-E201]" in line for line in failed["problems"])
        code, page = get(base + "/de/members/good/")
        assert code == 200 and "Bessere Optik GmbH" in page and 'data-build="3"' in page
    assert opened == []  # no --open, no browser


def test_busy_port_is_one_line_and_exit_2(project: Path, capsys) -> None:
    from clusterfolio.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--root", str(project), "serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"error: port {port} on 127.0.0.1 is in use; stop the other server or choose another port with --port {port + 1}"
    ]
    assert not (project / "site").exists()  # it says so before it builds


def test_busy_port_is_said_in_the_readers_language(project: Path, capsys) -> None:
    from clusterfolio.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--root", str(project), "serve", "--lang", "de", "--port", str(port)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: Port {port} von 127.0.0.1 ist belegt; beenden Sie den anderen Server oder wählen Sie einen anderen Port mit --port {port + 1}"
    ]


def test_host_that_is_not_this_machines_is_one_line_and_exit_2(project: Path, capsys) -> None:
    from clusterfolio.cli import main

    assert main(["--root", str(project), "serve", "--host", "192.0.2.1", "--port", str(free_port())]) == 2  # TEST-NET-1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("error: 192.0.2.1 is no address of this machine;") and "--host 0.0.0.0" in err


def test_first_build_failing_serves_its_problems_until_fixed(project: Path, monkeypatch) -> None:
    member = project / "profiles/members/good.yml"
    edit(member, "type: sme", "type: '<i>smee'")
    with serving(project, monkeypatch) as base:
        for path in ("/", "/de/members/good/", "/de/style.css"):
            code, page = get(base + path)
            assert code == 503, path
            assert "profiles/members/good.yml:2:1: error: type: " in page and "[CF-E120]" in page
            assert "&lt;i&gt;smee" in page and "<i>smee" not in page  # member text is escaped
            assert "Fix them and save: this page reloads by itself." in page
            assert 'data-waiting="yes"' in page and "Traceback" not in page
        edit(member, "type: '<i>smee'", "type: sme")
        assert wait_for(lambda: get(base + "/de/members/good/")[0] == 200, 30)
        assert "Gute Optik GmbH" in get(base + "/de/members/good/")[1]


def test_an_open_page_reloads_after_a_rebuild(project: Path, monkeypatch, browser) -> None:
    member = project / "profiles/members/good.yml"
    edit(member, "type: sme", "type: smee")  # the first build fails
    with serving(project, monkeypatch) as base:
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        has = "text => document.body.innerText.includes(text)"
        try:
            page.goto(base + "/de/members/good/")
            page.wait_for_function(has, arg="[CF-E201]", timeout=5_000)
            edit(member, "type: smee", "type: sme")
            page.wait_for_function(has, arg="Wir bauen Laser.", timeout=20_000)
            edit(member, "de: Wir bauen Laser.", "de: Wir bauen bessere Laser.")
            page.wait_for_function(has, arg="Wir bauen bessere Laser.", timeout=20_000)
            # A failed rebuild: the page stays and a box lists the problems.
            edit(member, "type: sme", "type: smee")
            alert = page.get_by_role("alert")
            alert.wait_for(timeout=20_000)
            assert "[CF-E201]" in alert.inner_text()
            assert "Wir bauen bessere Laser." in page.inner_text("body")
        finally:
            page.close()
    assert [e for e in errors if "503" not in e] == []  # only the browser noting the 503 of the problems page
