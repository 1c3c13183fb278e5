"""Translatable texts: languages, lengths, one-line texts, Markdown and completeness."""
from __future__ import annotations

import re
from typing import Any

from .. import markdown
from ..config import Config
from ..loading import Loaded
from ..messages import Language, M, Msg, N
from ..model import ALL_LANGUAGES_REQUIRED, LINE_BREAK, LangListMap, TextRules, invisible_character, translatables
from ..problems import Problem, quote
from ..suggest import did_you_mean
from ..yamlsafe import Document, bad_character, format_path


def check_translations(loaded: Loaded, config: Config) -> list[Problem]:
    """Languages, lengths, Markdown and completeness of every translatable text in a file."""
    doc, out = loaded.doc, []
    default = config.default_language
    for path, value, rules, owner, name in translatables(loaded.model):
        for lang, text in value.items():
            if lang not in config.languages:
                out.append(doc.problem(path + (lang,), M(
                    "translation keyed {value}, a language the site does not have (site languages: {languages})",
                    value=quote(lang), languages=", ".join(config.languages)) + did_you_mean(str(lang), config.languages), "CF-E202"))
            elif isinstance(value, LangListMap):
                out += _list_problems(doc, path + (lang,), text, rules)
            else:
                out += _text_problems(doc, path + (lang,), text, rules)
        if default not in value:
            out.append(doc.problem(path, M("the text in the default language {language_code} ({language}) is missing; it is required",
                                           language_code=quote(default), language=Language(default)), "CF-E203"))
            continue
        required = (owner, name) in ALL_LANGUAGES_REQUIRED
        out += [_untranslated(doc, path, lang, default, required) for lang in config.languages[1:]
                if lang not in value and (required or lang not in config.fallback_languages)]
    return out


def _list_problems(doc: Document, path: tuple, items: list[str], rules: TextRules) -> list[Problem]:
    """A translated list (offers): how many entries, and each entry's length and line."""
    out = []
    if len(items) > rules.max_len:
        out.append(doc.problem(path, N("lists {count} entry; the limit is {limit}", "lists {count} entries; the limit is {limit}",
                                       len(items), limit=rules.max_len), "CF-E127"))
    for index, item in enumerate(items):
        if len(item) > rules.item_max_len:
            out.append(doc.problem(path + (index,), N("is {count} character long; the limit is {limit}", "is {count} characters long; the limit is {limit}",
                                                      len(item), limit=rules.item_max_len), "CF-E108"))
        elif found := _one_line_problem(item):
            out.append(doc.problem(path + (index,), *found))
    return out


def _text_problems(doc: Document, path: tuple, text: str, rules: TextRules) -> list[Problem]:
    """One language's text: its length, then its Markdown or, for a short text, its one line."""
    out = []
    lang = path[-1]
    too_long = len(text) > rules.max_len
    if too_long:
        out.append(doc.problem(path, N("the {language_code} text is {count} character long; the limit is {limit}",
                                       "the {language_code} text is {count} characters long; the limit is {limit}",
                                       len(text), language_code=quote(lang), limit=rules.max_len), "CF-E108"))
    if rules.markdown:
        if too_long:
            return out  # it must be shortened first; and the Markdown check stays linear in the limit
        column = doc.value_at(path)[1]
        for offset, message, code in markdown.check(text):
            line = source_line(doc, path, offset)
            out.append(Problem.make(doc.file, line, column, format_path(path), message, code))
    elif rules.max_len <= ONE_LINE_MAX and (found := _one_line_problem(text)):
        out.append(doc.problem(path, *found))
    return out


def _untranslated(doc: Document, path: tuple, lang: str, default: str, required: bool) -> Problem:
    """A site language a text has no translation in: an error where every language is required."""
    if required:
        return doc.problem(path, M("no {language} ({language_code}) text; taxonomy labels are needed in every site language",
                                   language=Language(lang), language_code=lang), "CF-E204")
    return doc.problem(path, M("no {language} ({language_code}) translation; the {default_language} text will be shown instead",
                               language=Language(lang), language_code=lang, default_language=Language(default)), "CF-W201")


# Translatable texts up to this length are one line (taglines, labels, list items).
ONE_LINE_MAX = 120
_LEADING_SPACE = re.compile(r"\s*")


def _one_line_problem(text: str) -> tuple[str | Msg, str] | None:
    """(message, code) for a line break or an invisible character in a one-line text, or None."""
    if LINE_BREAK.search(text.strip()):
        return M("must be a single line"), "CF-E109"
    if "\t" in text:
        return M("contains a tab character at position {position}; replace it with a space", position=text.index("\t") + 1), "CF-E131"
    problem = invisible_character(text)
    if problem and not bad_character(text):  # those the reader reported already
        return problem, "CF-E130"
    return None


def source_line(doc: Document, path: tuple, offset: int) -> int:
    """The file line of line `offset` of a (stripped) text value, for any YAML scalar style.

    Asked once per Markdown problem, so it must not look at the whole file each time: the
    document counts its blank lines once (Document.line_after_blank_lines).
    """
    raw: Any = doc.data
    for part in path:
        raw = raw[part] if isinstance(raw, (dict, list)) else ""
    raw = raw if isinstance(raw, str) else ""
    target = offset + _LEADING_SPACE.match(raw).group().count("\n")  # stripped leading blank lines
    first = doc.value_at(path)[0]
    if doc.styles.get(path) == "|":  # literal: one file line per text line
        return first + target
    # Folded styles ('>', quoted, plain): a line break in the text is a blank line in the file.
    return doc.line_after_blank_lines(first, target) or first

