"""A member page prints as a trade-fair handout (issue "The face a foreign partner sees", point 3;
issue 24 "a partner abroad, first minute", item 6). In Chromium's print mode: no header,
navigation, search or footer; page 1 of A4 holds the member's name, summary, competences and
contact, and a letterhead with the cluster's name, the page's address as text and as a QR code
that scans to it, and the build date; links print as their text, never as `mailto:`/`tel:`
targets; the cluster's labels say they are the cluster's. Every demo member in every language is
printed to PDF, read with pypdf, and its page 1 rendered with pdftoppm (Debian's poppler-utils)
for zxing-cpp to scan."""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import segno

from clusterfolio import urls
from clusterfolio.config import read_config
from clusterfolio.i18n import Translator
from clusterfolio.project import load_project
from clusterfolio.site.qr import MASK, QUIET_ZONE, qr_code

from .conftest import ROOT, TEST_DATE, _unavailable

LANGS = ("de", "en", "fr")
MEMBERS = sorted(p.stem for p in (ROOT / "profiles/members").glob("*.yml"))
# The member with the longest profile file: the one most likely to spill onto a third page.
LONGEST = max(MEMBERS, key=lambda slug: (ROOT / "profiles/members" / f"{slug}.yml").stat().st_size)
SITE_URL = read_config(ROOT).site_url
# What a reader at a trade fair cannot use: a link's target instead of its text.
TARGET = re.compile(r"(?<![A-Za-z])(mailto|tel):", re.IGNORECASE)

