"""Checks of a member's request for partners (`seeks`): its dates in order, and a warning before it runs out."""
from __future__ import annotations

import datetime as dt

from ..loading import Loaded
from ..messages import M, N
from ..model import Member
from ..problems import Problem
from ..requests import REQUEST_WARNING_DAYS


def check_request_dates(loaded: Loaded, today: dt.date) -> list[Problem]:
    """`until` not before `since`; a warning from 30 days before `until` (none once it has passed:
    the board has left it out, and the report lists it)."""
    member = loaded.model
    assert isinstance(member, Member)
    seeks = member.seeks
    if seeks is None or seeks.until is None:
        return []
    if seeks.since is not None and seeks.until < seeks.since:
        return [loaded.doc.problem(("seeks", "until"), M("{date} is before since ({since})", date=seeks.until.isoformat(), since=seeks.since.isoformat()), "CF-E303")]
    days = (seeks.until - today).days
    if 0 <= days <= REQUEST_WARNING_DAYS:
        return [loaded.doc.problem(("seeks", "until"), N(
            "the request for partners runs out on {date}, in {count} day; after that the cooperation board no longer shows it",
            "the request for partners runs out on {date}, in {count} days; after that the cooperation board no longer shows it",
            days, date=seeks.until.isoformat()), "CF-W304")]
    return []
