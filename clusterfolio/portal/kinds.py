"""The portal's page kinds, declared once as the site's are (site/kinds.py): the same facts, so the
site's renderer, mkdocs plugin and frame read a portal page as they read a cluster's; each kind's
template is theme/templates/portal/<kind>.html."""
from __future__ import annotations

from ..site.kinds import Facts, FactsKind


class PortalKind(FactsKind):
    """A portal page kind; its value is its template's name under theme/templates/portal/."""

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
