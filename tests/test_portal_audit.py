"""The portal's pages through the site's audits: the Nu HTML Checker over every HTML file, axe-core
and the computed contrast in Chromium on each page kind at both widths, and the XSS corpus in a
harvested cluster staying inert in Chromium (issue 28, item 3)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from clusterfolio.portal.build import build_portal
from clusterfolio.portal.harvest import harvest
from clusterfolio.portal.settings import read_portal

from . import audit
from .test_portal_build import fixture_cluster, portal_home, portal_site  # noqa: F401 - fixtures
from .test_portal_harvest import DAY_AFTER, demo_data, read, write  # noqa: F401 - demo_data is a fixture
from .test_xss import PAYLOADS, PROBE

KINDS = ("", "members/", "members/competences/laser-systems/", "members/countries/de/", "cooperation/", "cooperation/page/2/", "partners/")


@dataclass(frozen=True)
class Target:
    """What audit.load needs of a page: its path on the server."""

    path: str
    redirects: bool = False


@pytest.mark.audit
def test_every_portal_html_file_is_valid(portal_site: Path) -> None:  # noqa: F811 - the fixture
    audit.vnu_command()
    files, messages = audit.run_vnu(portal_site)
    names = {f.relative_to(portal_site).as_posix() for f in files}
    assert {"index.html", "404.html", "en/index.html", "de/members/index.html", "fr/cooperation/index.html", "en/partners/index.html"} <= names
    errors = audit.vnu_errors(messages)
    if errors:
        pytest.fail(audit.vnu_report("portal", portal_site, errors), pytrace=False)


@pytest.fixture(scope="module")
def portal_browsing(browser, portal_site: Path):  # noqa: F811 - the fixture
    url = audit.serve(portal_site)
    contexts = {width: audit.new_context(browser, width, (url,)) for width in audit.WIDTHS}
    yield url, {width: c.new_page() for width, c in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.audit
@pytest.mark.parametrize("width", list(audit.WIDTHS))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_portal_pages_are_accessible(portal_browsing, lang: str, width: int) -> None:
    audit.require_npm_file(audit.AXE_JS)
    url, pages = portal_browsing
    page = pages[width]
    reports = []
    for kind in KINDS:
        audit.load(page, url, Target(f"/{lang}/{kind}"))
        contrast = audit.run_contrast(page)
        violations = audit.run_axe(page)
        where = f"portal /{lang}/{kind} at {width} px"
        assert contrast["checked"] > 0, f"no visible text found on {where}"
        if violations:
            reports.append(audit.axe_report(where, violations))
        if contrast["failures"] or contrast["unknown"]:
            reports.append(audit.contrast_report(where, contrast))
    if reports:
        pytest.fail("\n\n".join(reports), pytrace=False)


@pytest.mark.parametrize("width", list(audit.WIDTHS))
def test_a_wide_logo_keeps_its_width_on_the_cluster_card(portal_browsing, width: int) -> None:
    # The demo's logo is a wordmark about three times as wide as tall: squeezed into the initials'
    # square it could not be read. It is drawn at least twice as wide as tall, inside its card, with
    # the cluster's name below it.
    url, pages = portal_browsing
    page = pages[width]
    audit.load(page, url, Target("/en/"))
    boxes = page.evaluate("""async () => {
        const cards = [...document.querySelectorAll('.cf-portal-clusters > .cf-card')];
        for (const img of document.querySelectorAll('.cf-portal-clusters img')) { img.loading = 'eager'; await img.decode().catch(() => {}); }
        return cards.map(card => {
            const mark = card.querySelector('.cf-avatar').getBoundingClientRect(), name = card.querySelector('.cf-card__name').getBoundingClientRect();
            const box = card.getBoundingClientRect();
            return {img: card.querySelector('img.cf-avatar') !== null, w: mark.width, h: mark.height, inside: mark.right <= box.right,
                    below: name.top >= mark.bottom, name: card.querySelector('.cf-card__name').textContent.trim()};
        });
    }""")
    assert len(boxes) == 3 and all(b["img"] for b in boxes), boxes  # each fixture cluster publishes the demo's logo
    assert all(b["w"] >= 2 * b["h"] and b["inside"] and b["below"] for b in boxes), boxes


# --- the XSS corpus in a harvested cluster -------------------------------------------------------


def poison(folder: Path) -> None:
    """Put the corpus into a kept copy's every text the portal shows (as a hostile commit to harvest/
    would: the portal build trusts nothing of it), and hostile addresses into its links."""
    n = iter(range(10**6))

    def payload() -> str:
        return PAYLOADS[next(n) % len(PAYLOADS)]

    cluster = read(folder, "cluster.json")
    cluster.update(name=payload(), region=payload(), tagline={"en": payload(), "fr": payload()}, website="javascript:alert(1)")
    cluster["urls"] = {"en": "javascript:alert(1)//", "fr": "https://ok.example.org/fr/\"><script>alert(1)</script>"}
    for label in cluster["labels"]:
        label["scheme_details"]["name"] = {"en": payload(), "fr": payload()}
    for p in cluster["partners"]:
        p.update(name=payload(), city=payload(), website="data:text/html,<script>alert(1)</script>")
    cluster["taxonomy_labels"]["focus"] = {cid: {"en": payload(), "fr": payload()} for cid in cluster["focus"]}
    write(folder, "cluster.json", cluster)
    members = read(folder, "members.json")
    for m in members["members"]:
        m.update(name=payload(), city=payload(), summary={"en": payload()})
        m["urls"] = {"en": f"https://ok.example.org/en/members/{m['slug']}/", "fr": "vbscript:msgbox(1)"}
    for section in members["taxonomy_labels"].values():
        for key in section:
            section[key] = {"en": payload(), "fr": payload()}
    write(folder, "members.json", members)
    requests = read(folder, "requests.json")
    for r in requests["requests"]:
        r.update(member_name=payload(), text={"en": payload(), "fr": payload()})
        r["urls"] = {"en": "javascript:alert(1)", "fr": f"https://ok.example.org/fr/cooperation/#{payload()}"}
    write(folder, "requests.json", requests)


@pytest.fixture(scope="module")
def poisoned_site(demo_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811 - the fixture
    tmp = tmp_path_factory.mktemp("poisoned")
    roots = [fixture_cluster(demo_data, tmp, name) for name in ("clean", "hostile")]
    home = tmp / "portal"
    home.mkdir()
    (home / "portal.yml").write_text("name: <script>alert(1)</script> Portal\nlanguages: [en, fr]\nclusters:\n"
                                     + "".join(f"  - path: {r}\n" for r in roots), encoding="utf-8")
    portal = read_portal(home)
    harvest(portal, DAY_AFTER)
    poison(home / "harvest" / "hostile")
    build_portal(portal, DAY_AFTER)
    return home / "site"


def test_hostile_texts_reach_the_pages_escaped(poisoned_site: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(poisoned_site.rglob("*.html")))
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in text  # shown, as text
    assert "<script>window.__xss=1</script>" not in text and "<ScRiPt>" not in text
    hrefs = re.findall(r'\b(?:href|src|action)="([^"]*)"', text)
    assert hrefs and not [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.I)]
    outside = {h for h in hrefs if re.match(r"[a-z]+:", h)}
    assert all(h.startswith(("https://", "mailto:")) for h in outside), sorted(outside)[:10]


def test_the_xss_corpus_stays_inert_in_chromium(browser, poisoned_site: Path) -> None:
    url = audit.serve(poisoned_site)
    paths = [f"/{lang}/{kind}" for lang in ("en", "fr") for kind in KINDS if (poisoned_site / lang / kind / "index.html").is_file()]
    paths += [f"/{lang}/members/{p.parent.relative_to(poisoned_site / lang / 'members').as_posix()}/"
              for lang in ("en",) for p in sorted((poisoned_site / lang / "members/competences").glob("*/index.html"))[:5]]
    findings: list[str] = []
    context = browser.new_context()
    context.route(re.compile("^(?!" + re.escape(url + "/") + ")"), lambda route: (findings.append(f"request to {route.request.url}"), route.abort()))
    page = context.new_page()
    page.on("dialog", functools.partial(lambda found, dialog: (found.append(f"dialog {dialog.message!r}"), dialog.dismiss()), findings))
    for path in paths:
        page.goto(url + path, wait_until="load")
        page.wait_for_timeout(40)
        result = page.evaluate(PROBE)
        if result["xss"] is not None:
            findings.append(f"{path}: window.__xss = {result['xss']!r}")
        findings += [f"{path}: {b}" for b in result["bad"]]
    context.close()
    assert len(paths) >= 10
    assert not findings, "\n".join(findings[:30])


def test_a_label_whose_day_passed_since_the_build_says_expired_in_chromium(browser, portal_site: Path) -> None:  # noqa: F811 - the fixture
    import datetime as dt

    home = (portal_site / "en/index.html").read_text(encoding="utf-8")
    until = sorted(set(re.findall(r'data-status="valid" data-valid-until="(\d{4}-\d\d-\d\d)"', home)))
    assert until, "the cards carry their labels' last days"
    url = audit.serve(portal_site)
    context = browser.new_context()
    # The visitor's clock: the day after the first current label's last day, before the others'.
    context.clock.set_fixed_time(dt.datetime.fromisoformat(until[0]) + dt.timedelta(days=1, hours=12))
    page = context.new_page()
    page.goto(f"{url}/en/", wait_until="load")
    statuses = page.evaluate("() => [...document.querySelectorAll('.cf-portal-labels li')].map(li => [li.dataset.validUntil, li.dataset.status, li.textContent])")
    context.close()
    built = DAY_AFTER.isoformat()
    assert any(built < last <= until[0] for last, _, _ in statuses)
    for last, status, text in statuses:
        if last < built:  # expired on the build date already: as the build wrote it
            assert status == "expired" and "expired on" in text, (last, status, text)
        elif last <= until[0]:  # expired since: the script says so
            assert status == "expired" and text.endswith(": expired"), (last, status, text)
        else:
            assert status != "expired" and "valid until" in text, (last, status, text)
