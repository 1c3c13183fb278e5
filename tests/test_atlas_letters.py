"""CF-W103: check warns about letters the printed atlas's fonts cannot draw (issue 27), instead of
the atlas printing gaps or empty boxes; it reads the fonts' coverage from a file the fonts are measured
against here."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from clusterfolio.validate.letters import COVERAGE_FILE, coverage_text, measure_coverage, read_coverage, undrawn

from .conftest import ROOT, TEST_DATE

GOOD = "profiles/members/good.yml"
FONTS = ROOT / "clusterfolio" / "data" / "fonts"
JAPANESE = "光学ソリューション株式会社"  # drawn: kana and Joyo kanji, in the CJK face (tools/make_atlas_cjk_font.py)
GEORGIAN = "ოპტიკა თბილისი"  # 10 different letters, none in the fonts


def check(run, project: Path, *extra: str) -> list[dict]:
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE, *extra)
    assert "Traceback" not in result.out + result.err
    return result.problems


def w103(problems: list[dict]) -> list[dict]:
    return [p for p in problems if p["code"] == "CF-W103"]


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    return next(i for i, row in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1) if needle in row)


# --- the fonts' coverage ------------------------------------------------------------------------


def test_the_coverage_file_is_what_the_shipped_fonts_draw() -> None:
    """coverage.txt is made from the fonts (tools/make_font_coverage.py); a changed font needs a new one."""
    try:
        import fontTools  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("fontTools is in the test extras: CI must measure the fonts", pytrace=False)
        pytest.skip("fontTools is not installed")
    measured = measure_coverage(FONTS)
    assert 0x41 in measured and 0x3B1 in measured  # A and α: DejaVu Sans
    assert {0x5149, 0x30BD, 0x957F, 0xD55C} <= measured  # 光, ソ, 长, 한: Noto Sans CJK
    assert 0x9DD7 not in measured and 0x10DD not in measured  # 鷗 (JIS level 2, no Joyo kanji), Georgian ო
    assert (FONTS / COVERAGE_FILE).read_text(encoding="utf-8") == coverage_text(measured)


def test_the_coverage_is_measured_over_the_faces_the_atlas_sets_text_in() -> None:
    """validate/letters.py names the atlas's faces itself (check imports nothing of the atlas): the same files, in the same order."""
    from clusterfolio.atlas.render import FACES
    from clusterfolio.validate.letters import FONT_FACES

    assert [(face.regular.name, face.bold.name) for face in FACES] == [tuple(files) for files in FONT_FACES]
    assert all(face.regular.is_file() and face.bold.is_file() for face in FACES)


def test_coverage_ranges_read_back_as_written() -> None:
    points = {0x20, 0x21, 0x22, 0x41, 0x3B1, 0x3B2}
    ranges = read_coverage(coverage_text(points))
    assert ranges == [(0x20, 0x22), (0x41, 0x41), (0x3B1, 0x3B2)]


def test_everything_up_to_latin_extended_b_is_drawn_or_draws_nothing() -> None:
    """check skips texts without a character beyond U+024F (letters._BEYOND_LATIN): the fonts draw all below."""
    assert undrawn("".join(map(chr, range(0x250)))) == {}
    assert undrawn("\u0250") == {"\u0250": 0}  # the first beyond: IPA, which the subsets do not keep
    assert list(undrawn("Ab\u0530\u0531")) == ["\u0530", "\u0531"]  # Armenian, just past Cyrillic


def test_what_shows_nothing_or_composes_is_not_reported() -> None:
    # The combining grapheme joiner, a variation selector, a zero-width joiner, a soft hyphen, an
    # ideographic space, a tab, a private-use character, a Hangul filler (CF-E130's in one-line fields).
    assert undrawn("a\u034fb\ufe0f\u200dc\u00ad\u3000d\te\ue000\u3164") == {}
    assert undrawn("Cafe\u0301") == {}  # e and a combining acute: the font's é
    assert list(undrawn("q\u0301")) == ["\u0301"]  # no precomposed q with acute: the bare mark
    assert list(undrawn("Laser 😀 und 😀 ✓")) == ["😀", "✓"]  # emoji and symbols DejaVu's subset lacks, once each


