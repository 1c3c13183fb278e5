"""Logo limits that need generated files (the fixture corpus keeps the repository small)."""
from __future__ import annotations

from pathlib import Path

import pytest

from clusterfolio.logos import PNG_MAGIC

from .conftest import TEST_DATE


def _use_logo(project: Path, name: str, data: bytes) -> None:
    (project / "profiles/logos" / name).write_bytes(data)
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + f"logo: logos/{name}\n")


@pytest.mark.parametrize(
    ("name", "data", "message", "code"),
    [
        ("big.svg", b'<svg xmlns="http://www.w3.org/2000/svg">' + b" " * 205_000 + b"</svg>", "the SVG is 200.2 KiB; the limit is 200 KiB", "CF-E404"),
        ("big.png", PNG_MAGIC + b"\0" * 512_100, "the PNG is 500.1 KiB; the limit is 500 KiB", "CF-E404"),
        ("fake.png", b"GIF89a....", "the file ends in .png but is not a PNG image", "CF-E405"),
    ],
)
def test_logo_limits(project: Path, run, name: str, data: bytes, message: str, code: str) -> None:
    _use_logo(project, name, data)
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 1
    assert [(p["file"], p["line"], p["message"], p["code"]) for p in result.problems] == [(f"profiles/logos/{name}", 1, message, code)]


def test_a_logo_used_twice_is_reported_once(project: Path, run) -> None:
    (project / "profiles/logos/bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>')
    cluster = project / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text().replace("logo: logos/good.svg", "logo: logos/bad.svg"))
    _use_logo(project, "bad.svg", (project / "profiles/logos/bad.svg").read_bytes())
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert [(p["code"], p["message"]) for p in result.problems] == [("CF-E408", "<script> is not allowed in a logo")]


def test_valid_png_logo_passes(project: Path, run) -> None:
    _use_logo(project, "ok.png", PNG_MAGIC + b"\0" * 100)
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0
