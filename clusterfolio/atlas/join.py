"""The atlas's parts, each a tagged PDF that WeasyPrint wrote, joined into one PDF with qpdf (pikepdf).

WeasyPrint lays a document out whole and again for every page number it only knows later, so a
1,000-page atlas is laid out in parts (atlas/render.py): the front matter, chunks of member pages,
the indexes. Joining keeps what one document had: the pages in order; one structure tree (each
part's top-level elements under the first part's Document element, their parent-tree keys and the
pages' StructParents and annotations' StructParent moved past the keys already used); the named
destinations (each taken from the part that holds the anchor, so the contents' and the indexes'
links lead to the member pages of other parts); the outline (a part that continues the previous
one, a later chunk of members, hangs its bookmarks under the previous part's last one); the first
part's catalogue (/Lang, /MarkInfo, /ViewerPreferences, XMP metadata) and document information.
qpdf copies each part's objects once and writes a file identifier derived from the content.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Part:
    """A part's PDF; the anchors it holds itself (it may name others, whose destinations are stand-ins)."""

    path: Path
    owns: frozenset[str]
    continues: bool = False  # its bookmarks go under the previous part's last top-level bookmark


def join(parts: Sequence[Part], target: Path) -> int:
    """Write the parts as one PDF at target; return its number of pages."""
    import pikepdf

    opened = [pikepdf.open(part.path) for part in parts]
    try:
        base = opened[0]
        tree = base.Root.StructTreeRoot
        nums, next_key = list(tree.ParentTree.Nums), _next_key(tree.ParentTree.Nums)
        dests = _dests(base, opened[0], parts[0].owns, {})
        marks = _bookmarks(opened[0].Root, {})
        for part, pdf in zip(parts[1:], opened[1:], strict=True):
            first = len(base.pages)
            with warnings.catch_warnings():  # the named destinations are merged below (_dests)
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
                base.pages.extend(pdf.pages)
            pages = {src.objgen: base.pages[first + n].obj for n, src in enumerate(pdf.pages)}
            nums += _tags(base, pdf, pages, next_key)
            next_key = _next_key(nums)
            dests.update(_dests(base, pdf, part.owns, pages))
            found = _bookmarks(pdf.Root, pages)
            if part.continues and marks:
                marks[-1] = (marks[-1][0], marks[-1][1], marks[-1][2] + found)
            else:
                marks += found
        tree.ParentTree.Nums = pikepdf.Array(nums)
        tree.ParentTreeNextKey = next_key
        if dests:
            names = pikepdf.Array()
            for name in sorted(dests):
                names.extend([pikepdf.String(name), dests[name]])
            base.Root.Names.Dests = base.make_indirect(pikepdf.Dictionary(Names=names))
        _write_outline(base, marks)
        base.save(target, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return len(base.pages)
    finally:
        for pdf in opened:
            pdf.close()


def _next_key(nums: Sequence[Any]) -> int:
    """The first parent-tree key past those in a flat /Nums array."""
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _tags(base: Any, pdf: Any, pages: dict[tuple[int, int], Any], offset: int) -> list[Any]:
    """Hang pdf's structure elements under base's Document element; its parent tree's entries, keyed past offset."""
    import pikepdf

    document = base.Root.StructTreeRoot.K[0]
    for kid in pdf.Root.StructTreeRoot.K[0].K:
        copied = base.copy_foreign(kid)
        copied.P = document
        document.K.append(copied)
    for page in pages.values():
        page.StructParents = int(page.StructParents) + offset
        for annotation in page.get("/Annots", ()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    nums, out = pdf.Root.StructTreeRoot.ParentTree.Nums, []
    for i in range(0, len(nums), 2):
        value = nums[i + 1]
        value = base.copy_foreign(value) if value.is_indirect else pikepdf.Array([base.copy_foreign(x) for x in value])
        out += [int(nums[i]) + offset, value]
    return out


def _destination(dest: Any, pages: dict[tuple[int, int], Any]) -> Any:
    """A destination array of a part, its page the joined file's ([page /XYZ x y zoom])."""
    import pikepdf

    page = pages.get(dest[0].objgen, dest[0]) if pages else dest[0]
    return pikepdf.Array([page, *list(dest)[1:]])


def _dests(base: Any, pdf: Any, owns: frozenset[str], pages: dict[tuple[int, int], Any]) -> dict[str, Any]:
    """The named destinations of the anchors pdf holds itself."""
    names = pdf.Root.get("/Names", {}).get("/Dests", {}).get("/Names", ())
    return {str(names[i]): _destination(names[i + 1], pages) for i in range(0, len(names), 2) if str(names[i]) in owns}


def _bookmarks(root: Any, pages: dict[tuple[int, int], Any]) -> list[tuple[str, Any, list]]:
    """A part's outline as (title, destination, children), its destinations the joined file's."""
    out: list[tuple[str, Any, list]] = []
    item = root.get("/Outlines", {}).get("/First")
    while item is not None:
        children = _bookmarks({"/Outlines": item}, pages) if "/First" in item else []
        out.append((str(item.Title), _destination(item.Dest, pages), children))
        item = item.get("/Next")
    return out


def _write_outline(base: Any, marks: list[tuple[str, Any, list]]) -> None:
    """Replace base's outline by marks (open, as WeasyPrint writes them)."""
    from pikepdf import OutlineItem

    def items(level: list[tuple[str, Any, list]]) -> list[OutlineItem]:
        made = []
        for title, dest, children in level:
            made.append(OutlineItem(title, dest))
            made[-1].children.extend(items(children))
        return made

    with base.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(items(marks))
