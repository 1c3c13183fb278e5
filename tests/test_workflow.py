"""The contribution and release path: workflows, scope guard, CODEOWNERS, report, changes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TEST_DATE

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name) or name


@pytest.mark.parametrize("workflow", sorted((ROOT / ".github/workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    proc = subprocess.run([tool("actionlint"), "-no-color", str(workflow)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_pass_zizmor() -> None:
    proc = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github/workflows")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout + proc.stderr


def test_workflows_have_least_permissions() -> None:
    import yaml

    pr = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    assert list(pr[True]) == ["pull_request"]  # PyYAML reads the key `on` as True
    assert pr["permissions"] == {"contents": "read"}
    assert "secrets." not in json.dumps(pr)
    checkouts = [s for job in pr["jobs"].values() for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)
    assert release[True] == {"release": {"types": ["published"]}}
    assert release["permissions"] == {}
    assert release["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert release["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert release["jobs"]["deploy"]["environment"]["name"] == "github-pages"


# --- a project in its own git repository ---------------------------------------------------------


def sh(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture
def repo(project: Path) -> Path:
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + "maintainers: [gute-optik]\nlogo: logos/good.svg\n")
    sh(project, "init", "-q", "-b", "main")
    sh(project, "add", "-A")
    sh(project, "commit", "-q", "-m", "start", date="2025-01-10T12:00:00")
    sh(project, "tag", "v1")
    return project


def test_scope_guard_accepts_a_member_editing_their_own_profile_and_logo(repo: Path, run) -> None:
    good = repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("Wir bauen Laser.", "Wir bauen Laser und Optiken."))
    (repo / "profiles/logos/good.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    sh(repo, "commit", "-qam", "member edit")
    result = run("--root", repo, "scope", "v1", "--author", "gute-optik")
    assert result.code == 0 and result.out == "" and "scope: 0 warnings" in result.err


def test_scope_guard_reports_files_outside_the_profile(repo: Path, run) -> None:
    good = repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("Reutlingen", "Tübingen"))
    (repo / "profiles/taxonomy.yml").write_text((repo / "profiles/taxonomy.yml").read_text() + "\n")
    (repo / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text() + "\n")
    sh(repo, "commit", "-qam", "member edit plus more")
    result = run("--root", repo, "scope", "v1", "--author", "someone-else", "--format", "json", "--strict")
    assert result.code == 1
    assert [(p["file"], p["message"]) for p in result.problems] == [
        ("mkdocs.yml", "changed outside the member profile (profiles/members/good.yml) and its logo: a manager should review this file"),
        ("profiles/members/good.yml", "@someone-else is not among the maintainers of this profile"),
        ("profiles/taxonomy.yml", "changed outside the member profile (profiles/members/good.yml) and its logo: a manager should review this file"),
    ]


def test_scope_guard_reports_two_member_profiles_and_stays_quiet_for_managers(repo: Path, run) -> None:
    (repo / "profiles/taxonomy.yml").write_text((repo / "profiles/taxonomy.yml").read_text() + "\n")
    sh(repo, "commit", "-qam", "manager edit")
    assert run("--root", repo, "scope", "v1").out == ""  # no member profile: a manager's change
    new = repo / "profiles/members/zweite.yml"
    new.write_text((repo / "profiles/members/good.yml").read_text().replace("Gute Optik GmbH", "Zweite GmbH"))
    good = repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("Reutlingen", "Tübingen"))
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "two members")
    out = run("--root", repo, "scope", "HEAD~1", "--format", "github").out
    assert "::warning file=profiles/members/zweite.yml,line=1,col=1,title=profiles/members/zweite.yml::this change edits 2 member profiles" in out


def test_codeowners_is_generated_and_check_warns_when_stale(repo: Path, run) -> None:
    mkdocs = repo / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@test-cluster/managers"]\n')
    assert run("--root", repo, "codeowners").code == 0
    assert (repo / ".github/CODEOWNERS").read_text().splitlines()[2:] == [
        "* @test-cluster/managers",
        "/profiles/members/good.yml @test-cluster/managers @gute-optik",
        "/profiles/logos/good.svg @test-cluster/managers @gute-optik",
    ]
    assert run("--root", repo, "check", "--strict", "--date", TEST_DATE).code == 0
    good = repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("maintainers: [gute-optik]", "maintainers: [gute-optik, neu-hier]"))
    result = run("--root", repo, "check", "--date", TEST_DATE)
    assert result.code == 0
    assert ".github/CODEOWNERS:1:1: warning: out of date with the members' maintainers; run: python build.py codeowners" in result.out


def test_report_in_every_format(repo: Path, run) -> None:
    good = repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("  fr: Nous construisons des lasers.\n", ""))
    sh(repo, "commit", "-qam", "drop French", date="2025-06-01T12:00:00")
    (repo / "profiles/members/neu.yml").write_text(good.read_text().replace("Gute Optik GmbH", "Neu GmbH") + "value_chain: [research]\n")
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "new member", date="2026-11-01T12:00:00")
    data = json.loads(run("--root", repo, "report", "--date", TEST_DATE, "--format", "json").out)
    assert data["labels"][0]["days_left"] == 414
    assert data["translations"]["languages"]["fr"] == 0.0
    assert data["translations"]["members"]["good"] == {"percent": {"de": 100.0, "en": 100.0, "fr": 0.0}, "missing": {"fr": ["summary"]}}
    assert "description" in data["completeness"]["good"] and "logo" not in data["completeness"]["good"]
    assert {"competence": "laser-systems", "stage": "research"} not in data["value_chain_gaps"]
    assert {"competence": "optical-coatings", "stage": "research"} in data["value_chain_gaps"]
    assert data["stale"] == {"good": "2025-06-01"}  # neu.yml changed less than 12 months ago
    text = run("--root", repo, "report", "--date", TEST_DATE).out
    assert "  esca-gold: valid, valid until 2028-01-14 (414 days left)" in text
    assert "  good (de 100.0%, en 100.0%, fr 0.0%): missing fr: summary" in text and "  good: last changed 2025-06-01" in text
    markdown = run("--root", repo, "report", "--date", TEST_DATE, "--format", "markdown").out
    assert "| esca-gold | valid | 2028-01-14 | 414 |" in markdown and "## Value-chain gaps" in markdown
    assert "| good | 100.0% | 100.0% | 0.0% | fr: summary |" in markdown


def test_changes_lists_added_removed_renamed_and_updated(repo: Path, run) -> None:
    members = repo / "profiles/members"
    second = (members / "good.yml").read_text().replace("Gute Optik GmbH", "Alte Firma GmbH")
    (members / "alt.yml").write_text(second)
    sh(repo, "add", "-A")
    sh(repo, "commit", "-qm", "second member")
    sh(repo, "tag", "v2")
    (members / "alt.yml").unlink()
    (members / "neu.yml").write_text(second.replace("Alte Firma GmbH", "Neue_Firma GmbH"))
    good = members / "good.yml"
    good.write_text(good.read_text().replace("Gute Optik GmbH", "Beste Optik GmbH").replace("Reutlingen", "Tübingen"))
    cluster = repo / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text().replace("focus: [laser-systems]", "focus: [laser-systems, optical-coatings]"))
    result = run("--root", repo, "changes", "v2")
    assert result.code == 0
    assert result.out == (
        "## Profile changes since v2\n\n"
        "### New members\n\n- Neue\\_Firma GmbH (`neu`)\n\n"
        "### Members who left\n\n- Alte Firma GmbH (`alt`)\n\n"
        "### Renamed\n\n- Gute Optik GmbH → Beste Optik GmbH (`good`)\n\n"
        "### Updated profiles\n\n- Beste Optik GmbH (`good`): city\n\n"
        "### Cluster and taxonomy\n\n- `profiles/cluster.yml`: focus\n"
    )


def test_changes_with_an_unknown_ref_is_a_usage_error(repo: Path, run) -> None:
    result = run("--root", repo, "changes", "v99")
    assert result.code == 2 and "error:" in result.err
