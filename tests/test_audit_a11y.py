"""Accessibility audits in Chromium: axe-core and a computed contrast check, on one page of every
kind in de, en and fr, at 1280 px and 390 px, for the demo and for the fixture cluster nordlicht,
plus each site's root language chooser and 404 page. Every (site, language, width, page) is a test
of its own, e.g. ``test_page_is_accessible[demo-en-390-member]``, which runs both checks on one load
of the page; a failure lists everything either check found there, in one section per check.

- axe-core (npm, pinned in tools/audit/) is injected with page.add_script_tag and run with the
  WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices: 0 violations.
- tests/audit/contrast.js computes the contrast of every visible text against its effective
  background (WCAG 2.x: 4.5:1, 3:1 for large text): 0 failures, and no text whose contrast cannot
  be computed (background images) unless reviewed in tests.audit.CONTRAST_REVIEWED.

Slow (a few hundred page loads): deselect locally with ``-m "not audit"``; CI runs them.
"""
from __future__ import annotations

import pytest

from . import audit
from .audit import Target

TARGETS = audit.targets()


@pytest.fixture(scope="module")
def axe_js():
    """axe-core's script, or skip (fail in CI) before any site is built."""
    return audit.require_npm_file(audit.AXE_JS)


@pytest.fixture(scope="module")
def browsing(browser, demo_url: str, tmp_path_factory: pytest.TempPathFactory):
    nordlicht_url = audit.serve(audit.nordlicht_site(tmp_path_factory))
    b = audit.Browsing(browser, {"demo": demo_url, "nordlicht": nordlicht_url})
    yield b
    b.close()


@pytest.mark.audit
@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_page_is_accessible(axe_js, browsing, target: Target) -> None:
    """axe-core and the contrast check on one load of the page (contrast first: it only reads)."""
    page = browsing.page(target)
    contrast = audit.run_contrast(page)
    violations = audit.run_axe(page)
    where = f"{target.site} {target.path} at {target.width} px"
    assert contrast["checked"] > 0, f"no visible text found on {where}"
    reports = []
    if violations:
        reports.append(audit.axe_report(where, violations))
    if contrast["failures"] or contrast["unknown"]:
        reports.append(audit.contrast_report(where, contrast))
    if reports:
        pytest.fail("\n\n".join(reports), pytrace=False)


# --------------------------------------------------------------------------------------------
# The contrast checker itself (fast: one small page, no site).

CHECKER_PAGE = """<!doctype html><html lang="en"><head><style>
body { background: #fff; color: #000; font: 16px/1.5 sans-serif; margin: 0 }
.big { font-size: 24px }
.ghost { opacity: .3 }
.panel { background: rgba(0, 0, 0, .8) }
.photo { background: #fff url("data:image/gif;base64,R0lGODlhAQABAAAAACw=") }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0) }
</style></head><body>
<p id="black">Black on white</p>
<p id="white" style="color: #fff">White on white</p>
<p id="grey" style="color: #767676">Grey #767676 on white passes 4.5:1</p>
<p id="light" style="color: #777">Grey #777 on white fails 4.5:1</p>
<p id="large" class="big" style="color: #949494">Large grey text passes 3:1</p>
<div class="ghost"><p id="faded">Black text in an element of opacity .3</p></div>
<div class="panel"><p id="on-panel" style="color: #fff">White on a translucent black panel</p></div>
<div class="panel"><p id="dark-on-panel" style="color: #333">Dark grey on the panel</p></div>
<div class="photo"><p id="photo">Text on a background image</p></div>
<p id="hidden" style="color: #fff; visibility: hidden">Hidden white text</p>
<p id="gone" style="color: #fff; display: none">Not rendered</p>
<span class="sr" style="color: #fff">Visually hidden text</span>
</body></html>"""


@pytest.fixture
def checker(browser):
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = context.new_page()
    page.set_content(CHECKER_PAGE)
    page.add_script_tag(path=str(audit.CONTRAST_JS))
    yield page.evaluate("clusterfolioContrast()")
    context.close()


def test_contrast_checker_catches_white_on_white_and_passes_black_on_white(checker: dict) -> None:
    failing = {f["selector"]: f for f in checker["failures"]}
    unknown = {u["selector"] for u in checker["unknown"]}
    assert "p#white" in failing and failing["p#white"]["ratio"] == 1
    assert (failing["p#white"]["fg"], failing["p#white"]["bg"]) == ("#ffffff", "#ffffff")
    assert "p#black" not in failing and "p#black" not in unknown
    # the thresholds: 4.5:1, 3:1 for large text (#767676 is 4.54:1, #777 4.47:1, #949494 3.03:1)
    assert "p#grey" not in failing and "p#light" in failing and "p#large" not in failing
    # opacity and translucent backgrounds are composited
    assert "p#faded" in failing and "p#on-panel" not in failing and "p#dark-on-panel" in failing
    # a background image is reported as unknown, not passed
    assert unknown == {"p#photo"}
    # invisible text is not checked
    assert checker["checked"] == 9
    assert set(failing) == {"p#white", "p#light", "p#faded", "p#dark-on-panel"}
