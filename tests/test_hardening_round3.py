"""Issue 21, "hardening, third round": one test (or more) per item, named for it.

Items 1 (SVG logos that stall a build), 3-5 (CSV, release notes, output caps) and 9 (URLs) have
files of their own (tests/test_logo_drawing.py, tests/test_open_data_csv.py,
tests/test_output_limits.py, tests/test_weburl.py); the bad-input corpus (tests/fixtures/bad)
holds every case that fits one file.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest

from clusterfolio import yaml12
from clusterfolio.config import read_config
from clusterfolio.model import Index, Member, Project
from clusterfolio.paths import SLUG_RE
from clusterfolio.project import load_project
from clusterfolio.site import admin
from clusterfolio.yamlsafe import parse

from .conftest import ROOT, TEST_DATE
from .test_admin import DECAP_YAML, node_tools

GOOD = "profiles/members/good.yml"


def problems(run, project: Path, *args: str) -> list[dict]:
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE, *args)
    assert "Traceback" not in result.out + result.err
    return result.problems


# --- 2: repeated ids multiply memory ----------------------------------------------------------------


def _flood_member(competences: int, stages: int, flow: bool = False) -> str:
    competence, stage = ("c1", "s1") if flow else ("laser-systems", "production")

    def listed(item: str, times: int) -> str:
        return f" [{', '.join([item] * times)}]\n" if flow else "\n" + f"  - {item}\n" * times

    return (
        "name: Wiederholung GmbH\ntype: sme\ncity: Reutlingen\ncountry: DE\nwebsite: https://w.example.com\n"
        "summary:\n  de: Wir bauen Laser.\n  en: We build lasers.\n  fr: Nous construisons des lasers.\n"
        "competences:" + listed(competence, competences) + "value_chain:" + listed(stage, stages)
        + "contact:\n  email: info@w.example.com\n"
    )


def test_item2_a_flood_of_repeated_ids_is_refused_without_running_out_of_memory(project: Path, run) -> None:
    """The 259 KB file of the report: 10,800 × one competence, 16,200 × one stage (the build needed 14 GB)."""
    text = _flood_member(10_800, 16_200, flow=True)
    assert 100_000 < len(text.encode()) < 256 * 1024
    (project / "profiles/members/flood.yml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    found = problems(run, project)
    assert time.perf_counter() - started < 10
    limits = {(p["field"], p["code"]) for p in found if p["file"] == "profiles/members/flood.yml"}
    assert ("competences", "CF-E127") in limits and ("value_chain", "CF-E127") in limits


def test_item2_each_repeat_is_named_at_its_own_line(project: Path, run) -> None:
    (project / "profiles/members/twice.yml").write_text(_flood_member(3, 2), encoding="utf-8")
    found = [p for p in problems(run, project) if p["code"] == "CF-E132"]
    # The first entry stays; the second and third of each list are the repeats, each on its line.
    assert [(p["field"], p["line"]) for p in found] == [
        ("competences[1]", 12), ("competences[2]", 13), ("value_chain[1]", 16),
    ]


def test_item2_the_index_is_linear_in_the_entries_even_when_repeats_get_through() -> None:
    """A project loaded without check (a test, a tool) must not form every pair before dropping repeats."""
    member = Member.model_construct(name="M", competences=["a"] * 10_800, value_chain=["s"] * 16_200, markets=[], seeks=None,
                                    type="sme", country="DE")
    project = Project(languages=("en",), cluster=None, taxonomy=None, members={"m": member}, build_date=None)  # type: ignore[arg-type]
    started = time.perf_counter()
    cells = Index(project).by_cell
    assert time.perf_counter() - started < 1
    assert cells == {("a", "s"): ["m"]}


# --- 6: values the browser editor rewrites ----------------------------------------------------------

# Plain scalars a member may write, as the YAML 1.2 reader of the browser editor sees them.
EDITOR_CASES = [
    "07121555010", "0049711555010", "0711.5550100", "+4971155501", "1e3", "0x1F", "0o17", ".5", "1.50", "2.0",
    "70173", "1998", "-5", "+5", "12345678901234567890", "1.5", "True", "TRUE", "true", "false", ".inf", "-.Inf",
    ".NaN", "1e400", "0.0000001", "123456789012345678901234", "ISO 9001", "DE", "NO", "1-9", "50-249", "+49 711 555-0100",
]


def test_item6_rewritten_predicts_what_decaps_yaml_saves(tmp_path: Path) -> None:
    """Compared with the `yaml` package at the version Decap CMS 3.16.3 bundles (tools/cms)."""
    node = node_tools()
    source, saved = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    keys = [f"v{i}" for i in range(len(EDITOR_CASES))]
    (source / "m.yml").write_text("".join(f"{k}: {v}\n" for k, v in zip(keys, EDITOR_CASES, strict=True)), encoding="utf-8")
    subprocess.run([node, str(DECAP_YAML), "roundtrip", json.dumps(keys), str(source), str(saved)], check=True)
    after = parse((saved / "m.yml").read_text(encoding="utf-8"), "m.yml").data
    assert isinstance(after, dict)
    for key, before in zip(keys, EDITOR_CASES, strict=True):
        written = after.get(key, "null")  # our reader leaves a null out: the value is lost
        assert yaml12.rewritten(before) == (None if written == before else written), (before, written)


def test_item6_check_warns_about_an_unquoted_phone_and_not_about_a_quoted_one(project: Path, run) -> None:
    good = (project / GOOD).read_text(encoding="utf-8")
    assert "contact:\n" in good
    (project / GOOD).write_text(good.replace("contact:\n", "contact:\n  phone: 07121555010\n", 1), encoding="utf-8")
    found = [p for p in problems(run, project) if p["code"] == "CF-W102"]
    assert len(found) == 1 and found[0]["field"] == "contact.phone" and 'phone: "07121555010"' in found[0]["message"]
    (project / GOOD).write_text(good.replace("contact:\n", 'contact:\n  phone: "07121555010"\n', 1), encoding="utf-8")
    assert not [p for p in problems(run, project) if p["code"] == "CF-W102"]


def test_item6_years_written_as_numbers_are_not_warned_about(project: Path, run) -> None:
    good = (project / GOOD).read_text(encoding="utf-8")
    (project / GOOD).write_text(good + "founded: 1998\nmember_since: 2020\n", encoding="utf-8")
    assert not [p for p in problems(run, project) if p["code"] == "CF-W102"]


def test_item6_new_member_writes_the_phone_in_quotes(project: Path, run) -> None:
    assert run("--root", project, "new-member", "Müller Präzision GmbH").code == 0
    path = project / "profiles/members/mueller-praezision.yml"
    text = path.read_text(encoding="utf-8")
    assert '  phone: ""' in text
    # Filled in between the quotes, the number stays text: no warning.
    path.write_text(text.replace('  phone: ""', '  phone: "07121555010"'), encoding="utf-8")
    assert not [p for p in problems(run, project) if p["code"] == "CF-W102" and "muller" in p["file"]]


# --- 7: file names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["con.yml", "NUL.yml", "aux.yml", "prn.yml", "com1.yml", "Lpt1.yml", "com¹.yml"])
def test_item7_windows_device_names_are_refused_in_any_case(project: Path, run, name: str) -> None:
    (project / "profiles/members" / name).write_text((project / GOOD).read_text().replace("Gute Optik GmbH", "Gerät GmbH"))
    found = [p for p in problems(run, project) if p["code"] == "CF-E021"]
    assert [p["file"] for p in found] == [f"profiles/members/{name}"]


def test_item7_device_names_are_refused_for_logos_and_pages_too(project: Path, run) -> None:
    (project / "profiles/logos").mkdir(exist_ok=True)
    (project / "profiles/logos/aux.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    (project / "content/en").mkdir(parents=True, exist_ok=True)
    (project / "content/en/prn.md").write_text("# Printer\n")
    found = {p["file"] for p in problems(run, project) if p["code"] == "CF-E021"}
    assert found == {"profiles/logos/aux.svg", "content/en/prn.md"}


def test_item7_names_that_only_start_like_a_device_are_fine(project: Path, run) -> None:
    for name in ("console.yml", "conrad.yml", "com10.yml", "auxilia.yml", "nullpunkt.yml"):
        text = (project / GOOD).read_text().replace("Gute Optik GmbH", f"{name} GmbH")
        (project / "profiles/members" / name).write_text(text)
    assert not [p for p in problems(run, project) if p["code"] == "CF-E021"]


@pytest.mark.parametrize("name", ["..yml", ".lumera.yml", ".draft"])
def test_item7_every_file_in_the_members_folder_that_is_not_read_is_reported(project: Path, run, name: str) -> None:
    (project / "profiles/members" / name).write_text((project / GOOD).read_text())
    found = [p for p in problems(run, project) if p["code"] == "CF-W001"]
    assert [p["file"] for p in found] == [f"profiles/members/{name}"]


def test_item7_the_folders_notes_and_gitkeep_are_not_reported(project: Path, run) -> None:
    (project / "profiles/members/README.md").write_text("Profiles of the members.\n")
    (project / "profiles/members/.gitkeep").write_text("")
    assert not [p for p in problems(run, project) if p["code"] in ("CF-W001", "CF-E017")]


# What Decap CMS 3.16.3 does with a collection's `slug` template when a new entry is saved
# (decap-cms-core/src/lib/formatters.ts slugFormatter → decap-cms-lib-widgets stringTemplate
# compileStringTemplate, its truncate filter (lodash), formatters.prepareSlug and
# urlHelper.sanitizeSlug with `encoding: ascii`), in Python, step for step.
_TEMPLATE_VARIABLE = re.compile(r"\{\{ *([^}{| ]+)( \| ([^}{]+?))? *\}\}")
_TRUNCATE = re.compile(r"^truncate\(([0-9]+)(?:(?:,\s*['\"])([^'\"]*)(?:['\"]))?\)$")


def _decap_sanitize_slug(text: str, options: dict) -> str:
    replacement = options.get("sanitize_replacement", "-")
    if options.get("clean_accents"):
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    assert options.get("encoding") == "ascii"
    text = "".join(ch if re.fullmatch(r"[A-Za-z0-9_\-.~]", ch) else replacement for ch in text)  # sanitizeURI
    text = re.sub(r'[/?<>\\:*|"\x00-\x1f\x80-\x9f]', replacement, text)  # sanitize-filename
    text = re.sub(f"(?:{re.escape(replacement)})+", replacement, text)
    return text.removeprefix(replacement).removesuffix(replacement)


def decap_slug(template: str, entry: dict[str, str], identifier_field: str, options: dict) -> str:
    def segment(match: re.Match) -> str:
        key, flt = match.group(1), match.group(3)
        value = entry.get(key.removeprefix("fields."), "") if key.startswith("fields.") else entry[identifier_field]
        if flt and (m := _TRUNCATE.match(flt)):
            omission = m.group(2) or "..."
            length = int(m.group(1)) + len(omission)
            value = value if len(value) <= length else value[: length - len(omission)] + omission
        value = value.strip().lower().replace("'", "").replace(".", "-")  # prepareSlug
        return _decap_sanitize_slug(value, options)
    return _TEMPLATE_VARIABLE.sub(segment, template)


def test_decap_slug_equivalent_gives_what_decap_gives() -> None:
    """The equivalent passes Decap's own cases for ascii encoding (decap-cms-core urlHelper.spec.js)."""
    ascii_ = {"encoding": "ascii", "clean_accents": False, "sanitize_replacement": "-"}
    assert _decap_sanitize_slug("This, that-one_or.the~other 123!", ascii_) == "This-that-one_or.the~other-123"
    assert _decap_sanitize_slug("ěščřžý日本語のタイトル", ascii_) == ""
    assert _decap_sanitize_slug("ěščřžý日本語のタイトル", {**ascii_, "clean_accents": True}) == "escrzy"
    assert _decap_sanitize_slug("test   test   ", ascii_) == "test-test"
    assert _decap_sanitize_slug('"test"    test', ascii_) == "test-test"
    # The whole path for a plain name, and why a template of the name alone is not enough.
    assert decap_slug("{{slug}}", {"title": "Hello World"}, "title", {**ascii_, "clean_accents": True}) == "hello-world"
    assert decap_slug("{{slug}}", {"title": "株式会社光学"}, "title", {**ascii_, "clean_accents": True}) == ""


