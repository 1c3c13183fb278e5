"""clusterfolio as an installed tool (issue 14).

A fresh virtual environment gets the checkout installed non-editable (a wheel built from a copy of
the working tree, its dependencies from the package index, which CI reaches; pip's cache makes a
rerun fast). Then, with no checkout beside it and the current folder elsewhere:
`clusterfolio new`, `check --strict` and `build` in an empty folder; the demo built from its
profiles/, content/ and mkdocs.yml alone. And README's quick start on a fresh clone.

Without the package index these fail in CI and skip on a developer machine. They print how long
each step took (pytest -s shows it).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, TEST_DATE

# What a fresh clone has besides the tracked files: nothing built, installed or cached.
_NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "site", "site.old", ".build-*", "build", "*.egg-info", "__pycache__",
                                          ".pytest_cache", ".hypothesis", "node_modules", "bench-out")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"cannot install clusterfolio into a fresh virtual environment in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def fresh_clone(target: Path) -> Path:
    """The checkout as a clone of it would be: the files git tracks or would track (not the ignored ones)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:  # no git: copy the tree without what is built or installed
        shutil.copytree(ROOT, target, ignore=_NOT_IN_A_CLONE, symlinks=True)
        return target
    for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
        source = ROOT / name
        if source.is_file() or source.is_symlink():  # a file deleted in the working tree is listed too
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without this test run's Python and pytest settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(extra)
    return env


def run(args: list[str], cwd: Path, timeout: int = 600, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=clean_env(**env), capture_output=True, text=True, timeout=timeout)


@dataclass(frozen=True)
class Installed:
    bin: Path
    wheel: Path


