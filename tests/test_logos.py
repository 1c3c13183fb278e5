"""Logo limits that need generated files (the fixture corpus keeps the repository small)."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from clusterfolio.logos import PNG_MAGIC, check_svg, limits

from .conftest import TEST_DATE


def png(width: int, height: int, padding: int = 0) -> bytes:
    """A PNG's signature and header chunk (IHDR) for the given size; the pixels are never read."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return PNG_MAGIC + chunk + b"\0" * padding


def _use_logo(project: Path, name: str, data: bytes) -> None:
    """Give the member 'good' this logo file (a member's logo is named after it: good.svg or good.png)."""
    (project / "profiles/logos" / name).write_bytes(data)
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + f"logo: logos/{name}\n")


@pytest.mark.parametrize(
    ("name", "data", "message", "code"),
    [
        ("good.svg", b'<svg xmlns="http://www.w3.org/2000/svg">' + b" " * 205_000 + b"</svg>", "the SVG is 200.2 KiB; the limit is 200 KiB", "CF-E404"),
        ("good.png", png(10, 10, 512_100), "the PNG is 500.1 KiB; the limit is 500 KiB", "CF-E404"),
        ("good.png", b"GIF89a....", "the file ends in .png but is not a PNG image", "CF-E405"),
        ("good.png", PNG_MAGIC + b"\0" * 100, "the file ends in .png but is not a PNG image (its header is missing)", "CF-E405"),
    ],
)
def test_logo_limits(project: Path, run, name: str, data: bytes, message: str, code: str) -> None:
    _use_logo(project, name, data)
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 1
    assert [(p["file"], p["line"], p["message"], p["code"]) for p in result.problems] == [(f"profiles/logos/{name}", 1, message, code)]


def test_a_logo_used_twice_is_reported_once(project: Path, run) -> None:
    # The cluster's logo is logos/good.svg in the fixture, and good.svg is also the member good's own name.
    (project / "profiles/logos/good.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>')
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + "logo: logos/good.svg\n")
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert [(p["code"], p["message"]) for p in result.problems] == [("CF-E408", "<script> is not allowed in a logo")]


def test_valid_png_logo_passes(project: Path, run) -> None:
    _use_logo(project, "good.png", png(400, 200, 100))
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0


# --- issue 12: pixel dimensions, read from the header without decoding ---------------------------


@pytest.mark.parametrize(("width", "height"), [(30_000, 30_000), (4097, 10), (10, 4097)])
def test_png_logo_larger_than_4096_pixels_a_side_is_refused(project: Path, run, width: int, height: int) -> None:
    _use_logo(project, "good.png", png(width, height, 100))  # 30,000 × 30,000 would decode to 3.6 GB
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 1
    assert [(p["file"], p["message"], p["code"]) for p in result.problems] == [
        ("profiles/logos/good.png", f"the PNG is {width} × {height} pixels; the limit is 4096 × 4096", "CF-E417"),
    ]


def test_png_logo_of_4096_pixels_a_side_passes(project: Path, run) -> None:
    _use_logo(project, "good.png", png(4096, 4096, 100))
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0


# --- issue 2: a logo path is logos/<slug>.svg|png, the member's own ------------------------------


@pytest.mark.parametrize(
    ("logo", "code", "fragment"),
    [
        ("'**'", "CF-E415", "contains *; a logo path names one file, without wildcard characters"),
        ("'logos/[a-z]*.svg'", "CF-E415", "without wildcard characters"),
        ("'logos/!good.svg'", "CF-E415", "without wildcard characters"),
        ("'logos/good logo.svg'", "CF-E415", "contains spaces"),
        ("logos/sub/good.svg", "CF-E415", "must name a file directly in profiles/logos/"),
        ("de/assets/images/favicon.png", "CF-E415", "must name a file directly in profiles/logos/"),
        ("logos/Good.SVG", "CF-E415", "e.g. logos/good.svg"),
        ("logos/good.tar.svg", "CF-E415", "a dot only before the ending"),
        ("../mkdocs.yml", "CF-E401", "must be a path inside profiles/"),
        ("/etc/passwd", "CF-E401", "must be a path inside profiles/"),
        ("logos/other.svg", "CF-E416", "rename the logo to logos/good.svg (or .png)"),
    ],
)
def test_logo_path_must_be_the_members_own_plain_file_in_logos(project: Path, run, logo: str, code: str, fragment: str) -> None:
    (project / "profiles/logos/other.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + f"logo: {logo}\n")
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert result.code == 1
    found = [(p["file"], p["field"], p["code"]) for p in result.problems]
    assert ("profiles/members/good.yml", "logo", code) in found, result.problems
    assert any(fragment in p["message"] for p in result.problems if p["code"] == code), result.problems


def test_a_member_may_use_an_svg_or_a_png_named_after_it(project: Path, run) -> None:
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + "logo: logos/good.svg\n")
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0


