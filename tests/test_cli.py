"""check's output formats, exit status and options (SPEC §5, §5.1)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clusterfolio.problems import Problem, github_annotation, github_step_summary

from .conftest import ROOT, TEST_DATE

BAD_MEMBER = """\
name: Zwei Fehler GmbH
type: smee
city: Reutlingen
country: DE
website: https://zwei.example.com
summary:
  de: Ein Mitglied.
  en: A member.
competences:
  - optical-coatings
  - laser-sytems
contact:
  email: info@zwei.example.com
"""


def test_text_format_lists_every_problem_sorted(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER)
    (project / "profiles/members/alpha.yml").write_text(BAD_MEMBER.replace("Zwei Fehler", "Alpha").replace("smee", "sme"))
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 1
    assert result.out.splitlines() == [
        "profiles/members/alpha.yml:6:1: warning: summary: no French (fr) translation; the German text will be shown instead [CF-W201]",
        "profiles/members/alpha.yml:11:5: error: competences[1]: unknown competence 'laser-sytems'; did you mean 'laser-systems'? [CF-E201]",
        "profiles/members/zwei.yml:2:1: error: type: unknown member type 'smee'; did you mean 'sme'? [CF-E201]",
        "profiles/members/zwei.yml:6:1: warning: summary: no French (fr) translation; the German text will be shown instead [CF-W201]",
        "profiles/members/zwei.yml:11:5: error: competences[1]: unknown competence 'laser-sytems'; did you mean 'laser-systems'? [CF-E201]",
    ]
    assert result.err.startswith("check: 3 errors, 2 warnings in 5 files")


def test_warnings_pass_unless_strict(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER.replace("smee", "sme").replace("laser-sytems", "laser-systems"))
    assert run("--root", project, "check", "--date", TEST_DATE).code == 0
    strict = run("--root", project, "check", "--strict", "--date", TEST_DATE)
    assert strict.code == 1
    assert "6:1: error: summary: no French (fr) translation" in strict.out


def test_strict_problem_keeps_its_code() -> None:
    warning = Problem.make("f.yml", 1, 1, "summary", "no French (fr) translation", "CF-W201")
    assert (warning.severity, warning.as_error().severity, warning.as_error().code) == ("warning", "error", "CF-W201")


def test_strict_output_keeps_the_code(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER.replace("smee", "sme").replace("laser-sytems", "laser-systems"))
    result = run("--root", project, "check", "--strict", "--format", "json", "--date", TEST_DATE)
    assert [(p["severity"], p["code"]) for p in result.problems] == [("error", "CF-W201")]


def test_fallback_languages_silence_missing_translation(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER.replace("smee", "sme").replace("laser-sytems", "laser-systems"))
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("languages: [de, en, fr]", "languages: [de, en, fr]\n  fallback_languages: [fr]"))
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0


def test_json_format(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER)
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    data = json.loads(result.out)
    assert (data["errors"], data["warnings"]) == (2, 1)
    assert data["problems"][0] == {
        "file": "profiles/members/zwei.yml", "line": 2, "column": 1, "severity": "error",
        "field": "type", "message": "unknown member type 'smee'; did you mean 'sme'?", "code": "CF-E201",
        # The text in the reader's language (English here: no --lang, no messages_language, no German
        # environment) and the page that explains the code.
        "message_localized": "unknown member type 'smee'; did you mean 'sme'?", "language": "en",
        "help": "https://github.com/clusterfolio/clusterfolio/blob/main/docs/problem-codes.md#cf-e201",
    }


def test_github_format_is_chosen_on_actions_and_writes_step_summary(project: Path, run, monkeypatch, tmp_path: Path) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "::error file=profiles/members/zwei.yml,line=2,col=1,title=type::type: unknown member type 'smee'; did you mean 'sme'? [CF-E201] "
        "https://github.com/clusterfolio/clusterfolio/blob/main/docs/problem-codes.md#cf-e201"
    )
    text = summary.read_text()
    assert "| file | line | severity | code | field | message |" in text
    assert ("| profiles/members/zwei.yml | 11 | error | [CF-E201](https://github.com/clusterfolio/clusterfolio/blob/main/docs/problem-codes.md#cf-e201) "
            "| competences[1] | unknown competence 'laser-sytems'; did you mean 'laser-systems'? |") in text


def test_problems_sort_by_place_before_code() -> None:
    later = Problem.make("a.yml", 9, 1, "name", "x", "CF-E001")
    earlier = Problem.make("a.yml", 2, 1, "name", "x", "CF-W701")
    assert sorted([later, earlier]) == [earlier, later]


def test_a_code_outside_the_registry_is_refused() -> None:
    from clusterfolio.model import fail

    with pytest.raises(ValueError, match="CF-E999"):
        Problem("f.yml", 1, 1, "error", "", "x", "CF-E999")
    with pytest.raises(ValueError, match="CF-E999"):
        Problem.make("f.yml", 1, 1, "", "x", "CF-E999")
    with pytest.raises(ValueError, match="CF-E999"):
        fail("x", "CF-E999")


def test_annotation_escapes_data_and_properties() -> None:
    problem = Problem("a,b:c%.yml", 3, 4, "error", "name", "100% bad\r\nline two, with: colon", "CF-E106")
    assert github_annotation(problem) == (
        "::error file=a%2Cb%3Ac%25.yml,line=3,col=4,title=name::name: 100%25 bad%0D%0Aline two, with: colon [CF-E106] "
        "https://github.com/clusterfolio/clusterfolio/blob/main/docs/problem-codes.md#cf-e106"
    )


def test_member_text_cannot_become_a_workflow_command(project: Path, run, monkeypatch) -> None:
    evil = "x\n::set-output name=a::b\n::error::pwned"
    (project / "profiles/members/evil.yml").write_text(BAD_MEMBER.replace("smee", json.dumps(evil)))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("--root", project, "check", "--date", TEST_DATE)
    lines = result.out.splitlines()
    # A workflow command must start a line: the text may appear, but only inside an annotation.
    # (The file's other problems are told in the same run: the unknown competence too.)
    assert len(lines) == 3 and sum("::set-output name=a::b" in line for line in lines) == 1 and "laser-sytems" in result.out
    for line in lines:
        assert line.startswith(("::error file=profiles/members/evil.yml,", "::warning file=profiles/members/evil.yml,"))


def test_step_summary_escapes_table_cells() -> None:
    text = github_step_summary([Problem("f.yml", 1, 1, "error", "a|b", "<script>x</script>\n| next", "CF-E106")])
    assert "a\\|b" in text and "&lt;script&gt;" in text and "<script>" not in text


def test_messages_quote_invisible_characters(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(BAD_MEMBER.replace("smee", '"sm\\u202ee"'))
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in result.out
    assert "\u202e" not in result.out


def test_wrong_usage_exits_2(project: Path) -> None:
    for args in (["check", "--format", "xml"], ["frobnicate"], ["check", "--date", "26.11.2026"]):
        proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), *args], capture_output=True, text=True)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr


def test_missing_configuration_exits_2(tmp_path: Path, run) -> None:
    result = run("--root", tmp_path, "check")
    assert result.code == 2
    assert "mkdocs.yml:1:1: error: no mkdocs.yml" in result.err
    assert result.err.splitlines()[0].endswith(" [CF-E601]")


def test_missing_profile_files_are_errors(project: Path, run) -> None:
    (project / "profiles/cluster.yml").unlink()
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 1
    assert "profiles/cluster.yml:1:1: error: the file profiles/cluster.yml is missing [CF-E015]" in result.out


def test_source_date_epoch_sets_the_build_date(project: Path, run, monkeypatch) -> None:
    # The minimal cluster's label runs until 2028-01-14: 2027-12-01 is within 90 days.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    assert "expires" not in run("--root", project, "check").out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1827619200")  # 2027-12-01
    assert "label 'esca-gold' expires on 2028-01-14, in 44 days" in run("--root", project, "check").out


def test_build_py_runs_as_a_script_from_the_project(project: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--date", TEST_DATE], cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "check: no problems found in 3 files" in proc.stderr


@pytest.mark.parametrize(("setting", "code"), [("page_size: 1", "CF-E610"), ("page_size: many", "CF-E610"),
                                               ("rows_per_page: 1001", "CF-E611"), ("rows_per_page: [3]", "CF-E611")])
def test_listing_page_sizes_are_checked(project: Path, run, setting: str, code: str) -> None:
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("\nextra:\n", f"\nextra:\n  {setting}\n"), encoding="utf-8")
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 2
    line = next(line for line in result.err.splitlines() if line.endswith(f"[{code}]"))
    assert line.startswith("mkdocs.yml:") and setting.split(":")[0] in line


def test_compact_lists_default_to_eight_pages_of_cards(project: Path) -> None:
    from clusterfolio.config import read_config

    mkdocs = project / "mkdocs.yml"
    assert read_config(project).rows_per_page == 8 * read_config(project).page_size
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("\nextra:\n", "\nextra:\n  page_size: 10\n  rows_per_page: '30'\n"), encoding="utf-8")
    config = read_config(project)
    assert (config.page_size, config.rows_per_page) == (10, 30)
    assert "rows_per_page" not in config.extra