@pytest.mark.parametrize("name", [
    "Компания Оптика", "株式会社光学", "ООО «Ромашка»", "شركة البصريات", "光学 GmbH", "Müller Präzision GmbH & Co. KG",
    "A" * 150, "Ä" * 150,
])
def test_item7_a_new_profile_saved_in_the_cms_gets_a_slug_within_our_rule(name: str) -> None:
    config = read_config(ROOT)
    project, _ = load_project(config, dt.date.fromisoformat(TEST_DATE))
    cms = admin.cms_config(config, project, admin.cms_settings(config))
    collection = cms["collections"][0]
    slug = decap_slug(collection["slug"], {"name": name, "country": "JP"}, collection["identifier_field"], cms["slug"])
    assert slug and SLUG_RE.fullmatch(slug), slug
    assert SLUG_RE.fullmatch(f"{slug}-1"), slug  # Decap's next free name when the slug is taken


# --- 8: `new` with an address that has a port ------------------------------------------------------


def test_item8_new_with_a_port_in_the_site_url_writes_a_cluster_that_checks(tmp_path: Path, run) -> None:
    target = tmp_path / "port-cluster"
    result = run("new", target, "--name", "Port Cluster", "--site-url", "https://www.example.com:8443/")
    assert result.code == 0, result.err
    assert "Traceback" not in result.out + result.err
    assert "  email: info@example.com\n" in (target / "profiles/cluster.yml").read_text(encoding="utf-8")
    assert "site_url: https://www.example.com:8443/" in (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert run("--root", target, "check", "--date", TEST_DATE).code == 0


@pytest.mark.parametrize("url", ["https://www.example.com:99999/", "https://evil.example\\good.example.com/", "https://x.example.com/?a=1"])
def test_item8_an_unusable_site_url_is_refused_before_anything_is_written(tmp_path: Path, run, url: str) -> None:
    result = run("new", tmp_path / "c", "--name", "C", "--site-url", url)
    assert result.code == 2 and result.err.startswith("error: --site-url ") and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_item8_a_failure_while_writing_leaves_nothing_behind_and_a_rerun_works(tmp_path: Path, run, monkeypatch) -> None:
    from clusterfolio import scaffold

    def broken(folder: Path) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "_codeowners", broken)
    result = run("new", tmp_path / "c", "--name", "C")
    assert result.code == 2 and "nothing was written" in result.err and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []  # neither the folder nor the temporary one
    monkeypatch.undo()
    assert run("new", tmp_path / "c", "--name", "C").code == 0
    assert (tmp_path / "c" / ".github" / "CODEOWNERS").is_file()


