"""Hand-written pages from content/<lang>/*.md: every language has every page (SPEC §4)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ... import urls
from ...paths import CONTACT_DIRECTIVE, CONTENT_DIR, symlink_on_path
from .. import views as v
from ..kinds import Kind
from .context import Context
from .parts import address, people

# Linked from every page's footer rather than from the main navigation.
FOOTER_ONLY = ("imprint", "privacy")
# Their order in the navigation, among the content pages (the others between, by name).
CONTENT_ORDER = {"about": "0", "strategy": "1", "contact": "9"}
# A `{{ contact }}` line (paths.CONTACT_DIRECTIVE): the imprint and the contact page take the
# cluster's address from cluster.yml, with the managers' text around it, so an address is written
# in one place. The Markdown gets a comment in its place, where the page template puts the block
# (render.Renderer.body).
CONTACT_MARK = v.CONTACT_MARK
# On the contact page (content/<lang>/contact.md) the `{{ contact }}` block also names the people to
# write to or call (cluster.yml `contacts`), below the address; the imprint and the privacy notice
# keep the address alone (docs/decisions.md, "A person to call").
CONTACT_PAGE = "contact"
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True)
class ContentView:
    """A hand-written page; its HTML comes from mkdocs' Markdown (the managers' trusted text)."""

    lang: str | None = None  # set when the page is shown in another language
    notice: str | None = None
    contact: v.Address | None = None  # where the page's `{{ contact }}` line stood
    people: tuple[v.Person, ...] = ()  # on the contact page: the named contacts, below the address


def _is_page(root: Path, code: str, name: str) -> bool:
    """A real file: a symbolic link, at any level, is never read or published (check refuses it)."""
    rel = f"{CONTENT_DIR}/{code}/{name}.md"
    return (root / rel).is_file() and not symlink_on_path(root, rel)


def content_names(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Every page name that any language has."""
    return sorted({p.stem for code in languages for p in (root / CONTENT_DIR / code).glob("*.md") if _is_page(root, code, p.stem)})


def content_pages(cx: Context, root: Path) -> list[v.Page]:
    """The content pages of one language; a page missing in it is shown from the default
    language (or the first language that has it), with a notice."""
    languages = cx.config.languages
    pages = []
    for name in content_names(root, languages):
        source_lang = next(code for code in (cx.lang, *languages) if _is_page(root, code, name))
        source = (root / CONTENT_DIR / source_lang / f"{name}.md").read_text(encoding="utf-8")
        match = _HEADING.search(source)
        title = match.group(1) if match else name.replace("-", " ").capitalize()
        has_contact = CONTACT_DIRECTIVE.search(source) is not None
        source = CONTACT_DIRECTIVE.sub(CONTACT_MARK, source)
        description = next((line.strip() for line in source.splitlines() if line.strip() and not line.startswith(("#", "<", "{"))), title)
        fallback = source_lang != cx.lang
        view = ContentView(lang=source_lang if fallback else None, notice=cx.words.notice(source_lang) if fallback else None,
                             contact=address(cx) if has_contact else None,
                             people=people(cx, urls.content(name)) if has_contact and name == CONTACT_PAGE else ())
        pages.append(v.Page(urls.content(name), Kind.CONTENT, title, description[:200], lambda view=view: view,
                            in_nav=name not in FOOTER_ONLY, source=source))
    return pages
