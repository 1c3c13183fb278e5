"""Label status on the build date (SPEC §4.1): badge, label page, JSON-LD and check agree.

The minimal project's cluster holds one label: esca-gold, awarded 2026-01-15, valid until 2028-01-14.
"""
from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from clusterfolio.i18n import Translator

from .conftest import MINIMAL, build_project

LANGS = ("de", "en", "fr")
DATES = {
    "2026-01-14": "not yet valid",
    "2026-01-15": "valid",
    "2027-10-15": "valid",  # 91 days left
    "2027-10-16": "expiring",  # 90 days left
    "2028-01-14": "expiring",  # last day
    "2028-01-15": "expired",
}
STATUS_MSGID = {"valid": "valid", "expiring": "expiring soon", "expired": "expired", "not yet valid": "not yet valid"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("labels")
    project = base / "project"
    shutil.copytree(MINIMAL, project)
    return {date: (build_project(project, base / date, date=date), base / date)[1] for date in DATES}


def jsonld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


@pytest.mark.parametrize("date", DATES)
@pytest.mark.parametrize("lang", LANGS)
def test_badge_shows_only_a_current_label(sites: dict[str, Path], date: str, lang: str) -> None:
    status = DATES[date]
    t = Translator(lang, "de")
    home = (sites[date] / lang / "index.html").read_text()
    member = (sites[date] / lang / "members/good/index.html").read_text()
    name = t.text({"de": "ESCA-Gold-Label", "en": "ESCA Gold Label", "fr": "Label ESCA Or"}).text
    until = escape(t._("valid until {date}").format(date=t.date(datetime.date(2028, 1, 14))))
    if status in ("valid", "expiring"):
        for page in (home, member):  # home hero and every page's footer
            badges = re.findall(r'<a class="cf-badge cf-badge--gold[^"]*"[^>]*>(.*?)</a>', page, re.S)
            assert badges and all(f"<b>{escape(name)}</b>" in b and until in b for b in badges)
            # The parts are plain elements: a class on each was bytes on every page, for no reader.
            assert 'class="cf-badge__' not in page
        assert (escape(t._("expiring soon")) in home) == (status == "expiring")
    else:
        assert "cf-badge" not in home and "cf-badge" not in member


@pytest.mark.parametrize("lang", LANGS)
def test_a_member_page_shows_the_labels_once(sites: dict[str, Path], lang: str) -> None:
    """On a member page the header card's seal replaces the footer's: the same badge is not shown twice."""
    site = sites["2026-01-15"] / lang
    member = (site / "members/good/index.html").read_text()
    assert member.count("cf-badge--gold") == 1 and "cf-footer__labels" not in member
    assert member.index("cf-badge--gold") < member.index("<footer")
    for other in ("index.html", "members/index.html", "label/index.html", "international/index.html"):
        footer = (site / other).read_text().split("<footer", 1)[1]
        assert "cf-footer__labels" in footer and "cf-badge--gold" in footer, other


@pytest.mark.parametrize("date", DATES)
@pytest.mark.parametrize("lang", LANGS)
def test_label_page_shows_the_status(sites: dict[str, Path], date: str, lang: str) -> None:
    status = DATES[date]
    t = Translator(lang, "de")
    page = (sites[date] / lang / "label/index.html").read_text()
    assert 'class="cf-status cf-status--' in page
    assert re.search(rf'<span class="cf-status cf-status--[\w-]+">{re.escape(escape(t._(STATUS_MSGID[status])))}</span>', page)
    section = {"valid": "current", "expiring": "current", "expired": "history", "not yet valid": "upcoming"}[status]
    assert f'<section class="cf-section" id="{section}">' in page
    assert "https://labels.example.org/esca/" in page  # verification link to the issuer's list


@pytest.mark.parametrize("date", DATES)
@pytest.mark.parametrize("lang", LANGS)
def test_jsonld_claims_only_a_current_label(sites: dict[str, Path], date: str, lang: str) -> None:
    status = DATES[date]
    data = jsonld((sites[date] / lang / "index.html").read_text())
    org = next(d for d in data if d["@type"] == "Organization")
    credentials = org.get("hasCredential", [])
    if status in ("valid", "expiring"):
        assert credentials == [{
            "@type": "EducationalOccupationalCredential",
            "name": {"de": "ESCA-Gold-Label", "en": "ESCA Gold Label", "fr": "Label ESCA Or"}[lang],
            "credentialCategory": "gold",
            "recognizedBy": {"@type": "Organization", "name": "European Secretariat for Cluster Analysis (ESCA)", "url": "https://labels.example.org/esca/"},
            "validFrom": "2026-01-15",
            "expires": "2028-01-14",
        }]
    else:
        assert credentials == []


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2027-10-15", None),
        ("2027-10-16", "warning: labels[0].valid_until: label 'esca-gold' expires on 2028-01-14, in 90 days; plan the renewal [CF-W301]"),
        ("2028-01-14", "warning: labels[0].valid_until: label 'esca-gold' expires on 2028-01-14, in 0 days; plan the renewal [CF-W301]"),
        ("2028-01-15", "warning: labels[0].valid_until: label 'esca-gold' expired on 2028-01-14 (1 day ago); the site shows it only as history [CF-W302]"),
    ],
)
def test_check_warns_ahead_and_after_expiry(project: Path, run, date: str, expected: str | None) -> None:
    result = run("--root", project, "check", "--date", date)
    assert result.code == 0
    lines = [line for line in result.out.splitlines() if "labels[" in line]
    assert lines == ([f"profiles/cluster.yml:19:5: {expected}"] if expected else [])


def test_expired_label_replaced_by_a_newer_one_is_history_not_a_warning(project: Path, run) -> None:
    cluster = project / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text() + "  - scheme: esca-gold\n    awarded: 2022-01-01\n    valid_until: 2024-01-01\n")
    result = run("--root", project, "check", "--date", "2026-11-26")
    assert "labels[" not in result.out


def test_report_lists_every_label_with_days_left(project: Path, run) -> None:
    result = run("--root", project, "report", "--date", "2027-10-16", "--format", "json")
    assert json.loads(result.out)["labels"] == [
        {"scheme": "esca-gold", "awarded": "2026-01-15", "valid_until": "2028-01-14", "status": "expiring", "days_left": 90}
    ]
    text = run("--root", project, "report", "--date", "2028-02-01").out
    assert "esca-gold: expired, valid until 2028-01-14 (expired 18 days ago)" in text


def test_home_after_expiry_shows_no_current_badge_in_a_browser(sites: dict[str, Path], browser) -> None:
    """What a partner sees: after expiry no badge is visible anywhere on the home page."""
    page = browser.new_page()
    try:
        for date, visible in (("2028-01-14", 2), ("2028-01-15", 0)):
            page.goto((sites[date] / "en/index.html").as_uri())
            assert page.locator(".cf-badge").filter(visible=True).count() == visible  # hero + footer
            assert ("ESCA Gold Label" in page.inner_text("body")) == bool(visible)
    finally:
        page.close()
