"""mkdocs through its front door (issue 25): the adapter is the only code that imports mkdocs or
Material; pages reach mkdocs as generated files rendered through its documented events; the page
skeleton is theme/overrides/base.html (nothing is cut out of a rendered page); mkdocs' warnings
are problems with a code (CF-W601) that --strict counts."""
from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

import pytest

from .conftest import ROOT, TEST_DATE

# The mkdocs adapter: the one place that imports mkdocs, Material or ProperDocs.
ADAPTER = {"clusterfolio/site/engine/__init__.py", "clusterfolio/site/engine/plugin.py", "clusterfolio/site/engine/build.py"}
ENGINE_PACKAGES = {"mkdocs", "material", "properdocs"}

TEAM_PAGE = """# Team

Who we are.

See [the plan](plan.md).
"""


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def engine_imports(path: Path) -> set[str]:
    """The engine packages a module imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found & ENGINE_PACKAGES


def test_only_the_adapter_imports_mkdocs_or_material() -> None:
    importing = {p.relative_to(ROOT).as_posix() for p in (ROOT / "clusterfolio").rglob("*.py") if engine_imports(p)}
    assert importing <= ADAPTER, f"only the mkdocs adapter imports mkdocs or material: {sorted(importing - ADAPTER)}"
    assert "clusterfolio/site/engine/plugin.py" in importing  # the walk sees the imports it looks for


def with_team_page(project: Path) -> Path:
    """The project with a hand-written page whose link leads to a file that does not exist."""
    page = project / "content" / "de" / "team.md"  # de: the minimal project's default language
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(TEAM_PAGE, encoding="utf-8")
    return page


def test_a_content_page_linking_a_missing_file_warns_with_its_file_line_and_code(project: Path, run) -> None:
    with_team_page(project)
    result = run("--root", project, "build", "--date", TEST_DATE)
    assert result.code == 0, result.out + result.err
    warnings = [line for line in result.out.splitlines() if "[CF-W601]" in line]
    # One warning: the page is shown in every language from the same file, and said once.
    assert warnings == ["content/de/team.md:5:1: warning: mkdocs warned: Doc file 'team/index.md' contains a link 'plan.md', "
                        "but the target 'team/plan.md' is not found among documentation files. [CF-W601]"]
    assert "(1 member, 1 warning)" in result.out
    assert "WARNING" not in result.err  # a problem line, not mkdocs' own log line


def test_strict_fails_the_build_on_a_warning_of_mkdocs_and_keeps_the_site(project: Path, run) -> None:
    assert run("--root", project, "build", "--date", TEST_DATE, "--strict").code == 0  # no warning yet: --strict builds
    before = tree(project / "site")
    with_team_page(project)
    result = run("--root", project, "build", "--date", TEST_DATE, "--strict")
    assert result.code == 1
    assert "content/de/team.md:5:1: error: mkdocs warned: Doc file 'team/index.md' contains a link 'plan.md'" in result.out
    assert "error: the site could not be built: 1 warning, and --strict fails on warnings" in result.err
    assert "Traceback" not in result.out + result.err
    assert tree(project / "site") == before


def test_the_skeleton_has_no_indentation_where_a_page_has_preformatted_text(project: Path, run) -> None:
    """base.html writes each element on a line of its own; Material's skeleton was indented, and
    pages with preformatted text (which no whitespace rule may touch) kept all of it."""
    page = with_team_page(project)
    page.write_text("# Team\n\n```\n  indented code\n```\n", encoding="utf-8")
    assert run("--root", project, "build", "--date", TEST_DATE).code == 0
    html = (project / "site" / "de" / "team" / "index.html").read_text(encoding="utf-8")
    assert "<pre><code>  indented code\n</code></pre>" in html  # the page's own text as written
    before, _, rest = html.partition("<pre>")
    lines = (before + "<pre></pre>" + rest.partition("</pre>")[2]).splitlines()  # the lines outside the code block
    assert lines[0] == ""  # the file starts with a line break, as Material's skeleton always wrote it
    assert [line for line in lines[1:] if not line.strip() or line != line.lstrip()] == []
    assert "<body" in html and '<div class="md-container">\n<main class="md-main">' in html


def test_no_unused_material_markup_and_no_sitemap_of_mkdocs(demo_site: Path) -> None:
    """What Material's skeleton writes for its script bundle (toggles, overlay, dialog) is in no page,
    and each language has no sitemap of its own: ours at the root lists them all."""
    pages = [p for lang in ("de", "en", "fr") for p in (demo_site / lang).rglob("*.html")]
    assert len(pages) > 400
    unused = re.compile(r'md-toggle|md-overlay|md-dialog|data-md-component="(?:skip|announce)">\s*</div>')
    assert [p.name for p in pages if unused.search(p.read_text(encoding="utf-8"))] == []
    assert not list(demo_site.glob("*/sitemap.xml*")) and (demo_site / "sitemap.xml").is_file()


def test_the_page_links_the_stylesheet_the_installed_material_ships(demo_site: Path) -> None:
    html = (demo_site / "en" / "members" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<link rel="stylesheet" href="\.\./(assets/stylesheets/main\.[0-9a-f]+\.min\.css)">', html)
    assert len(linked) == 1 and (demo_site / "en" / linked[0]).is_file()


def test_a_material_without_its_stylesheet_is_refused() -> None:
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from clusterfolio.site.engine.plugin import material_stylesheets

    files = [SimpleNamespace(src_uri=uri) for uri in ("assets/stylesheets/main.0123abcd.min.css", "assets/stylesheets/palette.4567.min.css")]
    assert material_stylesheets(files) == {"main": "assets/stylesheets/main.0123abcd.min.css", "palette": "assets/stylesheets/palette.4567.min.css"}
    with pytest.raises(PluginError, match="stylesheet"):
        material_stylesheets([SimpleNamespace(src_uri="assets/stylesheets/site.css")])
