"""The package's shape: the site reads the domain, never the validator; no import cycles;
page markup lives in templates, not in Python strings."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "clusterfolio"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Package modules a module imports, at the top or inside functions, absolute or relative."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.add(target)
            out |= {f"{target}.{alias.name}" for alias in node.names}  # `from . import views`
    # Importing a.b.c runs a/b/__init__.py first: a module imports the packages around what it
    # imports, but for its own (those are loading already when it is).
    own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)}
    out |= {".".join(m.split(".")[:i]) for m in list(out) for i in range(2, m.count(".") + 1)} - own
    return {m for m in out if m == "clusterfolio" or m.startswith("clusterfolio.")}


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def test_the_import_walk_sees_the_package() -> None:
    g = graph()
    assert "clusterfolio.site.pages.home" in g and "clusterfolio.urls" in g["clusterfolio.site.pages.home"]
    assert "clusterfolio.validate" in g["clusterfolio.project"]


def test_the_import_walk_sees_the_packages_around_what_is_imported() -> None:
    """`from .pages.cooperation import x` runs pages/__init__.py too: a cycle through a package's
    __init__ (opendata -> pages -> cooperation -> ... -> opendata) is a cycle."""
    g = graph()
    assert "clusterfolio.site.pages" in g["clusterfolio.site.feeds"]  # it imports pages.context
    assert "clusterfolio.site.pages" not in g["clusterfolio.site.pages.home"]  # its own package


def test_the_site_does_not_import_the_validator() -> None:
    g = graph()
    site = [m for m in g if m.startswith("clusterfolio.site")]
    # Neither directly nor through another module.
    for start in site:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            for nxt in g[current] - seen:
                assert nxt.split(".")[:2] != ["clusterfolio", "validate"], f"{start} reaches {nxt} through {current}"
                seen.add(nxt)
                todo.append(nxt)


def test_no_import_cycle_in_the_package() -> None:
    edges = graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


# String literals under clusterfolio/ that contain something tag-like, and why they may.
HTML_LITERALS_ALLOWED = {
    ("clusterfolio/logos/svg.py", "the file contains no <svg> element"): "a message that names the SVG element",
    ("clusterfolio/logos/svg.py", "external reference in a <style> element is not allowed"): "a message that names the element",
    ("clusterfolio/logos/svg.py", ">, not <svg>"): "the end of a message that names the root element found",
    ("clusterfolio/loading.py", "<text>"): "the file name shown for profile text that comes from no file",
}
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")


def html_literals() -> list[tuple[str, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and ast.get_docstring(node, clean=False) is not None
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings and _TAG.search(node.value):
                found.append((path.relative_to(ROOT).as_posix(), node.value))
    return found


# Messages about logos name SVG elements (`<use>`, `<feTurbulence>`): words in a message, no markup.
_SVG_ELEMENTS = {"svg", "use", "style", "feturbulence", "feconvolvematrix", "femorphology", "fegaussianblur", "filter", "pattern", "mask"}
_LOGO_MESSAGES = {*(f"clusterfolio/logos/{name}.py" for name in ("svg", "size", "cost")), "clusterfolio/codes.py"}


def _names_svg_elements_only(path: str, text: str) -> bool:
    tags = [m.group() for m in _TAG.finditer(text)]
    return path in _LOGO_MESSAGES and all(re.fullmatch(r"</?([A-Za-z]+)>", tag) and tag.strip("</>").lower() in _SVG_ELEMENTS for tag in tags)


def test_page_markup_lives_in_templates() -> None:
    found = [item for item in html_literals() if not _names_svg_elements_only(*item)]
    unexpected = [item for item in found if item not in HTML_LITERALS_ALLOWED]
    assert unexpected == [], "HTML in Python strings: move it into a template under theme/templates/"
    assert len(found) <= 5


def test_the_svg_element_allowance_is_narrow() -> None:
    assert _names_svg_elements_only("clusterfolio/logos/cost.py", "<feTurbulence> asks for 1000 octaves")
    assert not _names_svg_elements_only("clusterfolio/logos/svg.py", '<a href="x">')
    assert not _names_svg_elements_only("clusterfolio/site/pages.py", "<use>")


def test_the_literal_scan_finds_markup() -> None:
    assert _TAG.search('<a href="x">') and _TAG.search("</div>") and _TAG.search("<br/>")
    assert not _TAG.search("a < b > c") and not _TAG.search("x <= 3")


def test_every_page_kind_has_its_template() -> None:
    from clusterfolio.resources import templates_dir
    from clusterfolio.site.kinds import Kind

    shipped = {f"pages/{p.name}" for p in (templates_dir() / "pages").glob("*.html")}
    assert all(shipped & set(kind.templates) for kind in Kind)  # each kind finds one
    assert shipped == {next(t for t in kind.templates if t in shipped) for kind in Kind}  # and each template is some kind's
    for partial in ("card", "badge", "label-card", "contact", "filters", "activity", "head", "footer"):
        assert (templates_dir() / "partials" / f"{partial}.html").is_file(), partial


def test_ruff_finds_nothing() -> None:
    """The rule set declared in pyproject.toml ([tool.ruff.lint]) holds for the whole repository."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]


# --------------------------------------------------------------------------------------------
# docs/architecture.md: the table of layers is the picture of the package, kept true here.

ARCHITECTURE = ROOT / "docs" / "architecture.md"


def layers() -> list[tuple[int, str, list[str]]]:
    """The rows of the layer table: (layer, name, module patterns without `clusterfolio.`)."""
    rows = []
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].isdigit():
            rows.append((int(cells[0]), cells[1], re.findall(r"`([^`]+)`", cells[2])))
    return rows


def layer_of(module: str, rows: list[tuple[int, str, list[str]]]) -> tuple[int, str] | None:
    short = module.removeprefix("clusterfolio.") if module != "clusterfolio" else "clusterfolio"
    for layer, name, patterns in rows:
        for pattern in patterns:
            if short == pattern or (pattern.endswith(".*") and (short == pattern[:-2] or short.startswith(pattern[:-1]))):
                return layer, name
    return None


def test_every_module_is_in_its_layer_and_imports_downwards() -> None:
    rows = layers()
    assert len(rows) >= 5, "docs/architecture.md lost its layer table"
    g = graph()
    missing = sorted(m for m in g if layer_of(m, rows) is None)
    assert missing == [], f"modules missing from the layer table of docs/architecture.md: {missing}"
    upwards = []
    for module, targets in g.items():
        here = layer_of(module, rows)
        for target in targets:
            there = layer_of(target, rows)
            # A package's __init__ is imported for its subpackages' sake (`from .. import views`): not a dependency.
            if there[0] > here[0] or (there[0] == here[0] and there[1] != here[1] and target != "clusterfolio"):
                upwards.append(f"{module} ({here[1]}) imports {target} ({there[1]})")
    assert upwards == [], "imports against the layers of docs/architecture.md:\n" + "\n".join(upwards)


def test_the_layer_check_sees_an_upward_import() -> None:
    rows = [(1, "low", ["a"]), (2, "high", ["b.*"])]
    assert layer_of("clusterfolio.b.c", rows) == (2, "high") and layer_of("clusterfolio.a", rows) == (1, "low")
    assert layer_of("clusterfolio.bc", rows) is None
