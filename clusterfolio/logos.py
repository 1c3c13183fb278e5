"""Logo checks (SPEC §3.5): the published copy is the checked one, so check it strictly."""
from __future__ import annotations

import re
import struct
import xml.parsers.expat
from pathlib import Path

from .paths import read_limited
from .problems import quote

SVG_MAX = 200 * 1024
PNG_MAX = 500 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Width and height of a PNG logo, read from its header (IHDR) without decoding the image: a
# 30,000 × 30,000 PNG compresses to 109 KB and decodes to 3.6 GB.
PNG_MAX_SIDE = 4096

_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "image", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
# Animation elements can write any value into any attribute, an href or an on* handler too.
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
# CSS functions that load a resource: url() and src() unless they point at '#id' in the logo
# itself, and the image functions whose plain strings are addresses too (image-set("a.png" 1x)).
_URL_IN_CSS = re.compile(r"\b(?:url|src)\(\s*+(?!['\"]?#)|(?<![\w-])(?:-webkit-)?(?:image|image-set|cross-fade)\(", re.I)
_IMPORT_IN_CSS = re.compile(r"@import", re.I)


def _css_unsafe_at(css: str) -> int | None:
    """Where the first external url(), image function, @import or CSS escape (which can spell
    any of them) starts in css, or None."""
    starts = [m.start() for m in (_URL_IN_CSS.search(css), _IMPORT_IN_CSS.search(css)) if m]
    if "\\" in css:
        starts.append(css.index("\\"))
    return min(starts, default=None)


def _css_unsafe(css: str) -> bool:
    return _css_unsafe_at(css) is not None


# The XML declaration's encoding. Only encodings that Expat reads itself, and that keep markup
# where ASCII has it, are accepted: a browser must see the same elements the check saw.
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']""")
_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}