# --- check ---------------------------------------------------------------------------------------


def test_a_georgian_member_name_gets_w103_with_file_line_and_field(project: Path, run) -> None:
    edit(project, GOOD, "name: Gute Optik GmbH", f"name: {GEORGIAN}")
    found = w103(check(run, project))
    assert [(p["file"], p["line"], p["field"], p["severity"]) for p in found] == [(GOOD, line_of(project, GOOD, "name:"), "name", "warning")]
    message = found[0]["message"]
    assert message.startswith("the printed atlas cannot draw ო (U+10DD), პ (U+10DE), ტ (U+10E2), ი (U+10D8), კ (U+10D9) and 5 more")
    assert "gaps or empty boxes" in message


@pytest.mark.parametrize("name", [JAPANESE, "光技術クラスター", "长江光电产业集群", "한국광기술클러스터", "Optik 東京 K.K."])
def test_japanese_chinese_and_korean_names_the_cjk_face_draws_get_none(project: Path, run, name: str) -> None:
    edit(project, GOOD, "name: Gute Optik GmbH", f"name: {name}")
    assert w103(check(run, project)) == []


def test_a_kanji_outside_the_cjk_subset_is_still_reported_alone(project: Path, run) -> None:
    """鷗 (JIS X 0208 level 2, in no list tools/make_atlas_cjk_font.py keeps): only it, not the kana and kanji around it."""
    edit(project, GOOD, "name: Gute Optik GmbH", "name: 森鷗外光学株式会社")
    found = w103(check(run, project))
    assert [p["field"] for p in found] == ["name"]
    assert found[0]["message"].startswith("the printed atlas cannot draw 鷗 (U+9DD7): ")


def test_the_warning_speaks_german_and_french(project: Path, run) -> None:
    edit(project, GOOD, "name: Gute Optik GmbH", f"name: {GEORGIAN}")
    german = w103(check(run, project, "--lang", "de"))[0]["message_localized"]
    french = w103(check(run, project, "--lang", "fr"))[0]["message_localized"]
    assert german.startswith("diese Zeichen kann der gedruckte Atlas nicht darstellen: ო (U+10DD)") and "und 5 weitere" in german and "Kästchen" in german
    assert french.startswith("l'atlas imprimé ne peut pas dessiner ო (U+10DD)") and "et 5 autres" in french
    assert "\u00a0: " in french  # the no-break space before the colon


def test_devanagari_in_a_description_is_reported_at_its_own_line(project: Path, run) -> None:
    edit(project, GOOD, "competences:", "description:\n  en: |\n    We build lasers.\n\n    In India: लेज़र प्रणाली.\n  de: Wir bauen Laser.\ncompetences:")
    found = w103(check(run, project))
    assert [(p["line"], p["field"]) for p in found] == [(line_of(project, GOOD, "लेज़र"), "description.en")]
    assert found[0]["message"].startswith("the printed atlas cannot draw ल (U+0932), ◌\u0947 (U+0947), ज (U+091C), ◌\u093c (U+093C)")


def test_a_letter_written_as_a_yaml_escape_is_found_too(project: Path, run) -> None:
    """A file of Latin-1 characters is passed over in one look (letters._latin_1), but for its escapes."""
    edit(project, GOOD, "name: Gute Optik GmbH", 'name: "Gute Optik \\u10dd GmbH"')
    assert "\u10dd" not in (project / GOOD).read_text(encoding="utf-8")
    assert [p["field"] for p in w103(check(run, project))] == ["name"]


def test_once_per_field_and_language(project: Path, run) -> None:
    edit(project, GOOD, "  de: Wir bauen Laser.", "  de: Wir bauen Laser ოოო und ო.")
    edit(project, GOOD, "  en: We build lasers.", "  en: We build ო lasers.")
    found = w103(check(run, project))
    assert sorted(p["field"] for p in found) == ["summary.de", "summary.en"]
    assert all(p["message"].startswith("the printed atlas cannot draw ო (U+10DD): ") for p in found)


