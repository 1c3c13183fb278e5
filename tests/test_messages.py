"""Issue 23: every message in the member's language. The catalogs are complete and consistent,
every problem the bad-input corpus makes is a translatable message rendered in German and French
with nothing falling back to English, and the codes' pages exist in every language."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from clusterfolio import codes, messages
from clusterfolio.config import read_config
from clusterfolio.i18n import extract_catalog
from clusterfolio.messages import Msg
from clusterfolio.project import load_project
from clusterfolio.resources import locales_dir

from .conftest import MINIMAL, ROOT, TEST_DATE
from .test_bad_inputs import FIXTURES, placement, read_header

TRANSLATED = tuple(lang for lang in messages.LANGUAGES if lang != messages.DEFAULT)
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (locales_dir() / lang / "LC_MESSAGES" / f"{messages.DOMAIN}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_the_committed_template_holds_every_message_of_the_package() -> None:
    """`python build.py i18n` was run: problems.pot lists what the code says."""
    with (locales_dir() / f"{messages.DOMAIN}.pot").open("rb") as handle:
        committed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(handle) if m.id}
    extracted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in extract_catalog(domain=messages.DOMAIN) if m.id}
    assert sorted(map(str, extracted - committed)) == [], "run `python build.py i18n`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_a_translation_with_the_same_placeholders(lang: str) -> None:
    untranslated, mismatched = [], []
    for message in catalog(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if not all(strings):
            untranslated.append(ids[0])
            continue
        wanted = set(_PLACEHOLDER.findall(ids[-1])) | set(_PLACEHOLDER.findall(ids[0]))
        for text in strings:
            # A plural form may leave out {count} (German "eine Warnung"), never anything else.
            if set(_PLACEHOLDER.findall(text)) - wanted or wanted - set(_PLACEHOLDER.findall(text)) - {"count"}:
                mismatched.append((ids[0], text))
    assert untranslated == [], f"{len(untranslated)} messages without a {lang} translation, e.g. {untranslated[:5]}"
    assert mismatched == []


def _outside_code(text: str) -> str:
    """Text without `code spans`, URLs and {placeholders}: what typography rules apply to."""
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"https?://\S+", "", text)
    return _PLACEHOLDER.sub("", text)


def test_french_messages_follow_french_typography() -> None:
    """A (non-breaking) space before : ; ? !, and «…» instead of English quotation marks."""
    wrong = []
    for message in catalog("fr"):
        if not message.id:
            continue  # the catalog's header
        for text in [message.string] if isinstance(message.string, str) else list(message.string or ()):
            if not text:
                continue
            plain = _outside_code(text)
            if re.search(r"[^\s\u00a0\u202f]([:;?!])(?=\s|$)", plain) or re.search(r'"|“|”', plain):
                wrong.append(text)
    assert wrong == [], wrong[:10]


def test_german_messages_address_the_reader_as_sie() -> None:
    informal = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deiner|euch|euer|eure)\b", re.I)
    assert [m.string for m in catalog("de") if isinstance(m.string, str) and informal.search(_outside_code(m.string))] == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_code_has_its_title_meaning_and_fix_in_the_language(lang: str) -> None:
    for code in codes.CODES:
        english, local = codes.lookup(code), codes.localized(code, lang)
        assert (local.title, local.meaning, local.fix) != (english.title, english.meaning, english.fix), code


# --- the bad-input corpus in German and French ----------------------------------------------------


def _leaves(msg: Msg) -> list[str]:
    """The texts of a message that a translator translates (not the joins of parts)."""
    out = [] if msg.text in ("", "{a}{b}") else [msg.text]
    for _, value in msg.args:
        if isinstance(value, Msg):
            out += _leaves(value)
    return out


@pytest.fixture(scope="module")
def corpus_problems(tmp_path_factory: pytest.TempPathFactory) -> list:
    """Every problem check reports on each bad-input fixture (placed as test_bad_inputs places it)."""
    found = []
    for fixture in FIXTURES:
        header = read_header(fixture)
        if header["kind"][0] == "mkdocs":
            continue  # mkdocs.yml problems stop the loading; tests/test_cli.py covers their text
        root = tmp_path_factory.mktemp("corpus") / "project"
        shutil.copytree(MINIMAL, root)
        target = placement(fixture, header)
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_bytes(fixture.read_bytes())
        if header["kind"][0] == "logo":
            good = root / "profiles/members/good.yml"
            good.write_text(good.read_text() + f"logo: {target.removeprefix('profiles/')}\n")
        _, problems = load_project(read_config(root), dt.date.fromisoformat(TEST_DATE))
        found += [(fixture.name, p) for p in problems]
    return found


def test_every_problem_of_the_corpus_is_a_translatable_message(corpus_problems: list) -> None:
    plain = sorted({(name, p.code, p.message[:60]) for name, p in corpus_problems if p.msg is None})
    assert plain == [], plain[:10]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_message_of_the_corpus_falls_back_to_english(corpus_problems: list, lang: str) -> None:
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog(lang) if m.id}
    missing = sorted({(name, p.code, leaf[:50]) for name, p in corpus_problems if p.msg for leaf in _leaves(p.msg)
                      if not (translated.get(leaf) if isinstance(translated.get(leaf), str) else all(translated.get(leaf) or ()))})
    assert missing == [], missing[:10]
    for _, p in corpus_problems:
        text = p.text(lang)
        assert p.code in text and (not p.field or f" {p.field}: " in text)  # field and code as written


def test_check_lang_de_speaks_german_and_keeps_codes_fields_and_values(project: Path, run) -> None:
    (project / "profiles/members/zwei.yml").write_text(
        (MINIMAL / "profiles/members/good.yml").read_text().replace("laser-systems", "laser-sytems").replace("Gute Optik GmbH", "Zwei GmbH"))
    english = run("--root", project, "check", "--format", "json", "--date", TEST_DATE).problems
    german = run("--root", project, "check", "--format", "json", "--lang", "de", "--date", TEST_DATE).problems
    assert [(p["code"], p["field"], p["message"]) for p in english] == [(p["code"], p["field"], p["message"]) for p in german]
    [problem] = german
    assert problem["language"] == "de" and problem["message_localized"] != problem["message"]
    assert "'laser-sytems'" in problem["message_localized"] and "'laser-systems'" in problem["message_localized"]
    assert problem["help"].endswith("/docs/problem-codes.de.md#cf-e201")
    text = run("--root", project, "check", "--lang", "de", "--date", TEST_DATE)
    assert text.out.startswith("profiles/members/zwei.yml:") and text.out.rstrip().endswith("[CF-E201]")
    assert "unknown competence" not in text.out


def test_the_language_comes_from_the_option_the_cluster_or_the_environment(project: Path, run, monkeypatch) -> None:
    (project / "profiles/members/zwei.yml").write_text(
        (MINIMAL / "profiles/members/good.yml").read_text().replace("laser-systems", "laser-sytems").replace("Gute Optik GmbH", "Zwei GmbH"))

    def said(*args: str) -> str:
        return run("--root", project, "check", "--format", "json", "--date", TEST_DATE, *args).problems[0]["language"]

    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert said() == "en"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert said() == "fr"
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + "  messages_language: de\n")
    assert said() == "de"  # the cluster's setting before the environment
    assert said("--lang", "en") == "en"  # the option before both
    mkdocs.write_text(mkdocs.read_text().replace("messages_language: de", "messages_language: xx"))
    result = run("--root", project, "check", "--date", TEST_DATE)
    assert result.code == 2 and "[CF-E612]" in result.err


def test_the_scaffold_sets_the_message_language_to_the_clusters_first_language(tmp_path: Path, run) -> None:
    for languages, expected in (("de,en", "de"), ("fr,de", "fr"), ("it,en", "en")):
        folder = tmp_path / languages.replace(",", "-")
        assert run("new", folder, "--name", "C", "--languages", languages, "--no-git").code == 0
        assert f"  messages_language: {expected}\n" in (folder / "mkdocs.yml").read_text(), languages


def test_every_code_page_links_the_other_languages() -> None:
    for lang in codes.DOC_LANGUAGES:
        page = (ROOT / codes.doc_path(lang)).read_text(encoding="utf-8")
        for other in codes.DOC_LANGUAGES:
            if other != lang:
                assert f"]({codes.doc_path(other).removeprefix('docs/')})" in page
