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
