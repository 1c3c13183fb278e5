"""What every portal page builder of one language reads: the harvest, the build date, its words and links.

The site's page builders read a cluster's model through pages.context.Context; the portal's read
the harvest through this one, with the same Translator, words (site/words.py, for what needs no
taxonomy: fallback notices, label levels and states, member counts) and links (site/links.py)."""
from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping

from ..config import Config
from ..i18n import Translator
from ..site.links import Linker
from ..site.words import Words
from .harvested import Harvested, HarvestedCluster, HarvestedMember, Texts
from .settings import Portal

LISTING_ROWS = 100  # members a page of a cross-cluster listing
HOME_CARDS = 30  # clusters a page of the home's directory


class PortalContext:
    """One language of one portal build."""

    def __init__(self, config: Config, portal: Portal, harvested: Harvested, date: dt.date, lang: str) -> None:
        self.config, self.portal, self.harvested, self.date, self.lang = config, portal, harvested, date, lang
        self.preview = False
        self.t = Translator(lang, config.default_language)
        self.words = Words(self.t, None)  # type: ignore[arg-type]  # no taxonomy: every cluster has its own (label())
        self.links = Linker(self.words)
        self.clusters: Mapping[str, HarvestedCluster] = {c.key: c for c in harvested.clusters}

    def text(self, value: Texts | None) -> str:
        found = self.t.text(value)
        return found.text if found else ""

    def label(self, section: str, key: str) -> str:
        """The label of a competence, stage or member type in this language: the first cluster (in
        portal.yml's order) that names it says it; the id where none does."""
        texts = self._labels.get((section, key))
        return self.text(texts) if texts else key

    @functools.cached_property
    def _labels(self) -> dict[tuple[str, str], Texts]:
        """(section, id) -> its label in each language, from the first cluster that names it: once per language."""
        out: dict[tuple[str, str], Texts] = {}
        for c in self.harvested.clusters:
            for section, labels in c.words.items():
                for key, texts in labels.items():
                    if texts:
                        out.setdefault((section, key), texts)
        return out

    @functools.cached_property
    def members(self) -> tuple[HarvestedMember, ...]:
        """Every member of every cluster, once each, by name (then cluster and slug): one order for every listing."""
        everyone = [m for c in self.harvested.clusters for m in c.members]
        return tuple(sorted(everyone, key=lambda m: (m.name.casefold(), self.clusters[m.cluster].name.casefold(), m.cluster, m.slug)))

    @functools.cached_property
    def member_index(self) -> dict[tuple[str, str], HarvestedMember]:
        """(cluster key, slug) -> the member."""
        return {(m.cluster, m.slug): m for c in self.harvested.clusters for m in c.members}

    @functools.cached_property
    def by(self) -> dict[str, dict[str, list[HarvestedMember]]]:
        """competences, stages, countries -> value -> its members (each once, in `members`' order)."""
        out: dict[str, dict[str, list[HarvestedMember]]] = {"competences": defaultdict(list), "stages": defaultdict(list),
                                                            "countries": defaultdict(list)}
        for m in self.members:
            for cid in m.competences:
                out["competences"][cid].append(m)
            for sid in m.stages:
                out["stages"][sid].append(m)
            if m.country:
                out["countries"][m.country].append(m)
        return out

    @functools.cached_property
    def stage_order(self) -> tuple[str, ...]:
        """The value chain's stages in the order the clusters give them (the first cluster's first)."""
        order = dict.fromkeys(s for c in self.harvested.clusters for s in c.stage_order)
        return tuple(order) + tuple(sorted(set(self.by["stages"]) - set(order)))