SHOWN = """() => {
  const shown = (el) => !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
  const after = (a) => getComputedStyle(a, "::after").content;
  const box = (el) => el.getBoundingClientRect();
  const head = document.querySelector(".cf-member__head"), contact = document.querySelector("#contact");
  return {
    header: shown(document.querySelector(".cf-header")),
    nav: shown(document.querySelector(".cf-nav")),
    footer: shown(document.querySelector(".cf-footer")),
    search: shown(document.querySelector(".cf-search")),
    button: shown(document.querySelector(".cf-member .cf-actions")),
    heading: shown(document.querySelector("h1")),
    sheet: shown(document.querySelector(".cf-sheet")),
    qr: shown(document.querySelector(".cf-sheet__qr")),
    holds: shown(document.querySelector(".cf-member__holds")),
    contacts: [...document.querySelectorAll("#contact li")].map((li) => [li.querySelector("a").getAttribute("href"), after(li.querySelector("a")), li.innerText]),
    chips: [...document.querySelectorAll(".cf-chips a")].map(after),
    // The contact stands beside the name: its top level with the head's, left of it nothing.
    beside: Math.abs(box(contact).top - box(head).top) < 2 && box(contact).left >= box(head).right,
  };
}"""


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def squeeze(text: str) -> str:
    """Text without white space: a line may break an address or a name anywhere."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def demo_project():
    import datetime as dt

    project, problems = load_project(read_config(ROOT), dt.date.fromisoformat(TEST_DATE))
    assert project is not None, problems
    return project


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    texts: tuple[str, ...]  # each page's text, as pypdf reads it


@pytest.fixture(scope="module")
def printed(browser, demo_url: str) -> dict[tuple[str, str], Printed]:
    """Every demo member page in every language as Chromium prints it on A4, read once."""
    from pypdf import PdfReader

    page = browser.new_page()
    out = {}
    try:
        page.emulate_media(media="print")
        for lang in LANGS:
            for slug in MEMBERS:
                page.goto(f"{demo_url}/{lang}/members/{slug}/")
                pdf = page.pdf(format="A4")
                out[(lang, slug)] = Printed(pdf, tuple(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    finally:
        page.close()
    return out


def first_page_image(pdf: bytes, folder: Path):  # noqa: ANN201 - a PIL image
    """Page 1 of a PDF as pixels: pdftoppm draws it as a printer would, at 150 dpi, in grey (PGM:
    no compression to undo)."""
    from PIL import Image

    if not shutil.which("pdftoppm"):
        _unavailable("pdftoppm (Debian's poppler-utils) is not installed")
    source = folder / "page.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "150", "-gray", "-singlefile", str(source), str(folder / "page")],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return Image.open(io.BytesIO((folder / "page.pgm").read_bytes()))


@pytest.mark.parametrize("lang", LANGS)
def test_a_member_page_prints_without_chrome_with_the_contact_beside_the_name(browser, demo_url: str, lang: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{demo_url}/{lang}/members/{LONGEST}/")
        screen = page.evaluate(SHOWN)
        page.emulate_media(media="print")
        seen = page.evaluate(SHOWN)
    finally:
        page.close()
    assert not seen["header"] and not seen["nav"] and not seen["footer"] and not seen["search"], seen
    assert not seen["button"], "the contact block says it all on paper"
    assert seen["heading"] and seen["sheet"] and seen["qr"] and seen["holds"], seen
    assert seen["beside"], "in print the contact stands beside the member's name"
    assert not screen["sheet"] and screen["holds"], "the letterhead is for paper; whose labels, for both"
    assert seen["contacts"], "the demo member has contact links"
    for href, after, text in seen["contacts"]:
        assert after in ("none", "normal"), f"{href} prints its target after its text: {after}"
        if href.startswith("http"):
            # A web address prints as its host and path, in the link's text or after it (a contact form).
            assert re.sub(r"^https?://|/$", "", href) in text.replace("\n", ""), (href, text)
    assert all(after in ("none", "normal") for after in seen["chips"]), "competence chips need no URL on paper"


def test_every_demo_member_prints_on_one_or_two_pages(printed: dict[tuple[str, str], Printed]) -> None:
    counts = {key: pdf_pages(p.pdf) for key, p in printed.items()}
    assert all(n >= 1 for n in counts.values()), counts  # the page counter sees pages at all
    too_long = {key: n for key, n in counts.items() if n > 2}
    assert not too_long, f"printed profiles over two A4 pages: {too_long}"


def test_page_one_holds_the_name_the_contact_and_whose_labels(printed: dict[tuple[str, str], Printed], demo_project) -> None:  # noqa: ANN001
    cluster = demo_project.cluster
    missing = []
    for (lang, slug), p in printed.items():
        m = demo_project.members[slug]
        first = squeeze(p.texts[0])
        contact = [squeeze(x) for x in (m.contact.email, m.contact.phone) if x]
        holds = Translator(lang, demo_project.default_language)._("Member of {cluster} — the cluster holds these quality labels:")
        address = urls.absolute(SITE_URL, lang, urls.member(slug)).removeprefix("https://").rstrip("/")
        wanted = {
            "name": squeeze(m.name) in first,
            "contact": bool(contact) and any(c in first for c in contact),
            "labels": squeeze(holds.format(cluster=cluster.name)) in first,
            "cluster": squeeze(cluster.name) in first,
            "address": squeeze(address) in first,
        }
        missing += [(lang, slug, what) for what, ok in wanted.items() if not ok]
    assert not missing, f"not on page 1: {missing}"


def test_page_one_carries_a_qr_code_that_scans_to_the_page(printed: dict[tuple[str, str], Printed], tmp_path: Path) -> None:
    import zxingcpp

    wrong = {}
    for (lang, slug), p in printed.items():
        found = [b.text for b in zxingcpp.read_barcodes(first_page_image(p.pdf, tmp_path), formats=zxingcpp.BarcodeFormat.QRCode)]
        if found != [urls.absolute(SITE_URL, lang, urls.member(slug))]:
            wrong[(lang, slug)] = found
    assert not wrong, f"page 1 scans to something else: {wrong}"


def test_the_printed_text_shows_no_link_targets(printed: dict[tuple[str, str], Printed]) -> None:
    found = {}
    for key, p in printed.items():
        text = "\n".join(p.texts)
        if TARGET.search(text):
            found[key] = sorted(set(TARGET.findall(text)))
    assert not found, f"printed link targets: {found}"


def test_the_target_pattern_finds_targets_and_not_words() -> None:
    assert TARGET.search("vertrieb (mailto:vertrieb@x.example)") and TARGET.search("(tel:+497121)")
    assert not TARGET.search("Hotel: Am Markt") and not TARGET.search("vertrieb@x.example · +49 7121 555-0100")


def test_the_qr_image_holds_exactly_the_modules_segno_encodes() -> None:
    import base64
    import io

    from PIL import Image

    url = f"{SITE_URL.rstrip('/')}/fr/members/{'x' * 63}/"  # the longest slug there is
    code = qr_code(url)
    expected = segno.make_qr(url, error="m", mask=MASK).matrix
    assert code.size == len(expected) + 2 * QUIET_ZONE
    image = Image.open(io.BytesIO(base64.b64decode(code.image.split(",", 1)[1]))).convert("1")
    assert image.size == (code.size, code.size)
    drawn = [[1 if image.getpixel((x, y)) == 0 else 0 for x in range(code.size)] for y in range(code.size)]
    framed = [[0] * code.size for _ in range(QUIET_ZONE)]
    framed += [[0] * QUIET_ZONE + list(row) + [0] * QUIET_ZONE for row in expected]
    framed += [[0] * code.size for _ in range(QUIET_ZONE)]
    assert drawn == framed
    assert len(code.image) < 700, "the inline code stays a small part of the page"


def test_the_page_counter_counts_pages() -> None:
    assert pdf_pages(b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>") == 2


def test_a_site_without_site_url_prints_its_letterhead_without_address_or_code(project: Path) -> None:
    import datetime as dt

    from clusterfolio.site.build import language_site

    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(re.sub(r"(?m)^site_url:.*\n", "", mkdocs.read_text()))
    config = read_config(project)
    assert config.site_url == ""
    built, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert built is not None, problems
    site = language_site(config, built, "en")
    member = next(p for p in site.pages if p.kind == "member")
    body = str(site.renderer.body(member))
    found = re.search(r'<div class="cf-sheet".*?</div>', body, re.S)
    assert found
    sheet = html.unescape(found.group())
    assert built.cluster.name in sheet and "Status on" in sheet
    # A root-relative path is no address on paper, and a code of it would lead nowhere.
    assert "<svg" not in sheet and "This profile online" not in sheet
