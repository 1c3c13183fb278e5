"""A pull request's preview (issue 16): `build --preview` makes a site that works opened from disk.

The demo is built three times, in this order: published, preview, published. The two published
builds must be byte-identical (a preview leaves nothing behind), and the preview is opened through
file:// in Chromium, as a member opens the unzipped artifact: only by clicking links.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from clusterfolio.cli import main
from clusterfolio.i18n import Translator
from clusterfolio.site.ui import strings

from .conftest import ROOT, TEST_DATE, build_project

LANGS = ("de", "en", "fr")
DEFAULT_LANG = "de"
_LINK = re.compile(r'<(a|link|script|img)\b[^>]*?\b(href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo published, then as a preview (through the command line), then published again."""
    base = tmp_path_factory.mktemp("preview")
    build_project(ROOT, base / "before")
    assert main(["--root", str(ROOT), "build", "--preview", "--date", TEST_DATE, "--out", str(base / "preview")]) == 0
    build_project(ROOT, base / "after")
    return {name: base / name for name in ("before", "preview", "after")}


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def internal_links(site: Path, html: Path) -> list[str]:
    """The relative links and sources of a page (not anchors, e-mail, phone or other hosts)."""
    out = []
    for match in _LINK.finditer(html.read_text(encoding="utf-8")):
        url = match.group(3)
        if url and not url.startswith(("#", "mailto:", "tel:", "data:")) and not urlsplit(url).scheme:
            out.append(url)
    return out


def pages(site: Path) -> list[Path]:
    """Every page a visitor reaches (the CMS under admin/ is not part of the preview's promise)."""
    return [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != "admin"]


def test_a_preview_build_leaves_the_published_build_byte_identical(builds: dict[str, Path]) -> None:
    before, after = files(builds["before"]), files(builds["after"])
    assert sorted(before) == sorted(after)
    assert [name for name in before if before[name] != after[name]] == []


def test_a_published_build_has_no_banner_and_no_index_html_links(builds: dict[str, Path]) -> None:
    site = builds["before"]
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert "cf-preview" not in text and "Preview of pull request" not in text, page
        assert not [link for link in internal_links(site, page) if "index.html" in link], page
    # The search box is there (the script fills it); the preview's note is not.
    assert '<div class="cf-search" data-bundle="../../en/pagefind/"' in (site / "en/members/index.html").read_text(encoding="utf-8")


def test_every_link_of_the_preview_names_a_file_that_is_there(builds: dict[str, Path]) -> None:
    site = builds["preview"]
    checked = 0
    for page in pages(site):
        if page.name == "404.html" and page.parent != site:
            continue  # mkdocs' 404 of a language: served by a host for missing paths, never opened from disk
        for link in internal_links(site, page):
            target = page.parent / unquote(urlsplit(link).path)
            assert not link.startswith("/"), (page, link)
            assert target.is_file(), f"{page.relative_to(site)}: {link} names no file"
            checked += 1
    assert checked > 10_000


def test_the_preview_says_so_in_every_language(builds: dict[str, Path]) -> None:
    site = builds["preview"]
    for lang in LANGS:
        ui = strings(Translator(lang, DEFAULT_LANG))
        for path in ("index.html", "members/index.html", "members/lumera-optics/index.html", "label/index.html", "about/index.html"):
            text = (site / lang / path).read_text(encoding="utf-8")
            assert f"<strong>{ui['preview']}</strong>" in text, (lang, path)
            assert ui["search_preview"] in text and "data-bundle" not in text, (lang, path)
    assert len({strings(Translator(lang, DEFAULT_LANG))["preview"] for lang in LANGS}) == 3  # translated
    root = (site / "index.html").read_text(encoding="utf-8")
    assert strings(Translator(DEFAULT_LANG, DEFAULT_LANG))["preview"] in root
    assert 'href="de/index.html"' in root and "location.replace(d+'/'+\"index.html\")" in root


# --- in Chromium, from disk -----------------------------------------------------------------------

TIMEOUT = 15_000


def _path(url: str) -> str:
    return unquote(urlsplit(url).path)


def test_the_preview_opens_from_disk_and_every_page_is_reached_by_clicking(builds: dict[str, Path], browser) -> None:
    site = builds["preview"].resolve()
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(TIMEOUT)
    # Nothing leaves the disk: any request to another scheme is refused.
    context.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    # A file that is not there fails (net::ERR_FILE_NOT_FOUND); a lazy image still loading when a
    # click leaves the page is only cancelled (net::ERR_ABORTED).
    page.on("requestfailed", lambda request: errors.append(f"{page.url}: {request.url}: {request.failure}")
            if request.failure != "net::ERR_ABORTED" else None)
    reached: list[str] = []

    def arrived(expected: str) -> None:
        """The page is the built one at site/<expected> (never a folder's listing), with the banner."""
        page.wait_for_load_state("load")
        assert _path(page.url) == (site / expected).as_posix(), page.url
        assert not page.title().startswith("Index of"), page.url
        assert page.locator("html").get_attribute("lang") == expected.split("/")[0]
        banner = page.locator(".cf-preview")
        assert banner.is_visible(), page.url
        lang = expected.split("/")[0]
        assert banner.inner_text().strip() == strings(Translator(lang, DEFAULT_LANG))["preview"]
        assert page.locator(".cf-search--preview").is_visible()
        reached.append(expected)

    def click(selector: str, expected: str) -> None:
        with page.expect_navigation():
            page.locator(selector).first.click()
        arrived(expected)

    # The unzipped artifact: index.html at its top opens the default language's home.
    page.goto((site / "index.html").as_uri())
    page.wait_for_url(re.compile(r"/de/index\.html$"))
    arrived("de/index.html")
    for lang in ("en", "fr", "de"):
        click(f'.cf-languages a[hreflang="{lang}"]', f"{lang}/index.html")
    click('.cf-languages a[hreflang="en"]', "en/index.html")
    click('.cf-nav a[href="members/index.html"]', "en/members/index.html")
    click('.cf-directory a[href="lumera-optics/index.html"]', "en/members/lumera-optics/index.html")
    click('.cf-nav a[href="../../label/index.html"]', "en/label/index.html")
    click(".cf-brand", "en/index.html")
    click('.cf-languages a[hreflang="fr"]', "fr/index.html")
    assert errors == []
    assert len(reached) == 10
    context.close()


def test_without_javascript_the_root_lists_every_language_as_a_file(builds: dict[str, Path], browser) -> None:
    site = builds["preview"].resolve()
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    for lang in LANGS:
        page.goto((site / "index.html").as_uri())
        assert page.get_by_text(strings(Translator(DEFAULT_LANG, DEFAULT_LANG))["preview"]).is_visible()
        with page.expect_navigation():
            page.locator(f'a[hreflang="{lang}"]').click()
        assert _path(page.url) == (site / lang / "index.html").as_posix()
        assert page.locator(".cf-preview").is_visible()
    context.close()


def test_the_pull_request_workflow_uploads_the_preview_build() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    build = next(s for s in steps if "build.py build" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert build["run"] == "python build.py build --preview"
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == "site/"
    assert steps.index(upload) == steps.index(build) + 1
