"""mkdocs hook: put our finished page HTML in after mkdocs' Markdown step.

Generated pages reach mkdocs as a one-line placeholder, so Python-Markdown never parses
(or alters) the HTML we made; the body is read from the file the page's meta names.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

PLACEHOLDER = "CLUSTERFOLIO-PAGE-BODY"


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    body_file = (page.meta or {}).get("cf_body")
    if not body_file:
        return html
    return Path(body_file).read_text(encoding="utf-8")
