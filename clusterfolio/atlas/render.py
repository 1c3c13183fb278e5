"""The atlas's view to PDF bytes: Jinja (autoescape) renders theme/templates/atlas/, WeasyPrint lays
it out (CSS Paged Media) as a tagged PDF/UA-1 file.

WeasyPrint fetches only what `LocalFetcher` allows: the shipped fonts and data: addresses (the QR
codes, the logos as drawn). Anything else, a web address above all, is refused, so no build asks
the network for anything. The bytes are reproducible: the dates are the build date's, the file
identifier a hash of what went in, the images inline (WeasyPrint names an image by its address:
a file's would carry the build's temporary folder), the fonts ours (clusterfolio/data/fonts/,
subset and embedded by WeasyPrint; @font-face needs a FontConfiguration to be read at all) and
only ours: the FontConfiguration starts from a fontconfig configuration without any folder, so a
letter our faces lack prints as a gap on every machine rather than in a font one machine has.

The atlas is laid out in parts (atlas/paging.py), each written to a PDF of its own in a temporary
folder, and the parts joined into one (atlas/join.py): memory holds one part's layout at a time.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..resources import templates_dir
from ..site import views as v
from . import paging
from . import views as a
from .join import Part, join

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"


@dataclass(frozen=True)
class Face:
    """A family the atlas sets text in: its name in the stylesheet and its two weights' files."""

    family: str
    regular: Path
    bold: Path


# The atlas's font stack, in the order Pango falls back through: the DejaVu Sans subsets (Latin,
# Greek, Cyrillic), then the Noto Sans CJK JP subsets (kana, kanji, hanzi, Hangul: a partner
# cluster's name as it writes it). validate/letters.py: FONT_FACES lists the same files, and
# coverage.txt what they draw together (tests/test_atlas_letters.py holds them to each other).
FACES = (
    Face("Atlas Sans", FONTS / "DejaVuSans-subset.ttf", FONTS / "DejaVuSans-Bold-subset.ttf"),
    Face("Atlas Sans CJK", FONTS / "NotoSansCJKjp-Regular-subset.otf", FONTS / "NotoSansCJKjp-Bold-subset.otf"),
)
# fontconfig's configuration for the atlas: no folder of fonts, so no font of the system's; the
# fonts are those WeasyPrint adds for the stylesheet's @font-face rules.
FONTCONFIG = FONTS / "atlas-fonts.conf"
# PDF/UA-1 (ISO 14289-1) as WeasyPrint names it: tagged, with the title shown and the language set.
VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


class FetchRefused(ValueError):
    """The atlas asked for something outside its folders: WeasyPrint leaves it out and warns."""


@cache
def _fetcher_class() -> type:
    from weasyprint import URLFetcher

    class LocalFetcher(URLFetcher):
        """data: addresses and files under the allowed folders; nothing else, never the network."""

        def __init__(self, folders: Iterable[Path]) -> None:
            super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
            self.folders = tuple(Path(f).resolve() for f in folders)

        def fetch(self, url: str, headers: object = None):  # type: ignore[no-untyped-def]  # noqa: ANN201
            if not allowed(url, self.folders):
                raise FetchRefused(f"the atlas fetches no {url[:80]!r}")
            return super().fetch(url, headers)

    return LocalFetcher


def allowed(url: str, folders: tuple[Path, ...]) -> bool:
    """Whether the atlas may read url: a data: address, or a file under one of the folders."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return any(path.is_relative_to(folder) for folder in folders)


def fetcher():  # noqa: ANN201 - a weasyprint.URLFetcher
    """What the atlas may fetch: the fonts' folder and data: addresses."""
    return _fetcher_class()([FONTS])


