"""Cooperation requests: what the cluster's members and the cluster itself look for in partners.

Two kinds, one shape (`Request`): a member's `seeks` (its text, the partner types and countries it
names, the member's own competences, from `since` to `until`) and the cluster's gaps in the value
chain (a competence at a stage where no member works, the same cells the value-chain page shows).
The cooperation board lists them (site/pages/cooperation.py); the feeds, the structured data, the
open data and the embeds of issue 26 read the same list, so each says the same requests with the
same ids.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from .model import LangMap, Member, Project

RequestKind = Literal["seeks", "gap"]

# Days before `until` from which check warns that a request runs out (CF-W304).
REQUEST_WARNING_DAYS = 30


@dataclass(frozen=True)
class Request:
    """One open request for partners: who asks, what for, and from when to when."""

    id: str  # stable between builds: see request_id
    kind: RequestKind
    member: str | None  # the member's slug; None: the cluster asks (a gap)
    since: dt.date | None
    until: dt.date | None
    text: LangMap | None  # per language; a gap has none (its competence and stage say it)
    partner_types: tuple[str, ...]
    countries: tuple[str, ...]  # where partners are sought; empty: anywhere
    competences: tuple[str, ...]  # the member's competences; a gap's one competence
    stage: str | None = None  # a gap's stage of the value chain

    def open_on(self, day: dt.date) -> bool:
        """Shown on `day`: from `since` to `until`, both included."""
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


def request_id(*parts: object) -> str:
    """A short id made from what a request *is*, not from where it stands.

    A member's position in a list, or the index of its request, changes when members are added or
    reordered; a feed reader would then show an old request as new. The hash of the member's slug
    and the request's own words and partner types changes only when the request does (a reworded
    request is a new one, which is what a reader of the board should see). A gap's id is its cell.
    """
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def seeks_id(slug: str, text: dict[str, str] | None, partner_types: list[str]) -> str:
    """A member's request's id (request_id), from what `changes` also reads in a profile's raw YAML."""
    return request_id("seeks", slug, dict(sorted((text or {}).items())), sorted(partner_types))


def member_request(slug: str, m: Member) -> Request | None:
    """A member's `seeks` as a request (None when it seeks nothing, or says nothing it seeks)."""
    s = m.seeks
    # The new-member template writes an empty seeks (no text, no types, no countries): no request.
    if s is None or not (s.text or s.partner_types or s.countries):
        return None
    text = LangMap(sorted((s.text or {}).items())) if s.text else None
    return Request(
        id=seeks_id(slug, text, s.partner_types),
        kind="seeks", member=slug, since=s.since, until=s.until, text=text,
        partner_types=tuple(s.partner_types), countries=tuple(s.countries), competences=tuple(m.competences),
    )


def all_requests(project: Project) -> list[Request]:
    """Every request of the profiles, open or not: the members' (in name order), then the gaps."""
    out = [r for slug, m in project.index.members if (r := member_request(slug, m))]
    out += [
        Request(id=request_id("gap", cid, sid), kind="gap", member=None, since=None, until=None, text=None,
                partner_types=(), countries=(), competences=(cid,), stage=sid)
        for cid, sid in project.index.gaps
    ]
    return out


def newest_first(requests: list[Request]) -> list[Request]:
    """Dated requests newest first, then the members' undated ones, then the gaps (which have no date:
    a gap is open as long as its cell is empty). Ties keep their order (members by name)."""
    def key(r: Request) -> tuple[int, int]:
        if r.since is not None:
            return 0, -r.since.toordinal()
        return (1, 0) if r.kind == "seeks" else (2, 0)
    return sorted(requests, key=key)


def open_requests(project: Project, day: dt.date | None = None) -> list[Request]:
    """The requests open on `day` (the build date unless given), newest first; expired ones and
    those whose `since` is still to come are left out."""
    day = day or project.build_date
    return newest_first([r for r in all_requests(project) if r.open_on(day)])


def board_pages(found: list[Request], page_size: int) -> dict[str, int]:
    """The page of the board each of `found` (open_requests) is on: the board is paginated in this
    order, page_size cards a page; the feeds, JSON-LD and open data link each request's card."""
    return {r.id: n // page_size + 1 for n, r in enumerate(found)}
