"""Issue 21: a logo of a few hundred bytes must not stall a release.

`check` refuses logos whose drawing would cost too much (the fixtures svg_* in tests/fixtures/bad
name each case); the build draws logos in guarded child processes (clusterfolio/site/drawing.py),
so whatever check lets through becomes a warning (CF-W401) and the logo is left out: never a
stall, a signal or a traceback.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from clusterfolio.logos import SVG_MAX, check_svg
from clusterfolio.site import drawing
from clusterfolio.site.drawing import Job, draw

from .conftest import ROOT, TEST_DATE, TESTS

BAD = TESTS / "fixtures" / "bad"
COST_CODES = {"CF-E419", "CF-E420", "CF-E421"}
# A worker's start is not a logo's time; on a loaded machine it may take a few seconds.
START = 5.0

# Logos that check refuses, each of which stalled, killed or crashed the build before the guard.
UNDRAWABLE = [
    "svg_turbulence_octaves.svg",  # hours
    "svg_use_copies_blurred.svg",  # minutes
    "svg_morphology_radius.svg",  # 26 s
    "svg_tall_viewbox.svg",  # 144 GB asked for: SIGABRT
    "svg_use_chain_deep.svg",  # ValueError: nodes limit reached
    "svg_width_zero.svg",  # ValueError: SVG has an invalid size
    "svg_nesting_deep.svg",  # resvg's stack: SIGSEGV
]


def _tall(body: str, defs: str = "") -> bytes:
    """A logo five times as tall as wide (the tallest check allows): drawn 600 wide, 3000 high."""
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 200">{defs}{body}</svg>'.encode()


# Passes check (ten copies of one filtered shape, each parameter within its limit), and takes
# resvg about 30 s: the guard's time limit is what stops it.
SLOW_BUT_VALID = _tall(
    "".join(f'<use href="#r" x="{i}"/>' for i in range(10)),
    '<filter id="f"><feTurbulence baseFrequency="0.05" numOctaves="2"/><feMorphology radius="0.3"/>'
    '<feGaussianBlur stdDeviation="2"/></filter><defs><rect id="r" width="40" height="200" filter="url(#f)"/></defs>',
)
# Passes check and needs some 70 MB to draw (a blur over 600 × 3000 pixels).
TALL_BLUR = _tall('<rect width="40" height="200" fill="#036" filter="url(#f)"/>', '<filter id="f"><feGaussianBlur stdDeviation="2"/></filter>')
DEMO_LOGO = ROOT / "profiles/logos/ppna-cluster.svg"


def _timed(jobs: list[Job], **limits: float) -> tuple[list[drawing.Outcome], float]:
    started = time.perf_counter()
    outcomes = draw(jobs, **limits)
    return outcomes, time.perf_counter() - started


# --- the guard on its own ------------------------------------------------------------------------


@pytest.mark.parametrize("name", UNDRAWABLE)
def test_the_guard_fails_an_undrawable_logo_in_time(name: str) -> None:
    assert any(code in COST_CODES for *_, code in check_svg((BAD / name).read_bytes())), "check must refuse it too"
    [outcome], seconds = _timed([Job(BAD / name, drawing.PREVIEW_WIDTH)], time_limit=1.0)
    assert outcome.size is None and outcome.failure, outcome
    assert seconds < 1.0 + START, seconds


def test_the_guard_stops_a_valid_logo_at_a_lowered_time_limit() -> None:
    assert check_svg(SLOW_BUT_VALID) == []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slow.svg"
        path.write_bytes(SLOW_BUT_VALID)
        [outcome], seconds = _timed([Job(path, drawing.PREVIEW_WIDTH)], time_limit=0.5)
    assert outcome == drawing.Outcome(None, "drawing it took longer than 0.5 s")
    assert seconds < 0.5 + START, seconds


def test_the_guard_stops_a_valid_logo_at_a_lowered_memory_limit() -> None:
    assert check_svg(TALL_BLUR) == []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tall.svg"
        path.write_bytes(TALL_BLUR)
        tall, small = draw([Job(path, 600), Job(DEMO_LOGO, 600)], memory_limit=64 * 2**20, workers=1)
    assert tall == drawing.Outcome(None, "it needs more memory than a logo may use (64 MiB)")
    assert small.size == (600, 160)  # the limit leaves room for a logo: the next job, in a fresh worker


def test_a_failed_logo_does_not_stop_the_next_ones(tmp_path: Path) -> None:
    jobs = [Job(BAD / "svg_tall_viewbox.svg", 600), Job(DEMO_LOGO, 400), Job(BAD / "svg_width_zero.svg", 600), Job(DEMO_LOGO, 600)]
    outcomes = draw(jobs, workers=1)
    assert [o.size for o in outcomes] == [None, (400, 107), None, (600, 160)]
    assert outcomes[0].failure == "it needs more memory than a logo may use (768 MiB)"
    assert outcomes[2].failure == "the drawing program cannot draw it (SVG has an invalid size)"


def test_a_worker_that_cannot_start_is_a_failure_not_an_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drawing, "_BOOT", "import sys; sys.stderr.write('no resvg here'); sys.exit(3)")
    [outcome] = draw([Job(DEMO_LOGO, 600)])
    assert outcome == drawing.Outcome(None, "the drawing program did not start (no resvg here)")


def test_the_worker_draws_the_same_bytes_as_the_build_did_in_process(tmp_path: Path) -> None:
    # What the site published before the guard, drawn here in this process.
    image = drawing.raster(DEMO_LOGO, 600)
    jobs = [Job(DEMO_LOGO, 600, "preview", tmp_path / "preview.png"), Job(DEMO_LOGO, 512, "raster", tmp_path / "raster.png")]
    assert [o.size for o in draw(jobs)] == [(600, 160), (512, 137)]
    assert (tmp_path / "preview.png").read_bytes() == drawing.preview_png(image)
    from PIL import Image

    with Image.open(tmp_path / "raster.png") as drawn:
        assert drawn.convert("RGBA").tobytes() == drawing.raster(DEMO_LOGO, 512).tobytes()


# --- check and the guard together: random filters, copies and sizes -------------------------------

PRIMITIVES = st.sampled_from([
    '<feGaussianBlur stdDeviation="{a}"/>',
    '<feMorphology operator="dilate" radius="{a}"/>',
    '<feTurbulence baseFrequency="0.0{b}" numOctaves="{n}"/>',
    '<feConvolveMatrix order="{o}" kernelMatrix="{k}"/>',
    '<feDisplacementMap in2="SourceGraphic" scale="{a}"/>',
    '<feDropShadow dx="2" dy="2" stdDeviation="{a}"/>',
    '<feOffset dx="{a}"/>',
    '<feFlood flood-color="#036"/>',
    '<feTile/>',
    '<feImage href="#s0"/>',
])
# Mostly values a logo may use, sometimes far beyond: about half the logos pass check and are drawn.
NUMBERS = st.sampled_from(["0", "0.1", "0.5", "1", "1", "2", "2", "3", "5", "10", "50", "1e6"])


@st.composite
def logos(draw_: st.DrawFn) -> bytes:
    width = draw_(st.sampled_from(["1", "40", "100", "200", "200", "1000"]))
    height = draw_(st.sampled_from(["1", "40", "60", "100", "200", "1000", "0"]))
    filters = []
    for f in range(draw_(st.integers(1, 3))):
        effects = []
        for _ in range(draw_(st.sampled_from([1, 1, 2, 3, 4, 6, 25]))):
            order = draw_(st.sampled_from([3, 5, 9, 15]))
            effects.append(draw_(PRIMITIVES).format(a=draw_(NUMBERS), b=draw_(st.integers(1, 9)), n=draw_(st.sampled_from(["1", "2", "4", "10", "100"])),
                                                    o=order, k=" ".join(["1"] * order * order)))
        filters.append(f'<filter id="f{f}">{"".join(effects)}</filter>')
    shapes = [f'<rect id="s0" width="{width}" height="{height}" filter="url(#f0)"/>']
    for level in range(1, draw_(st.integers(1, 5)) + 1):  # copies of copies: each level uses the one before
        copies = draw_(st.sampled_from([1, 2, 3, 5, 12]))
        target = draw_(st.integers(0, level - 1))
        filtered = f' filter="url(#f{draw_(st.integers(0, len(filters) - 1))})"' if draw_(st.booleans()) else ""
        shapes.append(f'<g id="s{level}"{filtered}>' + "".join(f'<use href="#s{target}" x="{i}"/>' for i in range(copies)) + "</g>")
    defs = "".join(filters)
    shown = f'<use href="#s{len(shapes) - 1}"/>'
    if draw_(st.booleans()):
        shown += f'<use href="#s{draw_(st.integers(0, len(shapes) - 1))}" transform="scale({draw_(NUMBERS)})"/>'
    data = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"><defs>{defs}{"".join(shapes)}</defs>{shown}</svg>'.encode()
    return data[:SVG_MAX]


# One fresh interpreter per example: its children are only the guard's workers, so their peak
# memory is measured alone (pytest's own children, such as other tests' builds, do not count).
MEASURE = (
    "import json, resource, sys, time\n"
    "from pathlib import Path\n"
    "from clusterfolio.site.drawing import Job, draw\n"
    "started = time.perf_counter()\n"
    "[outcome] = draw([Job(Path(sys.argv[1]), 600)])\n"
    "print(json.dumps({'seconds': time.perf_counter() - started, 'failure': outcome.failure,\n"
    "                  'peak_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(logos())
def test_a_logo_is_refused_by_check_or_drawn_in_bounded_time_and_memory(data: bytes) -> None:
    found = check_svg(data)
    if any(code in COST_CODES for *_, code in found):
        event("refused by check")
        return
    event("drawn")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "logo.svg"
        path.write_bytes(data)
        result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    measured = json.loads(result.stdout)
    assert measured["seconds"] < 30, measured
    assert measured["peak_kb"] < 1024 * 1024, measured  # ru_maxrss is in KiB on Linux


# --- the build: a logo that passes check but cannot be drawn --------------------------------------


def _member_logo(project: Path, data: bytes) -> None:
    """Give the member 'good' this logo; the cluster keeps a plain one of its own."""
    (project / "profiles/logos/cluster-mark.svg").write_bytes((project / "profiles/logos/good.svg").read_bytes())
    cluster = project / "profiles/cluster.yml"
    cluster.write_text(cluster.read_text().replace("logo: logos/good.svg", "logo: logos/cluster-mark.svg"))
    (project / "profiles/logos/good.svg").write_bytes(data)
    good = project / "profiles/members/good.yml"
    good.write_text(good.read_text() + "logo: logos/good.svg\n")


def test_a_member_logo_that_cannot_be_drawn_is_left_out_with_a_warning(project: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    _member_logo(project, SLOW_BUT_VALID)
    monkeypatch.setattr(drawing, "TIME_LIMIT", 0.5)
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0
    out = project / "site"
    started = time.perf_counter()
    result = run("--root", project, "build", "--date", TEST_DATE)
    assert time.perf_counter() - started < 60
    assert result.code == 0, result.out + result.err
    assert "Traceback" not in result.out + result.err
    assert (
        "profiles/logos/good.svg:1:1: warning: this logo could not be drawn: drawing it took longer than 0.5 s; the site was built "
        "without it and shows Gute Optik GmbH without a logo (with initials)."
    ) in result.out
    assert result.out.rstrip().endswith("[CF-W401]") or "[CF-W401]\n" in result.out
    assert "(1 member, 1 warning)" in result.out
    for lang in ("de", "en", "fr"):
        page = (out / lang / "members/good/index.html").read_text()
        assert "logos/members/good.svg" not in page and "logos/previews/good.png" not in page
        assert "logos/cluster.svg" in page  # the cluster's own logo is drawn and shown
    assert not (out / "logos/members/good.svg").exists()
    assert not (out / "logos/previews/good.png").exists()
    # Left out everywhere: no page, open data, structured data or admin file names it.
    texts = [p for p in out.rglob("*") if p.suffix in {".html", ".json", ".jsonld", ".csv", ".xml", ".ttl", ".yml"}]
    assert (out / "data/members.json") in texts and len(texts) > 20
    assert [p for p in texts if "logos/members/good" in p.read_text() or "previews/good.png" in p.read_text()] == []


def test_a_cluster_logo_that_cannot_be_drawn_leaves_the_initials(project: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "profiles/logos/good.svg").write_bytes(SLOW_BUT_VALID)  # the fixture's cluster logo
    monkeypatch.setattr(drawing, "TIME_LIMIT", 0.5)
    result = run("--root", project, "build", "--date", TEST_DATE)
    assert result.code == 0, result.out + result.err
    assert "profiles/logos/good.svg:1:1: warning: this logo could not be drawn" in result.out
    assert "the cluster's name without its logo, and its initials as favicon" in result.out
    out = project / "site"
    assert "logos/cluster.svg" not in (out / "en/index.html").read_text()
    assert not (out / "logos/cluster.svg").exists()
    assert (out / "favicon.ico").is_file() and not (out / "brand/icon.svg").exists()  # the lettered mark, no SVG icon
