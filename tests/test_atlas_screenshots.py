"""Screenshot tests of the competence atlas: its cover, a member page and an index page in de, en
and fr, as pdftoppm draws them, against reviewed baselines in tests/screenshots/atlas-*.png (the
tolerance and the baseline format of test_screenshots.py).

After an intended change of the atlas: ``UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest
tests/test_atlas_screenshots.py`` rewrites the baselines that are missing or differ; review them.
"""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from clusterfolio.atlas.build import build_atlases
from clusterfolio.config import read_config
from clusterfolio.project import load_project

from .conftest import ROOT, TEST_DATE, TESTS, _unavailable
from .test_screenshots import matches_baseline

pytestmark = pytest.mark.audit

BASELINES = TESTS / "screenshots"
DPI = 60  # an A4 page 496 px wide: the layout, the colours and the glyphs show, the files stay small
PARTS = ("cover", "member", "index")


@pytest.fixture(scope="module")
def atlases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    config = read_config(ROOT)
    project, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project is not None, problems
    work = tmp_path_factory.mktemp("atlas-shots")
    files, _ = build_atlases(config, project, work, jobs=2)
    return {lang: work / "atlas" / lang / f.path for lang, f in files.items()}


def page_number(part: str, pages: int) -> int:
    """The cover; the first member's page (after cover, contents, cluster, value chain); the competence index."""
    return {"cover": 1, "member": 5, "index": pages - 2}[part]


def draw(pdf: Path, page: int, folder: Path) -> Image.Image:
    if not shutil.which("pdftoppm"):
        _unavailable("pdftoppm (Debian's poppler-utils) is not installed")
    done = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(DPI), "-png", "-singlefile", str(pdf), str(folder / "page")],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return Image.open(io.BytesIO((folder / "page.png").read_bytes())).convert("RGB")


@pytest.mark.parametrize("lang", ("de", "en", "fr"))
@pytest.mark.parametrize("part", PARTS)
def test_atlas_page_looks_as_reviewed(atlases: dict[str, Path], part: str, lang: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = atlases[lang]
    actual = draw(pdf, page_number(part, len(PdfReader(pdf).pages)), tmp_path)
    matches_baseline(actual, BASELINES / f"atlas-{part}-{lang}.png", tmp_path, f"atlas {part} ({lang})")
