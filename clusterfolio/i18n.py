"""Interface strings (gettext catalogs under theme/locales) and locale formatting (Babel)."""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_interval, tokenize_pattern, untokenize_pattern
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from .messages import compiled
from .resources import locales_dir

DOMAIN = "messages"
LOCALES_DIR = locales_dir()

# The CLDR skeleton of a date range ("15–17 avril 2026"): day, month, year, months spelled out as in
# the long single date. Babel's format_interval matches yMMMMd to CLDR's yMMMd but does not widen the
# month from MMM to MMMM as TR35 says a match may ("avr."): `interval` does (docs/decisions.md,
# "Words and numbers that read right").
INTERVAL_SKELETON = "yMMMd"
# Between the two ends of a numeric range (employees "50–249", years "2024–2026"): CLDR's range
# pattern ({0}–{1}) in de, en and fr, which Babel does not load.
RANGE_DASH = "\u2013"


@cache
def _translations(lang: str, folder: Path = LOCALES_DIR) -> Translations:
    return compiled(folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang, DOMAIN)


@dataclass(frozen=True)
class Localized:
    """A text and the language it is really in (which may be the fallback)."""

    text: str
    lang: str
    fallback: bool


class Translator:
    """Everything a page needs to speak one language."""

    def __init__(self, lang: str, default: str) -> None:
        self.lang = lang
        self.default = default
        self.locale = Locale.parse(lang)
        self._tr = _translations(lang)

    def _(self, message: str) -> str:
        """Translate an interface string."""
        return self._tr.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate with a plural form for n."""
        return self._tr.ngettext(singular, plural, n)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """Translate with a plural form for n, in a context (a msgid the catalog also has alone)."""
        return self._tr.npgettext(context, singular, plural, n)

    def count(self, singular: str, plural: str, n: int) -> str:
        """"{n} members" with the plural form the catalog's rule picks for n, and n in this locale."""
        return self.ngettext(singular, plural, n).format(n=self.number(n))

    def labelled(self, label: str, value: str) -> str:
        """"Label: value" as this language writes it (French: a no-break space before the colon)."""
        return self._("{label}: {value}").format(label=label, value=value)

    @property
    def colon(self) -> str:
        """What goes between a label and its value, for templates that put markup around the value."""
        return self.labelled("", "")

    def text(self, value: Mapping[str, object] | None) -> Localized | None:
        """The value in this language, else in the default language, marked as fallback."""
        if not value:
            return None
        if self.lang in value:
            return Localized(value[self.lang], self.lang, False)  # type: ignore[arg-type]
        if self.default in value:
            return Localized(value[self.default], self.default, True)  # type: ignore[arg-type]
        lang = sorted(value)[0]
        return Localized(value[lang], lang, True)  # type: ignore[arg-type]

    def date(self, value: dt.date) -> str:
        """A date in this locale's long format ("1er décembre 2026", "1. Dezember 2026")."""
        return format_date(value, self._pattern(self.locale.date_formats["long"].pattern, value), locale=self.locale)

    def interval(self, start: dt.date, end: dt.date | None) -> str:
        """From start to end with CLDR's interval patterns: what both share is said once
        ("15–17 avril 2026", "28 avril – 2 mai 2026", "28 décembre 2026 – 3 janvier 2027")."""
        if end is None or end == start:
            return self.date(start)
        formats = self.locale.interval_formats.get(INTERVAL_SKELETON) or {}
        # TR35: the pattern of the greatest calendar field in which the two dates differ.
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if field not in formats:
            return format_interval(start, end, INTERVAL_SKELETON, locale=self.locale)
        return "".join(format_date(d, self._pattern(p, d), locale=self.locale) for p, d in zip(formats[field], (start, end), strict=True))

    def _pattern(self, pattern: str, value: dt.date) -> str:
        """A CLDR date pattern with months spelled out (MMM as MMMM), and French's "1er" for the
        first day of a month, which CLDR writes "1" (French typography writes the ordinal there only)."""
        tokens = []
        for kind, token in tokenize_pattern(pattern):
            if kind == "field" and token[0] in "ML" and token[1] == 3:
                token = (token[0], 4)
            elif kind == "field" and token == ("d", 1) and value.day == 1 and self.locale.language == "fr":
                kind, token = "chars", "1er"
            tokens.append((kind, token))
        return untokenize_pattern(tokens)

    def span(self, low: str, high: str) -> str:
        """A range of two values as typography writes it: an en dash, no spaces ("2024–2026")."""
        return f"{low}{RANGE_DASH}{high}"

    def band(self, band: str) -> str:
        """An employee band as the data writes it ("50-249", "1000+") for reading: "50–249", "1 000+"."""
        low, sep, high = band.partition("-")
        if sep and low.isdigit() and high.isdigit():
            return self.span(self.number(int(low)), self.number(int(high)))
        if band.endswith("+") and band[:-1].isdigit():
            return f"{self.number(int(band[:-1]))}+"
        return band

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self.locale)

    def country(self, code: str) -> str:
        return self.locale.territories.get(code.upper(), code.upper())

    def language(self, code: str) -> str:
        return self.locale.languages.get(code, code)

    def list(self, items: Iterable[str], style: str = "standard") -> str:
        items = list(items)
        return format_list(items, style=style, locale=self.locale) if items else ""

    def language_name(self, code: str) -> str:
        """The language's name in its own language (for the switcher and root page)."""
        return Locale.parse(code).get_display_name(code) or code

    def sort_key(self, text: str) -> str:
        """Sort names the way readers of this language expect (case- and accent-insensitive)."""
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def countries_sorted(codes: Sequence[str], tr: Translator) -> list[str]:
    """Country codes sorted by their name in the translator's language."""
    return sorted(set(codes), key=lambda c: tr.sort_key(tr.country(c)))


