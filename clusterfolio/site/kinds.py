"""The page kinds: one declaration each, and everything that differs between kinds is said there.

The builders (pages/) make pages of a kind, the renderer picks the kind's template, the head and
the frame read how its title and footer look, the navigation its place, the mkdocs plugin whether
its Markdown is mkdocs' to convert, and the tests which kinds there are. Adding a kind is one entry
here and its template (or none: a listing falls back to the one listing template, as Hugo's and
Zola's kinds fall back to a generic template).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

# The one template of the pages that list members (of a competence, a stage, a type …): what
# differs between them is in their view (pages/listings.py, ListingView), not in a template of their own.
LISTING_TEMPLATE = "pages/listing.html"


@dataclass(frozen=True)
class Facts:
    """How the pages of one kind differ from the others."""

    nav: int | None = None  # place in the main navigation (None: not in it)
    search: bool = False  # search indexes its pages (of a listing, the first)
    listing: bool = False  # a list of members: without a template of its own, the listing template
    footer_labels: bool = True  # the footer shows the cluster's labels (not where the page shows them above)
    markdown: bool = False  # hand-written (content/): mkdocs converts its Markdown; else generated whole
    front: bool = False  # the site's home: titled by the cluster's name alone, "Home" in the navigation
    # False: a page other sites put in an <iframe> (embeds): its template writes the whole document,
    # without the site's head, header and footer; it is neither in the sitemap nor searched.
    frame: bool = True


class FactsKind(StrEnum):
    """A kind of page declared by its name and its Facts, which become its attributes: the base of
    the site's kinds (Kind) and the portal's (portal/kinds.py), which the same renderer reads. It
    has no members, so that each of them can have its own."""

    nav: int | None
    search: bool
    listing: bool
    footer_labels: bool
    markdown: bool
    front: bool
    frame: bool

    def __new__(cls, name: str, facts: Facts) -> FactsKind:
        kind = str.__new__(cls, name)
        kind._value_ = name
        for fact in dataclasses.fields(Facts):
            setattr(kind, fact.name, getattr(facts, fact.name))
        return kind


class Kind(FactsKind):
    """A page kind; its value is its name (the template's, and what tests compare with)."""

    HOME = "home", Facts(nav=0, front=True)
    DIRECTORY = "directory", Facts(nav=1)
    COMPETENCES = "competences", Facts(nav=2)
    VALUE_CHAIN = "value-chain", Facts(nav=3, search=True)
    COUNTRIES = "countries", Facts(nav=4, search=True)
    INTERNATIONAL = "international", Facts(nav=5, search=True)
    # Every open request for partners (requests.py): after International, where a partner abroad looks next.
    COOPERATION = "cooperation", Facts(nav=6, search=True)
    LABEL = "label", Facts(nav=7, search=True)
    CONTENT = "content", Facts(nav=8, search=True, markdown=True)
    # The member page shows the cluster's labels in its header card: the footer does not repeat
    # them, and the most numerous pages stay small.
    MEMBER = "member", Facts(search=True, footer_labels=False)
    COMPETENCE = "competence", Facts(search=True, listing=True)
    STAGE = "stage", Facts(search=True, listing=True)
    CELL = "cell", Facts(search=True, listing=True)
    TYPE = "type", Facts(listing=True)
    COUNTRY = "country", Facts(search=True)
    COUNTRY_LIST = "country-list", Facts(listing=True)
    # Embeds (pages/embeds.py): the page that writes an <iframe> snippet, and the frameless views
    # other sites show in one. Not searched: they repeat the directory and the board.
    EMBED = "embed", Facts()
    EMBED_MEMBERS = "embed-members", Facts(frame=False)
    EMBED_BOARD = "embed-cooperation", Facts(frame=False)

    @property
    def templates(self) -> tuple[str, ...]:
        """Where its template is looked for, in order: its own, then a listing's fallback."""
        own = f"pages/{self.value}.html"
        return (own, LISTING_TEMPLATE) if self.listing else (own,)

    @property
    def nav_order(self) -> int:
        """Its place among the navigation's kinds (kinds outside the navigation last)."""
        return self.nav if self.nav is not None else len(Kind)