def test_the_cluster_logo_may_have_any_plain_name(project: Path, run) -> None:
    (project / "profiles/logos/cluster-mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    cluster = project / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text().replace("logo: logos/good.svg", "logo: logos/cluster-mark.svg"))
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0
    cluster.write_text(cluster.read_text().replace("logo: logos/cluster-mark.svg", "logo: 'logos/*.svg'"))
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    assert [(p["file"], p["code"]) for p in result.problems] == [("profiles/cluster.yml", "CF-E415")]


# --- issue 8: a <style> element is judged as a whole ----------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg">'


@pytest.mark.parametrize(
    "style",
    [
        b"@imp&#111;rt 'https://evil.example/x.css';",  # a character reference splits the text
        b"@IMPORT url(x.css);",
        b"rect { fill: u<![CDATA[rl(https://evil.example/p)]]>; }",  # CDATA splits it too
        b"rect { fill: u<!-- a comment -->rl(https://evil.example/p); }",  # so does a comment
        b"rect { fill: u&#114;l(https://evil.example/p); }",
        b'rect { fill: image-set("https://evil.example/p.png" 1x); }',
        b'rect { fill: -webkit-image-set("https://evil.example/p.png" 1x); }',
        b"rect { fill: url(  \"https://evil.example/p\"); }",
        b"rect { fill: url('//evil.example/p'); }",
        b"rect { fill: src(\"https://evil.example/p\"); }",
        b"rect { fill: \\75 rl(https://evil.example/p); }",  # a CSS escape spells anything
    ],
)
def test_style_element_is_checked_as_one_text(style: bytes) -> None:
    found = check_svg(SVG + b"<style>" + style + b"</style></svg>")
    assert [(code, str(message)) for _, _, message, code in found] == [("CF-E411", "external reference in a <style> element is not allowed")]


def test_style_with_local_references_only_passes() -> None:
    style = b".a { fill: url(#g); } .b { stroke: url('#h'); } .c { fill: url( \"#i\" ); }"
    assert check_svg(SVG + b"<style>" + style + b"</style></svg>") == []


def test_style_finding_points_at_the_reference() -> None:
    found = check_svg(SVG + b"\n<style>\n.a { fill: #000; }\n.b { fill: u&#114;l(https://evil.example/p); }\n</style></svg>")
    assert [(line, code) for line, _, _, code in found] == [(4, "CF-E411")]


# --- issue 9: an encoding the check cannot read the same way as a browser -------------------------


@pytest.mark.parametrize("encoding", [b"Shift_JIS", b"EUC-JP", b"UTF-16", b"EBCDIC", b"x-unknown"])
def test_svg_in_an_unsupported_encoding_is_a_clear_error(encoding: bytes) -> None:
    found = check_svg(b'<?xml version="1.0" encoding="' + encoding + b'"?>' + SVG + b"</svg>")
    assert [(code, str(message)) for _, _, message, code in found] == [
        ("CF-E418", f"the SVG declares the text encoding '{encoding.decode()}'; save it as UTF-8 (encoding=\"UTF-8\")"),
    ]


def test_svg_saved_as_utf16_is_a_clear_error() -> None:
    found = check_svg(("\ufeff" + SVG.decode() + "</svg>").encode("utf-16-le"))
    assert [code for _, _, _, code in found] == ["CF-E418"]


@pytest.mark.parametrize("encoding", [b"UTF-8", b"utf-8", b"US-ASCII", b"ISO-8859-1"])
def test_svg_in_utf8_ascii_or_latin1_passes(encoding: bytes) -> None:
    assert check_svg(b'<?xml version="1.0" encoding="' + encoding + b'"?>' + SVG + b"</svg>") == []


def test_shift_jis_logo_gives_no_traceback_in_check(project: Path, run) -> None:
    _use_logo(project, "good.svg", b'<?xml version="1.0" encoding="Shift_JIS"?>' + SVG + "<text>\u30ed\u30b4</text></svg>".encode("shift_jis"))
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 1 and "Traceback" not in result.out + result.err
    assert "profiles/logos/good.svg:1:1: error: the SVG declares the text encoding 'Shift_JIS'" in result.out


# --- issue 21: what drawing a logo costs ---------------------------------------------------------


def _svg(body: str, root: str = 'viewBox="0 0 200 60"') -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {root}>{body}</svg>'.encode()


def _codes(data: bytes) -> list[str]:
    return [code for *_, code in check_svg(data)]


def _filtered(primitive: str, root: str = 'viewBox="0 0 200 60"', shape: str = '<rect width="200" height="60" filter="url(#f)"/>') -> bytes:
    return _svg(f'<filter id="f">{primitive}</filter>{shape}', root)


def test_the_demo_and_fixture_logos_pass_the_cost_limits() -> None:
    from .conftest import ROOT, TESTS

    files = sorted((ROOT / "profiles/logos").glob("*.svg")) + sorted((TESTS / "fixtures").glob("*/profiles/logos/*.svg"))
    assert len(files) >= 15
    assert {f.name: check_svg(f.read_bytes()) for f in files} == {f.name: [] for f in files}


@pytest.mark.parametrize(
    ("root", "code"),
    [
        ('viewBox="0 0 200 10"', None),  # 20:1, the widest allowed
        ('viewBox="0 0 201 10"', "CF-E421"),
        ('viewBox="0 0 10 50"', None),  # 1:5, the tallest allowed
        ('viewBox="0 0 10 51"', "CF-E421"),
        ('width="300" height="20"', None),  # no viewBox: the width and height are the drawing
        ('width="300" height="10"', "CF-E421"),
        ('width="10cm" height="2cm"', None),
        ('width="100%" viewBox="0 0 200 60"', None),
        ("", None),  # no size at all: 100 × 100, as browsers and resvg draw it
        ('width="-3" viewBox="0 0 200 60"', "CF-E421"),
        ('height="auto" viewBox="0 0 200 60"', "CF-E421"),
        ('viewBox="0 0 200 0"', "CF-E421"),
        ('viewBox="0,0,200,abc"', "CF-E421"),
        ('viewBox="0 0 1e39 1e39"', "CF-E421"),  # beyond single precision: resvg sees an infinite size
    ],
)
def test_the_drawing_size_and_proportions_are_bounded(root: str, code: str | None) -> None:
    assert _codes(_svg('<rect width="10" height="10"/>', root)) == ([code] if code else [])


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (_filtered('<feTurbulence numOctaves="10"/>'), None),
        (_filtered('<feTurbulence numOctaves="11"/>'), "CF-E419"),
        # the same ten octaves cost five times as much in a drawing five times as tall as wide
        (_filtered('<feTurbulence numOctaves="10"/>', 'viewBox="0 0 20 100"'), "CF-E419"),
        (_filtered('<feTurbulence numOctaves="2"/>', 'viewBox="0 0 20 100"'), None),
        (_filtered('<feGaussianBlur stdDeviation="50"/>'), None),  # 150 pixels at 600 wide
        (_filtered('<feGaussianBlur stdDeviation="2 51"/>'), "CF-E419"),
        (_filtered('<feDropShadow stdDeviation="51"/>'), "CF-E419"),
        (_filtered('<feMorphology radius="6"/>'), None),  # 18 pixels
        (_filtered('<feMorphology radius="7"/>'), "CF-E419"),  # 21 pixels
        (_filtered('<feMorphology radius="0.1"/>', 'viewBox="0 0 1 2"'), "CF-E419"),  # 60 pixels in a tiny viewBox
        (_filtered('<feDisplacementMap scale="400"/>'), None),
        (_filtered('<feDisplacementMap scale="401"/>'), "CF-E419"),
        (_filtered('<feConvolveMatrix order="9"/>'), None),
        (_filtered('<feConvolveMatrix order="3 10"/>'), "CF-E419"),
        (_filtered('<feOffset/>' * 20), None),
        (_filtered('<feOffset/>' * 21), "CF-E419"),
        # parameters in fractions of the shape's box: judged as if the box were the whole drawing
        (_filtered('<feGaussianBlur stdDeviation="0.3"/>').replace(b'<filter id="f"', b'<filter id="f" primitiveUnits="objectBoundingBox"'), "CF-E419"),
        # a transform enlarges the effect with the shape
        (_filtered('<feGaussianBlur stdDeviation="10"/>', shape='<g transform="scale(6)"><rect width="20" height="6" filter="url(#f)"/></g>'), "CF-E419"),
        (_filtered('<feGaussianBlur stdDeviation="10"/>', shape='<g transform="matrix(0.5 0 0 0.5 0 0)"><rect width="200" height="60" filter="url(#f)"/></g>'), None),
        # CSS filter functions are filters too
        (_svg('<rect width="200" height="60" style="filter: blur(60px)"/>'), "CF-E419"),
        (_svg('<rect width="200" height="60" filter="drop-shadow(2px 2px 4px black)"/>'), None),
    ],
)
def test_filter_parameters_are_judged_in_pixels_at_the_largest_drawing(data: bytes, code: str | None) -> None:
    assert _codes(data) == ([code] if code else []), check_svg(data)


