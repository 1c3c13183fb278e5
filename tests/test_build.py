"""The build as a whole: byte-identical twice, atomic on failure, and its command line."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .conftest import ROOT, TEST_DATE, build_project


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_input_are_byte_identical(demo_site: Path, tmp_path: Path) -> None:
    build_project(ROOT, tmp_path / "again", jobs=1)  # sequential this time: order must not matter
    first, second = tree(demo_site), tree(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_failed_build_leaves_the_previous_site_untouched(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = project / "site"
    build_project(project, site)
    before = tree(site)

    from clusterfolio.site import build

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("mkdocs failed half-way")

    monkeypatch.setattr(build, "render_language", broken)
    with pytest.raises(build.BuildError, match="RuntimeError: mkdocs failed half-way"):
        build_project(project, site, jobs=1)
    assert tree(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith((".build-", "site."))] == []


def test_invalid_profile_builds_nothing(project: Path, run) -> None:
    assert run("--root", project, "build", "--date", TEST_DATE).code == 0
    before = tree(project / "site")
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text().replace("type: sme", "type: smee"))
    result = run("--root", project, "build", "--date", TEST_DATE)
    assert result.code == 1
    assert "error: type: unknown member type 'smee'" in result.out
    assert "nothing was built, site/ is unchanged" in result.err
    assert tree(project / "site") == before


def test_build_prints_a_summary_line(project: Path, run) -> None:
    result = run("--root", project, "build", "--date", TEST_DATE)
    assert result.code == 0
    assert result.out.startswith("built ") and "pages in 3 languages (1 member, 0 warnings)" in result.out


BROKEN_OVERRIDES = {
    # a template that fails while it renders (what an override written for an older version does):
    # Jinja gives no line for that, the template mkdocs renders and the page are named
    "main.html": ('{% extends "base.html" %}\n{% block content %}\n{{ config.extra.gone | tojson }}\n{% endblock %}\n',
                  "theme/overrides/main.html:1:1: error: this template failed while the page 'de/' was made: "
                  "TypeError: Object of type Undefined is not JSON serializable [CF-E614]", "theme/overrides/main.html:1"),
    # a template that does not parse: Jinja says where
    "partials/unclosed.html": ("{% if x %}\nno end\n", "theme/overrides/partials/unclosed.html:1:1: error: this template cannot be read: "
                               "Unexpected end of template.", "theme/overrides/partials/unclosed.html:1"),
}


@pytest.mark.parametrize("name", BROKEN_OVERRIDES)
def test_a_broken_cluster_template_is_named_and_builds_nothing(project: Path, run, name: str) -> None:
    assert run("--root", project, "build", "--date", TEST_DATE).code == 0
    before = tree(project / "site")
    text, problem, place = BROKEN_OVERRIDES[name]
    template = project / "theme/overrides" / name
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text(text, encoding="utf-8")
    if name.startswith("partials/"):  # used by the cluster's main.html
        (project / "theme/overrides/main.html").write_text('{% extends "base.html" %}{% block content %}{% include "partials/unclosed.html" %}{% endblock %}\n')
    result = run("--root", project, "build", "--date", TEST_DATE)
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    assert problem in result.out  # a problem line: file, line, code
    assert f"error: the site could not be built: a template of the theme failed ({place})" in result.err
    assert "the previous site is unchanged" in result.err
    assert tree(project / "site") == before


def test_every_page_reaches_mkdocs_as_a_file_it_converts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are mkdocs' own generated files (File.generated), rendered through its documented
    events: mkdocs converts each page's Markdown, a content page's text and the empty text of a
    page our templates make whole (no page object of ours that skips the step)."""
    import markdown

    from clusterfolio.site.build import language_site

    project = ROOT / "tests/fixtures/nordlicht"
    converted: list[str] = []
    original = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: converted.append(text) or original(self, text))
    built = build_project(project, tmp_path / "site", jobs=1)
    from clusterfolio.config import read_config

    pages = [p for lang in built.languages for p in language_site(read_config(project), built, lang).pages]
    content = sum(1 for p in pages if p.kind.markdown)
    assert 0 < content < len(pages)
    assert len(converted) == len(pages)
    assert sum(1 for text in converted if text.strip()) == content  # the generated pages' text is empty