def _encoding_problem(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")):
        return "the SVG is saved as UTF-16; save it as UTF-8"
    match = _DECLARED_ENCODING.match(data.lstrip(b"\xef\xbb\xbf")[:400])
    if match and match.group(1).decode("ascii", "replace").strip().lower() not in _ENCODINGS:
        shown = quote(match.group(1).decode("ascii", "replace"), 40)
        return f"the SVG declares the text encoding {shown}; save it as UTF-8 (encoding=\"UTF-8\")"
    return None


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


Finding = tuple[int, int, str, str]  # line, column, message, problem code (codes.py)


Chunk = tuple[int, int, str]  # line, column, text: a piece of character data as Expat gives it


def _check_css_text(chunks: list[Chunk], found: list[Finding]) -> None:
    """Judge pieces of text as one, and place a finding where the unsafe part starts."""
    offset = _css_unsafe_at("".join(text for _, _, text in chunks))
    if offset is None:
        return
    for line, column, text in chunks:
        if offset < len(text):
            before = text[:offset]
            if "\n" in before:
                line, column = line + before.count("\n"), len(before) - before.rindex("\n")
            else:
                column += offset
            found.append((line, column, "external reference in a <style> element is not allowed", "CF-E411"))
            return
        offset -= len(text)


def check_svg(data: bytes) -> list[Finding]:
    """Return (line, column, message, code) for everything unsafe in an SVG."""
    encoding = _encoding_problem(data)
    if encoding:
        return [(1, 1, encoding, "CF-E418")]
    found: list[Finding] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    seen_root = [False]
    # Expat gives character data in pieces (around character references, CDATA sections,
    # comments and buffer ends), and `u&#114;l(` is three of them. So CSS is judged on whole
    # texts: a <style> element's at its end (a browser joins it the same way, comments left
    # out), and any other text where the next element starts or ends.
    style_depth = 0
    style_text: list[Chunk] = []
    run: list[Chunk] = []

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def flush_run() -> None:
        _check_css_text(run, found)
        run.clear()

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal style_depth
        flush_run()
        local = _local(name)
        if local == "style" or style_depth:
            style_depth += 1
        if not seen_root[0]:
            seen_root[0] = True
            if local != "svg":
                found.append((*here(), f"the root element is <{local}>, not <svg>", "CF-E407"))
        if local in _FORBIDDEN_ELEMENTS:
            found.append((*here(), f"<{local}> is not allowed in a logo", "CF-E408"))
        if local in _ANIMATION:
            target = attrs.get("attributeName", "").rsplit(":", 1)[-1].lower()
            if target == "href" or target.startswith("on") or local == "set":
                found.append((*here(), f"<{local}> changing '{target}' is not allowed in a logo", "CF-E409"))
        for attr, value in attrs.items():
            attr_local = _local(attr)
            if attr_local.startswith("on"):
                found.append((*here(), f"event attribute '{attr_local}' is not allowed in a logo", "CF-E410"))
            elif attr_local == "href" and not value.strip().startswith("#"):
                found.append((*here(), f"external reference '{value[:60]}' is not allowed; a logo may only refer to its own parts ('#id')", "CF-E411"))
            elif attr_local == "style" and _css_unsafe(value):
                found.append((*here(), "external reference in a style attribute is not allowed", "CF-E411"))
            elif _URL_IN_CSS.search(value):  # fill, stroke, filter, mask, ...
                found.append((*here(), f"external reference in '{attr_local}' is not allowed; use url(#id)", "CF-E411"))

    def end(name: str) -> None:
        nonlocal style_depth
        flush_run()
        if style_depth:
            style_depth -= 1
            if not style_depth:
                _check_css_text(style_text, found)
                style_text.clear()

    def text(data: str) -> None:
        (style_text if style_depth else run).append((*here(), data))

    def doctype(*_: object) -> None:
        found.append((*here(), "a DOCTYPE is not allowed in a logo (it can declare entities)", "CF-E412"))

    def entity(*_: object) -> None:
        found.append((*here(), "entity declarations are not allowed in a logo", "CF-E413"))

    def pi(target: str, _data: str) -> None:
        found.append((*here(), f"processing instruction '<?{target}' is not allowed in a logo", "CF-E414"))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = pi
    # Never fetch or expand anything from outside the file.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
        flush_run()
    except xml.parsers.expat.ExpatError as exc:
        found.append((exc.lineno, exc.offset + 1, f"the SVG is not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}", "CF-E406"))
    except (ValueError, LookupError):  # an encoding Expat leaves to Python, which cannot read it
        found.append((1, 1, "the SVG's text encoding cannot be read; save it as UTF-8", "CF-E418"))
    if not seen_root[0] and not found:
        found.append((1, 1, "the file contains no <svg> element", "CF-E407"))
    return found


def check_png(data: bytes) -> list[Finding]:
    """The header of a PNG: its first chunk is IHDR, and the image is at most PNG_MAX_SIDE a side."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return [(1, 1, "the file ends in .png but is not a PNG image (its header is missing)", "CF-E405")]
    width, height = struct.unpack(">II", data[16:24])
    if width > PNG_MAX_SIDE or height > PNG_MAX_SIDE:
        return [(1, 1, f"the PNG is {width} × {height} pixels; the limit is {PNG_MAX_SIDE} × {PNG_MAX_SIDE}", "CF-E417")]
    return []


def check_logo(path: Path) -> list[Finding]:
    """Check a logo file that exists; findings are located in the logo file."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        return [(1, 1, f"logos must be SVG or PNG, not '{suffix or path.name}'", "CF-E403")]
    kind, limit = ("SVG", SVG_MAX) if suffix == ".svg" else ("PNG", PNG_MAX)
    try:
        data = read_limited(path, limit)  # one byte more than allowed tells a file that is too large
    except OSError as exc:
        return [(1, 1, f"cannot read the file: {exc.strerror or 'not a regular file'}", "CF-E001")]
    if kind == "PNG" and not data.startswith(PNG_MAGIC):
        return [(1, 1, "the file ends in .png but is not a PNG image", "CF-E405")]
    if len(data) > limit:
        return [(1, 1, f"the {kind} is {path.stat().st_size / 1024:.1f} KiB; the limit is {limit // 1024} KiB", "CF-E404")]
    return check_svg(data) if kind == "SVG" else check_png(data)
