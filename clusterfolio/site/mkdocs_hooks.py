"""mkdocs hook: hand our finished page data to the theme, around mkdocs' Markdown step.

A generated page reaches mkdocs as front matter that names a JSON file and a one-line
placeholder. Titles, head, footer and body come from that file, so no profile text is
ever parsed as YAML front matter or Markdown by mkdocs, and our HTML is not re-parsed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PLACEHOLDER = "CLUSTERFOLIO-PAGE-BODY"
META_KEYS = ("title", "cf_title", "cf_description", "cf_head", "cf_footer", "cf_search")


def _data(page: Any) -> dict[str, Any] | None:
    source = (page.meta or {}).get("cf_page")
    if not source:
        return None
    return json.loads(Path(source).read_text(encoding="utf-8"))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    data = _data(page)
    if data is not None:
        page.meta.update({key: data[key] for key in META_KEYS if key in data})
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    data = _data(page)
    if data is None or "body" not in data:
        return html
    return data["body"]
