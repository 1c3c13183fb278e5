"""The words of one language for what the model names: translatable fields, taxonomy ids, label
levels and states, activity kinds. The page builders show these; the pull request's summary of a
member page (summary.py) reads the same words, so it says what the page says."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..i18n import Translator
from ..model import LabelStatus, Taxonomy
from . import views as v
from .markup import markdown_html


class Words:
    """One language's texts of the model: a translatable field in this language or a fallback with
    its notice, and the label of each id of the taxonomy (the id itself where the taxonomy lacks it)."""

    def __init__(self, t: Translator, taxonomy: Taxonomy) -> None:
        self.t = t
        self.tax = taxonomy
        self._ = t._

    def notice(self, original: str) -> str:
        """Say that a text is shown in another language, and which."""
        return self._("Not available in {language}; shown in {original}.").format(
            language=self.t.language(self.t.lang), original=self.t.language(original)
        )

    def text(self, value: Mapping[str, Any] | None, markdown: bool = False) -> v.Text | None:
        found = self.t.text(value)
        if found is None:
            return None
        html = markdown_html(found.text) if markdown else None
        if found.fallback:
            return v.Text(found.text, found.lang, self.notice(found.lang), html)
        return v.Text(found.text, html=html)

    def plain(self, value: Mapping[str, Any] | None) -> str:
        found = self.t.text(value)
        return found.text if found else ""

    def competence(self, cid: str) -> str:
        return self.plain(self.tax.competences[cid].label) if cid in self.tax.competences else cid

    def stage(self, sid: str) -> str:
        return self.plain(self.tax.value_chain[sid].label) if sid in self.tax.value_chain else sid

    def member_type(self, tid: str) -> str:
        return self.plain(self.tax.member_types[tid].label) if tid in self.tax.member_types else tid

    def scheme(self, scheme: str) -> str:
        s = self.tax.label_schemes.get(scheme)
        return self.plain(s.name) if s else scheme

    def level(self, level: str) -> str:
        return {
            "bronze": self._("Bronze"), "silver": self._("Silver"), "gold": self._("Gold"),
            "regional": self._("Regional"), "national": self._("National"),
        }.get(level, level)

    def status(self, status: LabelStatus) -> str:
        return {
            LabelStatus.VALID: self._("valid"),
            LabelStatus.EXPIRING: self._("expiring soon"),
            LabelStatus.EXPIRED: self._("expired"),
            LabelStatus.NOT_YET_VALID: self._("not yet valid"),
        }[status]

    def activity_kind(self, kind: str) -> str:
        return {
            "trade-fair": self._("Trade fair"), "conference": self._("Conference"), "delegation": self._("Delegation trip"),
            "matchmaking": self._("Matchmaking"), "project": self._("Project"),
        }[kind]

    def members_count(self, n: int) -> str:
        """"12 members": every count of members on a page says it so."""
        return self.t.ngettext("{n} member", "{n} members", n).format(n=self.t.number(n))
