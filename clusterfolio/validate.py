"""Checks beyond one file's types: taxonomy ids, site languages, label dates, names and logos.

Every function here takes loaded files and returns problems; loading is project.py's job.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import typing
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from disarm import skeleton_key
from pydantic import BaseModel

from . import markdown, yaml12
from .colours import GRAPHIC_CONTRAST, TEXT_CONTRAST, WHITE, contrast, darker
from .config import Config
from .loading import Loaded, partial_model
from .logos import PNG_MAX, check_logo
from .messages import Language, M, Msg, N
from .model import (
    ALL_LANGUAGES_REQUIRED,
    LINE_BREAK,
    Cluster,
    ContactPerson,
    LabelStatus,
    LangListMap,
    Member,
    Taxonomy,
    invisible_character,
    translatables,
)
from .paths import (
    CONTENT_DIR,
    LOGO_EXTENSIONS,
    PROFILES_DIR,
    TAXONOMY_FILE,
    command,
    logo_form_problem,
    member_logos,
    read_limited,
    symlink_on_path,
)
from .problems import Problem, quote
from .suggest import did_you_mean
from .yamlsafe import Document, bad_character, format_path

if TYPE_CHECKING:
    from .codeowners import Owned


# --- translatable texts ------------------------------------------------------------------


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
                continue
            if isinstance(value, LangListMap):
                if len(text) > rules.max_len:
                    out.append(doc.problem(path + (lang,), N("lists {count} entry; the limit is {limit}", "lists {count} entries; the limit is {limit}",
                                                              len(text), limit=rules.max_len), "CF-E127"))
                for index, item in enumerate(text):
                    if len(item) > rules.item_max_len:
                        out.append(doc.problem(path + (lang, index), N("is {count} character long; the limit is {limit}", "is {count} characters long; the limit is {limit}",
                                                                        len(item), limit=rules.item_max_len), "CF-E108"))
                    elif found := _one_line_problem(item):
                        out.append(doc.problem(path + (lang, index), *found))
                continue
            too_long = len(text) > rules.max_len
            if too_long:
                out.append(doc.problem(path + (lang,), N("the {language_code} text is {count} character long; the limit is {limit}",
                                                          "the {language_code} text is {count} characters long; the limit is {limit}",
                                                          len(text), language_code=quote(lang), limit=rules.max_len), "CF-E108"))
            if rules.markdown:
                if too_long:
                    continue  # it must be shortened first; and the Markdown check stays linear in the limit
                column = doc.value_at(path + (lang,))[1]
                for offset, message, code in markdown.check(text):
                    line = source_line(doc, path + (lang,), offset)
                    out.append(Problem.make(doc.file, line, column, format_path(path + (lang,)), message, code))
            elif rules.max_len <= ONE_LINE_MAX and (found := _one_line_problem(text)):
                out.append(doc.problem(path + (lang,), *found))
        if default not in value:
            out.append(doc.problem(path, M("the text in the default language {language_code} ({language}) is missing; it is required",
                                           language_code=quote(default), language=Language(default)), "CF-E203"))
            continue
        for lang in config.languages[1:]:
            if lang in value:
                continue
            if (owner, name) in ALL_LANGUAGES_REQUIRED:
                out.append(doc.problem(path, M("no {language} ({language_code}) text; taxonomy labels are needed in every site language",
                                               language=Language(lang), language_code=lang), "CF-E204"))
            elif lang not in config.fallback_languages:
                out.append(doc.problem(path, M("no {language} ({language_code}) translation; the {default_language} text will be shown instead",
                                               language=Language(lang), language_code=lang, default_language=Language(default)), "CF-W201"))
    return out


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


# --- taxonomy references -----------------------------------------------------------------


# The kinds of taxonomy ids ("competence", "value-chain stage", "member type", "label scheme",
# "competence group") and what the messages say of each: whole sentences per kind, since a
# translation cannot put a noun into a sentence of its own.
def _unknown(what: str, value: str) -> Msg:
    """'unknown competence 'x'' and its kin."""
    shown = quote(value)
    return {
        "competence": M("unknown competence {value}", value=shown),
        "value-chain stage": M("unknown value-chain stage {value}", value=shown),
        "member type": M("unknown member type {value}", value=shown),
        "label scheme": M("unknown label scheme {value}", value=shown),
        "competence group": M("unknown competence group {value}", value=shown),
    }[what]


def _none_declared(what: str) -> Msg:
    """The taxonomy declares no ids of a kind yet: where one goes, and what an entry there holds."""
    return {
        "competence": M("; {file} declares no competences yet: add one under competences:, with label, and optionally description and group",
                        file=TAXONOMY_FILE),
        "value-chain stage": M("; {file} declares no value-chain stages yet: add one under value_chain:, with label, and optionally description",
                               file=TAXONOMY_FILE),
        "member type": M("; {file} declares no member types yet: add one under member_types:, with label", file=TAXONOMY_FILE),
        "label scheme": M("; {file} declares no label schemes yet: add one under label_schemes:, with name, level, issuer, "
                          "and optionally verify_url, description and validity_years", file=TAXONOMY_FILE),
        "competence group": M("; {file} declares no competence groups yet: add one under competence_groups:, with label", file=TAXONOMY_FILE),
    }[what]


def declared(what: str) -> Msg | None:
    """Where a new id of the managers' own vocabularies goes, and what it holds (None for the others):
    " (label schemes are declared under label_schemes in profiles/taxonomy.yml, each with …)"."""
    return {
        "label scheme": M(" (label schemes are declared under label_schemes in {file}, each with name, level, issuer, "
                          "and optionally verify_url, description and validity_years)", file=TAXONOMY_FILE),
        "competence group": M(" (competence groups are declared under competence_groups in {file}, each with label)", file=TAXONOMY_FILE),
    }.get(what)


# Ids listed in a message, at most: a long list would bury the message.
CHOICES_SHOWN = 12


def choices(options: Mapping[str, Any], default: str | None = None) -> Msg:
    """The first ids a field may take, with their label in the default language: 'sme (KMU), startup (Start-up), …'."""
    def shown(key: str) -> str:
        label = getattr(options[key], "label", None)
        text = label.get(default) if isinstance(label, dict) and default else None
        return f"{key} ({text})" if text and text != key else key
    listed = ", ".join(shown(key) for key in list(options)[:CHOICES_SHOWN])  # ids and labels: shown as written
    more = N(", … ({count} in all)", ", … ({count} in all)", len(options)) if len(options) > CHOICES_SHOWN else ""
    return Msg("{ids}{more}", (("ids", listed), ("more", more)))


def _choose(options: Mapping[str, Any], default: str | None = None) -> Msg:
    return M("; choose one of: {choices}", choices=choices(options, default))


def _ref(loaded: Loaded, path: tuple, value: str, options: dict[str, Any], what: str) -> list[Problem]:
    if value in options:
        return []
    if not options:
        hint: str | Msg = _none_declared(what)
    else:
        hint = did_you_mean(value, options)  # a Msg or a str, '' without a close option
        if not str(hint):
            hint = _choose(options)
        where = declared(what)
        if where is not None:  # the managers' vocabularies: say where a new one goes
            hint = hint + where
    return [loaded.doc.problem(path, _unknown(what, value) + hint, "CF-E201")]


# Fields whose value is an id of the taxonomy: what `missing` or `empty` messages offer instead.
_VOCABULARY_FIELDS = (
    (re.compile(r"type|seeks\.partner_types\[\d+\]"), "member_types"),
    (re.compile(r"(?:competences|focus|partners\[\d+\]\.topics)(?:\[\d+\])?"), "competences"),
    (re.compile(r"value_chain(?:\[\d+\])?"), "value_chain"),
    (re.compile(r"labels\[\d+\]\.scheme"), "label_schemes"),
)
# Problems of a field left empty or missing, and of an entry that is no id (`- ` with nothing after it).
_EMPTY_CODES = {"CF-E101", "CF-E105", "CF-E107", "CF-E120"}


def with_choices(problems: list[Problem], taxonomy: Taxonomy | None, default: str) -> list[Problem]:
    """The problems of empty or missing id fields, each with the ids the field may take."""
    if taxonomy is None:
        return problems
    out = []
    for p in problems:
        if p.code in _EMPTY_CODES:
            for pattern, section in _VOCABULARY_FIELDS:
                if pattern.fullmatch(p.field):
                    options = getattr(taxonomy, section)
                    listed = _choose(options, default) if options else M("; {file} declares none under {section} yet", file=TAXONOMY_FILE, section=section)
                    message = (p.msg if p.msg is not None else p.message) + listed
                    p = replace(p, message=str(message), msg=message)
                    break
        out.append(p)
    return out


def check_market_notes(loaded: Loaded, member: Member) -> list[Problem]:
    """A market note belongs to a market the member names, one note per market."""
    out, seen = [], set()
    markets = [m for m in member.markets or [] if m is not None]
    for i, note in enumerate(member.market_notes or []):
        if note is None:
            continue
        where = ("market_notes", i, "country")
        country = quote(note.country)
        if note.country not in markets and markets:
            out.append(loaded.doc.problem(where, M("a note for {country}, which is not among the markets ({markets}); add it to markets or remove the note",
                                                   country=country, markets=", ".join(markets)), "CF-E206"))
        elif note.country not in markets:
            out.append(loaded.doc.problem(where, M("a note for {country}, which is not among the markets (none); add it to markets or remove the note",
                                                   country=country), "CF-E206"))
        elif note.country in seen:
            out.append(loaded.doc.problem(where, M("a second note for {country}; write one note per market", country=country), "CF-E209"))
        seen.add(note.country)
    return out


def check_country_notes(root: Path, config: Config) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The managers' country notes (content/<lang>/countries/<cc>.md): their names and their Markdown."""
    from .model import COUNTRIES

    notes: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    base = root / CONTENT_DIR
    for path in sorted(base.glob("*/countries/*")) if base.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        lang, cc = path.parent.parent.name, path.stem
        if path.is_symlink() or not path.is_file() or path.suffix != ".md":
            continue  # links are refused elsewhere; other files are not notes
        if cc.upper() not in COUNTRIES or cc != cc.lower():
            problems.append(Problem.make(rel, 1, 1, "", M(
                "{name} is not named after a country: use the two-letter ISO 3166-1 code in lower case, e.g. fr.md",
                name=quote(path.name)) + did_you_mean(cc.upper(), COUNTRIES), "CF-E207"))
            continue
        if lang not in config.languages:
            problems.append(Problem.make(rel, 1, 1, "", M("{folder} is not one of the site's languages ({languages}); move the note to one of their folders",
                                                          folder=quote(lang), languages=", ".join(config.languages)), "CF-E208"))
            continue
        try:
            text = read_limited(path, NOTE_LIMIT).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            problems.append(Problem.make(rel, 1, 1, "", M("the note cannot be read as UTF-8 text; save it as UTF-8"), "CF-E002"))
            continue
        if len(text) > NOTE_LIMIT:
            problems.append(Problem.make(rel, 1, 1, "", M("the note is longer than {limit} characters; shorten it", limit=NOTE_LIMIT), "CF-E108"))
            continue
        for offset, message, code in markdown.check(text):
            problems.append(Problem.make(rel, offset + 1, 1, "", message, code))
        notes.setdefault(cc.upper(), {})[lang] = text.strip()
    return notes, problems


