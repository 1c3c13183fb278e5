"""Shared fixtures: scratch projects copied from tests/fixtures/minimal, and the CLI runner."""
from __future__ import annotations

import json
import shutil
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
def run(capsys: pytest.CaptureFixture[str]):
    """Run the CLI in-process; never raises for bad input."""
    def _run(*args: str) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return _run
