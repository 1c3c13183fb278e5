"""Interface strings: catalogs complete for every shipped language and in step with the code."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from clusterfolio.i18n import LOCALES_DIR, Translator, extract_catalog

SHIPPED = ("de", "en", "fr")


def catalog(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_template_is_up_to_date() -> None:
    extracted = {m.id for m in extract_catalog() if m.id}
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert extracted == template, "run `python build.py i18n` (make i18n) and translate the new strings"


@pytest.mark.parametrize("lang", SHIPPED)
def test_catalog_is_complete(lang: str) -> None:
    extracted = {m.id for m in extract_catalog() if m.id}
    translated = {m.id: m.string for m in catalog(lang) if m.id}
    # Plural messages have a tuple of forms, each of which must be there.
    missing = sorted(str(i) for i in extracted if not translated.get(i) or (isinstance(translated[i], tuple) and not all(translated[i])))
    assert missing == [], f"{lang}: untranslated: {missing}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_placeholders_survive_translation(lang: str) -> None:
    for message in catalog(lang):
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = sorted(set(re.findall(r"{\w+}", " ".join(ids))))
            for string in strings:
                assert sorted(set(re.findall(r"{\w+}", string))) == wanted, message.id


def test_translator_uses_the_catalog_and_babel() -> None:
    import datetime as dt

    fr = Translator("fr", "de")
    assert fr._("Members") == "Membres"
    assert fr.date(dt.date(2028, 3, 11)) == "11 mars 2028"
    assert fr.country("DE") == "Allemagne"
    assert fr.list(["a", "b", "c"]) == "a, b et c"
    assert Translator("de", "de").number(1234) == "1.234"
    text = fr.text({"de": "Hallo"})
    assert text is not None and (text.text, text.lang, text.fallback) == ("Hallo", "de", True)