# --- 10: smaller ------------------------------------------------------------------------------------


def _activities(project: Path, text: str) -> None:
    cluster = project / "profiles/cluster.yml"
    body = cluster.read_text(encoding="utf-8")
    assert "activities:" not in body
    cluster.write_text(body + text, encoding="utf-8")


def test_item10_a_literal_backslash_n_in_the_calendar_stays_text(project: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    from .conftest import build_project

    _activities(project, 'activities:\n  - name: "Fair C:\\\\New\\\\Nord; Halle 3, Stand 4"\n    kind: trade-fair\n    level: members\n'
                         '    start: 2027-03-01\n    city: "Back\\\\Nslash"\n')
    site = tmp_path / "site"
    build_project(project, site)
    feeds = sorted(site.glob("*/international/activities.ics"))
    assert feeds
    for feed in feeds:
        event = next(c for c in Calendar.from_ical(feed.read_bytes()).walk("VEVENT"))
        assert str(event["summary"]) == "Fair C:\\New\\Nord; Halle 3, Stand 4"
        assert str(event["location"]).startswith("Back\\Nslash")
        assert "\n" not in str(event["summary"]) + str(event["location"])


def test_item10_two_activities_with_the_same_start_and_name_get_two_uids(project: Path, tmp_path: Path) -> None:
    from icalendar import Calendar

    from .conftest import build_project

    one = "  - name: Photonics Fair\n    kind: trade-fair\n    level: members\n    start: 2027-03-01\n"
    _activities(project, "activities:\n" + one + one.replace("members", "management"))
    site = tmp_path / "site"
    build_project(project, site)
    feed = sorted(site.glob("*/international/activities.ics"))[0]
    uids = [str(e["uid"]) for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT")]
    assert len(uids) == 2 and len(set(uids)) == 2
    site2 = tmp_path / "again"
    build_project(project, site2)
    assert (site2 / feed.relative_to(site)).read_bytes() == feed.read_bytes()  # stable between builds


def test_item10_new_member_keeps_a_backslash_in_the_name(project: Path, run) -> None:
    name = "Back\\x41slash \"Quote\" AG"
    assert run("--root", project, "new-member", name, "--slug", "backslash").code == 0
    parsed = parse((project / "profiles/members/backslash.yml").read_text(encoding="utf-8"), "x").data
    assert isinstance(parsed, dict) and parsed["name"] == name


def _ink(png: bytes) -> tuple[int, tuple[int, int, int, int] | None]:
    """(pixels not of the card's background, their bounding box) of a drawn card."""
    import io

    from PIL import Image, ImageChops

    card = Image.open(io.BytesIO(png)).convert("RGB")
    differs = ImageChops.difference(card, Image.new("RGB", card.size, card.getpixel((0, 0)))).convert("L").point(lambda v: 255 if v > 40 else 0)
    return differs.histogram()[255], differs.getbbox()


@pytest.mark.parametrize("name", ["光学クラスター関西", "شبكة البصريات", "אשכול אופטיקה", "🔬🔭 Cluster 😀"])
def test_item10_a_name_the_card_font_cannot_draw_gives_a_card_that_says_something(name: str) -> None:
    from clusterfolio.site import images

    assert not images.drawable(name, images._font(60, bold=True))
    blank = images.og_card(name, "", None, "#0b5d5b", "#ffffff")  # no fallback: nothing to draw
    with_host = images.og_card(name, "", None, "#0b5d5b", "#ffffff", "cluster.example.org")
    assert _ink(blank)[0] == 0 < _ink(with_host)[0]
    assert with_host == images.og_card("cluster.example.org", "", None, "#0b5d5b", "#ffffff")


def test_item10_a_long_word_on_the_card_is_shortened_within_its_edge() -> None:
    from clusterfolio.site import images

    png = images.og_card("Donaudampfschifffahrtsgesellschaftskapitänsmützenfabrikationsverband", "Kurz.", None, "#0b5d5b", "#ffffff")
    count, box = _ink(png)
    assert count and box is not None and box[2] <= images.CARD_SIZE[0] - 60  # 70 px margin, a little slack for the ellipsis


def test_item10_the_mark_of_a_cluster_without_logo_uses_drawable_initials() -> None:
    from clusterfolio.site import images

    cjk = images.lettered("光学クラスター", 64, "#0b5d5b", "#ffffff", "cluster.example.org")
    assert cjk.tobytes() == images.lettered("Cluster", 64, "#0b5d5b", "#ffffff").tobytes()  # "C" from the host
