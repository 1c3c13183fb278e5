"""The safe loader: text stays text, nothing is shared, every node keeps its place."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterfolio.codes import CODES
from clusterfolio.loading import load_text
from clusterfolio.model import Cluster, Member, Taxonomy
from clusterfolio.yamlsafe import MAX_BYTES, parse


def test_yaml_11_lookalikes_stay_text() -> None:
    doc = parse("country: NO\npostal: 01234\ntime: 1:20\nphone: +49 711 1\non: yes\nday: 2026-01-01\nnum: 1e3\n", "f.yml")
    assert doc.problems == []
    assert doc.data == {"country": "NO", "postal": "01234", "time": "1:20", "phone": "+49 711 1", "on": "yes", "day": "2026-01-01", "num": "1e3"}


def test_empty_values_mean_not_given() -> None:
    doc = parse("a:\nb: ~\nc: null\nd: ''\ne: {}\nf: x\n", "f.yml")
    assert doc.data == {"f": "x"}
    assert doc.where(("a",)) == (1, 1)  # a missing value still points at its key


def test_positions_of_keys_values_and_items() -> None:
    doc = parse("name: X\nlist:\n  - a\n  - b\ntext: |\n  line one\n", "f.yml")
    assert doc.where(("name",)) == (1, 1)
    assert doc.where(("list", 1)) == (4, 5)
    assert doc.value_at(("text",)) == (6, 7)


def test_norway_is_a_country() -> None:
    loaded = load_text("member", "name: X\ntype: sme\ncity: Oslo\ncountry: NO\nwebsite: https://x.example.com\nsummary: {de: x}\ncompetences: [a]\ncontact: {email: a@example.com}\nfounded: 01998\n")
    assert [(p.code, p.message) for p in loaded.problems] == [("CF-E110", "'01998' is not a year; write four digits, e.g. 1998")]


def test_oversized_file_is_refused_before_parsing() -> None:
    doc = parse("a: " + "x" * MAX_BYTES, "big.yml")
    assert doc.data is None
    assert doc.problems[0].code == "CF-E003"
    assert "larger than 256 KiB" in doc.problems[0].message


def test_nested_brackets_do_not_exhaust_the_stack() -> None:
    loaded = load_text("member", "name: " + "[" * 5000 + "]" * 5000 + "\n")
    assert loaded.model is None and loaded.problems


# --- property-based: the outcome is always a model or messages, never an exception -------------

yaml_scalars = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
yaml_data = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=5)),
    max_leaves=25,
)
field_names = st.sampled_from(sorted({*Member.model_fields, *Cluster.model_fields, *Taxonomy.model_fields, "de", "en", "email", "label", "scheme"}))
profile_like = st.dictionaries(field_names, yaml_data, max_size=12)


def _outcome_is_model_or_problems(kind: str, text: str) -> None:
    loaded = load_text(kind, text, "x.yml")
    assert (loaded.model is not None) != bool([p for p in loaded.problems if p.severity == "error"])
    for problem in loaded.problems:
        assert problem.file == "x.yml" and problem.line >= 1 and problem.column >= 1 and problem.message
        assert problem.code in CODES, problem


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["member", "cluster", "taxonomy"]))
def test_arbitrary_text_never_raises(text: str, kind: str) -> None:
    _outcome_is_model_or_problems(kind, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile_like, st.sampled_from(["member", "cluster", "taxonomy"]))
def test_arbitrary_yaml_data_never_raises(data: dict, kind: str) -> None:
    import yaml

    _outcome_is_model_or_problems(kind, yaml.safe_dump(data, allow_unicode=True))


member_shaped = st.fixed_dictionaries(
    {
        "name": st.text(min_size=1, max_size=40),
        "type": st.sampled_from(["sme", "research", "nope", ""]),
        "city": st.text(max_size=20),
        "country": st.sampled_from(["DE", "no", "XX", "de"]),
        "website": st.sampled_from(["https://a.example.com", "http://a", "javascript:alert(1)"]),
        "summary": st.dictionaries(st.sampled_from(["de", "en", "fr", "es", "xx"]), st.text(max_size=350), max_size=3),
        "description": st.dictionaries(st.sampled_from(["de", "en"]), st.text(alphabet=st.sampled_from(list("ab *_#<>[]()!:/`{}.\n-1")), max_size=200), max_size=2),
        "competences": st.lists(st.sampled_from(["laser-systems", "laser-sytems", "Optical", ""]), max_size=3),
        "contact": st.dictionaries(st.sampled_from(["email", "phone", "contact_page"]), st.text(max_size=20), max_size=2),
        "logo": st.sampled_from(["logos/good.svg", "../mkdocs.yml", "logos/none.png", "/etc/passwd"]),
    },
    optional={"offers": st.dictionaries(st.sampled_from(["de", "en"]), st.lists(st.text(max_size=130), max_size=3), max_size=2)},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(member_shaped)
def test_member_shaped_data_through_whole_project_never_raises(data: dict) -> None:
    """Cross-file checks too: any member next to a valid project gives a project or messages."""
    import datetime as dt
    import shutil
    import tempfile
    from pathlib import Path

    import yaml

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project

    from .conftest import MINIMAL

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(MINIMAL, root)
        (root / "profiles/members/x.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        project, problems = load_project(read_config(root), dt.date(2026, 11, 26))
        errors = [p for p in problems if p.severity == "error"]
        assert (project is None) == bool(errors)
        assert all(p.line >= 1 and p.message and p.code in CODES for p in problems)
