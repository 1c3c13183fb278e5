"""The safe loader: text stays text, nothing is shared, every node keeps its place."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clusterfolio.codes import CODES
from clusterfolio.loading import load_text
from clusterfolio.model import Cluster, Member, Taxonomy
from clusterfolio.yamlsafe import MAX_BYTES, MAX_DEPTH, parse

from .conftest import MINIMAL


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


# --- issue 1: nesting depth; every file up to the size limit checks in bounded time and memory ------


def test_deep_nesting_is_refused_with_a_clear_error() -> None:
    block = "".join("  " * level + "a:\n" for level in range(MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "x\n"
    for text in ("name: " + "[" * 30_000 + "]" * 30_000 + "\n", "name: " + "{a: " * 30_000 + "}" * 30_000 + "\n", block):
        doc = parse(text, "deep.yml")
        assert doc.data is None
        assert [(p.code, p.message) for p in doc.problems] == [
            ("CF-E019", f"lists and fields are nested more than {MAX_DEPTH} levels deep here; check the brackets and the indentation"),
        ]


def test_nesting_up_to_the_limit_is_read() -> None:
    doc = parse("name: " + "[" * (MAX_DEPTH - 1) + "a" + "]" * (MAX_DEPTH - 1) + "\n", "x.yml")
    assert doc.problems == [] and doc.where(("name",) + (0,) * (MAX_DEPTH - 1)) == (1, 26)


def test_blank_line_index_answers_like_counting_line_by_line() -> None:
    text = "a: x\n\n\nb: >\n  one\n\n  two\n\n\n  three\n"
    doc = parse(text, "x.yml")
    lines = text.splitlines()

    def by_counting(first: int, target: int) -> int | None:
        blanks = 0
        for index in range(first - 1, len(lines)):
            if not lines[index].strip():
                blanks += 1
            elif blanks >= target:
                return index + 1
        return None

    for first in range(1, len(lines) + 1):
        for target in range(5):
            assert doc.line_after_blank_lines(first, target) == by_counting(first, target), (first, target)


# The check of one file, in a process of its own: its CPU time and the process's peak memory.
# The peak is Linux's VmHWM, which starts afresh with the new program; ru_maxrss would keep the
# peak of the forking process (a test worker that built whole sites) across exec.
_CHECK_ONE = """
import datetime, json, re, resource, sys, time
from pathlib import Path
from clusterfolio.config import read_config
from clusterfolio.project import load_project
config = read_config(Path(sys.argv[1]))
cpu, wall = time.process_time(), time.perf_counter()
project, problems = load_project(config, datetime.date(2026, 11, 26))
try:
    peak_kb = int(re.search(r"VmHWM:\\s*(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
except (OSError, AttributeError):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "peak_mb": peak_kb / 1024,
    "codes": sorted({p.code for p in problems}),
}))
"""
LIMIT = MAX_BYTES - 100  # room for the field name around the generated value


def _flow_deep(depth: int) -> str:
    depth = min(depth, LIMIT // 2)
    return "name: " + "[" * depth + "]" * depth + "\n"


def _wide_list(depth: int, size: int) -> str:
    """A list of one-letter items (the most nodes per byte), inside `depth` lists."""
    items = max(1, (size - 2 * depth) // 2)
    return "name: " + "[" * depth + "a," * (items - 1) + "a" + "]" * depth + "\n"


def _wide_mapping(depth: int, size: int) -> str:
    head = "name: " + "{k: " * depth + "{"
    pairs = ", ".join(f"k{i}: v" for i in range(size // 8))[: max(0, size - len(head) - 2 * depth - 2)].rsplit(",", 1)[0]
    return head + pairs + "}" + "}" * depth + "\n"


def _block_deep(depth: int, size: int) -> str:
    lines, level = [], 0
    while sum(len(line) + 1 for line in lines) < size - 2 * depth - 10:
        lines.append("  " * level + "a:")
        level = (level + 1) % depth
    return "\n".join(lines) + " x\n"


def _long_text(size: int) -> str:
    return "name: Lange GmbH\ndescription:\n  de: |\n" + "".join(f"    <b>{i}</b>\n\n" for i in range(size // 16))[: size - 60]


def _many_fields(size: int) -> str:
    return "".join(f"field{i}: value {i}\n" for i in range(size // 20))[:size].rsplit("\n", 1)[0] + "\n"


sizes = st.one_of(st.just(LIMIT), st.integers(min_value=1_000, max_value=LIMIT))
big_yaml = st.one_of(
    st.builds(_flow_deep, st.integers(min_value=1, max_value=LIMIT // 2)),
    st.builds(_wide_list, st.integers(min_value=1, max_value=MAX_DEPTH - 1), sizes),
    st.builds(_wide_mapping, st.integers(min_value=0, max_value=MAX_DEPTH - 2), sizes),
    st.builds(_block_deep, st.integers(min_value=2, max_value=MAX_DEPTH + 10), sizes),
    st.builds(_long_text, sizes),
    st.builds(_many_fields, sizes),
)


@settings(max_examples=3, deadline=timedelta(seconds=60), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(big_yaml)
@example(_flow_deep(LIMIT // 2))  # 128,000 '[' then ']': once killed at 24 GB
@example(_wide_list(MAX_DEPTH - 1, LIMIT))  # 130,000 nodes at the deepest level allowed
@example(_wide_mapping(MAX_DEPTH - 2, LIMIT))
@example(_block_deep(MAX_DEPTH - 1, LIMIT))
def test_nested_and_long_yaml_up_to_the_size_limit_checks_in_2_s_and_300_mb(tmp_path_factory, text: str) -> None:
    """Measured in a process of its own: CPU time of the check (a shared machine's wall clock is
    no measure of the code) and the process's peak resident memory, imports included."""
    assert len(text.encode()) <= MAX_BYTES
    root = tmp_path_factory.mktemp("big") / "project"
    shutil.copytree(MINIMAL, root)
    (root / "profiles/members/big.yml").write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _CHECK_ONE, str(root)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    result = json.loads(proc.stdout)
    assert result["codes"], "a file like this is never a valid profile"
    assert result["cpu"] < 2.0, result
    assert result["peak_mb"] < 300, result


def test_a_file_of_printable_text_needs_no_character_search() -> None:
    """The reader's shortcut (_plain_text) may say a file is plain only when no character the
    reader shields or refuses is in it: every one of them, anywhere in a text, is seen."""
    from clusterfolio.yamlsafe import _BAD_CHARACTER, _SHIELD_FROM, _plain_text

    named = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and (_BAD_CHARACTER.match(chr(c)) or _SHIELD_FROM.match(chr(c)))]
    assert len(named) > 60000  # the private-use plane is among them
    assert not [ch for ch in named if _plain_text(f"name: a{ch}b\n")]
    assert _plain_text("name: Müller & Söhne\r\n\tsummary: «ça» – 5 €\n")


def test_latin_text_needs_no_look_for_invisible_characters() -> None:
    """invisible_character skips texts whose characters are all ASCII or Latin (but the soft
    hyphen): none of those is invisible, as the character-by-character look agrees."""
    from clusterfolio.model import _BEYOND_LATIN, invisible_character

    skipped = [chr(c) for c in range(0x80, 0x3000) if not _BEYOND_LATIN.search(chr(c))]
    assert len(skipped) > 400 and "\u00ad" not in skipped
    assert not [ch for ch in skipped if invisible_character(f"x{ch}\u0100") is not None]
    assert invisible_character("Gr\u00fc\u00dfe\u00ad") is not None  # a soft hyphen among Latin letters is still found