def extract_messages(fileobj, keywords, comment_tags, options):  # type: ignore[no-untyped-def]
    """Babel extractor that also sees calls inside f-strings (Python 3.11 tokenises them whole)."""
    import ast

    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if name == "_" and len(args) == 1:
            yield node.lineno, "_", args[0], []
        elif name == "ngettext" and len(args) == 2:
            yield node.lineno, "ngettext", (args[0], args[1]), []
        elif name == "npgettext" and len(args) == 3:
            yield node.lineno, "npgettext", tuple(args), []


def extract_catalog(package: Path | None = None, domain: str = DOMAIN):  # type: ignore[no-untyped-def]
    """Every string of a domain, as a Babel catalog (the template): the interface strings
    (`messages`: _(), ngettext() and npgettext()), or the messages of check and the other commands
    (`problems`: M(), N() and the codes' texts, clusterfolio/messages.py)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from . import messages

    package = package or Path(__file__).resolve().parent
    catalog = Catalog(project="clusterfolio", fuzzy=False)
    if domain == DOMAIN:
        method, keywords = extract_messages, {"_": None, "ngettext": (1, 2), "npgettext": ((1, "c"), 2, 3)}
    else:
        method, keywords = messages.extract, {"M": None, "N": (1, 2), "_e": None, "_w": None}
    for _file, _line, message, _comments, context in extract_from_dir(str(package), method_map=[("**.py", method)], keywords=keywords):
        catalog.add(message, flags=("python-brace-format",) if "{" in str(message) else (), context=context)
    return catalog


def update_catalogs(languages: Sequence[str], folder: Path = LOCALES_DIR) -> list[str]:
    """Write each domain's .pot and bring each language's .po up to date; return untranslated counts.

    The interface strings are kept for the shipped languages; the problems' messages for de, en
    and fr, the languages members read them in (messages.LANGUAGES)."""
    from . import messages

    report = []
    # English is the problems' msgids themselves: no catalog of its own.
    translated = tuple(lang for lang in messages.LANGUAGES if lang != messages.DEFAULT)
    for domain, langs in ((DOMAIN, languages), (messages.DOMAIN, translated)):
        report += _update_domain(domain, extract_catalog(domain=domain), langs, folder)
    _translations.cache_clear()
    messages._translations.cache_clear()
    return report


def _update_domain(domain: str, template, languages: Sequence[str], folder: Path) -> list[str]:  # type: ignore[no-untyped-def]
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{domain}.pot").open("wb") as handle:
        write_po(handle, template, omit_header=True, sort_output=True, no_location=True)
    report = []
    for lang in languages:
        po = folder / lang / "LC_MESSAGES" / f"{domain}.po"
        if po.is_file():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            catalog = Catalog(locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as handle:
            write_po(handle, catalog, omit_header=True, sort_output=True, no_location=True, ignore_obsolete=True)
        missing = sum(1 for m in catalog if m.id and not m.string)
        report.append(f"{po.relative_to(folder.parent.parent)}: {missing} untranslated")
    return report
