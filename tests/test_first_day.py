"""Issue 22, "a cluster's first day": from `clusterfolio new` to a published site, with nothing to
guess. One test (or more) per item, named for it; `serve` (item 7) is tests/test_serve.py, the
tool's own release path (item 1) tests/test_publish.py.

The end-to-end test takes the installed tool (a wheel in a fresh virtual environment, as a manager
has it), runs `clusterfolio new`, follows the new repository's README literally, and then runs
each scaffolded workflow's steps in order in that repository, GitHub's own actions replaced by
their local effect, with no package index for clusterfolio itself (its wheel is in vendor/).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from clusterfolio import placeholders
from clusterfolio.paths import command

from .conftest import MINIMAL, ROOT, TEST_DATE, served
from .scaffolding import complete_placeholders
from .test_package import Installed, clean_env
from .test_scope import git

ORG, NAME, MEMBER_LOGIN = "medtech-tut", "Medtech Tuttlingen", "anna-mueller"


def sh(command: str, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", command], cwd=cwd, env=env or clean_env(), capture_output=True,
                          text=True, timeout=timeout)


def readme_commands(repo: Path, heading: str) -> list[str]:
    """The shell lines of the first ```sh block under a heading of the repository's README."""
    text = (repo / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.split("#", 1)[0].strip()]


def add_first_member(repo: Path, tool: str, env: dict[str, str]) -> None:
    """README, First steps 2: new-member, fill in the template, delete the example member."""
    proc = sh(f'{tool} new-member "Beispiel Medizintechnik GmbH"', repo, env)
    assert proc.returncode == 0, proc.stderr
    # The scaffold writes messages_language: de, so the tool speaks German to this cluster.
    assert proc.stdout.strip().endswith("führen Sie dann aus: clusterfolio check")
    path = repo / "profiles/members/beispiel-medizintechnik.yml"
    text = path.read_text(encoding="utf-8")
    for field, value in (("type", "sme"), ("city", "Tuttlingen"), ("website", "https://beispiel-medizintechnik.test")):
        text = re.sub(rf"^{field}:$", f"{field}: {value}", text, count=1, flags=re.M)
    text = text.replace("summary:\n  de:\n  en:\n", "summary:\n  de: Wir fertigen chirurgische Instrumente.\n  en: We make surgical instruments.\n", 1)
    text = text.replace("competences:\n  -\n", "competences:\n  - manufacturing\n", 1)
    text = text.replace("  email:\n", "  email: vertrieb@beispiel-medizintechnik.test\n", 1)
    text = text.replace("maintainers: []", f"maintainers: [{MEMBER_LOGIN}]", 1)
    path.write_text(text, encoding="utf-8")
    (repo / "profiles/members/example-member.yml").unlink()
    assert sh(f"{tool} codeowners", repo, env).returncode == 0  # README, First steps 3


class Workflow:
    """A scaffolded workflow's jobs run here: `run:` steps in bash, GitHub's actions by their local effect."""

    def __init__(self, repo: Path, name: str, env: dict[str, str], context: dict[str, str]) -> None:
        self.repo, self.name, self.env, self.context = repo, name, env, context
        self.data = yaml.safe_load((repo / ".github/workflows" / name).read_text(encoding="utf-8"))
        self.outputs: dict[str, dict[str, str]] = {}
        self.log: list[tuple[str, int, str]] = []  # (step, exit status, output)

    def expression(self, text: str, job: str) -> str:
        def value(match: re.Match) -> str:
            expr = match.group(1).strip()
            if m := re.fullmatch(r"needs\.(\w+)\.outputs\.(\w+)", expr):
                return self.outputs.get(m.group(1), {}).get(m.group(2), "")
            if m := re.fullmatch(r"steps\.(\w+)\.outputs\.(\w+)", expr):
                return self.outputs.get(f"{job}.{m.group(1)}", {}).get(m.group(2), "")
            assert expr in self.context, f"{self.name}: no local value for ${{{{ {expr} }}}}"
            return self.context[expr]
        return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

    def condition(self, text: str | None, job: str) -> bool:
        if text is None:
            return True
        text = str(text).strip()
        if text == "always()":
            return True
        if m := re.fullmatch(r"(needs\.\w+\.outputs\.\w+) != ''", text):
            return self.expression("${{ " + m.group(1) + " }}", job) != ""
        raise AssertionError(f"{self.name}: no local meaning for if: {text}")

    def run(self, stop_on_failure: bool = True) -> bool:
        """Every job in the order of its needs; False when a step failed (the rest of its job is skipped)."""
        done: list[str] = []
        jobs = dict(self.data["jobs"])
        while jobs:
            name = next(n for n, j in jobs.items() if all(need in done for need in ([j["needs"]] if isinstance(j.get("needs"), str) else j.get("needs", []))))
            job = jobs.pop(name)
            done.append(name)
            if not self.condition(job.get("if"), name):
                continue
            if not self.job(name, job) and stop_on_failure:
                return False
            self.outputs[name] = {key: self.expression(v, name) for key, v in (job.get("outputs") or {}).items()}
        return True

    def job(self, name: str, job: dict) -> bool:
        failed = False
        for index, step in enumerate(job["steps"]):
            label = step.get("name") or step.get("id") or step.get("uses") or f"step {index}"
            if failed and str(step.get("if", "")).strip() != "always()":
                continue
            if not self.condition(step.get("if"), name):
                continue
            if "uses" in step:
                self.action(step["uses"].split("@")[0], step.get("with") or {}, name)
                continue
            env = {**self.env, **{k: self.expression(v, name) for k, v in (step.get("env") or {}).items()}}
            output = self.repo.parent / f"{self.name}.{name}.{index}.output"
            output.write_text("")
            env["GITHUB_OUTPUT"] = str(output)
            proc = sh(self.expression(step["run"], name), self.repo, env)
            self.log.append((label, proc.returncode, proc.stdout + proc.stderr))
            if step.get("id"):
                self.outputs[f"{name}.{step['id']}"] = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
            failed = failed or proc.returncode != 0
        return not failed

    def action(self, action: str, options: dict, job: str) -> None:
        """What a GitHub action does here: the repository is checked out and Python set up already."""
        if action == "actions/checkout":
            ref = self.expression(options.get("ref", ""), job)
            if ref.startswith("refs/tags/"):
                git(self.repo, "checkout", "-q", ref.removeprefix("refs/tags/"))
        elif action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            assert (self.repo / options["path"]).is_dir(), f"{self.name}: nothing at {options['path']} to upload"
        elif action not in ("actions/setup-python", "actions/deploy-pages"):
            raise AssertionError(f"{self.name}: no local meaning for {action}")

    def step(self, label: str) -> tuple[int, str]:
        return next((code, out) for name, code, out in self.log if name == label)


@pytest.fixture(scope="module")
def first_day(installed: Installed, tmp_path_factory: pytest.TempPathFactory):
    """`clusterfolio new` with the installed tool, then the README's Preview block run literally."""
    work = tmp_path_factory.mktemp("first-day")
    env = clean_env(PATH=f"{installed.bin}{os.pathsep}{os.environ['PATH']}", **GIT_IDENTITY)
    made = sh(f'clusterfolio new medtech-tuttlingen --name "{NAME}" --languages de,en --github-org {ORG}', work, env)
    assert made.returncode == 0, made.stdout + made.stderr
    repo = work / "medtech-tuttlingen"
    preview = [line for line in readme_commands(repo, "Preview") if " serve" not in line]  # serve runs until stopped
    assert preview[:2] == ["python -m venv .venv", ".venv/bin/pip install -r requirements.txt"]
    for line in preview:  # as the README says, word for word
        proc = sh(line, repo, env)
        assert proc.returncode == 0, f"{line}:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
    return repo, env, made.stdout


GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Manager", "GIT_AUTHOR_EMAIL": "m@cluster.test", "GIT_COMMITTER_NAME": "Manager",
                "GIT_COMMITTER_EMAIL": "m@cluster.test"}


def test_item1_new_vendors_the_running_tools_wheel_and_pins_requirements_to_it(first_day, installed: Installed) -> None:
    repo, _, said = first_day
    [wheel] = (repo / "vendor").glob("clusterfolio-*.whl")
    assert (repo / "requirements.txt").read_text().splitlines()[-1] == f"./vendor/{wheel.name}"
    assert "its wheel in vendor/" in said
    # The wheel packed again from the installed files is the wheel it was installed from: every
    # file, byte for byte (RECORD aside, whose lines name the same files and hashes).
    ours, original = zipfile.ZipFile(wheel), zipfile.ZipFile(installed.wheel)
    names = {n for n in original.namelist() if not n.endswith("/RECORD")}
    assert {n for n in ours.namelist() if not n.endswith("/RECORD")} == names
    assert all(ours.read(n) == original.read(n) for n in names)
    # The repository's own environment took clusterfolio from that file, not from an index.
    site = next((repo / ".venv/lib").glob("python3*/site-packages"))
    [info] = site.glob("clusterfolio-*.dist-info")
    assert json.loads((info / "direct_url.json").read_text())["url"] == wheel.resolve().as_uri()


def test_item1_every_scaffolded_workflow_runs_on_the_completed_scaffold(first_day, tmp_path: Path) -> None:
    """All three workflows, their run: steps in order in the repository's own environment."""
    repo, env, _ = first_day
    env = {**env, "PATH": f"{repo / '.venv/bin'}{os.pathsep}{env['PATH']}", "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": f"{ORG}/medtech-tuttlingen"}
    work = tmp_path / "repo"
    git(tmp_path, "clone", "-q", str(repo), str(work))  # what a manager's colleague clones: no .venv, no site/
    complete_placeholders(work, "medtech-tuttlingen.test")
    add_first_member(work, "clusterfolio", env)
    git(work, "add", "-A")
    git(work, "commit", "-qm", "The cluster, completed")
    base = git(work, "rev-parse", "HEAD").strip()
    # A member's pull request: she changes her summary.
    git(work, "checkout", "-qb", "anna-summary")
    profile = work / "profiles/members/beispiel-medizintechnik.yml"
    profile.write_text(profile.read_text().replace("We make surgical instruments.", "We make and sterilise surgical instruments."))
    git(work, "commit", "-qam", "Our summary")
    summary = tmp_path / "step-summary.md"
    pull = Workflow(work, "pull-request.yml", {**env, "GITHUB_STEP_SUMMARY": str(summary)}, {
        "github.event.pull_request.base.sha": base, "github.event.pull_request.user.login": MEMBER_LOGIN,
        "github.event.pull_request.number": "1", "vars.CLUSTERFOLIO_MANAGERS": "",
    })
    assert pull.run(), pull.log
    assert [code for _, code, _ in pull.log] == [0] * len(pull.log) and len(pull.log) == 5
    assert "We make and sterilise surgical instruments." in summary.read_text()
    assert (work / "site/de/members/beispiel-medizintechnik/index.html").is_file()
    # Merged, and released as v1.0.0.
    git(work, "checkout", "-q", "main")
    git(work, "merge", "-q", "--ff-only", "anna-summary")
    git(work, "tag", "v1.0.0")
    release = Workflow(work, "release.yml", env, {
        "github.event_name": "release", "github.event.release.tag_name": "v1.0.0", "github.event.release.published_at": "2026-12-01T09:30:00Z",
        "github.event.release.prerelease": "false", "github.token": "",
    })
    assert release.run(), release.log
    assert release.outputs["release"] == {"tag": "v1.0.0", "epoch": str(int(dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC).timestamp()))}
    assert release.step("Nothing made up is published")[0] == 0
    assert (work / "site/de/imprint/index.html").is_file()
    git(work, "checkout", "-q", "main")
    # The daily reminders, against a local stand-in for GitHub's API that has no issues yet.
    issues = tmp_path / f"api/repos/{ORG}/medtech-tuttlingen/issues"
    issues.parent.mkdir(parents=True)
    issues.write_text("[]")  # no reminder issue yet (the cluster has no label)
    with served(tmp_path / "api") as api:
        reminders = Workflow(work, "label-reminders.yml", {**env, "GITHUB_API_URL": api}, {"github.token": "token"})
        assert reminders.run(), reminders.log
    assert "nichts zu tun" in reminders.step("Open, update or close reminder issues")[1]


def test_item2_the_release_refuses_a_scaffold_with_its_placeholders_naming_them(first_day, tmp_path: Path) -> None:
    repo, env, _ = first_day
    env = {**env, "PATH": f"{repo / '.venv/bin'}{os.pathsep}{env['PATH']}"}
    work = tmp_path / "repo"
    git(tmp_path, "clone", "-q", str(repo), str(work))
    git(work, "tag", "v0.1.0")
    release = Workflow(work, "release.yml", env, {
        "github.event_name": "release", "github.event.release.tag_name": "v0.1.0", "github.event.release.published_at": "2026-12-01T09:30:00Z",
        "github.event.release.prerelease": "false", "github.token": "",
    })
    assert not release.run()
    code, out = release.step("Nothing made up is published")
    assert code == 1
    for expected in ("content/de/imprint.md:3:", "error: eine noch zu ergänzende Stelle", "[CF-W706]", "profiles/cluster.yml",
                     "die Beispieladresse", "[CF-W707]", "[CF-W709]"):
        assert expected in out, expected
    assert not (work / "site").exists()  # the build step never ran


# --- 2: the imprint and contact page take the address from cluster.yml --------------------------


def test_item2_the_imprint_shows_the_address_from_cluster_yml(project: Path, tmp_path: Path) -> None:
    from .conftest import build_project

    (project / "content/de").mkdir(parents=True)
    (project / "content/de/imprint.md").write_text("# Impressum\n\n## Anbieter\n\n{{ contact }}\n\n## Vertretung\n\nDer Vorstand.\n")
    cluster = project / "profiles/cluster.yml"
    text = cluster.read_text()
    assert "contact:\n" in text
    cluster.write_text(text.replace("contact:\n", 'contact:\n  street: Am Hafen 1\n  postal_code: "24103"\n  city: Kiel\n  phone: "+49 431 555-0100"\n', 1))
    site = tmp_path / "site"
    build_project(project, site)
    page = (site / "de/imprint/index.html").read_text()
    address = re.search(r'<address class="cf-address">(.*?)</address>', page, re.S)
    assert address and "Am Hafen 1" in address.group(1) and "24103 Kiel" in address.group(1) and "Telefon: " in address.group(1)
    assert page.index("Anbieter") < page.index("cf-address") < page.index("Vertretung")  # where the line stood
    assert "{{ contact }}" not in page and "clusterfolio:contact" not in page
    # One source: a new e-mail in cluster.yml is the imprint's new e-mail.
    cluster.write_text(cluster.read_text().replace("email: ", "email: neu-", 1))
    build_project(project, site)
    assert "mailto:neu-" in (site / "de/imprint/index.html").read_text()


def test_item2_check_lists_the_scaffolds_placeholders_and_release_makes_them_errors(tmp_path: Path, run) -> None:
    folder = tmp_path / "c"
    assert run("new", folder, "--name", "C", "--no-git").code == 0
    warned = run("--root", folder, "check", "--format", "json", "--date", TEST_DATE)
    assert warned.code == 0 and {p["severity"] for p in warned.problems} == {"warning"}
    released = run("--root", folder, "check", "--release", "--format", "json", "--date", TEST_DATE)
    assert released.code == 1
    assert {p["code"] for p in released.problems if p["severity"] == "error"} == placeholders.CODES


def test_item2_a_fictional_cluster_keeps_its_example_addresses(run) -> None:
    result = run("--root", ROOT, "check", "--release", "--date", TEST_DATE)
    assert result.code == 0, result.out  # the demo: extra.fictional, example.org on purpose


# --- 3: the scope guard's messages fit what happened ---------------------------------------------


@pytest.fixture
def repo_with_unmaintained_profile(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    subprocess.run(["cp", "-a", str(MINIMAL), str(root)], check=True)
    good = root / "profiles/members/good.yml"
    good.write_text(good.read_text() + "maintainers: []\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    git(root, "tag", "base")
    return root


def _w704(run, root: Path, author: str) -> str:
    result = run("--root", root, "scope", "base", "--author", author, "--format", "json")
    return next(p["message"] for p in json.loads(result.out)["problems"] if p["code"] == "CF-W704")


def test_item3_a_member_who_adds_herself_to_a_new_profile_is_told_a_manager_approves_once(repo_with_unmaintained_profile: Path, run) -> None:
    root = repo_with_unmaintained_profile
    good = root / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("maintainers: []", f"maintainers: [{MEMBER_LOGIN}]"))
    git(root, "commit", "-qam", "I maintain this")
    message = _w704(run, root, MEMBER_LOGIN)
    assert message.startswith(f"@{MEMBER_LOGIN} adds themselves as the first maintainer of this profile: right so")
    assert "a manager approves this first listing once" in message and "not among" not in message


def test_item3_a_change_to_a_profile_without_maintainers_says_how_to_become_one(repo_with_unmaintained_profile: Path, run) -> None:
    root = repo_with_unmaintained_profile
    good = root / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("city: Reutlingen", "city: Tübingen"))
    git(root, "commit", "-qam", "moved")
    assert "lists no maintainers yet" in _w704(run, root, MEMBER_LOGIN)


def test_item3_the_scope_warning_for_a_manager_points_to_the_managers_variable(repo_with_unmaintained_profile: Path, run, monkeypatch) -> None:
    monkeypatch.delenv("CLUSTERFOLIO_MANAGERS", raising=False)
    root = repo_with_unmaintained_profile
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + '  managers: ["@cluster-nord/managers"]\n')
    git(root, "commit", "-qam", "managers")
    git(root, "tag", "-f", "base")
    (root / "profiles/taxonomy.yml").write_text((root / "profiles/taxonomy.yml").read_text() + "\n")
    git(root, "commit", "-qam", "a manager's change")
    result = run("--root", root, "scope", "base", "--author", "the-manager", "--format", "json")
    [message] = [p["message"] for p in json.loads(result.out)["problems"]]
    assert "CLUSTERFOLIO_MANAGERS" in message and "@cluster-nord/managers" in message
    readme = Path(__file__).parent.parent / "clusterfolio/scaffold/README.md.jinja"
    assert "name `CLUSTERFOLIO_MANAGERS`" in readme.read_text()


# --- 4: one command name everywhere ---------------------------------------------------------------


def _messages_naming_commands(run, root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Every message path that names a command, in one repository: all they print and write."""
    import functools

    from clusterfolio import problems as fmt

    said = [run("--root", root, "new-member", "Neu GmbH").out, (root / "profiles/members/neu.yml").read_text()]
    (root / "profiles/members/neu.yml").unlink()
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@cluster-nord/managers"]\n')
    # CODEOWNERS out of date (CF-W701), on GitHub: an annotation and a step summary cut short.
    step = tmp_path / f"summary-{root.name}.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    monkeypatch.setattr(fmt, "github_step_summary", functools.partial(fmt.github_step_summary, budget=300))
    said.append(run("--root", root, "check", "--format", "github", "--date", TEST_DATE).out)
    said.append(step.read_text())
    monkeypatch.undo()
    assert run("--root", root, "codeowners").code == 0
    said.append((root / ".github/CODEOWNERS").read_text())
    from clusterfolio import summary

    said.append(summary.CUT.format(command=command(root)))
    cluster = root / "profiles/cluster.yml"  # a label in its last 90 days: the reminder's text
    said.append(run("--root", root, "reminders", "--dry-run", "--date", "2027-11-02").out)
    assert "esca-gold" in said[-1], said[-1] + cluster.read_text()
    return "\n".join(said)


def test_item4_no_message_says_python_build_py_in_a_cluster_repository(tmp_path: Path, run, monkeypatch) -> None:
    cluster = tmp_path / "cluster"
    subprocess.run(["cp", "-a", str(MINIMAL), str(cluster)], check=True)
    text = _messages_naming_commands(run, cluster, monkeypatch, tmp_path)
    assert "python build.py" not in text
    assert "clusterfolio check" in text and "clusterfolio codeowners" in text and "clusterfolio reminders" in text


def test_item4_in_clusterfolios_own_checkout_messages_say_python_build_py(tmp_path: Path, run, monkeypatch) -> None:
    checkout = tmp_path / "checkout"
    subprocess.run(["cp", "-a", str(MINIMAL), str(checkout)], check=True)
    (checkout / "build.py").write_text("from clusterfolio.cli import main\n")
    (checkout / "clusterfolio").mkdir()
    (checkout / "clusterfolio/cli.py").write_text("")
    text = _messages_naming_commands(run, checkout, monkeypatch, tmp_path)
    assert "python build.py check" in text and "python build.py codeowners" in text and "python build.py reminders" in text
    assert "`clusterfolio " not in text and "run: clusterfolio" not in text


