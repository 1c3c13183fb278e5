"""The logo's elements as the parser meets them: names, places, attributes, parents and children."""
from __future__ import annotations

from ..messages import Msg

Finding = tuple[int, int, Msg, str]  # line, column, message, problem code (codes.py)


def local_name(name: str) -> str:
    """An element's or attribute's name without its namespace, in lower case."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


class Element:
    __slots__ = ("name", "tag", "line", "column", "attrs", "parent", "depth", "children")

    def __init__(self, tag: str, line: int, column: int, attrs: dict[str, str], parent: int, depth: int) -> None:
        self.name = tag.lower()  # for comparisons; tag as written, for messages
        self.tag, self.line, self.column, self.attrs, self.parent, self.depth = tag, line, column, attrs, parent, depth
        self.children: list[int] = []


class Shape:
    """The logo's elements as the parser meets them, for what drawing them would cost (cost.py)."""

    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.open: list[int] = []
        self.sheets: list[str] = []  # the texts of <style> elements

    def start(self, name: str, line: int, column: int, attrs: dict[str, str]) -> None:
        index = len(self.elements)
        parent = self.open[-1] if self.open else -1
        tag = name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]
        self.elements.append(Element(tag, line, column, {local_name(k): v for k, v in attrs.items()}, parent, len(self.open) + 1))
        if self.open:
            self.elements[self.open[-1]].children.append(index)
        self.open.append(index)

    def end(self) -> None:
        self.open.pop()