def _copies(count: int, filtered: str = ' filter="url(#f)"') -> bytes:
    uses = "".join(f'<use href="#a" x="{i}"/>' for i in range(count))
    return _svg(f'<filter id="f"><feGaussianBlur stdDeviation="1"/></filter><defs><rect id="a" width="5" height="5"{filtered}/></defs>{uses}')


def test_filtered_shapes_are_counted_with_their_copies() -> None:
    assert _codes(_copies(limits.FILTERED_MAX)) == []
    assert _codes(_copies(limits.FILTERED_MAX + 1)) == ["CF-E419"]
    assert _codes(_copies(limits.FILTERED_MAX + 1, filtered="")) == []


def test_a_filter_set_by_a_style_sheet_counts_for_every_element_it_selects() -> None:
    rects = "".join('<rect class="shadow" width="5" height="5"/>' for _ in range(limits.FILTERED_MAX + 1))
    sheet = "<style>.logo .shadow:hover, #none { filter: url(#f) }</style>"
    assert _codes(_svg(f'{sheet}<filter id="f"><feOffset/></filter>{rects}')) == ["CF-E419"]
    assert _codes(_svg(f'{sheet.replace(".shadow", ".other")}<filter id="f"><feOffset/></filter>{rects}')) == []


def test_copies_are_counted_through_every_level() -> None:
    # ten of ten of ten of ten of ten: 100,000 rectangles in a few hundred bytes; each copy is
    # counted with its <use> (resvg makes a group of each): 222,222, and the root and <defs> with
    # its six children
    levels = ['<rect id="l0" width="1" height="1"/>'] + [
        f'<g id="l{n}">' + f'<use href="#l{n - 1}"/>' * 10 + "</g>" for n in range(1, 6)
    ]
    data = _svg(f'<defs>{"".join(levels)}</defs><use href="#l5"/>')
    assert _codes(data) == ["CF-E420"]
    assert "the logo has 222,230 elements once every copy" in str(check_svg(data)[0][2])
    assert _codes(_svg(f'<defs>{"".join(levels[:5])}</defs><use href="#l4"/>')) == []  # 22,229


