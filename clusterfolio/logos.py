"""Logo checks (SPEC §3.5): the published copy is the checked one, so check it strictly."""
from __future__ import annotations

import re
import xml.parsers.expat
from pathlib import Path

SVG_MAX = 200 * 1024
PNG_MAX = 500 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "image", "iframe", "embed", "object", "audio", "video", "handler", "listener"}
# Animation elements can write any value into any attribute, an href or an on* handler too.
_ANIMATION = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_URL_IN_CSS = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
_IMPORT_IN_CSS = re.compile(r"@import", re.I)


def _css_unsafe(css: str) -> bool:
    """An external url(), an @import, or a CSS escape (which can spell either)."""
    return "\\" in css or bool(_URL_IN_CSS.search(css) or _IMPORT_IN_CSS.search(css))


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


Finding = tuple[int, int, str, str]  # line, column, message, problem code (codes.py)


def check_svg(data: bytes) -> list[Finding]:
    """Return (line, column, message, code) for everything unsafe in an SVG."""
    found: list[Finding] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    seen_root = [False]

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
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
            elif "url(" in value.lower() and _URL_IN_CSS.search(value):  # fill, stroke, filter, mask, ...
                found.append((*here(), f"external reference in '{attr_local}' is not allowed; use url(#id)", "CF-E411"))

    def text(data: str) -> None:
        if _css_unsafe(data):
            found.append((*here(), "external reference in a <style> element is not allowed", "CF-E411"))

    def doctype(*_: object) -> None:
        found.append((*here(), "a DOCTYPE is not allowed in a logo (it can declare entities)", "CF-E412"))

    def entity(*_: object) -> None:
        found.append((*here(), "entity declarations are not allowed in a logo", "CF-E413"))

    def pi(target: str, _data: str) -> None:
        found.append((*here(), f"processing instruction '<?{target}' is not allowed in a logo", "CF-E414"))

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = pi
    # Never fetch or expand anything from outside the file.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        found.append((exc.lineno, exc.offset + 1, f"the SVG is not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}", "CF-E406"))
    if not seen_root[0] and not found:
        found.append((1, 1, "the file contains no <svg> element", "CF-E407"))
    return found


def check_logo(path: Path) -> list[Finding]:
    """Check a logo file that exists; findings are located in the logo file."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        if len(data) > SVG_MAX:
            return [(1, 1, f"the SVG is {len(data) / 1024:.1f} KiB; the limit is {SVG_MAX // 1024} KiB", "CF-E404")]
        return check_svg(data)
    if suffix == ".png":
        if not data.startswith(PNG_MAGIC):
            return [(1, 1, "the file ends in .png but is not a PNG image", "CF-E405")]
        if len(data) > PNG_MAX:
            return [(1, 1, f"the PNG is {len(data) / 1024:.1f} KiB; the limit is {PNG_MAX // 1024} KiB", "CF-E404")]
        return []
    return [(1, 1, f"logos must be SVG or PNG, not '{suffix or path.name}'", "CF-E403")]
