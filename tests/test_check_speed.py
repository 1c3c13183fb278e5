"""The shortcuts that keep `check` on 10,000 members under 3 s (docs/decisions.md, "check at 10,000
members again (issue 26)") answer as the full looks they skip: the same problems, at the same places."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clusterfolio import placeholders, weburl, yaml12
from clusterfolio import project as loading
from clusterfolio.commands.site import _count_profiles
from clusterfolio.config import read_config
from clusterfolio.loading import load_text
from clusterfolio.messages import M
from clusterfolio.problems import Problem
from clusterfolio.validate.values import _model_value, check_editor_numbers

from .conftest import MINIMAL

DAY = dt.date(2026, 11, 26)


# --- web addresses: plain_address is a shortcut of full_problem ----------------------------------

_HOST_CHARACTERS = st.sampled_from(list("abcxyzABZ0129-.") + ["xn--", "--", ".example", ".com", "é", "%41", "_"])
_HOSTS = st.lists(_HOST_CHARACTERS, min_size=1, max_size=14).map("".join)
_PORTS = st.sampled_from(["", ":443", ":0443", ":65535", ":65536", ":", ":8080", ":99999"])
_PATHS = st.sampled_from(["", "/", "/a/b?c=d#e", "?q", "#f", "/ä", "/a\\b", "/ x", "/%zz", "/@x"])


@settings(max_examples=800, deadline=None)
@given(scheme=st.sampled_from(["https://", "HTTPS://", "https:/"]), host=_HOSTS, port=_PORTS, path=_PATHS)
@example(scheme="https://", host="bench-04998.example.com", port="", path="")
@example(scheme="https://", host="a.1", port="", path="")
@example(scheme="https://", host="1.2.3.4", port="", path="/")
@example(scheme="https://", host="example.com.", port="", path="")
@example(scheme="https://", host="a" * 64 + ".com", port="", path="")
@example(scheme="https://", host=("a" * 60 + ".") * 5 + "com", port="", path="")
@example(scheme="https://", host="xn--mnchen-3ya.example", port="", path="")
@example(scheme="https://", host="a-.example.com", port="", path="")
@example(scheme="https://", host="ab--cd.example", port="", path="")  # hyphens in third and fourth place
@example(scheme="https://", host="xn--zz.example", port="", path="")  # no valid international name
@example(scheme="https://", host="Example.COM", port=":443", path="/x")
def test_the_plain_address_shortcut_answers_as_the_full_look(scheme: str, host: str, port: str, path: str) -> None:
    url = f"{scheme}{host}{port}{path}"
    for subject in (None, M("the address")):
        full = weburl.full_problem(url, subject)
        if weburl.plain_address(url):
            assert full is None, url
        assert weburl.problem(url, subject) == full


def test_the_plain_address_shortcut_takes_the_usual_addresses() -> None:
    """Else it would save nothing: the generated members' and the demo's addresses are plain."""
    assert weburl.plain_address("https://bench-04998.example.com")
    assert weburl.plain_address("https://www.lumera-optics.example/en/?a=1#b")
    assert not weburl.plain_address("https://xn--mnchen-3ya.example/")
    assert not weburl.plain_address("https://münchen.example/")


# --- texts the browser editor would rewrite: the reader's candidates instead of every value -------

def _every_value(loaded: Any) -> list[Problem]:
    """check_editor_numbers as it was: a walk over every value of the file (the reference)."""
    doc, out = loaded.doc, []

    def walk(raw: Any, path: tuple) -> None:
        if isinstance(raw, dict):
            for key, item in raw.items():
                walk(item, path + (key,))
        elif isinstance(raw, list):
            for index, item in enumerate(raw):
                walk(item, path + (index,))
        elif isinstance(raw, str) and raw[:1] in yaml12.FIRST and path not in doc.styles:
            saved = yaml12.rewritten(raw)
            if saved is not None and not isinstance(_model_value(loaded.model, path), int):
                shown = json.dumps(raw, ensure_ascii=False)
                if isinstance(path[-1], str):
                    shown = f"{path[-1]}: {shown}"
                out.append(doc.problem(path, M("{value} without quotes would be saved as {saved} by the browser editor; write it in quotes: {quoted}",
                                               value=raw, saved=saved, quoted=shown), "CF-W102", at_value=True))

    walk(doc.data, ())
    return out


_VALUES = st.sampled_from(["07121555010", "+49 711 1", "1e3", "0x1F", "True", "false", "'012'", '"1e3"', "012",
                           ".5", "-1", "2020", "1.0", "text", "[1e5, x, .5]", "{a: 0x10, b: [true]}", "", "~", ">\n  12"])
_KEYS = st.sampled_from(["phone", "founded", "member_since", "name", "employees", "maintainers", "x", "12", "true"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_KEYS, _VALUES, st.booleans()), min_size=1, max_size=8))
@example([("phone", "0712", False), ("phone", "'+1'", False)])  # a repeated key: the first value stays, the second's style is kept
@example([("maintainers", "[True, 012]", False), ("founded", "1e3", True)])
def test_editor_numbers_from_the_readers_candidates_are_those_of_every_value(entries: list[tuple[str, str, bool]]) -> None:
    lines = []
    for key, value, nested in entries:
        lines += [f"{key}:", f"  inner: {value}"] if nested else [f"{key}: {value}"]
    loaded = load_text("member", "\n".join(lines) + "\n", "m.yml")
    if loaded.usable is None:  # not a mapping, or unparsable: check_file skips it too
        return
    loaded = replace(loaded, model=loaded.usable)
    assert sorted(check_editor_numbers(loaded)) == sorted(_every_value(loaded))


# --- the scaffold's placeholders: looked for while loading ---------------------------------------

ODD_MEMBERS = {
    "ph-marker.yml": "name: 'To complete: the name'\ntype: sme\n",
    "ph-folded.yml": "name: 'To\n  complete: x'\ntype: sme\n",
    "ph-escape.yml": 'name: "\\u00c0 compl\\u00e9ter : le nom"\ntype: sme\n',
    "ph-bom.yml": "\ufeffname: 'Zu ergänzen: Name'\ntype: sme\nwebsite: https://www.EXAMPLE.com\n",
    "ph-shield.yml": "name: 'Lumera\u200b Optics To complete: x\u0007'\n",
    "ph-example.yml": "name: Lumera\nwebsite: https://lumera.example.com\ncontact:\n  email: a@medtech.example\n",
    "ph-caps.yml": "name: 'TO COMPLETE: caps'\nsummary:\n  de: Beispiel EXAMPLE.ORG\n",
    "ph-broken.yml": "name: 'To complete: x\n",
    "ph-empty.yml": "",
    ".hidden.yml": "name: 'To complete: hidden'\n",
    ".yml": "name: >\n  To complete: nameless\n",
    "plain.yml": "name: Plain Optics\ntype: sme\n",
}


def _project(tmp_path: Path, fictional: bool) -> Path:
    root = tmp_path / "p"
    shutil.copytree(MINIMAL, root)
    if not fictional:
        mkdocs = root / "mkdocs.yml"
        mkdocs.write_text(mkdocs.read_text().replace("fictional: true", "fictional: false"))
    members = root / "profiles/members"
    for name, text in ODD_MEMBERS.items():
        (members / name).write_text(text, encoding="utf-8")
    # Not UTF-8: loading refuses it, find reads it with replacement characters (and finds the marker).
    (members / "ph-latin1.yml").write_bytes("name: 'To complete: Näme'\ncontact:\n  email: info@x.example\n".encode("latin-1"))
    (members / "folder.yml").mkdir()
    (members / "link.yml").symlink_to(members / "ph-marker.yml")
    return root


@pytest.mark.parametrize("fictional", [True, False])
@pytest.mark.parametrize("parallel", [False, True])
def test_placeholders_found_while_loading_are_those_find_finds(tmp_path: Path, monkeypatch, fictional: bool, parallel: bool) -> None:
    config = read_config(_project(tmp_path, fictional))
    if parallel:
        monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
        monkeypatch.setattr(loading, "PIECE", 2)
    together = loading.load_project(config, DAY, problems_only=True, placeholders=True)[1]
    apart = loading.load_project(config, DAY, problems_only=True)[1] + placeholders.find(config)
    assert sorted(together) == sorted(apart)
    codes = [p.code for p in placeholders.find(config)]
    assert codes.count("CF-W706") >= 8 and (fictional or "CF-W707" in codes)  # the corpus has something to find


def test_a_file_that_cannot_hold_a_placeholder_is_not_walked(tmp_path: Path, monkeypatch) -> None:
    """The shortcut still works for the file loading parsed: no look at its values."""
    config = read_config(_project(tmp_path, True))
    walked: list[str] = []
    real = placeholders._value_problems
    monkeypatch.setattr(placeholders, "_value_problems", lambda doc, fictional: walked.append(doc.file) or real(doc, fictional))
    loading.load_project(config, DAY, problems_only=True, placeholders=True)
    assert "profiles/members/plain.yml" not in walked and "profiles/members/ph-marker.yml" in walked


def test_the_files_counted_are_those_glob_finds(tmp_path: Path) -> None:
    members = _project(tmp_path, True) / "profiles/members"
    assert _count_profiles(members) == len(list(members.glob("*.yml")))
    assert _count_profiles(tmp_path / "missing") == 0
