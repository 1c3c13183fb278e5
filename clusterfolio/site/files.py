"""Files the build makes besides pages: label seals and the activities' iCalendar feeds."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from icalendar import Calendar, Event, vText

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Activity, Label, Project
from . import views as v
from .markup import safe_url
from .render import environment

# Seal colours per label level: edge, face, ink (ink on face keeps AA contrast).
SEAL_COLOURS = {
    "gold": ("#c9a227", "#fff4c7", "#4d3900"),
    "silver": ("#9aa3a8", "#f1f3f4", "#2f3437"),
    "bronze": ("#b06a3b", "#fbe3d2", "#4a2410"),
}
SEAL_DEFAULT = ("#3b6fb6", "#e6eef9", "#0d2a4d")  # regional, national, other


def seal_view(project: Project, label: Label) -> v.Seal:
    scheme = project.taxonomy.label_schemes.get(label.scheme)
    edge, face, ink = SEAL_COLOURS.get(scheme.level if scheme else "", SEAL_DEFAULT)
    name = Translator(project.default_language, project.default_language).text(scheme.name).text if scheme else label.scheme  # type: ignore[union-attr]
    years = f"{label.awarded.year}–{label.valid_until.year}" if label.awarded.year != label.valid_until.year else str(label.awarded.year)
    return v.Seal(name, years, edge, face, ink, tuple(range(0, 360, 30)))


def write_seals(project: Project, site: Path) -> None:
    """One seal per label, at the site root."""
    template = environment().get_template("site/seal.svg")
    for label in project.cluster.labels:
        path = site / urls.seal(label.scheme, label.awarded.isoformat())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.render(seal=seal_view(project, label)).strip() + "\n", encoding="utf-8")


class _Text(vText):
    """A TEXT value escaped by RFC 5545 §3.3.11 alone. icalendar's own escaping first turns a
    literal backslash-N in the text into a line break (it takes it for an escape the caller
    already wrote); member text is written as it is, backslashes included."""

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return text.replace("\r\n", "\n").replace("\n", "\\n").encode(self.encoding)


def _line(text: str) -> str:
    """One line of text: profile text is checked to be one line, but the feed must hold even if not."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def activity_uids(config: Config, project: Project) -> list[tuple[Activity, str]]:
    """The activities by start date, each with its UID: the calendar's, and the Atom feed's entry ids
    are made from it (feeds.py), so both name an activity the same way in every build."""
    host = urls.site_base(config.site_url).split("//")[-1] or "clusterfolio.invalid"
    seen: dict[str, int] = {}
    out = []
    for a in sorted(project.cluster.activities, key=lambda a: (a.start, a.name)):
        key = hashlib.sha256(f"{a.start.isoformat()} {a.name}".encode()).hexdigest()[:16]
        # Two activities of the same name on the same day (a fair in two halls) are two events: the
        # second gets -2, and so on, so a calendar shows each once and keeps it across builds.
        seen[key] = seen.get(key, 0) + 1
        out.append((a, f"{key}{'' if seen[key] == 1 else f'-{seen[key]}'}@{host}"))
    return out


def calendar(config: Config, project: Project, lang: str) -> bytes:
    """The cluster's activities as iCalendar (RFC 5545), texts in one language."""
    t = Translator(lang, project.default_language)
    cal = Calendar()
    cal.add("prodid", "-//clusterfolio//activities//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _Text(_line(f"{project.cluster.name} – {t._('International activities')}")))
    stamp = dt.datetime.combine(project.build_date, dt.time(0, 0), tzinfo=dt.UTC)  # reproducible
    for a, uid in activity_uids(config, project):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("summary", _Text(_line(a.name)))
        event.add("dtstart", a.start)
        event.add("dtend", (a.end or a.start) + dt.timedelta(days=1))  # all-day events end the day after
        where = ", ".join(x for x in (a.city, t.country(a.country) if a.country else None) if x)
        if where:
            event.add("location", _Text(_line(where)))
        if safe_url(a.url):
            event.add("url", a.url)
        found = t.text(a.description)
        if found:
            event.add("description", _Text("\n".join(_line(part) for part in found.text.splitlines())))
        event.add("categories", [_line(a.kind)])  # one of ACTIVITY_KINDS: no character to escape
        cal.add_component(event)
    return cal.to_ical()


def write_calendars(config: Config, project: Project, site: Path) -> None:
    """One feed per language, next to its international page."""
    if not project.cluster.activities:
        return
    for lang in config.languages:
        path = site / urls.calendar(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar(config, project, lang))