def test_copies_inside_copies_are_bounded_and_loops_refused() -> None:
    def chain(depth: int) -> bytes:
        links = "".join(f'<g id="c{n}"><use href="#c{n - 1}"/></g>' for n in range(1, depth + 1))
        return _svg(f'<defs><rect id="c0" width="1" height="1"/>{links}</defs><use href="#c{depth}"/>')

    assert _codes(chain(limits.CHAIN_MAX - 1)) == []  # the last <use> makes it CHAIN_MAX
    assert _codes(chain(limits.CHAIN_MAX)) == ["CF-E420"]
    loop = _svg('<defs><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></defs><use href="#a"/>')
    assert [(line, code) for line, _, _, code in check_svg(loop)] == [(1, "CF-E420")]
    assert "refers to '#a', which contains it" in str(check_svg(loop)[0][2])
    # a mask that contains the element that uses it is a loop too
    assert _codes(_svg('<mask id="m"><rect width="5" height="5" mask="url(#m)"/></mask><rect width="5" height="5" mask="url(#m)"/>')) == ["CF-E420"]


def test_nesting_is_bounded() -> None:
    nested = lambda depth: _svg("<g>" * depth + '<rect width="1" height="1"/>' + "</g>" * depth)  # noqa: E731
    assert _codes(nested(limits.NESTING_MAX - 2)) == []  # with <svg> and <rect>: NESTING_MAX
    assert _codes(nested(limits.NESTING_MAX - 1)) == ["CF-E420"]


def test_markers_count_once_per_vertex() -> None:
    marker = '<marker id="m">' + '<circle r="1"/>' * 99 + "</marker>"
    path = lambda vertices: f'<path d="M0 0{" h1" * (vertices - 1)}" marker-mid="url(#m)"/>'  # noqa: E731
    assert _codes(_svg(marker + path(400))) == []
    assert _codes(_svg(marker + path(600))) == ["CF-E420"]


def test_gradients_are_not_counted_as_copies() -> None:
    stops = '<linearGradient id="g">' + '<stop offset="0"/>' * 20 + "</linearGradient>"
    shapes = '<rect width="1" height="1" fill="url(#g)"/>' * 3000
    assert _codes(_svg(stops + shapes)) == []
