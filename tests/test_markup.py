"""What member Markdown may become in a page (SPEC §3.4): the renderer's second line of defence."""
from __future__ import annotations

from clusterfolio.site.markup import markdown_html, script_json


def test_links_keep_only_their_target() -> None:
    html = markdown_html('[Lyon office](https://example.com/lyon "our office")')
    assert html == '<p><a href="https://example.com/lyon" rel="nofollow noopener ugc">Lyon office</a></p>\n'


def test_raw_html_and_unsafe_links_stay_text() -> None:
    html = markdown_html('<b lang="de" title="x">bold</b> [x](javascript:alert(1))')
    assert "<b" not in html and "href" not in html and "&lt;b" in html


def test_json_for_a_script_cannot_end_it() -> None:
    text = script_json({"name": "</script><script>alert(1)</script>", "x": "\u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
