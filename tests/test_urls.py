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
