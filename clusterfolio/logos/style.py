"""The properties that refer to other elements (filter, mask, fill …), as an element gets them:
from its attributes, its style attribute and the <style> rules that select it."""
from __future__ import annotations

import re

from .shape import Element

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_COMPOUND = re.compile(r"^(\*|[a-zA-Z][\w-]*)?((?:[.#][\w-]+)*)$")
_REFERRING = ("filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end", "marker", "fill", "stroke")

# A rule: the tag, classes and id its selector needs (None: any), and the declarations it sets.
Rule = tuple[str | None, set[str], str | None, dict[str, str]]


def declarations(css: str) -> dict[str, str]:
    out = {}
    for part in css.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            out[name.strip().lower()] = value.strip()
    return out


def sheet_rules(sheets: list[str]) -> dict[str, list[Rule]]:
    """Rules that set a referring property, by the key an element is looked up with: '#id',
    '.class', a tag or '*'. A selector is matched by its last compound, without pseudo-classes
    and attribute tests: every element it can select, and maybe a few more."""
    found: dict[str, list[Rule]] = {}
    for selectors, body in _RULE.findall(_COMMENT.sub("", "".join(sheets))):
        decls = {k: v for k, v in declarations(body).items() if k in _REFERRING and "(" in v}
        if not decls:
            continue
        for selector in selectors.split(","):
            last = re.split(r"[\s>+~]+", re.sub(r"::?[\w-]+(\([^)]*\))?|\[[^\]]*\]", "", selector).strip())[-1]
            match = _COMPOUND.match(last)
            if not match:
                continue
            tag = match.group(1) if match.group(1) not in (None, "*") else None
            parts = re.findall(r"[.#][\w-]+", match.group(2))
            classes = {p[1:] for p in parts if p[0] == "."}
            ident = next((p[1:] for p in parts if p[0] == "#"), None)
            key = f"#{ident}" if ident else f".{min(classes)}" if classes else (tag.lower() if tag else "*")
            found.setdefault(key, []).append((tag.lower() if tag else None, classes, ident, decls))
    return found


def properties(el: Element, sheet_rules: dict[str, list[Rule]]) -> dict[str, str]:
    """The referring properties of an element: attributes, then rules, then its style attribute."""
    out = {k: v for k, v in el.attrs.items() if k in _REFERRING}
    if sheet_rules:
        classes = set(el.attrs.get("class", "").split())
        keys = ["*", el.name, f"#{el.attrs.get('id', '')}", *(f".{c}" for c in classes)]
        for key in keys:
            for tag, need, ident, decls in sheet_rules.get(key, ()):
                if (tag is None or tag == el.name) and need <= classes and (ident is None or ident == el.attrs.get("id")):
                    out.update(decls)
    if "style" in el.attrs:
        out.update({k: v for k, v in declarations(el.attrs["style"]).items() if k in _REFERRING})
    return out
