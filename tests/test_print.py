"""A member page prints as a clean profile (issue "The face a foreign partner sees", point 3):
partners print profiles before a trade fair. In Chromium's print mode: no header, navigation,
search or footer; contact links show where they lead; every demo member fits on one or two A4
pages."""
from __future__ import annotations

import re

import pytest

from .conftest import ROOT

MEMBERS = sorted(p.stem for p in (ROOT / "profiles/members").glob("*.yml"))
# The member with the longest profile file: the one most likely to spill onto a third page.
LONGEST = max(MEMBERS, key=lambda slug: (ROOT / "profiles/members" / f"{slug}.yml").stat().st_size)

SHOWN = """() => {
  const shown = (el) => !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
  const after = (a) => getComputedStyle(a, "::after").content;
  return {
    header: shown(document.querySelector(".cf-header")),
    nav: shown(document.querySelector(".cf-nav")),
    footer: shown(document.querySelector(".cf-footer")),
    heading: shown(document.querySelector("h1")),
    contacts: [...document.querySelectorAll("#contact a")].map((a) => [a.getAttribute("href"), after(a)]),
    chips: [...document.querySelectorAll(".cf-chips a")].map(after),
  };
}"""


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_a_member_page_prints_without_chrome_and_with_its_contact_addresses(browser, demo_url: str, lang: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{demo_url}/{lang}/members/{LONGEST}/")
        page.emulate_media(media="print")
        seen = page.evaluate(SHOWN)
        assert not seen["header"] and not seen["nav"] and not seen["footer"], seen
        assert seen["heading"]
        assert seen["contacts"], "the demo member has contact links"
        for href, after in seen["contacts"]:
            assert href in after, f"the printed link does not show {href}: {after}"
        assert all(after in ("none", "normal") for after in seen["chips"]), "competence chips need no URL on paper"
    finally:
        page.close()


def test_every_demo_member_prints_on_one_or_two_pages(browser, demo_url: str) -> None:
    page = browser.new_page()
    counts = {}
    try:
        for slug in MEMBERS:
            page.goto(f"{demo_url}/en/members/{slug}/")
            counts[slug] = pdf_pages(page.pdf(format="A4", print_background=False))
    finally:
        page.close()
    assert all(n >= 1 for n in counts.values()), counts  # the page counter sees pages at all
    too_long = {slug: n for slug, n in counts.items() if n > 2}
    assert not too_long, f"printed profiles over two A4 pages: {too_long}"


def test_the_page_counter_counts_pages() -> None:
    assert pdf_pages(b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>") == 2
