"""`clusterfolio new` (issue 14): a cluster repository in one step that passes `check --strict` and
builds; the demo is such a cluster; a cluster's own theme/ files win over the package's.

The installed tool in a fresh virtual environment is tests/test_package.py; these run in-process.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from clusterfolio import placeholders
from clusterfolio.resources import overrides_dir, scaffold_dir, templates_dir
from clusterfolio.site.kinds import Kind

from .conftest import ROOT, TEST_DATE, build_project
from .scaffolding import complete_placeholders

BIN = Path(sys.executable).parent
WORKFLOWS = ("label-reminders.yml", "pull-request.yml", "release.yml")
# The demo's workflows run the tool from its own checkout; a cluster's install the pinned version
# and call the `clusterfolio` command. Nothing else may differ.
TO_CLUSTER = (
    ("python -m pip install --disable-pip-version-check -e .", "python -m pip install --disable-pip-version-check -r requirements.txt"),
    ("python build.py ", "clusterfolio "),
)


def as_cluster_workflow(text: str) -> str:
    """The demo's workflow as a scaffolded cluster has it."""
    for demo, cluster in TO_CLUSTER:
        text = text.replace(demo, cluster)
    return text


def demo_settings() -> list[str]:
    """`new`'s options for this repository's demo, read from its own files."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cluster = yaml.safe_load((ROOT / "profiles/cluster.yml").read_text(encoding="utf-8"))
    org = config["extra"]["managers"][0].removeprefix("@").split("/")[0]
    return ["--name", cluster["name"], "--languages", ",".join(config["extra"]["languages"]),
            "--github-org", org, "--site-url", config["site_url"], "--country", cluster["country"]]


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new cluster with three languages, made once for the tests that only read it."""
    from clusterfolio.cli import main

    folder = tmp_path_factory.mktemp("new") / "nordwind-cluster"
    assert main(["new", str(folder), "--name", "Nordwind & Partner", "--languages", "de,en,fr", "--github-org", "nordwind-example"]) == 0
    return folder


def test_new_writes_a_cluster_repository_that_passes_check_strict_once_completed(scaffolded: Path, run, tmp_path: Path) -> None:
    tracked = subprocess.run(["git", "-C", str(scaffolded), "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    names = sorted(p.relative_to(scaffolded).as_posix() for p in scaffolded.rglob("*") if p.is_file() and ".git" not in p.relative_to(scaffolded).parts[:1])
    assert names == tracked  # git init, and every file in the first commit
    wheel = f"vendor/clusterfolio-{version('clusterfolio')}-py3-none-any.whl"
    assert names == sorted([
        ".github/CODEOWNERS", ".github/pull_request_template.md",
        ".github/workflows/label-reminders.yml", ".github/workflows/pull-request.yml", ".github/workflows/release.yml",
        ".gitignore", "CONTRIBUTING.md", "README.md",
        *(f"content/{lang}/{page}.md" for lang in ("de", "en", "fr") for page in ("about", "imprint", "privacy")),
        "mkdocs.yml", "profiles/cluster.yml", "profiles/logos/cluster.svg", "profiles/members/example-member.yml",
        "profiles/taxonomy.yml", "requirements.txt", "theme/README.md",
        "schema/cluster.schema.json", "schema/member.schema.json", "schema/taxonomy.schema.json", wheel,
    ])
    assert (scaffolded / "requirements.txt").read_text().splitlines()[-1] == f"./{wheel}"
    config = yaml.safe_load((scaffolded / "mkdocs.yml").read_text())
    assert config["site_url"] == "https://nordwind-example.github.io/nordwind-cluster/"
    assert config["extra"] == {"languages": ["de", "en", "fr"], "international_language": "en", "fallback_languages": [],
                               "managers": ["@nordwind-example/managers"], "messages_language": "de"}
    assert "* @nordwind-example/managers" in (scaffolded / ".github/CODEOWNERS").read_text()
    assert "Nordwind &amp; Partner" in (scaffolded / "content/en/about.md").read_text()  # Markdown shows the name as written
    assert "{{ contact }}" in (scaffolded / "content/en/imprint.md").read_text()  # the address comes from cluster.yml
    contributing = (scaffolded / "CONTRIBUTING.md").read_text()
    assert "## Deutsch" in contributing and "## English" in contributing and "German, English, and French" in contributing
    readme = (scaffolded / "README.md").read_text()
    for needed in ("clusterfolio serve", "Required reviewers", "tag ruleset", "Deployment branches and tags", "requirements.txt", "check --release"):
        assert needed in readme
    # As written, the placeholders are warnings only; the release refuses them.
    result = run("--root", scaffolded, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 0, result.out + result.err
    assert {p["code"] for p in result.problems} == placeholders.CODES - {"CF-W708"}  # managers are named (--github-org)
    assert run("--root", scaffolded, "check", "--release", "--date", TEST_DATE).code == 1
    # Completed as the README says, nothing is left: --strict and --release pass.
    completed = tmp_path / "completed"
    shutil.copytree(scaffolded, completed)
    complete_placeholders(completed)
    for option in ("--strict", "--release"):
        result = run("--root", completed, "check", option, "--date", TEST_DATE)
        assert result.code == 0, result.out + result.err
        assert "keine Probleme gefunden" in result.err


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, run) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("new", tmp_path, "--name", "Cluster")
    assert result.code == 2
    assert result.err == f"error: {tmp_path.resolve()} is not empty: give a new folder (nothing was written)\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_refuses_unusable_options_all_at_once_and_writes_nothing(tmp_path: Path, run) -> None:
    result = run("new", tmp_path / "x", "--languages", "de,xx,de", "--github-org", "no spaces", "--site-url", "http://a.example", "--country", "ZZ")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: --languages: 'xx' is not an ISO 639-1 language code (lower-case, e.g. de)",
        "error: --languages: a language is listed twice",
        "error: --github-org 'no spaces': a GitHub organisation or user name (letters, digits, hyphens)",
        "error: --site-url 'http://a.example': 'http://a.example' uses http; only https:// addresses are allowed (write https://a.example)",
        "error: --country 'ZZ': the cluster's country as an ISO 3166-1 code, e.g. DE",
    ]
    assert not (tmp_path / "x").exists()


def test_new_says_what_is_wrong_in_the_readers_language(tmp_path: Path, run) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = run("new", "--lang", "de", tmp_path / "taken", "--name", "Cluster")
    assert result.code == 2
    assert result.err == f"error: {(tmp_path / 'taken').resolve()} ist nicht leer: geben Sie einen neuen Ordner an (nichts wurde geschrieben)\n"
    result = run("new", "--lang", "fr", tmp_path / "x", "--languages", "de,xx", "--site-url", "https://a.example/?q", "--country", "ZZ")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: --languages\u00a0: 'xx' n’est pas un code de langue ISO 639-1 (en minuscules, p. ex. de)",
        "error: --site-url 'https://a.example/?q'\u00a0: l’adresse où le site est publié n’a pas de partie\u00a0?… ni #…",
        "error: --country 'ZZ'\u00a0: le pays du cluster en code ISO 3166-1, p. ex. DE",
    ]
    # A reason from the profiles' checks (check_https) comes in the reader's language too.
    result = run("new", "--lang", "de", tmp_path / "y", "--site-url", "http://a.example")
    assert result.code == 2 and "https://" in result.err and "uses http" not in result.err, result.err
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


