"""The competence atlas (issue 27): the demo's atlas in de, en and fr, read back with pypdf.

Built once per module with the atlas's own step (atlas/build.py: the logos drawn as the site draws
them, a worker process per language), then: its pages (cover, contents, cluster, value chain, a
page per member, three indexes, counted from the project), each member's name on its page, the
bookmarks, the contents' and the indexes' page numbers against the pages the entries are on, the QR
codes (pdftoppm draws the page, zxing-cpp reads it), the document's language and title, the PDF/UA
tagging, two builds byte for byte, hostile member text as text, the bound (CF-W606), the command.

Every check runs on the atlas as the build lays it out (the demo's members in one chunk) and laid out
three members a chunk (atlas/paging.py: CHUNK), so that the joining of parts (atlas/join.py) shows:
the same pages, page numbers, bookmarks, one structure tree.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clusterfolio import urls
from clusterfolio.atlas import build as atlas_build
from clusterfolio.atlas import paging
from clusterfolio.atlas.build import Selection, atlas_logos, build_atlases, cluster_slug, write_atlas
from clusterfolio.atlas.render import allowed
from clusterfolio.config import read_config
from clusterfolio.i18n import Translator
from clusterfolio.project import load_project

from .conftest import ROOT, TEST_DATE, _unavailable

LANGS = ("de", "en", "fr")
FIXED_PAGES = 4  # the cover, the contents, the cluster, the value chain
INDEXES = 3  # by competence, by stage, by country


@pytest.fixture(scope="module")
def demo():
    config = read_config(ROOT)
    project, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert project is not None, problems
    return config, project


@pytest.fixture(scope="module", params=[paging.CHUNK, 3], ids=["one-chunk", "chunks-of-3"])
def chunk(request: pytest.FixtureRequest):  # noqa: ANN201 - the members a chunk, patched while the module's tests use it
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "CHUNK", request.param)
        yield request.param


@pytest.fixture(scope="module")
def built(demo, chunk: int, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The demo's atlas in every language, as the build's step writes it (one process per language)."""
    config, project = demo
    work = tmp_path_factory.mktemp("atlas")
    files, problems = build_atlases(config, project, work, jobs=2)
    assert problems == ()
    return {lang: (work / "atlas" / lang / f.path).read_bytes() for lang, f in files.items()}


def reader(pdf: bytes):  # noqa: ANN201 - a pypdf.PdfReader
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """The bookmarks as (level, title, page number from 1), in order."""
    r = reader(pdf)
    out: list[tuple[int, str, int]] = []

    def walk(items, level: int) -> None:  # noqa: ANN001
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, r.get_destination_page_number(item) + 1))

    walk(r.outline, 1)
    return out


def test_the_file_is_named_for_the_cluster_and_the_language(demo) -> None:
    config, project = demo
    assert cluster_slug(project) == "photonik-praezision-neckar-alb"
    assert urls.atlas(cluster_slug(project), "fr") == "atlas/photonik-praezision-neckar-alb-atlas-fr.pdf"
    assert Selection(competence="laser-systems").suffix() == "-laser-systems"
    assert Selection(country="FR").suffix() == "-fr-country"