# A country note is a short page section, not an article.
NOTE_LIMIT = 5000


def check_references(loaded: Loaded, taxonomy: Taxonomy) -> list[Problem]:
    """Every id a profile uses must be in the taxonomy."""
    out: list[Problem] = []
    model = loaded.model
    competences, stages, types = taxonomy.competences, taxonomy.value_chain, taxonomy.member_types
    # In a file with errors, a value that failed its own check is None: it is skipped here.
    if isinstance(model, Member):
        if model.type is not None:
            out += _ref(loaded, ("type",), model.type, types, "member type")
        for i, cid in enumerate(model.competences or []):
            if cid is not None:
                out += _ref(loaded, ("competences", i), cid, competences, "competence")
        for i, sid in enumerate(model.value_chain or []):
            if sid is not None:
                out += _ref(loaded, ("value_chain", i), sid, stages, "value-chain stage")
        if model.seeks:
            for i, tid in enumerate(model.seeks.partner_types):
                out += _ref(loaded, ("seeks", "partner_types", i), tid, types, "member type")
        out += check_market_notes(loaded, model)
    elif isinstance(model, Cluster):
        for i, cid in enumerate(model.focus or []):
            if cid is not None:
                out += _ref(loaded, ("focus", i), cid, competences, "competence")
        for p, partner in enumerate(model.partners or []):
            for i, cid in enumerate(partner.topics if partner else []):
                out += _ref(loaded, ("partners", p, "topics", i), cid, competences, "competence")
        for i, label in enumerate(model.labels or []):
            if label is not None:
                out += _ref(loaded, ("labels", i, "scheme"), label.scheme, taxonomy.label_schemes, "label scheme")
    elif isinstance(model, Taxonomy):
        for cid, competence in (model.competences or {}).items():
            if competence.group:
                out += _ref(loaded, ("competences", cid, "group"), competence.group, model.competence_groups or {}, "competence group")
    return out