@pytest.mark.parametrize("languages", ["it,en", "en,pl,de"])
def test_languages_without_scaffold_texts_still_pass_check_strict_once_completed(tmp_path: Path, run, languages: str) -> None:
    """A default language we have no texts in gets English ones; another falls back (fallback_languages)."""
    folder = tmp_path / "site"
    assert run("new", folder, "--name", "Cluster", "--languages", languages, "--no-git").code == 0
    assert not (folder / ".git").exists()
    codes = languages.split(",")
    extra = yaml.safe_load((folder / "mkdocs.yml").read_text())["extra"]
    assert extra["languages"] == codes and extra["managers"] == []
    assert extra["fallback_languages"] == [c for c in codes[1:] if c not in ("de", "en", "fr")]
    assert sorted(p.name for p in (folder / "content").iterdir()) == sorted(c for c in codes if c in ("de", "en", "fr") or c == codes[0])
    result = run("--root", folder, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 0 and {p["code"] for p in result.problems} == placeholders.CODES, result.out
    complete_placeholders(folder)
    text = (folder / "mkdocs.yml").read_text()
    (folder / "mkdocs.yml").write_text(text.replace("managers: []", 'managers: ["@cluster-nord/managers"]'))
    assert run("--root", folder, "codeowners").code == 0
    result = run("--root", folder, "check", "--strict", "--date", TEST_DATE)
    assert result.code == 0, result.out + result.err


def test_new_cluster_builds_every_page_kind_in_every_language(scaffolded: Path, tmp_path: Path) -> None:
    import datetime as dt

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project
    from clusterfolio.site.build import language_site

    out = tmp_path / "site"
    build_project(scaffolded, out)
    config = read_config(scaffolded)
    project, _ = load_project(config, dt.date.fromisoformat(TEST_DATE))
    every_kind = set(Kind) - {Kind.COUNTRY_LIST}  # long country lists only
    for lang in config.languages:
        pages = language_site(config, project, lang).pages
        assert {p.kind for p in pages} == every_kind, lang
        assert [p.path for p in pages if not (out / lang / p.path / "index.html").is_file()] == []
        assert (out / lang / "pagefind" / "pagefind-entry.json").is_file()
    for name in ("cluster.json", "members.json", "members.csv", "datapackage.json"):
        assert (out / "data" / name).is_file()


def test_the_demo_is_a_scaffolded_cluster(tmp_path: Path, run) -> None:
    """`new` with the demo's settings writes the demo's workflows (installing and calling the tool
    as a cluster does), its pull-request template and its site settings. UPDATE_SCAFFOLD=1 copies
    the demo's workflows into the scaffold after a change."""
    if os.environ.get("UPDATE_SCAFFOLD"):
        for name in WORKFLOWS:
            text = as_cluster_workflow((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
            (scaffold_dir() / ".github/workflows" / name).write_text(text, encoding="utf-8")
    folder = tmp_path / "demo"
    assert run("new", folder, *demo_settings()).code == 0
    for name in WORKFLOWS:
        demo = as_cluster_workflow((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
        assert (folder / ".github/workflows" / name).read_text(encoding="utf-8") == demo, \
            f"{name}: the scaffold's copy differs from the demo's; after changing the demo's, run UPDATE_SCAFFOLD=1 pytest {__file__}"
    # publish.yml releases the tool itself to PyPI, not a cluster's site (tests/test_publish.py).
    assert sorted(p.name for p in (folder / ".github/workflows").iterdir()) == sorted(p.name for p in (ROOT / ".github/workflows").iterdir() if p.name != "publish.yml")
    assert (folder / ".github/pull_request_template.md").read_text() == (ROOT / ".github/pull_request_template.md").read_text()
    mine, demo = (yaml.safe_load((f / "mkdocs.yml").read_text()) for f in (folder, ROOT))
    for key in ("site_name", "site_url"):
        assert mine[key] == demo[key]
    assert {k: mine["extra"][k] for k in ("languages", "managers")} == {k: demo["extra"][k] for k in ("languages", "managers")}
    assert (mine["theme"]["name"], mine["theme"]["font"]) == (demo["theme"]["name"], demo["theme"]["font"])
    ignored = {line for line in (ROOT / ".gitignore").read_text().splitlines() if line and not line.startswith("#")}
    assert {line for line in (folder / ".gitignore").read_text().splitlines() if line and not line.startswith("#")} <= ignored


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else shutil.which(name) or name


def test_scaffolded_workflows_pass_actionlint_and_zizmor(scaffolded: Path) -> None:
    workflows = scaffolded / ".github/workflows"
    for workflow in sorted(workflows.iterdir()):
        proc = subprocess.run([tool("actionlint"), "-no-color", str(workflow)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(workflows)], capture_output=True, text=True)
    assert proc.returncode == 0 and "No findings to report" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


# --- a cluster's own theme/ (upgrades without merge conflicts) ----------------------------------------


def test_a_cluster_template_override_is_picked_up(scaffolded: Path, tmp_path: Path) -> None:
    """A partial in the cluster's theme/templates/ and a file in its theme/overrides/ replace the
    package's; a symbolic link there is ignored, as in content/."""
    cluster = tmp_path / "cluster"
    shutil.copytree(scaffolded, cluster)
    own = cluster / "theme/templates/partials"
    own.mkdir(parents=True)
    footer = (templates_dir() / "partials/footer.html").read_text(encoding="utf-8")
    (own / "footer.html").write_text('<p class="own-footer">Ein Projekt der Nordwind-Stiftung</p>\n' + footer, encoding="utf-8")
    (tmp_path / "card.html").write_text("LINKED CARD\n", encoding="utf-8")
    (own / "card.html").symlink_to(tmp_path / "card.html")
    assets = cluster / "theme/overrides/assets"
    assets.mkdir(parents=True)
    (assets / "clusterfolio.css").write_text((overrides_dir() / "assets/clusterfolio.css").read_text() + "\n/* Nordwind */\n")
    out = tmp_path / "site"
    build_project(cluster, out)
    for page in ("de/index.html", "en/members/example-member/index.html", "fr/competences/index.html", "en/members/index.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert '<p class="own-footer">Ein Projekt der Nordwind-Stiftung</p>' in text, page
        assert "LINKED CARD" not in text
    # The cluster's own stylesheet, then the brand colours the build appends (head.brand_css).
    css = (out / "en/assets/clusterfolio.css").read_text()
    assert "/* Nordwind */\n" in css and css.rstrip().endswith("}") and css.index("/* Nordwind */") > css.index("--cf-primary: ")
    assert (out / "en/assets/clusterfolio.js").read_bytes() == (overrides_dir() / "assets/clusterfolio.js").read_bytes()


def test_merged_overrides_keep_the_package_files_and_let_the_cluster_win(tmp_path: Path) -> None:
    from clusterfolio.site.engine.build import merge_overrides

    root = tmp_path / "cluster"
    (root / "theme/overrides/partials").mkdir(parents=True)
    (root / "theme/overrides/main.html").write_text("{% extends 'base.html' %}\n")
    (root / "theme/overrides/partials/extra.html").write_text("mine\n")
    (root / "theme/overrides/secret.html").symlink_to("/etc/hostname")
    merged = merge_overrides(root, tmp_path / "work")
    shipped = {p.relative_to(overrides_dir()).as_posix() for p in overrides_dir().rglob("*") if p.is_file()}
    files = {p.relative_to(merged).as_posix() for p in merged.rglob("*") if p.is_file()}
    assert files == shipped | {"partials/extra.html"}
    assert (merged / "main.html").read_text() == "{% extends 'base.html' %}\n"
    # The demo's theme is the package's own: nothing to merge, nothing to search first.
    from clusterfolio.site.render import cluster_templates

    assert cluster_templates(ROOT) == ()
    assert cluster_templates(root) == ()  # no theme/templates/