@pytest.mark.parametrize("lang", LANGS)
def test_the_pages_are_the_cover_the_cluster_the_members_and_the_indexes(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    assert len(reader(built[lang]).pages) == FIXED_PAGES + len(project.members) + INDEXES


@pytest.mark.parametrize("lang", LANGS)
def test_every_member_has_a_page_of_its_own_in_the_directorys_order(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    pages = texts(built[lang])
    for n, (_, m) in enumerate(project.index.members):
        page = squeeze(pages[FIXED_PAGES + n])
        assert squeeze(m.name) in page, (lang, m.name)
        others = [o.name for _, o in project.index.members if o.name != m.name and squeeze(o.name) in page and o.name not in m.name]
        assert others == [], (m.name, others)


@pytest.mark.parametrize("lang", LANGS)
def test_the_bookmarks_lead_to_the_parts_and_to_every_member(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    t = Translator(lang, project.default_language)
    marks = outline(built[lang])
    top = [(title, page) for level, title, page in marks if level == 1]
    assert [title for title, _ in top] == [project.cluster.name, t._("Contents"), t._("The cluster"), t._("Value chain"), t._("Members"),
                                           t._("Index by competence"), t._("Index by value-chain stage"), t._("Index by country")]
    members = [(title, page) for level, title, page in marks if level == 2]
    assert members == [(m.name, FIXED_PAGES + 1 + n) for n, (_, m) in enumerate(project.index.members)]
    assert dict(top)[t._("Members")] == FIXED_PAGES + 1


def contents_checked(pdf: bytes) -> int:
    """How many lines of the contents give the page their bookmark leads to (all, or an assertion fails)."""
    contents = texts(pdf)[1]
    checked = 0
    for _, title, page in outline(pdf)[2:]:  # after the cover and the contents themselves
        found = re.search(re.escape(squeeze(title)) + r"(?:\.)*(\d+)", squeeze(contents))
        assert found, title
        assert int(found.group(1)) == page, title
        checked += 1
    return checked


@pytest.mark.parametrize("lang", LANGS)
def test_the_contents_give_the_page_each_entry_is_on(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    assert contents_checked(built[lang]) == 6 + len(project.members)


@pytest.mark.parametrize("lang", ["en"])
def test_the_indexes_give_each_members_page(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    pages = texts(built[lang])
    by_country = squeeze(pages[FIXED_PAGES + len(project.members) + 2])
    for n, (_, m) in enumerate(project.index.members):
        assert f"{squeeze(m.name)}{FIXED_PAGES + 1 + n}" in by_country, m.name


@pytest.mark.parametrize("lang", LANGS)
def test_the_document_has_its_language_title_and_dates(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    r = reader(built[lang])
    t = Translator(lang, project.default_language)
    assert r.trailer["/Root"]["/Lang"] == lang
    assert r.metadata.title == t._("{cluster} – Competence atlas").format(cluster=project.cluster.name)
    assert r.metadata["/CreationDate"].startswith(f"D:{TEST_DATE.replace('-', '')}000000")
    assert r.metadata["/ModDate"] == r.metadata["/CreationDate"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_is_tagged_for_pdf_ua(built: dict[str, bytes], lang: str) -> None:
    root = reader(built[lang]).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def structure(pdf: bytes):  # noqa: ANN201 - the pikepdf.Pdf, its pages' numbers by object, its structure elements
    import pikepdf

    doc = pikepdf.open(io.BytesIO(pdf))
    pages = {page.obj.objgen: n for n, page in enumerate(doc.pages)}
    elements: list = []

    def walk(element) -> None:  # noqa: ANN001
        elements.append(element)
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                assert kid.P.objgen == element.objgen  # each element's parent is the one it hangs under
                walk(kid)

    walk(doc.Root.StructTreeRoot.K[0])
    return doc, pages, elements


@pytest.mark.parametrize("lang", LANGS)
def test_the_atlas_is_one_structure_tree_with_every_page_in_it(built: dict[str, bytes], lang: str) -> None:
    doc, pages, elements = structure(built[lang])
    tree = doc.Root.StructTreeRoot
    assert len(tree.K) == 1 and tree.K[0].S == "/Document"
    on = {pages[e.Pg.objgen] for e in elements if "/Pg" in e}  # every /Pg a page of this file (KeyError if not)
    assert on == set(range(len(pages)))
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    parents = [int(page.obj.StructParents) for page in doc.pages]
    annotations = [int(x.StructParent) for page in doc.pages for x in page.obj.get("/Annots", ())]
    assert len(set(keys)) == len(keys) and sorted(parents + annotations) == sorted(keys)
    assert int(tree.ParentTreeNextKey) == max(keys) + 1
    for n in range(len(pages)):  # a page's marked content belongs to elements on that page
        assert all(pages[e.Pg.objgen] == n for e in nums[keys.index(parents[n]) * 2 + 1] if "/Pg" in e)


@pytest.mark.parametrize("lang", LANGS)
def test_the_footers_number_the_pages_on_to_the_last(built: dict[str, bytes], lang: str) -> None:
    pages = texts(built[lang])
    for n, text in enumerate(pages[1:], start=2):  # the cover has none
        assert squeeze(text).endswith(f"{n}/{len(pages)}"), (lang, n, text[-40:])


@pytest.mark.parametrize("lang", ["en"])
def test_the_links_of_the_contents_and_indexes_lead_to_the_member_pages(built: dict[str, bytes], demo, lang: str) -> None:
    _, project = demo
    doc, pages, _ = structure(built[lang])
    names = doc.Root.Names.Dests.Names
    dests = {str(names[i]): pages[names[i + 1][0].objgen] + 1 for i in range(0, len(names), 2)}
    expected = {f"member-{slug}": FIXED_PAGES + 1 + n for n, slug in enumerate(project.index.slugs)}
    followed = 0
    for number in (2, len(pages) - 2, len(pages)):  # the contents, the competence and the country index
        for annotation in doc.pages[number - 1].obj.get("/Annots", ()):
            name = str(annotation.Dest)
            if name in expected:
                assert dests[name] == expected[name], (number, name)
                followed += 1
    assert followed >= 3 * len(project.members)


def test_the_plan_numbers_the_pages_from_the_parts_lengths() -> None:
    plan = paging.Plan(paging.Shape(4, {"cover": 0}), (paging.Shape(3, {"members": 0, "member-a": 0, "member-b": 2}),), paging.Shape(2, {"i": 1}))
    assert plan.starts() == (1, 5, 8) and plan.total() == 9
    assert plan.numbers() == {"cover": 1, "members": 5, "member-a": 5, "member-b": 7, "i": 9}


def test_a_member_on_two_pages_moves_the_page_numbers_after_it(demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, project = demo
    monkeypatch.setattr(paging, "CHUNK", 3)  # the long member in the first chunk: the chunks after it start a page later
    slug = project.index.slugs[1]
    m = project.members[slug]
    long = "\n\n".join(f"Paragraph {n}: " + "precision optics and coatings " * 20 for n in range(16))
    longer = m.model_construct(**{**dict(m), "description": dict.fromkeys(config.languages, long)})
    project = dataclasses.replace(project, members={**project.members, slug: longer})
    printed = write_atlas(config, project, "en", {}, tmp_path)
    pdf = (tmp_path / printed.path).read_bytes()
    extra = printed.pages - (FIXED_PAGES + len(project.members) + INDEXES)  # the long member's pages past its first
    assert extra >= 1 and printed.pages == len(reader(pdf).pages)
    members = [(title, page) for level, title, page in outline(pdf) if level == 2]
    assert members == [(m.name, FIXED_PAGES + 1 + n + (extra if n > 1 else 0)) for n, (_, m) in enumerate(project.index.members)]
    assert contents_checked(pdf) == 6 + len(project.members)
    pages = texts(pdf)
    assert all(squeeze(text).endswith(f"{n}/{len(pages)}") for n, text in enumerate(pages[1:], start=2))


def test_the_fonts_are_ours_subset_and_embedded(built: dict[str, bytes]) -> None:
    r = reader(built["de"])
    names = set()
    for page in r.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else font["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
            names.add(str(font["/BaseFont"]).split("+", 1)[1])
    # Our faces only ("Atlas Sans": the shipped DejaVu subsets), regular and bold, slanted where the
    # Markdown says so: no system font filled in for a letter the subsets lack.
    assert names >= {"Atlas-Sans", "Atlas-Sans-Bold"} and all(n.startswith("Atlas-Sans") for n in names), names


def page_image(pdf: bytes, page: int, folder: Path):  # noqa: ANN201 - a PIL image
    from PIL import Image

    if not shutil.which("pdftoppm"):
        _unavailable("pdftoppm (Debian's poppler-utils) is not installed")
    source = folder / "atlas.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "150", "-gray", "-singlefile", str(source), str(folder / "page")],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return Image.open(io.BytesIO((folder / "page.pgm").read_bytes()))


@pytest.mark.parametrize("lang", LANGS)
def test_the_qr_codes_scan_to_the_site_and_to_the_member_pages(built: dict[str, bytes], demo, lang: str, tmp_path: Path) -> None:
    import zxingcpp

    config, project = demo

    def scanned(page: int) -> list[str]:
        return [b.text for b in zxingcpp.read_barcodes(page_image(built[lang], page, tmp_path), formats=zxingcpp.BarcodeFormat.QRCode)]

    assert scanned(1) == [urls.absolute(config.site_url, lang, urls.HOME)]
    for n in (0, len(project.members) - 1):
        slug = project.index.slugs[n]
        assert scanned(FIXED_PAGES + 1 + n) == [urls.absolute(config.site_url, lang, urls.member(slug))], slug


def test_two_builds_are_byte_identical(built: dict[str, bytes], demo, tmp_path: Path) -> None:
    config, project = demo
    logos = atlas_logos(config, project, project.index.slugs, tmp_path / "logos")
    again = write_atlas(config, project, "fr", logos, tmp_path / "fr")
    assert (tmp_path / "fr" / again.path).read_bytes() == built["fr"]
    other_day = dataclasses.replace(project, build_date=project.build_date + dt.timedelta(days=1))
    later = write_atlas(config, other_day, "fr", logos, tmp_path / "later")
    assert (tmp_path / "later" / later.path).read_bytes() != built["fr"]


def test_the_atlas_fetches_nothing_outside_its_folders(tmp_path: Path) -> None:
    folders = (tmp_path.resolve(),)
    (tmp_path / "logo.png").write_bytes(b"")
    assert allowed((tmp_path / "logo.png").as_uri(), folders)
    assert allowed("data:image/png;base64,AAAA", folders)
    assert not allowed("https://example.org/logo.png", folders)
    assert not allowed("http://169.254.169.254/latest/meta-data/", folders)
    assert not allowed("file:///etc/passwd", folders)
    assert not allowed((tmp_path / ".." / "elsewhere.png").as_uri(), folders)
    assert not allowed("ftp://example.org/x", folders)


XSS = ['<script>window.__xss=1</script>', '"><img src=x onerror=alert(1)>', "<a href='javascript:alert(1)'>x</a>",
       "{{ 7*1907 }}", "</p><h1 style='color:red'>injected</h1>", "url(https://evil.example/x.png)"]


def test_hostile_member_text_comes_out_as_text(demo, tmp_path: Path) -> None:
    from .test_xss import PAYLOADS

    config, project = demo
    slug = project.index.slugs[0]
    payloads = [*XSS, *PAYLOADS[:10]]
    text = " ".join(payloads)
    m = project.members[slug]
    hostile = m.model_construct(**{**dict(m), "name": XSS[1], "summary": {"en": text}, "description": {"en": text},
                                   "city": XSS[0], "certifications": payloads[:5]})
    project = dataclasses.replace(project, members={**project.members, slug: hostile})
    from clusterfolio.atlas.pages import atlas_view
    from clusterfolio.atlas.render import document
    from clusterfolio.site.head import brand
    from clusterfolio.site.pages.context import Context

    html, _ = document(atlas_view(Context(config, project, "en"), [slug], {}, None, "test"), brand(project))
    assert not re.search(r"<script|<img src=x|<h1 style|<a [^<>]*javascript:", html)  # the payloads' tags, as tags
    assert "13349" not in html
    printed = write_atlas(config, project, "en", {}, tmp_path, Selection(country=hostile.country))
    pdf = (tmp_path / printed.path).read_bytes()
    first = squeeze(texts(pdf)[FIXED_PAGES])
    assert squeeze('"><img src=x onerror=alert(1)>') in first  # the name, drawn as the characters it is
    assert squeeze("<script>window.__xss=1</script>") in first
    r = reader(pdf)
    assert "/OpenAction" not in r.trailer["/Root"] and "/JavaScript" not in r.trailer["/Root"].get("/Names", {})
    for page in r.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action:
                assert action["/S"] in ("/URI", "/GoTo"), action
                assert action["/S"] != "/URI" or str(action["/URI"]).startswith(("https:", "mailto:")), action


def test_past_the_bound_there_is_no_atlas_but_a_warning(demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, project = demo
    monkeypatch.setattr(atlas_build, "MEMBER_LIMIT", len(project.members) - 1)
    files, problems = build_atlases(config, project, tmp_path, jobs=1)
    assert files == {}
    assert [(p.code, p.severity) for p in problems] == [("CF-W606", "warning")]
    assert "atlas --competence" in problems[0].localized("en") and "atlas --country" in problems[0].localized("de")
    assert not (tmp_path / "atlas").exists()
    monkeypatch.setattr(atlas_build, "MEMBER_LIMIT", len(project.members))
    assert atlas_build.too_many(len(project.members)) is None


def test_a_partial_atlas_holds_only_its_members(demo, tmp_path: Path) -> None:
    config, project = demo
    competence = next(iter(project.index.by_competence))
    chosen = Selection(competence=competence)
    printed = write_atlas(config, project, "en", {}, tmp_path, chosen)
    assert printed.path.endswith(f"-atlas-en-{competence}.pdf")
    assert printed.pages == FIXED_PAGES + len(chosen.slugs(project)) + INDEXES
    assert 0 < len(chosen.slugs(project)) < len(project.members)


def test_the_command_writes_one_language_and_refuses_bad_ids(tmp_path: Path, run) -> None:  # noqa: ANN001
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    if (ROOT / "content").is_dir():
        shutil.copytree(ROOT / "content", tmp_path / "content")
    out = tmp_path / "out"
    done = run("--root", str(tmp_path), "atlas", "--lang", "fr", "--date", TEST_DATE, "--country", "FR", "--out", str(out))
    assert done.code == 0, done.err
    written = list(out.rglob("*.pdf"))
    assert [p.relative_to(out).as_posix() for p in written] == ["fr/atlas/photonik-praezision-neckar-alb-atlas-fr-fr-country.pdf"]
    for args, words in ((("--competence", "no-such-thing"), "no-such-thing"), (("--country", "JP"), "JP"), (("--lang", "es"), "es")):
        bad = run("--root", str(tmp_path), "atlas", "--date", TEST_DATE, "--out", str(out), *args)
        assert bad.code == 2, args
        assert words in bad.err and "Traceback" not in bad.err, bad.err
    assert len(list(out.rglob("*.pdf"))) == 1


# --- the cluster page's world map (the site's, site/worldmap.py) -----------------------------------

PARTNERS_FILL = b"0.788235 0.635294 0.152941 rg"  # #c9a227, atlas/pages.py: PARTNERS_COLOUR


def figures_alt(pdf: bytes) -> list[str]:
    """The alternative texts of the tagged PDF's Figure elements, in the structure tree's order."""
    out: list[str] = []

    def walk(node) -> None:  # noqa: ANN001
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            out.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_cluster_page_draws_the_world_map_and_names_its_countries(built: dict[str, bytes], demo, lang: str) -> None:
    """The members' and the partners' countries marked in the map (vector paths in the page's own
    colours), listed beside it as text, and named in the figure's alternative text."""
    config, project = demo
    t = Translator(lang, project.default_language)
    located = set(project.index.by_location)
    partner_only = {p.country for p in project.cluster.partners} - located
    assert located and partner_only  # the demo: members in DE, FR, CH; partners in AT, JP, CA as well
    page = reader(built[lang]).pages[FIXED_PAGES - 2]
    text, stream = squeeze(page.extract_text()), page.get_contents().get_data()
    assert squeeze(t._("Where our members and partners are")) in text
    for cc in located | partner_only:
        assert squeeze(t.country(cc)) in text, cc
    assert squeeze(t.labelled(t._("Countries of our partner clusters"), "")) in text
    assert stream.count(b" l\n") > 1000  # the countries' outlines, drawn as vectors
    assert stream.count(PARTNERS_FILL) == 1 + len(partner_only)  # each partner-only country's shape, and the key's swatch
    assert page.extract_text().count(t.country("JP")) >= 2  # in the list beside the map and in the partners' list
    [alt] = [a for a in figures_alt(built[lang]) if a.startswith(t._("World map. {legend}").split("{")[0])]
    assert all(t.country(cc) in alt for cc in located | partner_only), alt



# --- Japanese and Chinese names, drawn by the shipped CJK face, and no font of the system's ------

CJK_PARTNERS = (("光技術クラスター", "JP", "浜松"), ("长江光电产业集群", "CN", "武汉"))  # fictional


def fonts_of(pdf: bytes) -> dict[str, tuple[str, str]]:
    """Each embedded font's name (without the subset tag) with its font file's key and its encoding."""
    out = {}
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            encoding = font["/Encoding"]
            out[str(font["/BaseFont"]).split("+", 1)[1]] = (next(k for k in descriptor if k.startswith("/FontFile")),
                                                            encoding if isinstance(encoding, str) else "custom")
    return out


def with_partners(project, *partners: tuple[str, str, str]):  # noqa: ANN001, ANN201 - a Project
    from clusterfolio.model import Partner

    listed = [Partner(name=name, country=cc, city=city) for name, cc, city in partners]
    return dataclasses.replace(project, cluster=project.cluster.model_copy(update={"partners": [*project.cluster.partners, *listed]}))


def test_japanese_and_chinese_partner_names_are_drawn_in_the_cjk_face(demo, tmp_path: Path) -> None:
    config, project = demo
    project = with_partners(project, *CJK_PARTNERS)
    chosen = Selection(country="FR")  # a few members: the cluster page is the point
    first = write_atlas(config, project, "en", {}, tmp_path / "a", chosen)
    pdf = (tmp_path / "a" / first.path).read_bytes()
    page = squeeze(texts(pdf)[FIXED_PAGES - 2])
    for name, _, city in CJK_PARTNERS:
        assert squeeze(name) in page and city in page, name  # extracted as the letters they are
    assert "China" in page  # marked on the map and listed beside it
    fonts = fonts_of(pdf)
    # The names are bold: the CJK face's bold, an OpenType (CFF) file, embedded as a subset; a font
    # that lacked a glyph would have WeasyPrint write an encoding that maps it to .notdef, not Identity-H.
    assert {"Atlas-Sans-CJK-Bold", "Atlas-Sans-CJK"} <= set(fonts), fonts
    assert fonts["Atlas-Sans-CJK-Bold"] == ("/FontFile3", "/Identity-H")
    assert all(encoding == "/Identity-H" for _, encoding in fonts.values()), fonts
    assert all(name.startswith("Atlas-Sans") for name in fonts), fonts
    again = write_atlas(config, project, "en", {}, tmp_path / "b", chosen)
    assert (tmp_path / "b" / again.path).read_bytes() == pdf  # byte-identical with the CJK face too


def test_a_letter_no_shipped_font_has_is_not_taken_from_the_system(demo, tmp_path: Path) -> None:
    """Georgian, an emoji and an arrow (which the system's DejaVu Sans or Noto Color Emoji have): a
    gap in our faces (check warns, CF-W103), never another machine's font in the PDF."""
    config, project = demo
    project = with_partners(project, ("ოპტიკა 😀 → Cluster", "GE", "თბილისი"))
    printed = write_atlas(config, project, "en", {}, tmp_path, Selection(country="FR"))
    fonts = fonts_of((tmp_path / printed.path).read_bytes())
    assert all(name.startswith("Atlas-Sans") for name in fonts), fonts
