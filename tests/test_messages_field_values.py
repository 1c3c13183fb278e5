"""Issue 23, item 2: the messages about field values and files are translatable messages.

The reader (yamlsafe), the loading of profiles, the field types (model), logo paths, mkdocs.yml
(config), restricted Markdown and web addresses say what is wrong with messages.M/N, whose
literal texts the catalog extracts; what they return for others to use is a message too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from clusterfolio import markdown, model, paths, weburl
from clusterfolio.config import ConfigError, read_config
from clusterfolio.i18n import extract_catalog
from clusterfolio.loading import load_text
from clusterfolio.messages import Msg
from clusterfolio.suggest import did_you_mean
from clusterfolio.yamlsafe import bad_character, parse

from .conftest import ROOT
from .test_messages import _leaves

MODULES = ("model", "loading", "yamlsafe", "paths", "suggest", "config", "markdown", "weburl")
# The calls that turn a text into a problem; each takes the message just before the code.
_PROBLEM_CALLS = ("fail", "problem", "add", "make")


def _plain_texts(tree: ast.AST) -> list[int]:
    """Lines where a problem's message is written as a plain or f-string, not as M(...) or N(...)."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name not in _PROBLEM_CALLS or len(node.args) < 2:
            continue
        message = node.args[-2]
        if isinstance(message, ast.JoinedStr) or isinstance(message, ast.Constant) and isinstance(message.value, str):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("module", MODULES)
def test_no_problem_message_is_written_as_plain_text(module: str) -> None:
    tree = ast.parse((ROOT / "clusterfolio" / f"{module}.py").read_text(encoding="utf-8"))
    assert _plain_texts(tree) == []


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in extract_catalog(domain="problems") if m.id}


def _refusal(adapter: TypeAdapter, value: object) -> Msg:
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)
    msg = caught.value.errors()[0]["ctx"]["msg"]
    assert isinstance(msg, Msg)
    return msg


# Messages no fixture of the bad-input corpus makes, each from its own module.
def _direct_messages(tmp_path: Path) -> list[Msg]:
    found: list[Msg] = []
    url, year, text = TypeAdapter(model.Url), TypeAdapter(model.Year), TypeAdapter(model.Text(20))
    for address in ("https://example.com:0443/", "https://ρaypal.example/", "https://аррӏе.example/", "https://💩.example/",
                    "https://xn--a.example/", "https://[::1]/", "https:example.com", "ftp://x.example", "https://a_b.example/"):
        found.append(_refusal(url, address))
    found += [_refusal(year, ["1998"]), _refusal(year, None), _refusal(text, "x" * 21), _refusal(text, "a\tb")]
    for source in ("[x](https://a\\\\b)", "[x](mailto:a@b.example?cc=c@d.example)", "a &#x202E; b", "text {: .class}", "| a |\n|---|\n| b |"):
        found += [message for _, message, _ in markdown.check(source)]
    for source in ("a: [\n", "a: 'x\n", "a:\n\t- b\n", "a: b: c\n", "a: &x 1\nb: *x\n", "? [a]\n: b\n", "a: 1\n---\nb: 2\n", "[" * 30 + "\n"):
        found += [p.msg for p in parse(source, "f.yml").problems]
    for kind, source in (("cluster", "partners:\n  - \n"), ("member", "nmae: x\n"), ("member", "zzz: x\n"), ("member", "competences: {a: b}\n")):
        found += [p.msg for p in load_text(kind, source).problems]
    found += [paths.logo_form_problem(logo) for logo in ("logos/*.svg", "logos/a b.svg", "logos/sub/a.svg", "logos/A_B.SVG")]
    found.append(bad_character("a\u202eb"))
    for mkdocs in ("extra: {}\n", "extra:\n  languages: [de, EN, de]\n  fallback_languages: x\n  page_size: 1\n  rows_per_page: 1\n"
                   "  managers: [bob]\nsite_url: ftp://x\n", "extra:\n  languages: [de, en]\n  fallback_languages: [fr]\n"):
        (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            read_config(tmp_path)
        found += [p.msg for p in caught.value.problems]
    with pytest.raises(ConfigError) as caught:
        read_config(tmp_path / "nowhere")
    found += [p.msg for p in caught.value.problems]
    return found


def test_messages_outside_the_corpus_are_messages_the_catalog_holds(tmp_path: Path, extracted: set[str]) -> None:
    found = _direct_messages(tmp_path)
    assert found and all(isinstance(msg, Msg) for msg in found), [m for m in found if not isinstance(m, Msg)]
    missing = sorted({leaf for msg in found for leaf in _leaves(msg) if leaf not in extracted})
    assert missing == []
    for msg in found:  # every one renders in every language (a placeholder missing from its values would raise)
        assert msg.render("de") and msg.render("fr")


def test_english_texts_stay_as_they_were() -> None:
    """The English a tool or a test reads is the text from before the messages were translatable."""
    [(_, link, _)] = markdown.check("[x](https://a\\\\b)")
    assert str(link) == ("link target 'https://a\\b' is not allowed; the address contains a backslash (\\), which browsers read as a "
                         "slash (/): they would open 'a'; write / instead, or leave it out")
    [(_, attributes, _)] = markdown.check("text {: .class}")
    assert str(attributes) == "attribute lists ('{: …}') are not allowed"  # braces in a message are written {{ }}
    [(_, heading, _)] = markdown.check("# Title")
    assert str(heading) == ("headings are not allowed (use **bold** text); allowed: paragraphs, line breaks, *emphasis*, **strong**, "
                            "bullet and numbered lists, and [links](https://…)")
    assert str(_refusal(TypeAdapter(model.Country), "Germany")) == "'Germany' is not an ISO 3166-1 alpha-2 country code; did you mean 'DE'?"
    assert str(_refusal(TypeAdapter(model.Language), "xx")) == "'xx' is not an ISO 639-1 language code; use the two-letter ISO 639-1 code, e.g. de, en, fr"
    [unknown] = load_text("member", "nmae: x\n").problems[-1:]
    assert unknown.message.startswith("unknown field 'nmae'; did you mean 'name'? Valid fields here: name, type,")
    [other] = [p for p in load_text("member", "zzz: x\n").problems if p.code == "CF-E102"]
    assert other.message.startswith("unknown field 'zzz'. Valid fields here: name, type,")


def test_an_empty_list_entry_is_found_as_nothing() -> None:
    """`- ` with nothing after it was reported as "found the text 'None'"."""
    [problem] = [p for p in load_text("cluster", "partners:\n  - \n").problems if p.code == "CF-E103"]
    assert problem.message == "expected fields (name: value on indented lines), found nothing"


def test_did_you_mean_is_a_message_with_an_option_and_false_without() -> None:
    hint = did_you_mean("laser-sytems", ["laser-systems", "optics"])
    assert isinstance(hint, Msg) and str(hint) == "; did you mean 'laser-systems'?"
    assert did_you_mean("zzz", ["laser-systems"]) == ""  # falsy: `did_you_mean(...) or other_hint` works


def test_script_names_are_in_the_reader_language() -> None:
    found = weburl.problem("https://lumera-optіcs.example/")
    assert found is not None
    message, code = found
    assert code == "CF-E134" and "mixes Latin and Cyrillic letters" in str(message)
    assert weburl.ScriptName("Cyrillic").render("de") == "Kyrillisch"
    assert weburl.ScriptName("Cyrillic").render("fr") == "cyrillique"
    assert weburl.ScriptName("Cyrillic").render("en") == "Cyrillic"
    assert "Kyrillisch" in message.render("de")
