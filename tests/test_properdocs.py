"""Ready for mkdocs' successor (issue 14): the demo builds with ProperDocs, the maintained fork of
MkDocs 1.x (`build --engine properdocs`), to the same pages with the same main content as with mkdocs.

ProperDocs is in the test extra, so this never skips: in CI it runs like any other test.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

from .conftest import ROOT, TEST_DATE


class MainContent(HTMLParser):
    """The text of <article class="md-content__inner …">, where the theme puts each page's own content;
    in a frameless embed (kinds.Facts.frame False: no theme around it), the text of its <main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag == "article"
        # A frameless embed's bare <main> (partials/embed-page.html); Material's has a class.
        elif (tag == "article" and "md-content__inner" in (dict(attrs).get("class") or "").split()) or (tag == "main" and not attrs):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in ("article", "main"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)

    @classmethod
    def of(cls, page: Path) -> str:
        parser = cls()
        parser.feed(page.read_text(encoding="utf-8"))
        return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def pages(site: Path) -> dict[str, str]:
    """Every page of every language (not the root files or /admin/) and its main content."""
    from clusterfolio.config import read_config

    return {p.relative_to(site).as_posix(): MainContent.of(p)
            for lang in read_config(ROOT).languages for p in sorted((site / lang).rglob("*.html"))}


def _mkdocs_modules() -> str:
    """In a fresh worker that started the engine: which package answers `import mkdocs.commands.build`."""
    import importlib

    return importlib.import_module("mkdocs.commands.build").__name__


def test_a_properdocs_worker_answers_mkdocs_imports_with_properdocs() -> None:
    import mkdocs.commands.build  # noqa: F401 - this process has mkdocs; the spawned worker must not care

    from clusterfolio.site.engine.build import fresh_process, start_engine

    assert fresh_process("properdocs") and not fresh_process("mkdocs")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=start_engine, initargs=("properdocs",)) as pool:
        assert pool.submit(_mkdocs_modules).result() == "properdocs.commands.build"


def test_the_demo_builds_with_properdocs_to_the_same_pages(demo_site: Path, tmp_path: Path, run) -> None:
    import mkdocs.commands.build  # noqa: F401 - as in a long-running process that built with mkdocs before

    out = tmp_path / "properdocs"
    result = run("--root", ROOT, "build", "--engine", "properdocs", "--out", out, "--date", TEST_DATE)
    assert result.code == 0, result.out + result.err
    with_mkdocs, with_properdocs = pages(demo_site), pages(out)
    assert len(with_mkdocs) > 400
    assert with_properdocs.keys() == with_mkdocs.keys()
    assert [name for name in with_mkdocs if with_mkdocs[name] != with_properdocs[name]] == []
    assert all(text for name, text in with_mkdocs.items() if not name.endswith("404.html"))
    # Today they are the same bytes, every file; a difference in the theme's frame would be allowed.
    same = sum(hashlib.sha256(p.read_bytes()).digest() == hashlib.sha256((out / p.relative_to(demo_site)).read_bytes()).digest()
               for p in demo_site.rglob("*") if p.is_file() and (out / p.relative_to(demo_site)).is_file())
    print(f"\nProperDocs: {len(with_properdocs)} pages with the same main content; {same} of {sum(1 for p in demo_site.rglob('*') if p.is_file())} files byte-identical")