# --- 5: the scaffold carries what its files point to ---------------------------------------------


def test_item5_the_member_templates_schema_link_resolves_in_a_new_cluster(tmp_path: Path, run) -> None:
    folder = tmp_path / "c"
    assert run("new", folder, "--name", "C", "--no-git").code == 0
    assert run("--root", folder, "new-member", "Neu GmbH").code == 0
    template = (folder / "profiles/members/neu.yml").read_text()
    link = re.match(r"# yaml-language-server: \$schema=(\S+)", template)
    assert link, template[:200]
    target = (folder / "profiles/members" / link.group(1)).resolve()
    assert target.is_file() and json.loads(target.read_text())["title"]
    from clusterfolio.resources import schema_dir

    assert target.read_bytes() == (schema_dir() / "member.schema.json").read_bytes()


# --- 6: messages that list the choices -------------------------------------------------------------


def test_item6_an_empty_type_says_it_is_empty_and_lists_the_member_types(project: Path, run) -> None:
    good = project / "profiles/members/good.yml"
    good.write_text(re.sub(r"^type: .*$", "type:", good.read_text(), flags=re.M))
    [problem] = run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems
    assert problem["field"] == "type" and problem["message"].startswith("is empty; write a value")
    assert "choose one of: sme (KMU), research (Forschungseinrichtung), startup (Start-up)" in problem["message"]


