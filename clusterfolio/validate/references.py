"""Taxonomy ids a profile uses, and the ids a message offers instead of a wrong or missing one."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..loading import Loaded
from ..messages import M, Msg, N
from ..model import MEMBER_VOCABULARIES, Cluster, Member, Taxonomy
from ..paths import TAXONOMY_FILE
from ..problems import Problem, quote
from ..suggest import did_you_mean


# The kinds of taxonomy ids ("competence", "value-chain stage", "member type", "label scheme",
# "competence group") and what the messages say of each: whole sentences per kind, since a
# translation cannot put a noun into a sentence of its own.
def _unknown(what: str, value: str) -> Msg:
    """'unknown competence 'x'' and its kin."""
    shown = quote(value)
    return {
        "competence": M("unknown competence {value}", value=shown),
        "value-chain stage": M("unknown value-chain stage {value}", value=shown),
        "member type": M("unknown member type {value}", value=shown),
        "label scheme": M("unknown label scheme {value}", value=shown),
        "competence group": M("unknown competence group {value}", value=shown),
    }[what]


def _none_declared(what: str) -> Msg:
    """The taxonomy declares no ids of a kind yet: where one goes, and what an entry there holds."""
    return {
        "competence": M("; {file} declares no competences yet: add one under competences:, with label, and optionally description and group",
                        file=TAXONOMY_FILE),
        "value-chain stage": M("; {file} declares no value-chain stages yet: add one under value_chain:, with label, and optionally description",
                               file=TAXONOMY_FILE),
        "member type": M("; {file} declares no member types yet: add one under member_types:, with label", file=TAXONOMY_FILE),
        "label scheme": M("; {file} declares no label schemes yet: add one under label_schemes:, with name, level, issuer, "
                          "and optionally verify_url, description and validity_years", file=TAXONOMY_FILE),
        "competence group": M("; {file} declares no competence groups yet: add one under competence_groups:, with label", file=TAXONOMY_FILE),
    }[what]


def declared(what: str) -> Msg | None:
    """Where a new id of the managers' own vocabularies goes, and what it holds (None for the others):
    " (label schemes are declared under label_schemes in profiles/taxonomy.yml, each with …)"."""
    return {
        "label scheme": M(" (label schemes are declared under label_schemes in {file}, each with name, level, issuer, "
                          "and optionally verify_url, description and validity_years)", file=TAXONOMY_FILE),
        "competence group": M(" (competence groups are declared under competence_groups in {file}, each with label)", file=TAXONOMY_FILE),
    }.get(what)


# Ids listed in a message, at most: a long list would bury the message.
CHOICES_SHOWN = 12


def choices(options: Mapping[str, Any], default: str | None = None) -> Msg:
    """The first ids a field may take, with their label in the default language: 'sme (KMU), startup (Start-up), …'."""
    def shown(key: str) -> str:
        label = getattr(options[key], "label", None)
        text = label.get(default) if isinstance(label, dict) and default else None
        return f"{key} ({text})" if text and text != key else key
    listed = ", ".join(shown(key) for key in list(options)[:CHOICES_SHOWN])  # ids and labels: shown as written
    more = N(", … ({count} in all)", ", … ({count} in all)", len(options)) if len(options) > CHOICES_SHOWN else ""
    return Msg("{ids}{more}", (("ids", listed), ("more", more)))


def _choose(options: Mapping[str, Any], default: str | None = None) -> Msg:
    return M("; choose one of: {choices}", choices=choices(options, default))


def _ref(loaded: Loaded, path: tuple, value: str, options: dict[str, Any], what: str) -> list[Problem]:
    if value in options:
        return []
    if not options:
        hint: str | Msg = _none_declared(what)
    else:
        hint = did_you_mean(value, options)  # a Msg or a str, '' without a close option
        if not str(hint):
            hint = _choose(options)
        where = declared(what)
        if where is not None:  # the managers' vocabularies: say where a new one goes
            hint = hint + where
    return [loaded.doc.problem(path, _unknown(what, value) + hint, "CF-E201")]


# Fields whose value is an id of the taxonomy: what `missing` or `empty` messages offer instead.
_VOCABULARY_FIELDS = (
    (re.compile(r"type|seeks\.partner_types\[\d+\]"), "member_types"),
    (re.compile(r"(?:competences|focus|partners\[\d+\]\.topics)(?:\[\d+\])?"), "competences"),
    (re.compile(r"value_chain(?:\[\d+\])?"), "value_chain"),
    (re.compile(r"labels\[\d+\]\.scheme"), "label_schemes"),
)
# Problems of a field left empty or missing, and of an entry that is no id (`- ` with nothing after it).
_EMPTY_CODES = {"CF-E101", "CF-E105", "CF-E107", "CF-E120"}


def with_choices(problems: list[Problem], taxonomy: Taxonomy | None, default: str) -> list[Problem]:
    """The problems of empty or missing id fields, each with the ids the field may take."""
    if taxonomy is None:
        return problems
    out = []
    for p in problems:
        if p.code in _EMPTY_CODES:
            for pattern, section in _VOCABULARY_FIELDS:
                if pattern.fullmatch(p.field):
                    options = getattr(taxonomy, section)
                    listed = _choose(options, default) if options else M("; {file} declares none under {section} yet", file=TAXONOMY_FILE, section=section)
                    message = (p.msg if p.msg is not None else p.message) + listed
                    p = replace(p, message=str(message), msg=message)
                    break
        out.append(p)
    return out


def check_market_notes(loaded: Loaded, member: Member) -> list[Problem]:
    """A market note belongs to a market the member names, one note per market."""
    out, seen = [], set()
    markets = [m for m in member.markets or [] if m is not None]
    for i, note in enumerate(member.market_notes or []):
        if note is None:
            continue
        where = ("market_notes", i, "country")
        country = quote(note.country)
        if note.country not in markets and markets:
            out.append(loaded.doc.problem(where, M("a note for {country}, which is not among the markets ({markets}); add it to markets or remove the note",
                                                   country=country, markets=", ".join(markets)), "CF-E206"))
        elif note.country not in markets:
            out.append(loaded.doc.problem(where, M("a note for {country}, which is not among the markets (none); add it to markets or remove the note",
                                                   country=country), "CF-E206"))
        elif note.country in seen:
            out.append(loaded.doc.problem(where, M("a second note for {country}; write one note per market", country=country), "CF-E209"))
        seen.add(note.country)
    return out


def check_references(loaded: Loaded, taxonomy: Taxonomy) -> list[Problem]:
    """Every id a profile uses must be in the taxonomy."""
    # In a file with errors, a value that failed its own check is None: it is skipped here.
    model = loaded.model
    if isinstance(model, Member):
        return _member_references(loaded, model, taxonomy)
    if isinstance(model, Cluster):
        return _cluster_references(loaded, model, taxonomy)
    if isinstance(model, Taxonomy):
        return [problem for cid, competence in (model.competences or {}).items() if competence.group
                for problem in _ref(loaded, ("competences", cid, "group"), competence.group, model.competence_groups or {}, "competence group")]
    return []


# What the ids of each vocabulary a member's fields name (model.MEMBER_VOCABULARIES) are called.
_KIND_OF = {"member_types": "member type", "competences": "competence", "value_chain": "value-chain stage"}


def _member_references(loaded: Loaded, model: Member, taxonomy: Taxonomy) -> list[Problem]:
    """Every id field of the member model against its vocabulary: the table /admin/'s selects read too."""
    out: list[Problem] = []
    for path, section in MEMBER_VOCABULARIES.items():
        for at, value in _ids_at(model, path):
            out += _ref(loaded, at, value, getattr(taxonomy, section), _KIND_OF[section])
    return out + check_market_notes(loaded, model)


def _ids_at(model: Member, path: tuple[str, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """The ids at a field path with their own paths; a value that failed its own check (None) is skipped."""
    value: Any = model
    for name in path:
        value = getattr(value, name, None)
    if isinstance(value, list):
        return [((*path, index), item) for index, item in enumerate(value) if item is not None]
    return [] if value is None else [(path, value)]


def _cluster_references(loaded: Loaded, model: Cluster, taxonomy: Taxonomy) -> list[Problem]:
    out: list[Problem] = []
    competences = taxonomy.competences
    for i, cid in enumerate(model.focus or []):
        if cid is not None:
            out += _ref(loaded, ("focus", i), cid, competences, "competence")
    for p, partner in enumerate(model.partners or []):
        for i, cid in enumerate(partner.topics if partner else []):
            out += _ref(loaded, ("partners", p, "topics", i), cid, competences, "competence")
    for i, label in enumerate(model.labels or []):
        if label is not None:
            out += _ref(loaded, ("labels", i, "scheme"), label.scheme, taxonomy.label_schemes, "label scheme")
    return out
