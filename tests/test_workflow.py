"""The contribution and release path: workflows, scope guard, CODEOWNERS, report, changes."""
from __future__ import annotations

import json
import os
import re
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


WORKFLOWS = ROOT / ".github/workflows"
# Every workflow file, named, so a renamed or deleted one fails here instead of going unlinted.
WORKFLOW_FILES = ("label-reminders.yml", "publish.yml", "pull-request.yml", "release.yml")


def load_workflow(name: str) -> dict:
    import yaml

    return yaml.safe_load((WORKFLOWS / name).read_text())


def test_workflow_files_are_all_listed() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.y*ml")) == sorted(WORKFLOW_FILES)


@pytest.mark.parametrize("workflow", [WORKFLOWS / name for name in WORKFLOW_FILES], ids=lambda p: p.name)
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
    assert release[True]["release"] == {"types": ["published"]}
    assert release["permissions"] == {}
    assert release["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert release["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert release["jobs"]["deploy"]["environment"]["name"] == "github-pages"


# --- the daily rebuild of the latest release (issue 11) -----------------------------------------


def test_daily_rebuild_deploys_only_the_latest_published_release_tag() -> None:
    wf = load_workflow("release.yml")
    jobs = wf["jobs"]
    # One workflow, two triggers: the release's own run and the daily one share build and deploy.
    assert set(wf[True]) == {"release", "schedule", "workflow_dispatch"}
    assert wf[True]["schedule"] and all("cron" in s for s in wf[True]["schedule"])
    # The tag comes from the release event or, on schedule and by hand, from GitHub's latest release.
    script = jobs["release"]["steps"][0]["run"]
    assert 'gh api "repos/$GITHUB_REPOSITORY/releases/latest" --jq .tag_name' in script
    assert jobs["release"]["outputs"]["tag"] == "${{ steps.which.outputs.tag }}"
    # The build checks out exactly that tag, and builds only when there is one.
    assert jobs["build"]["needs"] == "release" and jobs["build"]["if"] == "needs.release.outputs.tag != ''"
    checkouts = [s for job in jobs.values() for s in job.get("steps", []) if s.get("uses", "").startswith("actions/checkout@")]
    assert [c["with"]["ref"] for c in checkouts] == ["refs/tags/${{ needs.release.outputs.tag }}"]
    assert all(c["with"]["persist-credentials"] is False for c in checkouts)
    text = (WORKFLOWS / "release.yml").read_text()
    assert "github.ref" not in text and "ref: main" not in text and "github.sha" not in text and "head_ref" not in text
    build_step = next(s for s in jobs["build"]["steps"] if s.get("run") == "python build.py build")
    assert build_step["env"] == {"SOURCE_DATE_EPOCH": "${{ needs.release.outputs.epoch }}"}
    # Least privilege: nothing at the top, read-only to build, write only where Pages needs it.
    assert wf["permissions"] == {}
    assert jobs["release"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    writers = {name for name, job in jobs.items() if any(v == "write" for v in job["permissions"].values())}
    assert writers == {"deploy"}
    assert jobs["deploy"]["needs"] == "build" and jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    # Every action pinned by its commit.
    for job in jobs.values():
        for step in job.get("steps", []):
            if "uses" in step:
                assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def run_release_lookup(tmp_path: Path, event: dict[str, str], gh: str) -> tuple[subprocess.CompletedProcess, dict[str, str], str]:
    """Run the workflow's "Which release" script with a fake gh; its outputs and the gh calls."""
    script = load_workflow("release.yml")["jobs"]["release"]["steps"][0]["run"]
    fake = tmp_path / "bin"
    fake.mkdir(parents=True)
    (fake / "gh").write_text(f'#!/bin/bash\necho "$*" >> "{tmp_path}/gh-calls"\n{gh}\n')
    (fake / "gh").chmod(0o755)
    output = tmp_path / "output"
    output.write_text("")
    env = {"PATH": f"{fake}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output), "GITHUB_REPOSITORY": "example/cluster",
           "EVENT": "", "RELEASE_TAG": "", "PUBLISHED_AT": "", "PRERELEASE": "", "GH_TOKEN": "token", **event}
    proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    calls = (tmp_path / "gh-calls").read_text() if (tmp_path / "gh-calls").exists() else ""
    return proc, outputs, calls


def test_scheduled_run_builds_the_latest_release_tag_with_todays_date(tmp_path: Path) -> None:
    import datetime as dt

    proc, outputs, calls = run_release_lookup(tmp_path, {"EVENT": "schedule"}, "echo v2.1")
    assert proc.returncode == 0, proc.stderr
    assert calls == "api repos/example/cluster/releases/latest --jq .tag_name\n"
    assert outputs["tag"] == "v2.1"
    midnight = dt.datetime.fromtimestamp(int(outputs["epoch"]), dt.UTC)
    assert midnight.date() == dt.datetime.now(dt.UTC).date() and midnight.time() == dt.time(0, 0)


def test_release_run_builds_its_own_tag_with_its_publication_date(tmp_path: Path) -> None:
    event = {"EVENT": "release", "RELEASE_TAG": "v3", "PUBLISHED_AT": "2026-06-02T09:30:00Z", "PRERELEASE": "false"}
    proc, outputs, calls = run_release_lookup(tmp_path, event, "exit 1")
    assert proc.returncode == 0, proc.stderr
    assert calls == "" and outputs == {"tag": "v3", "epoch": "1780392600"}  # 2026-06-02T09:30:00Z


def test_prerelease_and_no_release_yet_deploy_nothing_and_other_lookup_errors_fail(tmp_path: Path) -> None:
    pre = {"EVENT": "release", "RELEASE_TAG": "v3-rc1", "PUBLISHED_AT": "2026-06-02T09:30:00Z", "PRERELEASE": "true"}
    proc, outputs, _ = run_release_lookup(tmp_path / "pre", pre, "exit 1")
    assert proc.returncode == 0 and outputs == {} and "prerelease" in proc.stdout
    proc, outputs, _ = run_release_lookup(tmp_path / "none", {"EVENT": "schedule"}, 'echo "gh: Not Found (HTTP 404)" >&2; exit 1')
    assert proc.returncode == 0 and outputs == {} and "no published release yet" in proc.stdout
    proc, outputs, _ = run_release_lookup(tmp_path / "auth", {"EVENT": "schedule"}, 'echo "gh: Bad credentials (HTTP 401)" >&2; exit 1')
    assert proc.returncode == 1 and outputs == {} and "HTTP 401" in proc.stderr


# --- the expiry reminders (issue 11) -------------------------------------------------------------


def test_reminder_workflow_writes_only_issues() -> None:
    wf = load_workflow("label-reminders.yml")
    assert set(wf[True]) == {"schedule", "workflow_dispatch"} and wf[True]["schedule"][0]["cron"]
    assert wf["permissions"] == {}
    assert list(wf["jobs"]) == ["remind"]
    job = wf["jobs"]["remind"]
    # issues: write is the one write; contents: read only to check out the profiles it reads.
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    checkout, *_ = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"] == {"persist-credentials": False}
    assert job["steps"][-1]["run"] == "python build.py reminders"
    assert job["steps"][-1]["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    assert "secrets." not in json.dumps(wf)


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
        ("profiles/members/good.yml", "@someone-else is not among the maintainers of this profile (@gute-optik): one of them or a manager approves this change"),
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
    assert ".github/CODEOWNERS:1:1: warning: out of date with the members' maintainers; run: clusterfolio codeowners" in result.out


def test_report_in_every_format(repo: Path, run) -> None:
    good = repo / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("  fr: Nous construisons des lasers.\n", ""))
    sh(repo, "commit", "-qam", "drop French", date="2025-06-01T12:00:00")
    # Without good's logo: a member's logo is its own (named after its profile file).
    neu = good.read_text().replace("Gute Optik GmbH", "Neu GmbH").replace("logo: logos/good.svg\n", "")
    (repo / "profiles/members/neu.yml").write_text(neu + "value_chain: [research]\n")
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
        # Every name, slug and field in a code span (issue 21, item 4).
        "## Profile changes since `v2`\n\n"
        "### New members\n\n- `Neue_Firma GmbH` (`neu`)\n\n"
        "### Members who left\n\n- `Alte Firma GmbH` (`alt`)\n\n"
        "### Renamed\n\n- `Gute Optik GmbH` → `Beste Optik GmbH` (`good`)\n\n"
        "### Updated profiles\n\n- `Beste Optik GmbH` (`good`): `city`\n\n"
        "### Cluster and taxonomy\n\n- `profiles/cluster.yml`: `focus`\n"
    )


def test_changes_with_an_unknown_ref_is_a_usage_error(repo: Path, run) -> None:
    result = run("--root", repo, "changes", "v99")
    assert result.code == 2 and "error:" in result.err
