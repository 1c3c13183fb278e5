"""URLs: every page path, absolute URLs, and relative links between pages (clusterfolio/urls.py)."""
from __future__ import annotations

import posixpath

import pytest

from clusterfolio import urls


def test_page_paths() -> None:
    assert urls.member("lumera-optics") == "members/lumera-optics/"
    assert urls.competence("laser-systems") == "competences/laser-systems/"
    assert urls.stage("research") == "value-chain/research/"
    assert urls.member_type("sme") == "types/sme/"
    assert urls.country("FR") == "countries/fr/"  # lower-case ISO code (SPEC §4)
    assert urls.content("imprint") == "imprint/"


@pytest.mark.parametrize(("site_url", "expected"), [
    ("https://cluster.example.org/", "https://cluster.example.org/en/members/x/"),
    ("https://cluster.example.org", "https://cluster.example.org/en/members/x/"),
    ("https://example.org/cluster/", "https://example.org/cluster/en/members/x/"),
    ("", "/en/members/x/"),
])
def test_absolute_urls(site_url: str, expected: str) -> None:
    assert urls.absolute(site_url, "en", urls.member("x")) == expected


def test_asset_and_site_path() -> None:
    assert urls.asset("https://example.org/cluster/", "logos/a.svg") == "https://example.org/cluster/logos/a.svg"
    assert urls.site_path("https://example.org/cluster") == "/cluster/"
    assert urls.site_path("https://example.org/") == "/"
    assert urls.site_path("") == "/"


@pytest.mark.parametrize(("here", "to", "expected"), [
    ("", "", "./"),
    ("", "members/", "members/"),
    ("members/", "", "../"),
    ("members/", "members/", "./"),
    ("members/a/", "members/b/", "../b/"),
    ("members/a/", "competences/x/", "../../competences/x/"),
    ("countries/fr/", "label/", "../../label/"),
    ("label/", "members/a/", "../members/a/"),
])
def test_relative_links(here: str, to: str, expected: str) -> None:
    assert urls.relative(here, to) == expected
    # Resolved against the page's own URL, the link lands on the target.
    assert posixpath.normpath(posixpath.join("/en/" + here, expected)) == posixpath.normpath("/en/" + to)


@pytest.mark.parametrize(("here", "to", "expected"), [
    ("", "", "index.html"),
    ("", "members/", "members/index.html"),
    ("members/a/", "members/b/", "../b/index.html"),
    ("members/", "", "../index.html"),
])
def test_relative_links_to_files_for_a_site_opened_from_disk(here: str, to: str, expected: str) -> None:
    assert urls.relative(here, to, file_urls=True) == expected


@pytest.mark.parametrize(("here", "expected"), [("", "../"), ("members/", "../../"), ("members/a/", "../../../")])
def test_to_site_root(here: str, expected: str) -> None:
    assert urls.to_site_root(here) == expected
    assert posixpath.normpath(posixpath.join("/en/" + here, expected)) == "/"


def _reference_relative(from_path: str, to_path: str) -> str:
    """The link as posixpath.relpath makes it (the function's first version)."""
    import posixpath

    start, target = "/" + from_path, "/" + to_path
    link = posixpath.relpath(target, start if start.endswith("/") else posixpath.dirname(start))
    is_dir = to_path == "" or to_path.endswith("/")
    if link == ".":
        link = ""
    elif is_dir and not link.endswith("/"):
        link += "/"
    return link or "./"


def test_relative_links_are_what_relpath_makes_for_any_two_paths() -> None:
    """The quick path (split and compare) gives relpath's answer, '.' and '..' parts included."""
    import itertools

    parts = ["", "members", "m", "a.b", ".", "..", ".well-known", "page", "2", "index.html"]
    paths = {""}
    for n in (1, 2, 3):
        for combo in itertools.product(parts, repeat=n):
            paths.add("/".join(combo))
            paths.add("/".join(combo) + "/")
    paths = sorted(paths)
    assert len(paths) > 1000
    for here in paths[::7]:
        for to in paths:
            assert urls.relative(here, to) == _reference_relative(here, to), (here, to)
