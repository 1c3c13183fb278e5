"""The portal's page kinds, declared once as the site's are (site/kinds.py): the same facts, so the
site's renderer, mkdocs plugin and frame read a portal page as they read a cluster's; each kind's
template is theme/templates/portal/<kind>.html."""
from __future__ import annotations

from enum import StrEnum

from ..site.kinds import Facts


class PortalKind(StrEnum):
    """A portal page kind; its value is its template's name under theme/templates/portal/."""

    nav: int | None
    search: bool
    listing: bool
    footer_labels: bool
    markdown: bool
    front: bool
    frame: bool

    def __new__(cls, name: str, facts: Facts) -> PortalKind:
        kind = str.__new__(cls, name)
        kind._value_ = name
        kind.nav, kind.search, kind.listing = facts.nav, facts.search, facts.listing
        kind.footer_labels, kind.markdown, kind.front = facts.footer_labels, facts.markdown, facts.front
        kind.frame = facts.frame
        return kind

    HOME = "home", Facts(nav=0, front=True, search=True)  # the clusters, as cards
    MEMBERS = "members", Facts(nav=1, search=True)  # the competence directory: competences, stages, countries
    LISTING = "listing", Facts(search=True, listing=True)  # the members of one competence, stage or country
    COOPERATION = "cooperation", Facts(nav=2, search=True)  # every cluster's open requests
    PARTNERS = "partners", Facts(nav=3, search=True)  # partner clusters abroad, and the map

    @property
    def templates(self) -> tuple[str, ...]:
        return (f"portal/{self.value}.html",)

    @property
    def nav_order(self) -> int:
        return self.nav if self.nav is not None else len(PortalKind)
