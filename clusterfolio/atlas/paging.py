"""The atlas in parts, and their page numbers computed from the parts' lengths (docs/decisions.md,
"The atlas in parts").

WeasyPrint lays a document out again whenever a page number it printed (`target-counter()`,
`counter(pages)`) turns out wrong, and holds the whole document meanwhile: a 1,000-member atlas took
223 s and 1.6 GiB as one document. In parts, each laid out once: the front matter (cover, contents,
cluster, value chain), the member pages CHUNK at a time, the indexes. A Plan says how long each part
is and on which of its pages each anchor is; from it follow every anchor's page number, the first
page of each part and the total, which the contents, the indexes and the running footers print.
render_pdf starts from a guess (a page per member), lays the parts out, and lays out again only
what a wrong guess changed, until the parts are as long as the plan says.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import views as a
from .pages import CLUSTER, CONTENTS, COVER, MATRIX, MEMBERS

CHUNK = 100  # member pages per WeasyPrint document: about 7 s and 45 MiB each (bench/atlas_bench.py)
# The contents' lines on its first page and on each further one (the bench's atlas of 1,000
# members: 22 pages, some names take two lines), for the first guess of the front matter's length;
# a wrong guess costs the indexes and the front matter a layout more (30 s of 123 at 1,000 members).
CONTENTS_FIRST, CONTENTS_LINES = 45, 46
FRONT, CHUNKS, BACK = "front", "members", "back"


@dataclass(frozen=True)
class Shape:
    """A part as laid out: its number of pages, and the page (from 0) each of its anchors is on."""

    pages: int
    anchors: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    front: Shape
    chunks: tuple[Shape, ...]
    back: Shape

    def parts(self) -> tuple[Shape, ...]:
        return (self.front, *self.chunks, self.back)

    def starts(self) -> tuple[int, ...]:
        """The number of each part's first page (the cover is page 1)."""
        out, page = [], 1
        for part in self.parts():
            out.append(page)
            page += part.pages
        return tuple(out)

    def total(self) -> int:
        return sum(part.pages for part in self.parts())

    def numbers(self) -> dict[str, int]:
        """Every anchor's page number in the joined atlas."""
        out: dict[str, int] = {}
        for start, part in zip(self.starts(), self.parts(), strict=True):
            for anchor, page in part.anchors.items():
                out.setdefault(anchor, start + page)
        return out


def chunks(view: a.Atlas, size: int | None = None) -> tuple[a.Atlas, ...]:
    """The atlas's member pages, size at a time (one chunk, empty, for an atlas without members)."""
    size = size or CHUNK
    members = view.members
    return tuple(dataclasses.replace(view, members=members[n:n + size]) for n in range(0, max(len(members), 1), size))


def guess(view: a.Atlas, size: int | None = None) -> Plan:
    """A first plan: the contents as long as its lines make it, the cluster and the value chain a
    page each, a page per member, an index a page."""
    lines = len(view.contents) + sum(len(s.members) for s in view.contents)
    contents = 1 + max(0, -(-(lines - CONTENTS_FIRST) // CONTENTS_LINES))
    front = Shape(3 + contents, {COVER: 0, CONTENTS: 1, CLUSTER: 1 + contents, MATRIX: 2 + contents})
    parts = []
    for n, chunk in enumerate(chunks(view, size)):
        anchors = {s.anchor: i for i, s in enumerate(chunk.members)}
        parts.append(Shape(max(len(chunk.members), 1), {MEMBERS: 0, **anchors} if n == 0 else anchors))
    return Plan(front, tuple(parts), Shape(len(view.indexes), {index.anchor: i for i, index in enumerate(view.indexes)}))


def numbered(view: a.Atlas, numbers: Mapping[str, int]) -> a.Atlas:
    """The atlas with the page numbers of its contents' lines and its index entries."""

    def page(anchor: str) -> str:
        return str(numbers[anchor]) if anchor in numbers else ""

    def refs(items: tuple[a.Ref, ...]) -> tuple[a.Ref, ...]:
        return tuple(dataclasses.replace(r, page=page(r.anchor)) for r in items)

    contents = tuple(dataclasses.replace(s, page=page(s.anchor), members=refs(s.members)) for s in view.contents)
    indexes = tuple(dataclasses.replace(i, entries=tuple(dataclasses.replace(e, members=refs(e.members)) for e in i.entries))
                    for i in view.indexes)
    return dataclasses.replace(view, contents=contents, indexes=indexes)


def anchors(view: a.Atlas) -> frozenset[str]:
    """Every anchor the contents and the indexes link to."""
    found = {s.anchor for s in view.contents} | {r.anchor for s in view.contents for r in s.members}
    return frozenset(found | {r.anchor for i in view.indexes for e in i.entries for r in e.members})


def most_pages(view: a.Atlas) -> int:
    """More pages than the indexes can take: a page holds a line at least, and an index has its
    heading, a line per term and at most two per member it names."""
    return sum(1 + sum(1 + 2 * len(e.members) for e in i.entries) for i in view.indexes) or 1
