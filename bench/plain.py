"""The same pages as plain mkdocs input: what a site without clusterfolio's plugin would build.

Generated pages become Markdown files whose body is their finished HTML; content pages keep
their Markdown. Benchmarks build these with plain `mkdocs build` (Material, no overrides) to
compare with clusterfolio's own build of the same pages.
"""
from __future__ import annotations

import json
from pathlib import Path

from clusterfolio.config import Config
from clusterfolio.model import Project
from clusterfolio.site.build import language_site


def write_plain_docs(config: Config, project: Project, lang: str, work: Path) -> tuple[Path, list[dict[str, str]]]:
    """Write one language's pages under work/<lang>/docs; return the docs folder and the nav."""
    site = language_site(config, project, lang)
    docs = work / lang / "docs"
    for page in site.pages:
        target = docs / site.doc_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        body = page.source if page.source is not None else str(site.renderer.body(page))
        front = f"---\ntitle: {json.dumps(page.title, ensure_ascii=True)}\n---\n\n"
        target.write_text(front + body + "\n", encoding="utf-8")
    return docs, site.nav()