@cache
def environment() -> Environment:
    # The atlas's templates, and the site's partials it shares (partials/worldmap.html).
    return Environment(loader=FileSystemLoader([str(templates_dir() / "atlas"), str(templates_dir())]), autoescape=select_autoescape(("html",), default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def document(view: a.Atlas, brand: v.Brand, part: str = "all", start: int = 1, total: int | None = None,
             first: bool = True) -> tuple[str, str]:
    """The atlas's HTML and its print stylesheet: the whole, or a part (paging.FRONT, CHUNKS, BACK)
    whose first page is number start of total; first: the chunk of members that opens "Members".

    The last part (BACK) is laid out without a total: its footers print start - 1 + its own length,
    which WeasyPrint knows once the part is laid out (counter(pages) in the margin, no second layout)."""
    env = environment()
    faces = tuple((face.family, face.regular.as_uri(), face.bold.as_uri()) for face in FACES)
    totals = range(start, start + paging.most_pages(view)) if part == paging.BACK and total is None else ()
    css = env.get_template("atlas.css").render(brand=brand, faces=faces, start=start, total=total, totals=totals)
    return env.get_template("atlas.html").render(atlas=view, part=part, first=first), css


def identifier(html: str, css: str) -> bytes:
    """The PDF's file identifier: the same inputs (the images are in the HTML), the same identifier,
    wherever clusterfolio is installed (the stylesheet names the fonts' files by their place)."""
    from weasyprint import __version__

    digest = hashlib.sha256(f"weasyprint {__version__}\n".encode())
    for part in (html, css.replace(FONTS.as_uri(), "fonts")):
        digest.update(part.encode())
    for face in FACES:
        digest.update(face.regular.read_bytes())
        digest.update(face.bold.read_bytes())
    return digest.hexdigest()[:32].encode()


def font_configuration():  # noqa: ANN201 - a weasyprint FontConfiguration
    """WeasyPrint's FontConfiguration over a fontconfig configuration of no fonts (FONTCONFIG): the
    system's fonts cannot be fallen back to, only the @font-face files are there.

    fontconfig reads the file FONTCONFIG_FILE names when WeasyPrint loads its configuration (in the
    FontConfiguration's constructor, FcInitLoadConfigAndFonts), so the variable is set for that call."""
    from weasyprint.text.fonts import FontConfiguration

    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG)
    try:
        return FontConfiguration()
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before



@dataclass(frozen=True)
class Laid:
    """A part as WeasyPrint wrote it: the file, and its shape (pages, the page of each anchor it holds)."""

    path: Path
    shape: paging.Shape


class Parts:
    """Lays parts out in folder, once per distinct HTML and stylesheet (a part a new plan does not change is kept)."""

    def __init__(self, brand: v.Brand, folder: Path, links: frozenset[str]) -> None:
        self.brand, self.folder, self.links = brand, folder, links
        self.done: dict[str, Laid] = {}

    def lay(self, view: a.Atlas, part: str, start: int, total: int | None, first: bool = True) -> Laid:
        from weasyprint import CSS, HTML

        html, css = document(view, self.brand, part, start, total, first)
        key = hashlib.sha256(f"{html}\n{css}".encode()).hexdigest()[:24]
        if key in self.done:
            return self.done[key]
        from weasyprint.css.counters import CounterStyle

        # The stylesheet's @counter-style rules (the indexes' total) go to the CounterStyle passed to both.
        fetch, fonts, styles, base = fetcher(), font_configuration(), CounterStyle(), FONTS.as_uri() + "/"
        sheet = CSS(string=css, base_url=base, url_fetcher=fetch, font_config=fonts, counter_style=styles)
        doc = HTML(string=html, base_url=base, url_fetcher=fetch).render(
            stylesheets=[sheet], font_config=fonts, counter_style=styles, pdf_variant=VARIANT)
        anchors: dict[str, int] = {}
        for n, page in enumerate(doc.pages):
            for name in page.anchors:
                anchors.setdefault(name, n)
        if part != paging.CHUNKS:
            # A link to another part's anchor: WeasyPrint drops links to anchors it has not got, so
            # the part gets a stand-in on its last page; the join takes the anchor from its own part.
            for name in self.links - anchors.keys():
                doc.pages[-1].anchors[name] = (0, 0, 0, 0)
        if total is None and len(doc.pages) > paging.most_pages(view):
            raise RuntimeError(f"the indexes came out {len(doc.pages)} pages long, more than their bound")
        laid = Laid(self.folder / f"{part}-{key}.pdf", paging.Shape(len(doc.pages), anchors))
        doc.write_pdf(laid.path, pdf_variant=VARIANT, pdf_identifier=identifier(html, css), custom_metadata=False)
        del doc
        gc.collect()  # a part's layout is cyclic garbage: free it before the next one is laid out
        self.done[key] = laid
        return laid


LOOPS = 4  # passes before giving up: a guess is right, or right after one correction


def render_pdf(view: a.Atlas, brand: v.Brand, size: int | None = None) -> Rendered:
    """Lay the atlas out in parts (size members a chunk; paging.CHUNK) and write it as one PDF/UA-1 file.

    Each pass lays out the indexes, the front matter, then the chunks of members, each with the
    plan as the parts before it in the pass left it (the indexes first: their length is the hardest
    to guess, and the front matter's contents give their pages; they print the total from their own
    length, so a wrong guess of it does not lay them out again); a pass in which every part came
    out as planned (the later ones are the same layouts again, kept) is the atlas."""
    with tempfile.TemporaryDirectory(prefix="clusterfolio-atlas-") as folder:
        parts = Parts(brand, Path(folder), paging.anchors(view))
        plan, members = paging.guess(view, size), paging.chunks(view, size)
        for _ in range(LOOPS):
            before = plan
            back = parts.lay(paging.numbered(view, plan.numbers()), paging.BACK, plan.starts()[-1], None)
            plan = dataclasses.replace(plan, back=back.shape)
            front = parts.lay(paging.numbered(view, plan.numbers()), paging.FRONT, 1, plan.total())
            plan = dataclasses.replace(plan, front=front.shape)
            laid = []
            for n, chunk in enumerate(members):
                laid.append(parts.lay(chunk, paging.CHUNKS, plan.starts()[1 + n], plan.total(), n == 0))
                plan = dataclasses.replace(plan, chunks=(*plan.chunks[:n], laid[-1].shape, *plan.chunks[n + 1:]))
            if plan == before:
                joined = [Part(front.path, frozenset(front.shape.anchors))]
                joined += [Part(x.path, frozenset(x.shape.anchors), continues=n > 0) for n, x in enumerate(laid)]
                joined.append(Part(back.path, frozenset(back.shape.anchors)))
                target = Path(folder) / "atlas.pdf"
                pages = join(joined, target)
                return Rendered(target.read_bytes(), pages)
    raise RuntimeError(f"the atlas's page numbers did not settle in {LOOPS} passes")
