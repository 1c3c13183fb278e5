"""mkdocs.yml against one declarative schema (clusterfolio/config.py): each key declared once, the
file read once, every problem with its code and place, extra.cms included."""
from __future__ import annotations

import dataclasses
import os
import pathlib
from pathlib import Path

import pytest

from clusterfolio.config import SETTINGS, Config, ConfigError, read_config
from clusterfolio.placeholders import find as find_placeholders
from clusterfolio.site import admin

HEAD = "site_name: X\nsite_url: https://cluster.example.org/\n"


def write(root: Path, text: str) -> Path:
    (root / "mkdocs.yml").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


def problems(root: Path) -> list[tuple[int, str, str]]:
    with pytest.raises(ConfigError) as caught:
        read_config(root)
    return [(p.line, p.field, p.code) for p in caught.value.problems]


def test_every_key_is_declared_once_and_fills_the_config() -> None:
    paths = [s.path for s in SETTINGS]
    assert len(paths) == len(set(paths)) and len({s.name for s in SETTINGS}) == len(SETTINGS)
    filled = {s.name for s in SETTINGS}
    read_elsewhere = {"root", "theme", "extra", "source"}  # the folder, and what passes to mkdocs as it is
    assert {f.name for f in dataclasses.fields(Config)} - read_elsewhere <= filled


def test_mkdocs_yml_is_read_once_and_admin_reads_it_no_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One read: no second lenient read for the theme, no re-parse for repo_url in /admin/."""
    write(tmp_path, HEAD + "repo_url: https://github.com/ppna/profiles\ntheme:\n  name: material\nextra:\n  languages: [de, en]\n")
    reads: list[str] = []
    read_text, os_open = pathlib.Path.read_text, os.open

    def counting(self: pathlib.Path, *args: object, **kwargs: object) -> str:
        if self.name == "mkdocs.yml":
            reads.append(str(self))
        return read_text(self, *args, **kwargs)

    def counting_open(path: object, *args: object, **kwargs: object) -> int:  # paths.read_limited (placeholders)
        if str(path).endswith("mkdocs.yml"):
            reads.append(str(path))
        return os_open(path, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", counting)
    monkeypatch.setattr(os, "open", counting_open)
    config = read_config(tmp_path)
    assert admin.cms_settings(config).repo == "ppna/profiles"
    find_placeholders(config)
    assert len(reads) == 1


def test_the_theme_and_the_rest_of_extra_keep_yaml_s_types_for_mkdocs(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "theme:\n  name: material\n  font: false\nextra:\n  languages: [de, en]\n  page_size: '12'\n"
                    "  fictional: true\n  cms:\n    repo: ppna/profiles\n  analytics:\n    provider: none\n")
    config = read_config(tmp_path)
    assert config.theme == {"name": "material", "font": False}
    assert config.page_size == 12 and config.rows_per_page == 96
    # clusterfolio's own keys (extra.cms now too) do not pass to mkdocs; the others do, typed.
    assert config.extra == {"fictional": True, "analytics": {"provider": "none"}}
    assert config.cms.repo == "ppna/profiles"


@pytest.mark.parametrize(("cms", "line", "field"), [
    ("  cms:\n    repo: https://github.com/ppna/profiles\n", 7, "extra.cms.repo"),
    ("  cms:\n    repo: ppna\n", 7, "extra.cms.repo"),
    ("  cms:\n    branch: live site\n", 7, "extra.cms.branch"),
    ("  cms:\n    branch: a..b\n", 7, "extra.cms.branch"),
    ("  cms:\n    auth_scope: private\n", 7, "extra.cms.auth_scope"),
    ("  cms:\n    base_url: [a, b]\n", 7, "extra.cms.base_url"),
    ("  cms: ppna/profiles\n", 6, "extra.cms"),
])
def test_an_invalid_cms_setting_is_a_problem_with_its_line_not_dropped(tmp_path: Path, cms: str, line: int, field: str) -> None:
    # With repo_url given, an invalid extra.cms.repo used to be dropped silently for repo_url's.
    write(tmp_path, HEAD + "repo_url: https://github.com/ppna/profiles\nextra:\n  languages: [de, en]\n" + cms)
    assert problems(tmp_path) == [(line, field, "CF-E615")]


def test_an_unknown_cms_key_is_a_problem_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "extra:\n  languages: [de, en]\n  cms:\n    repo: ppna/profiles\n    brnach: live\n    colour: red\n")
    with pytest.raises(ConfigError) as caught:
        read_config(tmp_path)
    found = [(p.line, p.field, p.code, p.message) for p in caught.value.problems]
    assert found == [
        (7, "extra.cms.brnach", "CF-E615", "'brnach' is not a setting of the browser editor; it reads repo, branch, locale, base_url, auth_endpoint, "
                                           "auth_scope; did you mean 'branch'?"),
        (8, "extra.cms.colour", "CF-E615", "'colour' is not a setting of the browser editor; it reads repo, branch, locale, base_url, auth_endpoint, "
                                           "auth_scope"),
    ]
    assert "ist keine Einstellung" in caught.value.problems[0].text("de")


def test_valid_cms_settings_are_kept(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "extra:\n  languages: [de, en]\n  cms:\n    repo: ppna/profiles\n    branch: release/2027\n"
                    "    auth_scope: repo\n    base_url: https://auth.example.org\n    locale: xx\n")
    cms = read_config(tmp_path).cms
    assert (cms.repo, cms.branch, cms.auth_scope, cms.base_url, cms.locale) == ("ppna/profiles", "release/2027", "repo",
                                                                                 "https://auth.example.org", "xx")
    assert admin.cms_settings(read_config(tmp_path)).locale == "de"  # a locale Decap lacks passes to the next


def test_every_problem_of_the_file_is_told_at_once_in_the_schema_s_order(tmp_path: Path) -> None:
    write(tmp_path, "site_url: cluster.example.org\nextra:\n  languages: [de, xx]\n  page_size: 1\n  managers: [someone]\n"
                    "  cms:\n    auth_scope: all\n")
    assert problems(tmp_path) == [(3, "extra.languages[1]", "CF-E603"), (4, "extra.page_size", "CF-E610"),
                                  (5, "extra.managers", "CF-E608"), (1, "site_url", "CF-E609"), (7, "extra.cms.auth_scope", "CF-E615")]


def test_a_number_in_other_digits_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # '²' counts as a digit to str.isdigit, and int() refuses it.
    write(tmp_path, HEAD + "extra:\n  languages: [de, en]\n  page_size: '²'\n")
    assert problems(tmp_path) == [(5, "extra.page_size", "CF-E610")]


def test_what_mkdocs_could_not_read_is_a_problem_not_a_theme_left_out(tmp_path: Path) -> None:
    # A control character in a comment: our reader passes it, PyYAML (and so mkdocs) refuses the file.
    write(tmp_path, HEAD + "theme:\n  name: material  # \x07\nextra:\n  languages: [de, en]\n")
    assert problems(tmp_path) == [(4, "", "CF-E005")]


def test_a_file_not_in_utf_8_is_read_without_a_traceback(tmp_path: Path) -> None:
    write(tmp_path, (HEAD + "# M\xfcnchen\nextra:\n  languages: [de, en]\n").encode("latin-1"))
    assert read_config(tmp_path).languages == ("de", "en")