@pytest.mark.parametrize("rel, old, new, field", [
    ("profiles/cluster.yml", "  en: Light for production", "  en: ო for production", "tagline.en"),
    ("profiles/cluster.yml", "focus:", "legal_name: ოპტიკა e.V.\nfocus:", "legal_name"),
    ("profiles/cluster.yml", "focus:", "partners:\n  - name: 鷗光学クラスター\n    country: JP\nfocus:", "partners[0].name"),
    ("profiles/taxonomy.yml", "en: Laser systems,", "en: ლაზერი,", "competences.laser-systems.label.en"),
    (GOOD, "city: Reutlingen", "city: თბილისი", "city"),
    (GOOD, "contact:", "certifications: [ISO 9001, სერტიფიკატი]\ncontact:", "certifications[1]"),
])
def test_cluster_taxonomy_and_member_texts_the_atlas_prints_are_looked_at(project: Path, run, rel: str, old: str, new: str, field: str) -> None:
    edit(project, rel, old, new)
    assert [(p["file"], p["field"]) for p in w103(check(run, project))] == [(rel, field)]


def test_texts_the_atlas_does_not_print_are_not(project: Path, run) -> None:
    """Competence descriptions and groups, a cluster's short name are on the site, not in the atlas; the control: a label is."""
    edit(project, "profiles/taxonomy.yml", "en: Laser sources and machines.", "en: ლაზერი.")
    edit(project, "profiles/taxonomy.yml", "en: Photonics,", "en: ფოტონიკა,")
    edit(project, "profiles/cluster.yml", "focus:", "short_name: ოპტიკა\nfocus:")
    assert w103(check(run, project)) == []
    edit(project, "profiles/taxonomy.yml", "en: Laser systems,", "en: ლაზერი,")
    assert len(w103(check(run, project))) == 1


@pytest.mark.parametrize("name", ["Société Générale d'Optique Ærø Łódź", "Οπτική Αθηνών", "Оптика Москва", "Çağlayan Optik Şti."])
def test_latin_greek_and_cyrillic_names_get_none(project: Path, run, name: str) -> None:
    edit(project, GOOD, "name: Gute Optik GmbH", f"name: {name} ო")
    assert len(w103(check(run, project))) == 1  # the control: the same name with a letter the fonts lack
    edit(project, GOOD, f"name: {name} ო", f"name: {name}")
    assert w103(check(run, project)) == []


def test_the_demo_gets_none(run) -> None:
    problems = check(run, ROOT)
    assert problems is not None and w103(problems) == []


def test_a_combining_grapheme_joiner_in_a_name_is_cf_e130_not_w103(project: Path, run) -> None:
    edit(project, GOOD, "name: Gute Optik GmbH", "name: Gute Optik GmbH\u034f")
    assert {p["code"] for p in check(run, project)} == {"CF-E130"}


def test_a_combining_grapheme_joiner_in_a_description_is_neither(project: Path, run) -> None:
    """Descriptions may hold what shows nothing (CF-E130 is for one-line fields); it is no letter to draw."""
    edit(project, GOOD, "competences:", "description:\n  de: Laser\u034f und Licht\u200d.\ncompetences:")
    codes = {p["code"] for p in check(run, project)}
    assert "CF-W103" not in codes and "CF-E130" not in codes
    edit(project, GOOD, "Laser\u034f und", "Laser\u034f ო und")
    assert "CF-W103" in {p["code"] for p in check(run, project)}


def test_the_warning_alone_keeps_exit_status_0(project: Path, run) -> None:
    edit(project, GOOD, "name: Gute Optik GmbH", f"name: {GEORGIAN}")
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 0 and "CF-W103" in result.out + result.err
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code != 0  # it is a warning --strict refuses