def install_fresh(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A fresh virtual environment with the checkout installed from its wheel, not editable (the
    session's `installed` fixture, tests/conftest.py: one for every test that needs it)."""
    base = tmp_path_factory.mktemp("installed")
    source = fresh_clone(base / "checkout")
    started = time.perf_counter()
    made = run([sys.executable, "-m", "venv", str(base / "venv")], base)
    assert made.returncode == 0, made.stderr
    pip = [str(base / "venv/bin/python"), "-m", "pip", "--disable-pip-version-check"]
    wheel = run([*pip, "wheel", "--no-deps", "--wheel-dir", str(base / "wheels"), str(source)], base)
    if wheel.returncode != 0:
        _unavailable(f"pip wheel failed (no package index for setuptools?):\n{wheel.stdout[-3000:]}{wheel.stderr[-3000:]}")
    built = time.perf_counter()
    [path] = (base / "wheels").glob("clusterfolio-*.whl")
    install = run([*pip, "install", str(path)], base)
    if install.returncode != 0:
        _unavailable(f"pip install failed (no package index?):\n{install.stdout[-3000:]}{install.stderr[-3000:]}")
    print(f"\nfresh virtual environment: wheel built in {built - started:.1f} s, installed with its dependencies in {time.perf_counter() - built:.1f} s")
    return Installed(base / "venv/bin", path)


def test_the_wheel_carries_every_module_and_every_shipped_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "clusterfolio").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    for folder in ("templates", "overrides", "locales"):
        expected |= {f"clusterfolio/theme/{p.relative_to(ROOT / 'theme').as_posix()}" for p in (ROOT / "theme" / folder).rglob("*") if p.is_file()}
    expected |= {f"clusterfolio/schemas/{p.name}" for p in (ROOT / "schema").glob("*.json")}
    assert sorted(expected - names) == []
    assert {"clusterfolio/site/__init__.py", "clusterfolio/theme/__init__.py", "clusterfolio/schemas/__init__.py",
            "clusterfolio/scaffold/.github/workflows/release.yml", "clusterfolio/scaffold/.gitignore"} <= names
    entry_points = zipfile.ZipFile(installed.wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "clusterfolio = clusterfolio.cli:main" in entry_points
    assert "clusterfolio = clusterfolio.site.engine.plugin:ClusterfolioPlugin" in entry_points


def test_the_installed_package_reads_its_files_from_itself(installed: Installed, tmp_path: Path) -> None:
    code = "import clusterfolio, clusterfolio.resources as r; print(clusterfolio.__file__); print(r.theme_dir()); print(r.schema_dir())"
    proc = run([str(installed.bin / "python"), "-c", code], tmp_path)
    assert proc.returncode == 0, proc.stderr
    site_packages = installed.bin.parent / "lib"
    for line in proc.stdout.splitlines():
        assert Path(line).is_relative_to(site_packages), line
    usage = run([str(installed.bin / "python"), "-m", "clusterfolio", "--help"], tmp_path)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: clusterfolio"), usage.stderr
    from clusterfolio.commands.parser import DEVELOPER_COMMANDS, parser

    commands = next(a for a in parser()._actions if a.dest == "command").choices
    # Every subcommand of build.py, and new; not those that write into clusterfolio's own checkout.
    assert all(name in usage.stdout for name in commands if name not in DEVELOPER_COMMANDS)
    assert not any(f"{name}," in usage.stdout or f",{name}" in usage.stdout for name in DEVELOPER_COMMANDS)
    assert run([str(installed.bin / "clusterfolio"), "schema"], tmp_path).returncode == 2


def test_new_check_and_build_with_the_installed_tool(installed: Installed, tmp_path: Path) -> None:
    """`clusterfolio new` in an empty folder, then `check` (its placeholders are warnings) and `build` there: every page kind in
    every language, the search bundle of each language and the open data."""
    import datetime as dt

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project
    from clusterfolio.site.build import language_site
    from clusterfolio.site.kinds import Kind

    tool = str(installed.bin / "clusterfolio")
    (tmp_path / "work").mkdir()
    timings = {}
    for step, args, cwd in (
        ("new", [tool, "new", "cluster-site", "--name", "Testcluster Nord", "--languages", "de,en,fr", "--github-org", "example-org"], tmp_path / "work"),
        ("check", [tool, "check", "--date", TEST_DATE], tmp_path / "work/cluster-site"),  # placeholders warn (tests/test_first_day.py)
        ("build", [tool, "build", "--date", TEST_DATE], tmp_path / "work/cluster-site"),
    ):
        started = time.perf_counter()
        proc = run(args, cwd)
        timings[step] = time.perf_counter() - started
        assert proc.returncode == 0, f"{step}: {proc.stdout}{proc.stderr}"
    print("\ninstalled tool: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items()))
    repo, site = tmp_path / "work/cluster-site", tmp_path / "work/cluster-site/site"
    config = read_config(repo)
    project, _ = load_project(config, dt.date.fromisoformat(TEST_DATE))
    kinds = set(Kind) - {Kind.COUNTRY_LIST}  # long country lists only
    for lang in config.languages:
        pages = language_site(config, project, lang).pages
        assert {p.kind for p in pages} == kinds, lang
        assert [p.path for p in pages if not (site / lang / p.path / "index.html").is_file()] == [], lang
        for path in ("", "members/", "members/example-member/", "competences/", "value-chain/", "countries/", "international/", "label/", "imprint/", "privacy/"):
            assert (site / lang / path / "index.html").is_file(), (lang, path)
        assert (site / lang / "pagefind" / "pagefind-entry.json").is_file(), lang
    for name in ("cluster.json", "members.json", "members.csv", "datapackage.json"):
        assert (site / "data" / name).is_file()
    assert sorted(p.name for p in (site / "schema").iterdir()) == ["cluster.schema.json", "member.schema.json", "taxonomy.schema.json"]


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_installed_tool_builds_the_demo_from_its_sources_alone(installed: Installed, tmp_path: Path, demo_site: Path) -> None:
    """profiles/, content/ and mkdocs.yml copied from the demo, nothing else: the same site as the checkout builds."""
    demo = tmp_path / "demo"
    for name in ("profiles", "content"):
        shutil.copytree(ROOT / name, demo / name)
    shutil.copy2(ROOT / "mkdocs.yml", demo / "mkdocs.yml")
    started = time.perf_counter()
    proc = run([str(installed.bin / "clusterfolio"), "build", "--date", TEST_DATE], demo)
    print(f"\ninstalled tool: the demo built in {time.perf_counter() - started:.1f} s")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    built, reference = digests(demo / "site"), digests(demo_site)
    assert built.keys() == reference.keys()
    assert [name for name in built if built[name] != reference[name]] == []


def test_readme_quick_start_on_a_fresh_clone(tmp_path: Path) -> None:
    """`make site` and `make test` (README, Quick start) in a copy of what a clone has. `make test`
    runs one test file here (PYTEST_ADDOPTS): the whole suite is what runs this test."""
    if not shutil.which("make"):
        _unavailable("make is not installed")
    clone = fresh_clone(tmp_path / "clone")
    started = time.perf_counter()
    site = run(["make", "site", f"PYTHON={sys.executable}"], clone, timeout=900)
    if site.returncode != 0 and not (clone / ".venv/.installed").exists():
        _unavailable(f"make site could not install (no package index?):\n{site.stdout[-3000:]}{site.stderr[-3000:]}")
    assert site.returncode == 0, site.stdout[-3000:] + site.stderr[-3000:]
    made = time.perf_counter()
    assert (clone / "site/index.html").is_file() and (clone / "site/de/index.html").is_file()
    test = run(["make", "test", f"PYTHON={sys.executable}"], clone, timeout=900, PYTEST_ADDOPTS="-q -p no:cacheprovider tests/test_urls.py")
    assert test.returncode == 0, test.stdout[-3000:] + test.stderr[-3000:]
    assert " passed" in test.stdout
    print(f"\nfresh clone: make site {made - started:.1f} s, make test (tests/test_urls.py) {time.perf_counter() - made:.1f} s")


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    """pyproject.toml lists the packages by hand (theme/ and schema/ are mapped in): a subpackage
    left out would be missing from the installed tool only, never from the checkout."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "clusterfolio").rglob("__init__.py")}
    assert found - listed == set()
