"""What a logo must not do: run script, load anything from outside the file, declare entities
(SPEC §3.5). The published copy is the checked one, so it is checked strictly; what drawing it
would cost is cost.py's."""
from __future__ import annotations

import re
import xml.parsers.expat

from ..messages import M, Msg
from ..problems import quote
from .cost import drawing_findings
from .shape import Finding, Shape, local_name

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


def _encoding_problem(data: bytes) -> Msg | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")):
        return M("the SVG is saved as UTF-16; save it as UTF-8")
    match = _DECLARED_ENCODING.match(data.lstrip(b"\xef\xbb\xbf")[:400])
    if match and match.group(1).decode("ascii", "replace").strip().lower() not in _ENCODINGS:
        shown = quote(match.group(1).decode("ascii", "replace"), 40)
        return M("the SVG declares the text encoding {encoding}; save it as UTF-8 (encoding=\"UTF-8\")", encoding=shown)
    return None


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
            found.append((line, column, M("external reference in a <style> element is not allowed"), "CF-E411"))
            return
        offset -= len(text)



class _Reader:
    """The Expat handlers of one SVG: the findings of its safety checks, and its elements (shape).

    Expat gives character data in pieces (around character references, CDATA sections,
    comments and buffer ends), and `u&#114;l(` is three of them. So CSS is judged on whole
    texts: a <style> element's at its end (a browser joins it the same way, comments left
    out), and any other text where the next element starts or ends."""

    def __init__(self) -> None:
        self.found: list[Finding] = []
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.seen_root = False
        self.style_depth = 0
        self.style_text: list[Chunk] = []
        self.run: list[Chunk] = []
        self.shape = Shape()
        parser = self.parser
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        parser.ProcessingInstructionHandler = self.pi
        # Never fetch or expand anything from outside the file.
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def read(self, data: bytes) -> list[Finding]:
        found = self.found
        try:
            self.parser.Parse(data, True)
            self.flush_run()
            found.extend(drawing_findings(self.shape))  # only for a document that parsed: its elements are all known
        except xml.parsers.expat.ExpatError as exc:
            found.append((exc.lineno, exc.offset + 1, M("the SVG is not well-formed XML: {error}", error=xml.parsers.expat.ErrorString(exc.code)), "CF-E406"))
        except (ValueError, LookupError):  # an encoding Expat leaves to Python, which cannot read it
            found.append((1, 1, M("the SVG's text encoding cannot be read; save it as UTF-8"), "CF-E418"))
        if not self.seen_root and not found:
            found.append((1, 1, M("the file contains no <svg> element"), "CF-E407"))
        return found

    def here(self) -> tuple[int, int]:
        return self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1

    def flush_run(self) -> None:
        _check_css_text(self.run, self.found)
        self.run.clear()

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.flush_run()
        local = local_name(name)
        at = self.here()
        self.shape.start(name, *at, attrs)
        if local == "style" or self.style_depth:
            self.style_depth += 1
        found = self.found
        if not self.seen_root:
            self.seen_root = True
            if local != "svg":
                found.append((*at, M("the root element is <{element}>, not <svg>", element=local), "CF-E407"))
        if local in _FORBIDDEN_ELEMENTS:
            found.append((*at, M("<{element}> is not allowed in a logo", element=local), "CF-E408"))
        if local in _ANIMATION:
            target = attrs.get("attributeName", "").rsplit(":", 1)[-1].lower()
            if target == "href" or target.startswith("on") or local == "set":
                found.append((*at, M("<{element}> changing {attribute} is not allowed in a logo", element=local, attribute=quote(target)), "CF-E409"))
        _check_attributes(attrs, at, found)

    def end(self, name: str) -> None:
        self.flush_run()
        self.shape.end()
        if self.style_depth:
            self.style_depth -= 1
            if not self.style_depth:
                _check_css_text(self.style_text, self.found)
                self.shape.sheets.append("".join(text for _, _, text in self.style_text))
                self.style_text.clear()

    def text(self, data: str) -> None:
        (self.style_text if self.style_depth else self.run).append((*self.here(), data))

    def doctype(self, *_: object) -> None:
        self.found.append((*self.here(), M("a DOCTYPE is not allowed in a logo (it can declare entities)"), "CF-E412"))

    def entity(self, *_: object) -> None:
        self.found.append((*self.here(), M("entity declarations are not allowed in a logo"), "CF-E413"))

    def pi(self, target: str, _data: str) -> None:
        self.found.append((*self.here(), M("processing instruction {target} is not allowed in a logo", target=quote("<?" + target)), "CF-E414"))


def _check_attributes(attrs: dict[str, str], at: tuple[int, int], found: list[Finding]) -> None:
    """Event handlers and references outside the file, one finding per attribute, at its element."""
    for attr, value in attrs.items():
        attr_local = local_name(attr)
        if attr_local.startswith("on"):
            found.append((*at, M("event attribute {attribute} is not allowed in a logo", attribute=quote(attr_local)), "CF-E410"))
        elif attr_local == "href" and not value.strip().startswith("#"):
            found.append((*at, M("external reference {reference} is not allowed; a logo may only refer to its own parts ('#id')",
                                 reference=quote(value)), "CF-E411"))
        elif attr_local == "style" and _css_unsafe(value):
            found.append((*at, M("external reference in a style attribute is not allowed"), "CF-E411"))
        elif _URL_IN_CSS.search(value):  # fill, stroke, filter, mask, ...
            found.append((*at, M("external reference in {attribute} is not allowed; use url(#id)", attribute=quote(attr_local)), "CF-E411"))


def check_svg(data: bytes) -> list[Finding]:
    """Return (line, column, message, code) for everything unsafe in an SVG, or too costly to draw."""
    encoding = _encoding_problem(data)
    if encoding:
        return [(1, 1, encoding, "CF-E418")]
    return _Reader().read(data)