def test_item6_an_empty_competence_lists_the_competences(project: Path, run) -> None:
    good = project / "profiles/members/good.yml"
    good.write_text(re.sub(r"^competences: .*$", "competences:\n  -", good.read_text(), flags=re.M))
    [problem] = run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems
    assert problem["field"] == "competences[0]" and "choose one of: laser-systems (Lasersysteme)" in problem["message"]


def test_item6_an_unknown_label_scheme_says_where_schemes_are_declared(project: Path, run) -> None:
    cluster = project / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text().replace("scheme: esca-gold", "scheme: cluster-exzellenz-bw"))
    [problem] = run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems
    assert problem["code"] == "CF-E201"
    assert "label schemes are declared under label_schemes in profiles/taxonomy.yml, each with name, level, issuer" in problem["message"]


def test_item6_a_taxonomy_without_label_schemes_says_how_to_add_one(project: Path, run) -> None:
    taxonomy = project / "profiles/taxonomy.yml"
    text = taxonomy.read_text()
    taxonomy.write_text(text[: text.index("label_schemes:")])
    messages = [p["message"] for p in run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems]
    assert any("declares no label schemes yet: add one under label_schemes:, with name, level, issuer" in m for m in messages), messages


# --- 8: command-line conventions ---------------------------------------------------------------------


