"""Checks of the cluster's own profile: its brand colours, its labels and their dates."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..colours import GRAPHIC_CONTRAST, TEXT_CONTRAST, WHITE, contrast, darker
from ..loading import Loaded
from ..messages import M, N
from ..model import Cluster, LabelStatus, Taxonomy
from ..problems import Problem, quote


def check_brand(loaded: Loaded) -> list[Problem]:
    """Links must read on white; buttons and marks must stand out from it."""
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    if cluster.brand is None:
        return []
    out = []
    primary, accent = cluster.brand.primary, cluster.brand.accent
    link_colour, link_field = (accent, "accent") if accent else (primary, "primary")
    ratio = contrast(link_colour, WHITE)
    if ratio < TEXT_CONTRAST:
        values = {"colour": link_colour, "ratio": f"{ratio:.1f}", "needed": TEXT_CONTRAST, "darker": darker(link_colour)}
        out.append(loaded.doc.problem(
            ("brand", link_field),
            M("links in {colour} on white have a contrast of {ratio}:1; they need {needed}:1 - use a darker shade such as {darker}", **values) if accent
            else M("links in {colour} on white have a contrast of {ratio}:1; they need {needed}:1 - use a darker shade such as {darker}, "
                   "or give a darker 'accent' for links", **values),
            "CF-E129",
        ))
    ratio = contrast(primary, WHITE)
    if ratio < GRAPHIC_CONTRAST:
        out.append(loaded.doc.problem(
            ("brand", "primary"),
            M("buttons and map marks in {colour} on white have a contrast of {ratio}:1; they need {needed}:1 - use a darker shade such as {darker}",
              colour=primary, ratio=f"{ratio:.1f}", needed=GRAPHIC_CONTRAST, darker=darker(primary, GRAPHIC_CONTRAST)),
            "CF-W101",
        ))
    return out


def _entries(items: list[Any] | None) -> list[tuple[int, Any]]:
    """(index, entry) of a list, without the entries that failed their own check (None in a file with errors)."""
    return [(i, item) for i, item in enumerate(items or []) if item is not None]


def check_labels(loaded: Loaded, taxonomy: Taxonomy | None, today: dt.date) -> list[Problem]:
    """Date order, and warnings for labels that run out or have run out."""
    out: list[Problem] = []
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    schemes = taxonomy.label_schemes if taxonomy else {}

    def issuer(scheme: str) -> str:
        return schemes[scheme].issuer if scheme in schemes else scheme

    for i, activity in _entries(cluster.activities):
        if activity.end and activity.end < activity.start:
            out.append(loaded.doc.problem(("activities", i, "end"), M("{date} is before start ({start})", date=activity.end.isoformat(), start=activity.start.isoformat()), "CF-E302"))
    labels = [label for _, label in _entries(cluster.labels)]
    for i, label in _entries(cluster.labels):
        if label.valid_until < label.awarded:
            out.append(loaded.doc.problem(("labels", i, "valid_until"), M("{date} is before awarded ({awarded})", date=label.valid_until.isoformat(), awarded=label.awarded.isoformat()), "CF-E301"))
            continue
        status = label.status(today)
        days = (label.valid_until - today).days
        if status is LabelStatus.EXPIRING:
            out.append(loaded.doc.problem(("labels", i, "valid_until"), N(
                "label {scheme} expires on {date}, in {count} day; plan the renewal", "label {scheme} expires on {date}, in {count} days; plan the renewal",
                days, scheme=quote(label.scheme), date=label.valid_until.isoformat()), "CF-W301"))
        elif status is LabelStatus.EXPIRED:
            # An expired label replaced by a newer one of the same issuer is history, not news.
            renewed = any(
                other.awarded > label.awarded and issuer(other.scheme) == issuer(label.scheme) and other.valid_until >= today
                for other in labels
            )
            if not renewed:
                out.append(loaded.doc.problem(("labels", i, "valid_until"), N(
                    "label {scheme} expired on {date} ({count} day ago); the site shows it only as history",
                    "label {scheme} expired on {date} ({count} days ago); the site shows it only as history",
                    -days, scheme=quote(label.scheme), date=label.valid_until.isoformat()), "CF-W302"))
    return out


def check_verification(loaded: Loaded, taxonomy: Taxonomy | None, today: dt.date) -> list[Problem]:
    """A label the site shows as held needs a link a partner can verify it with (certificate or issuer's page)."""
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    schemes = taxonomy.label_schemes if taxonomy else {}
    out = []
    for i, label in _entries(cluster.labels):
        # An unknown scheme is CF-E201 already; expired and future labels are not claimed as held.
        if label.scheme not in schemes or label.certificate_url or not label.status(today).current:
            continue
        if not schemes[label.scheme].verify_url:
            out.append(loaded.doc.problem(
                ("labels", i),
                M("label {scheme} has no certificate_url, and its scheme has no verify_url in the taxonomy: "
                  "partners cannot verify it; add the certificate's address here, or the issuer's verification page to the scheme",
                  scheme=quote(label.scheme)),
                "CF-W303",
            ))
    return out