@cache
def _list_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that are lists or may hold some (most of a member's are texts)."""
    def holds_list(annotation: Any) -> bool:
        if typing.get_origin(annotation) is list:
            return True
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return bool(_list_fields(annotation))
        return any(holds_list(arg) for arg in typing.get_args(annotation))
    return tuple(name for name, info in model.model_fields.items() if holds_list(info.annotation))


def check_repeats(loaded: Loaded) -> list[Problem]:
    """An entry named twice in a list of ids, countries, languages or names: the repeat, at its own line.

    Countries and languages are compared as the model reads them (`de` and `DE` are one country),
    GitHub names and certifications without regard to case."""
    out: list[Problem] = []

    def walk(obj: Any, path: tuple) -> None:
        if isinstance(obj, BaseModel):
            for name in _list_fields(type(obj)):
                walk(getattr(obj, name), path + (name,))
        elif isinstance(obj, list):
            seen: dict[str, int] = {}
            for index, item in enumerate(obj):
                if not isinstance(item, str):
                    walk(item, path + (index,))
                    continue
                first = seen.setdefault(item.casefold(), index)
                if first != index:
                    line = loaded.doc.where(path + (first,))[0]
                    out.append(loaded.doc.problem(path + (index,), M("{value} is listed already (line {line}); delete the repeat", value=quote(item), line=line), "CF-E132"))

    walk(loaded.model, ())
    return out


def check_editor_numbers(loaded: Loaded) -> list[Problem]:
    """Unquoted texts that the browser editor would read as numbers or true/false, and save back changed.

    Only where the saved text would differ (07121555010, 1e3, 0x1F, True), and never in fields
    that are numbers to us too (years)."""
    out: list[Problem] = []
    doc = loaded.doc

    def model_value(path: tuple) -> Any:
        obj: Any = loaded.model
        for part in path:
            if isinstance(obj, BaseModel):
                obj = getattr(obj, part, None) if isinstance(part, str) else None
            elif isinstance(obj, (list, dict)):
                try:
                    obj = obj[part]
                except (IndexError, KeyError, TypeError):
                    return None
            else:
                return None
        return obj

    def walk(raw: Any, path: tuple) -> None:
        if isinstance(raw, dict):
            for key, item in raw.items():
                walk(item, path + (key,))
        elif isinstance(raw, list):
            for index, item in enumerate(raw):
                walk(item, path + (index,))
        elif isinstance(raw, str) and raw[:1] in yaml12.FIRST and path not in doc.styles:
            saved = yaml12.rewritten(raw)
            if saved is not None and not isinstance(model_value(path), int):
                shown = json.dumps(raw, ensure_ascii=False)
                if isinstance(path[-1], str):
                    shown = f"{path[-1]}: {shown}"
                out.append(doc.problem(
                    path,
                    M("{value} without quotes would be saved as {saved} by the browser editor; write it in quotes: {quoted}",
                      value=raw, saved=saved, quoted=shown),
                    "CF-W102", at_value=True,
                ))

    walk(doc.data, ())
    return out


# --- labels ------------------------------------------------------------------------------


def check_brand(loaded: Loaded) -> list[Problem]:
    """Links must read on white; buttons and marks must stand out from it."""
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    if cluster.brand is None:
        return []
    out = []
    primary, accent = cluster.brand.primary, cluster.brand.accent
    link_colour, link_field = (accent, "accent") if accent else (primary, "primary")
    ratio = contrast(link_colour, WHITE)
    if ratio < TEXT_CONTRAST:
        values = {"colour": link_colour, "ratio": f"{ratio:.1f}", "needed": TEXT_CONTRAST, "darker": darker(link_colour)}
        out.append(loaded.doc.problem(
            ("brand", link_field),
            M("links in {colour} on white have a contrast of {ratio}:1; they need {needed}:1 - use a darker shade such as {darker}", **values) if accent
            else M("links in {colour} on white have a contrast of {ratio}:1; they need {needed}:1 - use a darker shade such as {darker}, "
                   "or give a darker 'accent' for links", **values),
            "CF-E129",
        ))
    ratio = contrast(primary, WHITE)
    if ratio < GRAPHIC_CONTRAST:
        out.append(loaded.doc.problem(
            ("brand", "primary"),
            M("buttons and map marks in {colour} on white have a contrast of {ratio}:1; they need {needed}:1 - use a darker shade such as {darker}",
              colour=primary, ratio=f"{ratio:.1f}", needed=GRAPHIC_CONTRAST, darker=darker(primary, GRAPHIC_CONTRAST)),
            "CF-W101",
        ))
    return out


def _entries(items: list[Any] | None) -> list[tuple[int, Any]]:
    """(index, entry) of a list, without the entries that failed their own check (None in a file with errors)."""
    return [(i, item) for i, item in enumerate(items or []) if item is not None]


def check_labels(loaded: Loaded, taxonomy: Taxonomy | None, today: dt.date) -> list[Problem]:
    """Date order, and warnings for labels that run out or have run out."""
    out: list[Problem] = []
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    schemes = taxonomy.label_schemes if taxonomy else {}

    def issuer(scheme: str) -> str:
        return schemes[scheme].issuer if scheme in schemes else scheme

    for i, activity in _entries(cluster.activities):
        if activity.end and activity.end < activity.start:
            out.append(loaded.doc.problem(("activities", i, "end"), M("{date} is before start ({start})", date=activity.end.isoformat(), start=activity.start.isoformat()), "CF-E302"))
    labels = [label for _, label in _entries(cluster.labels)]
    for i, label in _entries(cluster.labels):
        if label.valid_until < label.awarded:
            out.append(loaded.doc.problem(("labels", i, "valid_until"), M("{date} is before awarded ({awarded})", date=label.valid_until.isoformat(), awarded=label.awarded.isoformat()), "CF-E301"))
            continue
        status = label.status(today)
        days = (label.valid_until - today).days
        if status is LabelStatus.EXPIRING:
            out.append(loaded.doc.problem(("labels", i, "valid_until"), N(
                "label {scheme} expires on {date}, in {count} day; plan the renewal", "label {scheme} expires on {date}, in {count} days; plan the renewal",
                days, scheme=quote(label.scheme), date=label.valid_until.isoformat()), "CF-W301"))
        elif status is LabelStatus.EXPIRED:
            # An expired label replaced by a newer one of the same issuer is history, not news.
            renewed = any(
                other.awarded > label.awarded and issuer(other.scheme) == issuer(label.scheme) and other.valid_until >= today
                for other in labels
            )
            if not renewed:
                out.append(loaded.doc.problem(("labels", i, "valid_until"), N(
                    "label {scheme} expired on {date} ({count} day ago); the site shows it only as history",
                    "label {scheme} expired on {date} ({count} days ago); the site shows it only as history",
                    -days, scheme=quote(label.scheme), date=label.valid_until.isoformat()), "CF-W302"))
    return out


def check_verification(loaded: Loaded, taxonomy: Taxonomy | None, today: dt.date) -> list[Problem]:
    """A label the site shows as held needs a link a partner can verify it with (certificate or issuer's page)."""
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    schemes = taxonomy.label_schemes if taxonomy else {}
    out = []
    for i, label in _entries(cluster.labels):
        # An unknown scheme is CF-E201 already; expired and future labels are not claimed as held.
        if label.scheme not in schemes or label.certificate_url or not label.status(today).current:
            continue
        if not schemes[label.scheme].verify_url:
            out.append(loaded.doc.problem(
                ("labels", i),
                M("label {scheme} has no certificate_url, and its scheme has no verify_url in the taxonomy: "
                  "partners cannot verify it; add the certificate's address here, or the issuer's verification page to the scheme",
                  scheme=quote(label.scheme)),
                "CF-W303",
            ))
    return out


# --- files, names, logos -------------------------------------------------------------------


def name_key(name: str) -> str:
    """Names that differ only in case, width or spacing are the same name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_keys(name: str) -> tuple[str, str]:
    """Two member names collide when one of these keys is the same: they look alike.

    Both are Unicode TR 39 confusable skeletons (disarm's skeleton_key, which also drops
    invisible characters and folds width and spacing): one of the name as written, which keeps
    a capital I apart from a small l only as far as the eye does, and one of the case-folded
    name, so that names differing in case alone collide as before.
    """
    folded = name_key(name)
    return (
        "look:" + (skeleton_key(name, digit_policy="tr39") or name),
        "case:" + (skeleton_key(folded, digit_policy="tr39") or folded),
    )


def check_logo_field(loaded: Loaded, root: Path, checked: dict[str, list[Problem]]) -> list[Problem]:
    """The logo a profile names: one plain file in profiles/logos/, a member's named after it, and safe."""
    logo = getattr(loaded.model, "logo", None)
    if not logo:
        return []
    slug = Path(loaded.path).stem if isinstance(loaded.model, Member) else None
    example = f"logos/{slug or 'cluster'}.svg"
    if logo.startswith("/") or "\\" in logo or ".." in logo.split("/"):
        return [loaded.doc.problem(("logo",), M("{path} must be a path inside profiles/, e.g. {example}", path=quote(logo), example=example), "CF-E401")]
    form = logo_form_problem(logo)
    if form:
        return [loaded.doc.problem(("logo",), form, "CF-E415")]
    out = []
    if slug is not None and logo not in member_logos(slug):
        # Named after the profile file, a logo is the member's own: in CODEOWNERS, in the scope
        # guard, and in review, where another member's logo file would otherwise be fair game.
        out.append(loaded.doc.problem(
            ("logo",),
            M("a member's logo is named after its profile file: rename the logo to {svg} (or .png) and write that path; {path} is not named after {slug}",
              svg=f"logos/{slug}.svg", path=quote(logo), slug=repr(slug)),
            "CF-E416",
        ))
    rel = f"{PROFILES_DIR}/{logo}"
    link = symlink_on_path(root, rel)
    if link:
        return out + [loaded.doc.problem(("logo",), M("{path} is a symbolic link ({link}); a logo must be the file itself", path=quote(logo), link=link), "CF-E020")]
    target = root / rel
    if not target.is_file():
        return out + [loaded.doc.problem(("logo",), M("logo file {path} not found in profiles/; add it or fix the path", path=quote(logo)), "CF-E402")]
    if rel not in checked:
        checked[rel] = [Problem.make(rel, line, col, "", message, code) for line, col, message, code in check_logo(target)]
        return out + checked[rel]
    return out


def check_photos(loaded: Loaded, root: Path, checked: dict[str, list[Problem]]) -> list[Problem]:
    """The photos of the cluster's named contacts: files under profiles/logos/ with a logo's rules
    and limits (SVG or PNG, checked by logos.check_logo), since the site publishes them as they are."""
    out: list[Problem] = []
    raw = loaded.doc.data.get("contacts") if isinstance(loaded.doc.data, dict) else None
    for index, person in enumerate(getattr(loaded.model, "contacts", None) or []):
        if person is None and isinstance(raw, list) and index < len(raw) and isinstance(raw[index], dict):
            # An entry with a bad e-mail is None in the usable model: its photo is checked all the
            # same, from its own fields that are valid, so that one run tells every problem.
            person = partial_model(ContactPerson, raw[index])
        photo = getattr(person, "photo", None)
        if not photo:
            continue
        at, shown = ("contacts", index, "photo"), quote(photo)
        if photo.startswith("/") or "\\" in photo or ".." in photo.split("/"):
            out.append(loaded.doc.problem(at, M("{path} must be a path inside profiles/, e.g. {example}", path=shown, example="logos/contact-name.png"), "CF-E401"))
            continue
        form = logo_form_problem(photo)
        if form:
            out.append(loaded.doc.problem(at, form, "CF-E415"))
            continue
        ending = Path(photo).suffix.lower()
        if ending not in LOGO_EXTENSIONS:
            # Photos come as JPEG more often than not: say what to do about it, at the field.
            out.append(loaded.doc.problem(at, M("a photo must be a PNG or SVG file, not {ending}: save the photo as PNG (at most {limit} KiB) and write its path",
                                                ending=quote(ending or photo), limit=PNG_MAX // 1024), "CF-E403"))
            continue
        rel = f"{PROFILES_DIR}/{photo}"
        link = symlink_on_path(root, rel)
        if link:
            out.append(loaded.doc.problem(at, M("{path} is a symbolic link ({link}); a photo must be the file itself", path=shown, link=link), "CF-E020"))
        elif not (root / rel).is_file():
            out.append(loaded.doc.problem(at, M("photo file {path} not found in profiles/; add it or fix the path", path=shown), "CF-E402"))
        elif rel not in checked:  # a file named twice (or also as a logo) is told about once
            checked[rel] = [Problem.make(rel, line, col, "", message, code) for line, col, message, code in check_logo(root / rel)]
            out += checked[rel]
    return out


# --- the whole project ---------------------------------------------------------------------


def check_file(loaded: Loaded, config: Config, tax: Taxonomy | None, today: dt.date, logos: dict[str, list[Problem]]) -> list[Problem]:
    """Every check of one file that needs the taxonomy or the site, but no other profile.

    A file with errors is checked too, on what of it is valid (Loaded.usable): every problem of a
    file is told in one run; a value that failed its own check is left out of the checks that need
    it (they skip None)."""
    if loaded.usable is None:
        return []
    loaded = replace(loaded, model=loaded.usable)
    problems = check_translations(loaded, config) + check_repeats(loaded) + check_editor_numbers(loaded)
    if tax:
        problems += check_references(loaded, tax)
    if isinstance(loaded.model, Cluster):
        problems += check_labels(loaded, tax, today) + check_verification(loaded, tax, today) + check_brand(loaded)
    return problems + check_logo_field(loaded, config.root, logos) + check_photos(loaded, config.root, logos)


def check_codeowners(config: Config, members: Mapping[str, Owned]) -> list[Problem]:
    """The committed CODEOWNERS must follow the members' maintainers (when managers are set)."""
    from .codeowners import is_current
    from .paths import CODEOWNERS

    if not config.managers or is_current(config, members):
        return []
    return [Problem.make(CODEOWNERS, 1, 1, "", M("out of date with the members' maintainers; run: {command}", command=f"{command(config.root)} codeowners"), "CF-W701")]
