"""Issue 12, "what a hostile pull request, or an honest mistake, can still do": one test (or
more) per item, named for it. The bad-input corpus (tests/fixtures/bad) holds the cases that fit
one file; the scope guard's matrix is tests/test_scope.py; logo files are in tests/test_logos.py.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest

from clusterfolio.cli import main
from clusterfolio.config import read_config
from clusterfolio.project import load_project

from .conftest import ROOT, TEST_DATE

GOOD = "profiles/members/good.yml"


def add_member(project: Path, slug: str, name: str, extra: str = "") -> Path:
    good = (project / GOOD).read_text()
    path = project / f"profiles/members/{slug}.yml"
    path.write_text(good.replace("Gute Optik GmbH", name) + extra, encoding="utf-8")
    return path


def problems(run, project: Path) -> list[dict]:
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert "Traceback" not in result.out + result.err
    return result.problems


# --- 1: deep nesting (the reader: tests/test_yamlsafe.py; scope: tests/test_scope.py) -------------


def test_item_1_changes_reads_a_deeply_nested_profile_in_bounded_memory(project: Path) -> None:
    import subprocess

    from clusterfolio.changes import collect

    def git(*args: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "start")
    add_member(project, "tief", "Tief GmbH", "offers: " + "[" * 100_000 + "]" * 100_000 + "\n")
    tracemalloc.start()
    found = collect(project, "HEAD")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found["added"] == [("tief", "tief")]  # unreadable: named by its slug
    assert peak < 50 * 1024 * 1024, peak


# --- 2: a logo path is never a pattern, and CODEOWNERS is made of validated values ----------------


def test_item_2_logo_glob_with_a_link_named_profiles_star_star_never_reaches_codeowners(project: Path, run) -> None:
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@test-cluster/managers"]\n')
    (project / "profiles/**").symlink_to("logos/good.svg")
    good = project / GOOD
    good.write_text(good.read_text() + 'maintainers: [gute-optik]\nlogo: "**"\n')
    found = {(p["file"], p["field"], p["code"]) for p in problems(run, project)}
    assert ("profiles/**", "", "CF-E020") in found
    assert (GOOD, "logo", "CF-E415") in found
    assert run("--root", project, "codeowners").code == 1
    assert not (project / ".github/CODEOWNERS").exists()


def test_item_2_codeowners_lines_come_from_validated_values_only(project: Path) -> None:
    from clusterfolio.codeowners import render
    from clusterfolio.model import Member

    config = read_config(project)
    project_model, _ = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project_model is not None
    good = project_model.members["good"]
    # Values that never pass check, built around the validation, as a bug elsewhere might.
    forged = {
        "good": good.model_copy(update={"logo": "**", "maintainers": ["gute-optik"]}),
        "other": good.model_copy(update={"logo": "logos/good.svg", "maintainers": ["other-one"]}),
        "../x": good.model_copy(update={"maintainers": ["evil"]}),
        "third": Member.model_construct(**{**dict(good), "maintainers": ["ok-user", "bad user\n* @evil"], "logo": "logos/third.png"}),
    }
    text = render(config, forged)
    lines = text.splitlines()[2:]
    assert lines == [
        "*",
        "/profiles/members/good.yml @gute-optik",
        "/profiles/members/other.yml @other-one",
        "/profiles/members/third.yml @ok-user",
        "/profiles/logos/third.png @ok-user",
    ]


# --- 3(d): the scope step runs when check fails (the matrix is tests/test_scope.py) ----------------


def test_item_3_scope_step_runs_even_when_check_fails() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    scope = next(s for s in steps if "build.py scope" in s.get("run", ""))
    assert scope.get("if") in ("always()", "${{ always() }}")
    assert scope["env"]["CLUSTERFOLIO_MANAGERS"] == "${{ vars.CLUSTERFOLIO_MANAGERS }}"
    assert steps.index(scope) > next(i for i, s in enumerate(steps) if "build.py check" in s.get("run", ""))


# --- 4: symbolic links are refused, and nothing is read without a limit ---------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET-LINE: do not publish\nsecond: line\n")
    return secret


def test_item_4_linked_profile_is_refused_without_showing_the_target(project: Path, run, outside: Path) -> None:
    (project / "profiles/members/passwd.yml").symlink_to(outside)
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 1
    assert "SECRET" not in result.out + result.err and str(outside) not in result.out + result.err
    assert result.out.splitlines() == [
        "profiles/members/passwd.yml:1:1: error: is a symbolic link; links are not followed, because they could "
        "publish files from outside the repository: put the file itself here [CF-E020]",
    ]


def test_item_4_linked_folders_and_taxonomy_are_refused(project: Path, run, outside: Path) -> None:
    (project / "profiles/taxonomy.yml").rename(outside.parent / "taxonomy.yml")
    (project / "profiles/taxonomy.yml").symlink_to(outside.parent / "taxonomy.yml")
    (project / "profiles/members/sub").symlink_to(outside.parent, target_is_directory=True)
    found = {(p["file"], p["code"]) for p in problems(run, project)}
    assert {("profiles/taxonomy.yml", "CF-E020"), ("profiles/members/sub", "CF-E020")} <= found
    assert all("SECRET" not in p["message"] for p in problems(run, project))


def test_item_4_linked_logo_is_refused_and_not_checked(project: Path, run, outside: Path) -> None:
    svg = outside.parent / "logo.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>SECRET</script></svg>')
    (project / "profiles/logos/good.svg").unlink()
    (project / "profiles/logos/good.svg").symlink_to(svg)
    found = {(p["file"], p["field"], p["code"]) for p in problems(run, project)}
    assert found == {("profiles/logos/good.svg", "", "CF-E020"), ("profiles/cluster.yml", "logo", "CF-E020")}


def test_item_4_linked_content_page_is_refused_and_never_published(project: Path, run, outside: Path) -> None:
    from clusterfolio.site.pages.content import content_names

    (project / "content/de").mkdir(parents=True)
    (project / "content/de/about.md").write_text("# Über uns\n")
    (project / "content/de/leak.md").symlink_to(outside)
    (project / "content/en").symlink_to(outside.parent, target_is_directory=True)
    found = {(p["file"], p["code"]) for p in problems(run, project)}
    assert found == {("content/de/leak.md", "CF-E020"), ("content/en", "CF-E020")}
    assert content_names(project, ("de", "en", "fr")) == ["about"]


def test_item_4_profile_linked_to_dev_zero_is_refused_at_once(project: Path, run) -> None:
    (project / "profiles/members/zero.yml").symlink_to("/dev/zero")
    started = time.process_time()
    found = {(p["file"], p["code"]) for p in problems(run, project)}
    assert found == {("profiles/members/zero.yml", "CF-E020")}
    assert time.process_time() - started < 5


def test_item_4_reading_stops_one_byte_after_the_limit(project: Path, run) -> None:
    from clusterfolio.paths import NotRegularFile, read_limited
    from clusterfolio.yamlsafe import MAX_BYTES

    with pytest.raises(NotRegularFile):
        read_limited(Path("/dev/zero"), 10)
    big = project / "profiles/members/riesig.yml"
    with big.open("wb") as f:
        f.truncate(1 << 30)  # 1 GiB, sparse: reading it all would take a gigabyte
    tracemalloc.start()
    found = problems(run, project)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(p["file"], p["code"]) for p in found] == [("profiles/members/riesig.yml", "CF-E003")]
    assert peak < 20 * MAX_BYTES, peak


# --- 5: a release by anyone who can push a tag -----------------------------------------------------


def test_item_5_readme_publishing_recommends_a_tag_ruleset_or_required_reviewers() -> None:
    readme = (ROOT / "README.md").read_text()
    publishing = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    assert "ruleset" in publishing and "v*" in publishing
    assert "Required reviewers" in publishing


# --- 6: look-alike names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    ["Lumera Op\u00adtics GmbH", "Lumera Opti\u0441s GmbH", "Lumera Optics GmbH\U000e0041", "LUMERA OPTICS GMBH",
     "Lumera\u00a0Optics  GmbH", "Ｌumera Optics GmbH", "Lumera 0ptics GmbH", "Lumera Optics GmbH\ufe0f"],
    ids=["soft hyphen", "Cyrillic es", "tag character", "upper case", "spaces", "full width", "digit zero", "variation selector"],
)
def test_item_6_look_alike_names_share_a_key(variant: str) -> None:
    from clusterfolio.validate.names import name_keys

    assert set(name_keys(variant)) & set(name_keys("Lumera Optics GmbH"))


@pytest.mark.parametrize("other", ["Lumera Photonics GmbH", "Lumera Optik GmbH", "Lumina Optics GmbH"])
def test_item_6_different_names_stay_apart(other: str) -> None:
    from clusterfolio.validate.names import name_keys

    assert not set(name_keys(other)) & set(name_keys("Lumera Optics GmbH"))


def test_item_6_four_cards_reading_the_same_name_are_refused(project: Path, run) -> None:
    add_member(project, "lumera", "Lumera Optics GmbH")
    add_member(project, "weich", "Lumera Op\u00adtics GmbH")
    add_member(project, "kyrillisch", "Lumera Opti\u0441s GmbH")
    add_member(project, "tag", "Lumera Optics GmbH\U000e0041")
    found = {(p["file"], p["code"]) for p in problems(run, project)}
    assert {
        ("profiles/members/weich.yml", "CF-E130"),  # refused as a field: invisible character
        ("profiles/members/tag.yml", "CF-E130"),
        ("profiles/members/kyrillisch.yml", "CF-E205"),  # refused as a name that looks taken
        ("profiles/members/lumera.yml", "CF-E205"),
    } <= found


@pytest.mark.parametrize(
    ("field", "value"),
    [("city", "Reut\u00adlingen"), ("name", "Gute Optik GmbH\u034f"), ("name", "\u3164Gute Optik"), ("certifications", "[ISO\u2061 9001]"),
     ("website", "https://good.example.com/\U000e0020")],
)
def test_item_6_every_one_line_field_refuses_default_ignorables(project: Path, run, field: str, value: str) -> None:
    good = project / GOOD
    text = good.read_text()
    line = next(row for row in text.splitlines() if row.startswith(f"{field}:")) if f"\n{field}:" in "\n" + text else None
    good.write_text(text.replace(line, f"{field}: {value}") if line else text + f"{field}: {value}\n", encoding="utf-8")
    assert {p["code"] for p in problems(run, project)} == {"CF-E130"}


def test_item_6_one_line_translations_refuse_invisible_characters(project: Path, run) -> None:
    cluster = project / "profiles/cluster.yml"
    text = cluster.read_text()
    cluster.write_text(re.sub(r"(tagline:\n  de: )([^\n]*)", "\\1\"\\2\\\\u00ad\"", text, count=1), encoding="utf-8")
    found = [(p["field"], p["code"]) for p in problems(run, project)]
    assert ("tagline.de", "CF-E130") in found


# --- 7: linear time ---------------------------------------------------------------------------------


class CountingText(str):
    """Text that counts how often it is split into lines."""

    splits = 0

    def splitlines(self, *args, **kwargs):  # type: ignore[override]
        CountingText.splits += 1
        return super().splitlines(*args, **kwargs)


def test_item_7_source_line_splits_the_file_once_for_many_problems() -> None:
    from clusterfolio.validate.texts import source_line
    from clusterfolio.yamlsafe import parse

    paragraphs = [f"<b>{i}</b>" for i in range(2000)]
    text = "name: x\ndescription:\n  de: \"" + "\n\n  ".join(paragraphs) + "\"\n"
    doc = parse(text, "x.yml")
    doc.text = CountingText(doc.text)
    CountingText.splits = 0
    lines = [source_line(doc, ("description", "de"), offset) for offset in range(2000)]
    assert CountingText.splits <= 1
    assert lines[:3] == [3, 5, 7] and lines[-1] == 3 + 2 * 1999


def test_item_7_attribute_list_check_is_linear() -> None:
    from clusterfolio import markdown

    started = time.process_time()
    found = markdown.check("{#" * 120_000)
    # Ten seconds before (quadratic); a generous bound for a shared machine, in CPU time.
    assert time.process_time() - started < 3
    assert found == []  # no '}' follows: not an attribute list
    assert [code for _, _, code in markdown.check("{#" * 120_000 + "}")] == ["CF-E510"]


def test_item_7_the_18000_problem_file_checks_in_seconds_and_markdown_waits_for_the_limit(project: Path, run) -> None:
    # 248 KB: a description of 18,000 raw-HTML paragraphs, far over its limit of 3,000 characters.
    description = "\n".join(f"    <b>{i % 10}</b>\n" for i in range(18_000))
    add_member(project, "gross", "Gross GmbH", "description:\n  de: |\n" + description + "  en: x\n  fr: x\n")
    assert 240_000 < (project / "profiles/members/gross.yml").stat().st_size < 256 * 1024
    started = time.process_time()
    found = [(p["field"], p["code"]) for p in problems(run, project)]
    seconds = time.process_time() - started
    # One problem: it is too long. Its Markdown is judged once it fits (38 s before, in CPU time 5 is generous).
    assert found == [("description.de", "CF-E108")]
    assert seconds < 5, seconds


# --- 10: content pages cannot forge workflow commands through mkdocs' output -----------------------


def test_item_10_content_page_cannot_forge_a_workflow_command_through_mkdocs_output(project: Path, tmp_path: Path, capfd) -> None:
    (project / "content/de").mkdir(parents=True)
    (project / "content/de/leak.md").write_text(
        "# Leak\n\nSee [x](missing.md%0A::error%20title=pwned::forged) and [y](other%0D%0A::add-mask::x.md).\n"
    )
    assert main(["--root", str(project), "build", "--out", str(tmp_path / "site"), "--jobs", "1", "--date", TEST_DATE]) == 0
    captured = capfd.readouterr()
    err = captured.out + captured.err
    # mkdocs' warning about the link is a problem of the page (CF-W601), on its own line
    assert "content/de/leak.md" in err and "missing.md" in err and "[CF-W601]" in err, err
    for line in re.split("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", err):
        assert not line.lstrip().startswith("::"), line


def test_item_10_log_lines_are_one_line_each() -> None:
    from clusterfolio.site.logs import one_line

    assert one_line("a\n::error::x\r\n::warning title=y::z\u2028::debug::") == "a\\n: :error: :x\\n: :warning title=y: :z\\n: :debug: :"


# --- 12: references, mailto, carriage returns, step summary, PNG size (tests/test_logos.py) ---------


def test_item_12_step_summary_shows_quoted_values_as_text() -> None:
    from clusterfolio.problems import Problem, github_step_summary, help_url

    message = "unknown competence '[click me](https://evil.example/x)' and '![x](https://evil.example/p.png)' for @octocat, see www.evil.example"
    text = github_step_summary([Problem.make("f.yml", 1, 1, "competences[0]", message, "CF-E201")])
    row = text.splitlines()[-1]
    # The one link in the row is ours: the code, to the page that explains it.
    ours = f"[CF-E201]({help_url('CF-E201')})"
    assert row.count(ours) == 1
    row = row.replace(ours, "CF-E201")
    assert "](" not in row and "![" not in row and "https://" not in row and "www." not in row.replace("www\\.", "")
    assert "`@octocat`" in row and "| competences[0] |" in row


def test_item_12_a_carriage_return_never_reaches_release_notes(project: Path) -> None:
    import subprocess

    from clusterfolio.changes import collect, to_markdown

    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(project), "init", "-q", "-b", "main"], check=True, env=env)
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(project), "commit", "-qm", "start"], check=True, env=env)
    add_member(project, "wagen", "x").write_text(
        (project / GOOD).read_text().replace("name: Gute Optik GmbH", 'name: "Neu GmbH\\r## Forged heading\\n- [x](https://evil.example)"')
    )
    notes = to_markdown(collect(project, "HEAD"))
    # The name stands in a code span with its line breaks as escapes (issue 21, item 4).
    assert "- `Neu GmbH\\u000d## Forged heading\\u000a- [x](https://evil.example)` (`wagen`)" in notes
    assert not any(line.startswith("## Forged") for line in re.split("[\r\n]", notes))


def test_item_12_check_never_shows_a_traceback_for_the_issue_inputs(project: Path, run) -> None:
    """Every reproduction of the issue at once: errors, never a traceback."""
    add_member(project, "nest", "Nest GmbH").write_text("name: " + "[" * 30_000 + "]" * 30_000 + "\n")
    (project / "profiles/logos/jis.svg").write_bytes(b'<?xml version="1.0" encoding="Shift_JIS"?><svg xmlns="http://www.w3.org/2000/svg"/>')
    add_member(project, "jis", "Jis GmbH", "logo: logos/jis.svg\n")
    add_member(project, "ref", "Ref GmbH", "description:\n  de: 'a &#x202E; b [m](mailto:a@b.example?cc=c@d.example)'\n  en: x\n  fr: x\n")
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 1 and "Traceback" not in result.out + result.err
    codes = {p["code"] for p in json.loads(result.out)["problems"]}
    assert {"CF-E019", "CF-E418", "CF-E512", "CF-E511"} <= codes