def test_item8_version_and_bare_command(installed: Installed, tmp_path: Path) -> None:
    from importlib.metadata import version

    tool = str(installed.bin / "clusterfolio")
    shown = subprocess.run([tool, "--version"], capture_output=True, text=True, cwd=tmp_path, env=clean_env())
    assert shown.returncode == 0 and shown.stdout.strip() == f"clusterfolio {version('clusterfolio')}"
    bare = subprocess.run([tool], capture_output=True, text=True, cwd=tmp_path, env=clean_env())
    assert bare.returncode == 2 and bare.stderr.startswith("usage: clusterfolio") and "new-member" in bare.stderr
    assert not (tmp_path / "site").exists()  # nothing was built


def test_item8_python_build_py_without_a_command_still_builds(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(MINIMAL), "--date", TEST_DATE, "--out", str(tmp_path / "site")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "site/index.html").is_file()


@pytest.mark.parametrize("args, usage", [
    (["check", "--format", "xml"], "usage: clusterfolio check "),
    (["new-member"], "usage: clusterfolio new-member "),
    (["scope"], "usage: clusterfolio scope "),
    (["frobnicate"], "usage: clusterfolio "),
])
def test_item8_wrong_usage_prints_that_commands_usage_and_exits_2(installed: Installed, tmp_path: Path, args: list[str], usage: str) -> None:
    proc = subprocess.run([str(installed.bin / "clusterfolio"), *args], capture_output=True, text=True, cwd=tmp_path, env=clean_env())
    assert proc.returncode == 2 and proc.stderr.startswith(usage) and "Traceback" not in proc.stderr


