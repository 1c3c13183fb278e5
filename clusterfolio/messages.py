"""Messages for members and managers in their own language (gettext, the `problems` domain).

A message is made once, in English, with named placeholders: `M("unknown competence {value}",
value=quote(text))`, a whole sentence per case. It is rendered when shown: in English for `message` (tools and tests read
that), and in the reader's language for the text a person reads (`--lang`, else the cluster's
`extra.messages_language`, else the environment, else English). The code and the placeholders are
the same in every language; a placeholder's value is shown as it is (a quoted value stays
verbatim), unless it renders itself per language (a message, a Language or a Country: Msg.render
calls its render(lang) with the reader's language).

The catalogs are theme/locales/<lang>/LC_MESSAGES/problems.po, next to the interface strings;
`python build.py i18n` extracts every M(...) and N(...) of the package into problems.pot, and
tests/test_messages.py fails when a language lacks a translation or a translation lacks a
placeholder.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar, Protocol

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .resources import locales_dir

DOMAIN = "problems"
# Languages every message is written in (catalogs complete: tests/test_messages.py).
LANGUAGES = ("en", "de", "fr")
DEFAULT = "en"


def compiled(po: Path, lang: str, domain: str) -> Translations:
    """A gettext catalog, compiled in memory from its .po file (the repository keeps no .mo files);
    without the file, none: the msgids, English, are shown (tests keep the catalogs complete)."""
    if not po.is_file():
        return Translations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=domain)


@cache
def _translations(lang: str) -> Translations:
    if lang == DEFAULT:
        return Translations()  # the msgids are the English texts
    return compiled(locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang, DOMAIN)


class Renders(Protocol):
    """A placeholder value shown differently per language (a message, a language's name): Msg.render
    calls its render(lang); any other value is shown as it is."""

    def render(self, lang: str = DEFAULT) -> str: ...


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in LANGUAGES else DEFAULT)


@dataclass(frozen=True)
class _CldrName:
    """A code as a placeholder value: its name in the reader's language from one of Babel's CLDR
    tables (`table`); the code itself where CLDR has none."""

    code: str
    table: ClassVar[str]

    def render(self, lang: str = DEFAULT) -> str:
        return getattr(_locale(lang), self.table).get(self.code, self.code)

    def __str__(self) -> str:
        return self.render(DEFAULT)


class Language(_CldrName):
    """A language code (ISO 639-1): "French", "Französisch", "français"."""

    table = "languages"


class Country(_CldrName):
    """A country code (ISO 3166-1, upper case): "Germany", "Deutschland", "Allemagne"."""

    table = "territories"


@dataclass(frozen=True)
class Msg:
    """A message: its English text with {placeholders}, their values, and (for counts) a plural."""

    text: str
    args: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None
    count: int = 0

    def render(self, lang: str = DEFAULT) -> str:
        """The message in a language (English where the catalog has no translation)."""
        if not self.text:
            return ""  # gettext("") is the catalog's header, never a message
        tr = _translations(lang if lang in LANGUAGES else DEFAULT)
        template = tr.ngettext(self.text, self.plural, self.count) if self.plural is not None else tr.gettext(self.text)
        # The Renders protocol, tested by its method: isinstance() with a Protocol costs microseconds.
        values = {key: value.render(lang) if hasattr(type(value), "render") else value for key, value in self.args}
        return template.format(**values)

    def __str__(self) -> str:
        return self.render(DEFAULT)

    def __add__(self, other: object) -> Msg:
        """Messages joined: M("a") + M("; b") renders each part in the reader's language."""
        return Msg("{a}{b}", (("a", self), ("b", other if isinstance(other, Msg) else str(other))))

    def __radd__(self, other: object) -> Msg:
        return Msg("{a}{b}", (("a", other if isinstance(other, Msg) else str(other)), ("b", self)))


def M(text: str, /, **args: Any) -> Msg:  # noqa: N802 - short, as gettext's _ is
    """A message to translate (extracted into problems.pot); args fill its {placeholders}."""
    return Msg(text, tuple(args.items()))


def N(singular: str, plural: str, count: int, /, **args: Any) -> Msg:  # noqa: N802
    """A message with a count: the plural form the language's rules pick ({count} is the number)."""
    return Msg(singular, (("count", count), *args.items()), plural, count)


def translate(text: str, lang: str = DEFAULT) -> str:
    """A fixed English text of the problems domain in a language (a code's title, meaning, fix)."""
    return _translations(lang if lang in LANGUAGES else DEFAULT).gettext(text)


def text(message: str | Msg, lang: str = DEFAULT) -> str:
    """A message, or a plain string as it is, in a language."""
    return message.render(lang) if isinstance(message, Msg) else str(message)


def joined(parts: list[str | Msg], separator: str = ", ") -> Msg:
    """Parts joined by a separator, each rendered in the reader's language."""
    out: Msg = M("")
    for index, part in enumerate(parts):
        out = (out + separator + part) if index else (out + part)
    return out


# --- which language ---------------------------------------------------------------------------


def _code(entry: str) -> str:
    return entry.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the environment asks for, if it is one of ours: LANGUAGE's list first (de:en),
    else the first of LC_ALL, LC_MESSAGES and LANG that is set (de_DE.UTF-8)."""
    environ = os.environ if environ is None else environ
    for entry in environ.get("LANGUAGE", "").split(":"):
        if _code(entry) in LANGUAGES:
            return _code(entry)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            code = _code(environ[name])
            return code if code in LANGUAGES else None
    return None


def choose(option: str | None, configured: str | None, environ: Mapping[str, str] | None = None) -> str:
    """--lang, else the cluster's extra.messages_language, else the environment, else English."""
    for candidate in (option, configured):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return from_environment(environ) or DEFAULT


# --- extraction (python build.py i18n) ---------------------------------------------------------


def extract(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """Babel extractor for the problems domain: M("…"), N("…", "… plural"), and the title, meaning
    and fix of every code in codes.py (_e/_w("nnn", title, meaning, fix))."""
    import ast

    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        strings = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else _joined(a) for a in node.args]
        if name == "M" and strings and strings[0]:
            yield node.lineno, "M", strings[0], []
        elif name == "N" and len(strings) >= 2 and strings[0] and strings[1]:
            yield node.lineno, "N", (strings[0], strings[1]), []
        elif name in ("_e", "_w") and len(strings) == 4:
            for text_ in strings[1:]:
                if text_:
                    yield node.lineno, name, text_, []


def _joined(node: object) -> str | None:
    """A string written as adjacent literals in parentheses is one Constant already; anything else
    (an f-string, a name) is no message to extract."""
    import ast

    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
