"""The scope guard (issue 12, item 3): a matrix of changes, for a member and for a manager.

Each case starts from the same repository: two members (good, maintained by @gute-optik, and
andere, by @andere-firma), each with a logo named after its profile, a cluster logo of its own,
content, theme, a workflow and CODEOWNERS; managers are a team and the user @chefin. A case makes
one commit on top and runs `scope` against the start, with --author gute-optik (a member) and
--author chefin (a manager). What `scope` warns about is compared as (code, file) pairs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MINIMAL

SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>\n'
MEMBER, MANAGER = "gute-optik", "chefin"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_AUTHOR_DATE": "2026-01-10T12:00:00", "GIT_COMMITTER_DATE": "2026-01-10T12:00:00"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository every case starts from (copied per case)."""
    root = tmp_path_factory.mktemp("scope") / "repo"
    shutil.copytree(MINIMAL, root)
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@test-cluster/managers", "@chefin"]\n')
    cluster = root / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text().replace("logo: logos/good.svg", "logo: logos/cluster.svg"))
    logos = root / "profiles/logos"
    (logos / "cluster.svg").write_text(SVG)
    good = root / "profiles/members/good.yml"
    good.write_text(good.read_text() + "maintainers: [gute-optik]\nlogo: logos/good.svg\n")
    andere = good.read_text().replace("Gute Optik GmbH", "Andere GmbH").replace("gute-optik", "andere-firma").replace("good.svg", "andere.svg")
    (root / "profiles/members/andere.yml").write_text(andere)
    (logos / "andere.svg").write_text(SVG)
    for rel, text in {
        "content/de/about.md": "# Über uns\n",
        "theme/overrides/main.html": "{% extends 'base.html' %}\n",
        ".github/workflows/pull-request.yml": "name: Check\n",
        ".github/CODEOWNERS": "* @test-cluster/managers\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    git(root, "tag", "base")
    return root


def edit(rel: str, text: str = "# changed\n") -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((path.read_text() if path.exists() else "") + text)
    return change


def rename(old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        git(root, "mv", old, new)
    return change


def symlink(rel: str, target: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)
    return change


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        for one in changes:
            one(root)
    return change


def point_logo_at(other: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        good = root / "profiles/members/good.yml"
        good.write_text(good.read_text().replace("logo: logos/good.svg", f"logo: {other}"))
    return change


GOOD, ANDERE = "profiles/members/good.yml", "profiles/members/andere.yml"
GOOD_LOGO, ANDERE_LOGO = "profiles/logos/good.svg", "profiles/logos/andere.svg"
OUTSIDE = "CF-W703"
NFD_GOOD = unicodedata.normalize("NFD", "profiles/members/güte.yml")

# kind of change: (the change, warnings for the member, warnings for a manager)
MATRIX: dict[str, tuple[Callable[[Path], None], set[tuple[str, str]], set[tuple[str, str]]]] = {
    "own profile": (edit(GOOD), set(), set()),
    "own logo": (edit(GOOD_LOGO, "<!-- new -->\n"), set(), set()),
    "own profile and own logo": (both(edit(GOOD), edit(GOOD_LOGO, "<!-- new -->\n")), set(), set()),
    "own logo as PNG": (both(point_logo_at("logos/good.png"), edit("profiles/logos/good.png", "png")), set(), set()),
    "other member's profile": (edit(ANDERE), {("CF-W704", ANDERE)}, set()),
    "other member's logo": (edit(ANDERE_LOGO, "<!-- mine now -->\n"), {(OUTSIDE, ANDERE_LOGO)}, set()),
    # Item 3(b): naming another member's logo in one's own profile does not make it one's own.
    "own profile names other member's logo": (
        both(point_logo_at("logos/andere.svg"), edit(ANDERE_LOGO, "<!-- mine now -->\n")), {(OUTSIDE, ANDERE_LOGO)}, set(),
    ),
    # CF-W702 stands on the second profile in path order.
    "own and other member's profile": (both(edit(GOOD), edit(ANDERE)), {("CF-W702", GOOD), ("CF-W704", ANDERE)}, set()),
    "new member profile": (edit("profiles/members/neu.yml", "name: Neu GmbH\n"), set(), set()),
    # Item 3(a): no member profile in the change, and still a member's change.
    "cluster profile": (edit("profiles/cluster.yml"), {(OUTSIDE, "profiles/cluster.yml")}, set()),
    "taxonomy": (edit("profiles/taxonomy.yml"), {(OUTSIDE, "profiles/taxonomy.yml")}, set()),
    "cluster logo": (edit("profiles/logos/cluster.svg", "<!-- new -->\n"), {(OUTSIDE, "profiles/logos/cluster.svg")}, set()),
    "mkdocs.yml, naming oneself a manager": (
        edit("mkdocs.yml", '  # managers: ["@gute-optik"]\n'), {(OUTSIDE, "mkdocs.yml")}, set(),
    ),
    "content page": (edit("content/de/about.md"), {(OUTSIDE, "content/de/about.md")}, set()),
    "theme": (edit("theme/overrides/main.html"), {(OUTSIDE, "theme/overrides/main.html")}, set()),
    "workflow": (edit(".github/workflows/pull-request.yml"), {(OUTSIDE, ".github/workflows/pull-request.yml")}, set()),
    "CODEOWNERS": (edit(".github/CODEOWNERS", "/profiles/** @gute-optik\n"), {(OUTSIDE, ".github/CODEOWNERS")}, set()),
    "own profile and a workflow": (
        both(edit(GOOD), edit(".github/workflows/pull-request.yml")), {(OUTSIDE, ".github/workflows/pull-request.yml")}, set(),
    ),
    "rename own profile": (
        rename(GOOD, "profiles/members/gute.yml"), {("CF-W702", "profiles/members/gute.yml")}, set(),
    ),
    "rename own logo": (rename(GOOD_LOGO, "profiles/logos/gute.svg"), {(OUTSIDE, "profiles/logos/gute.svg")}, set()),
    "rename other member's profile": (
        rename(ANDERE, "profiles/members/andere-neu.yml"),
        {("CF-W702", ANDERE), ("CF-W704", ANDERE)}, set(),
    ),
    # Item 3(c): another case, or another script, is another path, never the member's own.
    "profile in profiles/Members/": (edit("profiles/Members/good.yml"), {(OUTSIDE, "profiles/Members/good.yml")}, set()),
    "profile named in upper case": (edit("profiles/members/Good.yml"), {(OUTSIDE, "profiles/members/Good.yml")}, set()),
    "logo named in upper case": (edit("profiles/logos/Good.svg"), {(OUTSIDE, "profiles/logos/Good.svg")}, set()),
    "non-ASCII profile name": (edit("profiles/members/güte.yml"), {(OUTSIDE, "profiles/members/güte.yml")}, set()),
    "non-ASCII name in NFD": (edit(NFD_GOOD), {(OUTSIDE, NFD_GOOD)}, set()),
    "non-ASCII logo beside own profile": (
        both(edit(GOOD), edit("profiles/logos/gööd.svg", SVG)), {(OUTSIDE, "profiles/logos/gööd.svg")}, set(),
    ),
    "file name with a space": (edit("profiles/members/good .yml"), {(OUTSIDE, "profiles/members/good .yml")}, set()),
    # Links: refused by check; the guard names them for everyone.
    "own logo replaced by a link": (symlink(GOOD_LOGO, "/etc/passwd"), {("CF-W705", GOOD_LOGO)}, {("CF-W705", GOOD_LOGO)}),
    "link as a new profile": (
        symlink("profiles/members/link.yml", "/etc/passwd"),
        {("CF-W705", "profiles/members/link.yml")}, {("CF-W705", "profiles/members/link.yml")},
    ),
    "link in content": (
        symlink("content/de/leak.md", "/etc/hostname"),
        {("CF-W705", "content/de/leak.md"), (OUTSIDE, "content/de/leak.md")}, {("CF-W705", "content/de/leak.md")},
    ),
    "link named profiles/**": (
        both(symlink("profiles/**", "logos/good.svg"), point_logo_at("'**'")),
        {("CF-W705", "profiles/**"), (OUTSIDE, "profiles/**")}, {("CF-W705", "profiles/**")},
    ),
}


def scope(run, root: Path, author: str, base: str = "base") -> set[tuple[str, str]]:
    result = run("--root", root, "scope", base, "--author", author, "--format", "json")
    assert result.code == 0 and "Traceback" not in result.err, result.err
    return {(p["code"], p["file"]) for p in result.problems}


@pytest.mark.parametrize("kind", list(MATRIX), ids=list(MATRIX))
def test_scope_matrix(start: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    change, for_member, for_manager = MATRIX[kind]
    root = tmp_path / "repo"
    shutil.copytree(start, root, symlinks=True)
    change(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", kind)
    assert scope(run, root, MEMBER) == for_member
    assert scope(run, root, MANAGER) == for_manager


def test_scope_matrix_covers_every_kind_of_change_the_issue_names() -> None:
    kinds = " ".join(MATRIX)
    for word in ("own profile", "own logo", "other member's profile", "other member's logo", "cluster", "content",
                 "theme", "workflow", "CODEOWNERS", "rename", "upper case", "non-ASCII", "link"):
        assert word in kinds, word
    assert len(MATRIX) * 2 >= 60  # each kind for a member and for a manager


def commit(root: Path, change: Callable[[Path], None], message: str = "change") -> None:
    change(root)
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def test_managers_by_login_from_the_environment_for_teams(start: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    shutil.copytree(start, root, symlinks=True)
    commit(root, edit("profiles/taxonomy.yml"))
    # @teamlead is in the team @test-cluster/managers, which cannot be resolved offline.
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    assert scope(run, root, "teamlead") == {(OUTSIDE, "profiles/taxonomy.yml")}
    monkeypatch.setenv("CLUSTERFOLIO_MANAGERS", "@somebody, teamlead")
    assert scope(run, root, "TeamLead") == set()


def test_managers_and_maintainers_are_read_from_the_base(start: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(start, root, symlinks=True)

    def promote(repo: Path) -> None:
        mkdocs = repo / "mkdocs.yml"
        mkdocs.write_text(mkdocs.read_text().replace('"@chefin"]', '"@chefin", "@gute-optik"]'))

    def adopt(repo: Path) -> None:
        andere = repo / ANDERE
        andere.write_text(andere.read_text().replace("maintainers: [andere-firma]", "maintainers: [andere-firma, gute-optik]"))

    commit(root, promote)
    assert scope(run, root, MEMBER) == {(OUTSIDE, "mkdocs.yml")}  # not a manager yet: the base decides
    git(root, "tag", "promoted")
    commit(root, adopt)
    assert scope(run, root, MEMBER) == {(OUTSIDE, "mkdocs.yml"), ("CF-W704", ANDERE)}
    assert scope(run, root, MEMBER, base="promoted") == set()  # a manager once the promotion is in the base


def test_the_message_says_who_is_not_a_manager(start: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(start, root, symlinks=True)
    commit(root, edit(".github/workflows/pull-request.yml"))
    result = run("--root", root, "scope", "base", "--author", MEMBER)
    assert result.out == (
        ".github/workflows/pull-request.yml:1:1: warning: changed by someone who is not a manager (@gute-optik is not "
        "among the managers; the team @test-cluster/managers in extra.managers counts only when its members' logins are "
        "listed in the repository variable CLUSTERFOLIO_MANAGERS (README, one-time settings)): a manager should review this file [CF-W703]\n"
    )


def test_a_name_with_a_line_break_is_escaped_in_messages(start: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(start, root, symlinks=True)
    commit(root, edit("content/de/x\n::error::forged.md"))
    result = run("--root", root, "scope", "base", "--author", MEMBER)
    assert result.out.count("\n") == 1 and result.out.startswith("content/de/x\\x0a::error::forged.md:1:1: warning:")


def test_a_deeply_nested_profile_at_the_base_does_not_stop_the_guard(start: Path, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    # Item 1: scope parses the base's profiles (maintainers) the same way as check.
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(start, root, symlinks=True)
    commit(root, edit(ANDERE, "maintainers: " + "[" * 90_000 + "]" * 90_000 + "\n"), "deep")
    git(root, "tag", "deep")
    commit(root, edit(ANDERE))
    result = run("--root", root, "scope", "deep", "--author", MEMBER, "--format", "json")
    assert result.code == 0 and [(p["code"], p["file"]) for p in result.problems] == [("CF-W704", ANDERE)]
