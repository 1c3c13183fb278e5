"""`serve` rebuilds the preview when a profile changes."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT, TEST_DATE


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

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # one build job: everything runs in this process
    days = iter([dt.date(2027, 10, 1), dt.date(2028, 1, 15)])  # esca-gold: valid, then expired (valid_until 2028-01-14)
    monkeypatch.setattr(cli, "today", lambda: next(days))
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
