"""Label status at its boundaries (SPEC §4.1): not yet valid, valid, expiring (90 days or fewer), expired."""
from __future__ import annotations

import datetime as dt

import pytest

from clusterfolio.model import Label, LabelStatus

LABEL = Label.model_validate({"scheme": "esca-gold", "awarded": "2026-01-15", "valid_until": "2028-01-14"})


@pytest.mark.parametrize(("day", "status"), [
    ("2026-01-14", LabelStatus.NOT_YET_VALID),  # the day before it was awarded
    ("2026-01-15", LabelStatus.VALID),  # awarded today
    ("2027-10-15", LabelStatus.VALID),  # 91 days left
    ("2027-10-16", LabelStatus.EXPIRING),  # 90 days left
    ("2028-01-14", LabelStatus.EXPIRING),  # its last day
    ("2028-01-15", LabelStatus.EXPIRED),  # the day after
])
def test_status_on_both_sides_of_each_boundary(day: str, status: LabelStatus) -> None:
    assert LABEL.status(dt.date.fromisoformat(day)) is status



def test_only_valid_and_expiring_are_current() -> None:
    assert {s for s in LabelStatus if s.current} == {LabelStatus.VALID, LabelStatus.EXPIRING}


def test_status_ids_for_markup_and_data() -> None:
    assert [s.value for s in LabelStatus] == ["valid", "expiring", "expired", "not yet valid"]  # SPEC §4.1 words
    assert LabelStatus.NOT_YET_VALID.slug == "not-yet-valid"


def test_a_one_day_label() -> None:
    label = Label.model_validate({"scheme": "x", "awarded": "2026-05-01", "valid_until": "2026-05-01"})
    assert [label.status(dt.date(2026, 5, d)).value for d in (1, 2)] == ["expiring", "expired"]
    assert label.status(dt.date(2026, 4, 30)) is LabelStatus.NOT_YET_VALID
