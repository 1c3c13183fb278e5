"""`summary <base>` (issue 16): what a pull request changes on its members' pages, for the step summary.

Each test starts from the same small repository (tests/fixtures/minimal in git, tagged `base`),
commits a change on top, and reads the summary data (`collect`) and its Markdown.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from clusterfolio.config import read_config
from clusterfolio.summary import LanguageDiff, SectionDiff, code_block, code_span, collect

from .conftest import TEST_DATE
from .test_scope import git

GOOD = "profiles/members/good.yml"


@pytest.fixture
def repo(minimal_repo: Path) -> Path:
    return minimal_repo


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", "change")


def summary(root: Path, date: str = TEST_DATE):
    import datetime as dt

    config = read_config(root)
    return collect(config, "base", dt.date.fromisoformat(date)), config


def test_a_change_to_the_english_summary_and_the_competences_shows_exactly_those(repo: Path, run) -> None:
    edit(repo, GOOD, "en: We build lasers.", "en: We build lasers and optics.")
    edit(repo, GOOD, "competences: [laser-systems]", "competences: [laser-systems, optical-coatings]")
    commit(repo)
    found, config = summary(repo)
    assert found.others == () and found.more == ()
    [profile] = found.profiles
    assert (profile.path, profile.slug, profile.name, profile.status) == (GOOD, "good", "Gute Optik GmbH", "changed")
    assert profile.other_fields == () and profile.problems == ()
    competences = {
        "de": ("Lasersysteme (laser-systems)", "Optische Beschichtungen (optical-coatings)"),
        "en": ("Laser systems (laser-systems)", "Optical coatings (optical-coatings)"),
        "fr": ("Systèmes laser (laser-systems)", "Revêtements optiques (optical-coatings)"),
    }
    assert profile.languages == (
        LanguageDiff("de", (SectionDiff("competences", competences["de"][:1], competences["de"]),)),
        LanguageDiff("en", (
            SectionDiff("summary", ("We build lasers.",), ("We build lasers and optics.",)),
            SectionDiff("competences", competences["en"][:1], competences["en"]),
        )),
        LanguageDiff("fr", (SectionDiff("competences", competences["fr"][:1], competences["fr"]),)),
    )
    result = run("--root", repo, "summary", "base", "--format", "markdown", "--date", TEST_DATE)
    assert result.code == 0, result.err
    markdown = result.out
    assert "### `Gute Optik GmbH` · `profiles/members/good.yml` · profile changed" in markdown
    assert "#### English (en)\n\n**Summary**\n\n```diff\n- We build lasers.\n+ We build lasers and optics.\n```\n" in markdown
    assert ("**Competences**\n\n```diff\n  Laser systems (laser-systems)\n+ Optical coatings (optical-coatings)\n```\n") in markdown
    assert "#### Deutsch (de)\n\n**Competences**\n\n```diff\n  Lasersysteme (laser-systems)\n+ Optische Beschichtungen (optical-coatings)\n```" in markdown
    assert re.findall(r"^\*\*(.+)\*\*$", markdown, re.M) == ["Competences", "Summary", "Competences", "Competences"]
    assert "not a member profile" not in markdown
    # For a terminal, the same as indented text.
    text = run("--root", repo, "summary", "base", "--date", TEST_DATE).out
    assert "  English (en)\n    Summary\n      - We build lasers.\n      + We build lasers and optics.\n" in text


def test_a_change_to_the_taxonomy_or_the_cluster_is_not_a_member_profile(repo: Path, run) -> None:
    edit(repo, "profiles/taxonomy.yml", "en: Laser systems,", "en: Laser sources,")
    edit(repo, "profiles/cluster.yml", "valid_until: 2028-01-14", "valid_until: 2028-01-13")
    (repo / "profiles/members/README.md").write_text("Profiles of the members.\n")
    commit(repo)
    found, _config = summary(repo)
    assert found.profiles == ()
    assert found.others == ("profiles/cluster.yml", "profiles/members/README.md", "profiles/taxonomy.yml")
    markdown = run("--root", repo, "summary", "base", "--format", "markdown", "--date", TEST_DATE).out
    assert "No member profile changes." in markdown
    for path in found.others:
        assert f"- `{path}`: not a member profile\n" in markdown


def test_warnings_that_matter_to_the_member_and_the_fallback_the_page_shows(repo: Path) -> None:
    edit(repo, GOOD, "  fr: Nous construisons des lasers.\n", "")
    commit(repo)
    # 2027-12-01: the cluster's ESCA label (valid until 2028-01-14) is in its last 90 days.
    found, _config = summary(repo, "2027-12-01")
    [profile] = found.profiles
    [fr] = [lang for lang in profile.languages if lang.lang == "fr"]
    assert fr.sections == (SectionDiff(
        "summary", ("Nous construisons des lasers.",), ("Wir bauen Laser.", "(Non disponible en français, affiché en allemand.)"),
    ),)
    assert [lang.lang for lang in profile.languages] == ["fr"]
    codes = {(p.file, p.code) for p in profile.problems}
    assert codes == {(GOOD, "CF-W201"), ("profiles/cluster.yml", "CF-W301")}


def test_a_new_profile_a_removed_one_and_ones_with_errors(repo: Path) -> None:
    start = git(repo, "rev-parse", "base").strip()
    shutil.copy(repo / GOOD, repo / "profiles/members/neu.yml")
    edit(repo, "profiles/members/neu.yml", "Gute Optik GmbH", "Neue Optik AG")
    shutil.copy(repo / GOOD, repo / "profiles/members/kaputt.yml")
    edit(repo, "profiles/members/kaputt.yml", "Gute Optik GmbH", "Kaputt KG")
    edit(repo, GOOD, "competences: [laser-systems]", "competences: [laser-sytems]")
    commit(repo)
    edit(repo, "profiles/members/kaputt.yml", "city: Reutlingen\n", "")
    git(repo, "tag", "-f", "base", "HEAD")
    commit(repo)
    found, _config = summary(repo)
    [broken] = found.profiles
    assert (broken.status, broken.languages, [p.code for p in broken.problems]) == ("invalid", (), ["CF-E101"])
    git(repo, "tag", "-f", "base", start)
    found, _config = summary(repo)
    by_path = {p.path: p for p in found.profiles}
    # An unknown competence is check's error; the page text still shows what changes.
    typo = by_path[GOOD]
    assert typo.status == "changed" and "check` finds errors" in typo.note
    assert [p.code for p in typo.problems] == ["CF-E201"]
    assert typo.languages[0].sections == (SectionDiff("competences", ("Lasersysteme (laser-systems)",), ("laser-sytems (laser-sytems)",)),)
    new = by_path["profiles/members/neu.yml"]
    assert new.status == "added" and new.name == "Neue Optik AG"
    assert [s.section for s in new.languages[0].sections] == ["name", "about", "summary", "competences", "contact"]
    assert all(s.before == () for lang in new.languages for s in lang.sections)
    git(repo, "rm", "-q", "profiles/members/neu.yml")
    edit(repo, GOOD, "laser-sytems", "laser-systems")
    git(repo, "tag", "-f", "base", "HEAD")
    commit(repo)
    found, _config = summary(repo)
    [gone] = [p for p in found.profiles if p.slug == "neu"]
    assert gone.status == "removed" and all(s.after == () for lang in gone.languages for s in lang.sections)


HOSTILE = "[x](https://evil) ![i](https://evil/i.png) @someone <img src=x> ``` `"


def _outside_code(html: str) -> str:
    return re.sub(r"<(pre|code)>.*?</\1>", "", html, flags=re.S)


def test_hostile_text_in_a_changed_summary_stays_inert(repo: Path, run) -> None:
    edit(repo, GOOD, "en: We build lasers.", f"en: '{HOSTILE}'")
    edit(repo, GOOD, "name: Gute Optik GmbH", "name: '@someone [x](https://evil) <img src=x>'")
    commit(repo)
    markdown = run("--root", repo, "summary", "base", "--format", "markdown", "--date", TEST_DATE).out
    assert f"+ {HOSTILE}" in markdown
    # Rendered as GitHub would (raw HTML allowed, then sanitised): no link, no image, no element
    # from the text, and the text stands only in code.
    html = MarkdownIt("commonmark", {"html": True}).render(markdown)
    assert "<a " not in html and "<img" not in html
    rest = _outside_code(html)
    for fragment in ("evil", "@someone", "src=x"):
        assert fragment not in rest, fragment
    assert html.count("+ [x](https://evil) ![i](https://evil/i.png) @someone &lt;img src=x&gt; ``` `") == 1


def test_code_spans_and_blocks_cannot_be_closed_from_inside() -> None:
    assert code_span("a`b") == "``a`b``"
    assert code_span("`x`") == "`` `x` ``"
    assert code_span("line\nbreak\u202e") == "`line\\u000abreak\\u202e`"
    assert code_block(["```", "x"], "diff") == ["````diff", "```", "x", "````"]
    md = MarkdownIt("commonmark")
    assert md.render("\n".join(code_block(["````` <b>x</b>"]))) == "<pre><code>````` &lt;b&gt;x&lt;/b&gt;\n</code></pre>\n"


def test_an_unknown_base_is_a_usage_error(repo: Path, run) -> None:
    result = run("--root", repo, "summary", "no-such-ref")
    assert result.code == 2 and result.err.startswith("error: ")


def test_the_pull_request_workflow_writes_the_summary_even_when_check_fails() -> None:
    import yaml

    from .conftest import ROOT

    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    step = next(s for s in steps if "build.py summary" in s.get("run", ""))
    assert step["if"] in ("always()", "${{ always() }}")
    assert step["run"] == 'python build.py summary "$BASE_SHA" --format markdown >> "$GITHUB_STEP_SUMMARY"'
    assert step["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert steps.index(step) > next(i for i, s in enumerate(steps) if "build.py check" in s.get("run", ""))


# --- issue 21, item 5: a summary GitHub still shows ------------------------------------------------


def test_item_5_the_summary_of_a_flooded_profile_lists_twenty_of_a_kind_and_stays_under_900_kb(repo: Path, run) -> None:
    good = (repo / GOOD).read_text(encoding="utf-8")
    (repo / "profiles/members/flood.yml").write_text(good.replace("Gute Optik GmbH", "Flut GmbH") + "x: 1\n" * 36_000, encoding="utf-8")
    commit(repo)
    markdown = run("--root", repo, "summary", "base", "--format", "markdown", "--date", TEST_DATE).out
    assert len(markdown.encode()) < 900_000
    assert markdown.count("[CF-E008]") == 21  # twenty repeats, then one line for the other 35,979
    assert "… and 35979 more problems of the same kind in this file (duplicate field), from line 34 on" in markdown
    text = run("--root", repo, "summary", "base", "--format", "text", "--date", TEST_DATE).out
    assert text.count("[CF-E008]") == 21


def test_item_5_a_summary_over_900_kb_is_cut_with_a_line_that_says_so(repo: Path) -> None:
    from clusterfolio.summary import CUT, ProfileChange, Summary, to_markdown

    before = tuple(f"line {i} of the old description" for i in range(40_000))
    after = tuple(f"line {i} of the new description" for i in range(40_000))
    sections = (SectionDiff("description", before, after),)
    profile = ProfileChange(GOOD, "good", "Gute Optik GmbH", "changed", tuple(LanguageDiff(lang, sections) for lang in ("de", "en", "fr")))
    markdown = to_markdown(Summary("base", (profile,), ("README.md",)), read_config(repo))
    assert 800_000 < len(markdown.encode()) < 900_000
    cut = CUT.format(command="clusterfolio")  # a cluster's repository: the tool runs as clusterfolio
    assert markdown.endswith(f"\n\n{cut}\n") and "GitHub shows no step summary over 1 MiB" in cut
    # Cut inside a diff block, which is closed before the note: the note is a paragraph.
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert tokens[-3].type == "paragraph_open" and tokens[-2].content == cut
    assert tokens[-4].type == "fence" and tokens[-4].info == "diff"