def test_item8_scope_outside_git_says_so_once(tmp_path: Path, run) -> None:
    folder = tmp_path / "c"
    subprocess.run(["cp", "-a", str(MINIMAL), str(folder)], check=True)
    result = run("--root", folder, "scope", "HEAD")
    assert result.code == 2
    assert result.err == f"error: {folder} is not a git repository: run this in the cluster's repository (git clone it first), or give --root\n"
    git(folder, "init", "-q")
    result = run("--root", folder, "scope", "nosuchref")
    assert result.err.count("error:") == 1 and "'nosuchref'" in result.err


def test_item8_new_makes_a_git_repository_and_says_what_comes_next(tmp_path: Path, run, monkeypatch) -> None:
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)
    result = run("new", tmp_path / "medtech", "--name", NAME, "--github-org", ORG)
    assert result.code == 0
    assert git(tmp_path / "medtech", "status", "--porcelain") == ""  # everything committed
    assert git(tmp_path / "medtech", "branch", "--show-current").strip() == "main"
    for expected in ("clusterfolio check", "clusterfolio serve --open", f"{ORG}/medtech", f"git remote add origin https://github.com/{ORG}/medtech.git",
                     "git push -u origin main", "one-time settings"):
        assert expected in result.out, expected
    assert run("new", tmp_path / "plain", "--name", NAME, "--no-git").code == 0
    assert not (tmp_path / "plain/.git").exists()
