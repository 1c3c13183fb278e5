"""Checks across files: taxonomy ids, site languages, label dates, names, slugs and logos."""
from __future__ import annotations

import datetime as dt
import typing
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from babel import Locale
from pydantic import BaseModel

from . import markdown
from .config import Config
from .loading import Loaded, load_file
from .logos import check_logo
from .model import (
    ALL_LANGUAGES_REQUIRED,
    SLUG_RE,
    Cluster,
    LangListMap,
    LangMap,
    Member,
    Project,
    Taxonomy,
    TextRules,
)
from .problems import Problem, quote
from .suggest import did_you_mean
from .yamlsafe import Document, format_path

EXPIRY_WARNING_DAYS = 90
MEMBERS_DIR = "profiles/members"


def language_name(code: str, locale: str = "en") -> str:
    """English name of a language code, for messages."""
    return Locale(locale).languages.get(code, code)


# --- translatable texts ------------------------------------------------------------------


def _rules_of(annotation: Any) -> TextRules | None:
    for arg in typing.get_args(annotation):
        if isinstance(arg, TextRules):
            return arg
        found = _rules_of(arg)
        if found:
            return found
    return None


@lru_cache(maxsize=None)
def text_fields(model: type[BaseModel]) -> dict[str, TextRules]:
    """The translatable fields of a model class and their rules."""
    out = {}
    for name, info in model.model_fields.items():
        rules = next((m for m in info.metadata if isinstance(m, TextRules)), None) or _rules_of(info.annotation)
        if rules:
            out[name] = rules
    return out


def translatables(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, LangMap | LangListMap, TextRules, type, str]]:
    """Every translatable value in a model, with its path, rules, owner class and field name."""
    if isinstance(obj, BaseModel):
        rules = text_fields(type(obj))
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if value is None:
                continue
            if name in rules:
                yield path + (name,), value, rules[name], type(obj), name
            else:
                yield from translatables(value, path + (name,))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from translatables(item, path + (index,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from translatables(item, path + (key,))


def check_translations(loaded: Loaded, config: Config) -> list[Problem]:
    """Languages, lengths, Markdown and completeness of every translatable text in a file."""
    doc, out = loaded.doc, []
    default = config.default_language
    for path, value, rules, owner, name in translatables(loaded.model):
        for lang, text in value.items():
            if lang not in config.languages:
                hint = did_you_mean(str(lang), config.languages)
                out.append(doc.problem(path + (lang,), f"translation keyed {quote(lang)}, a language the site does not have (site languages: {', '.join(config.languages)}){hint}"))
                continue
            if isinstance(value, LangListMap):
                if len(text) > rules.max_len:
                    out.append(doc.problem(path + (lang,), f"lists {len(text)} entries; the limit is {rules.max_len}"))
                for index, item in enumerate(text):
                    if len(item) > rules.item_max_len:
                        out.append(doc.problem(path + (lang, index), f"is {len(item)} characters long; the limit is {rules.item_max_len}"))
                continue
            if len(text) > rules.max_len:
                out.append(doc.problem(path + (lang,), f"the {quote(lang)} text is {len(text)} characters long; the limit is {rules.max_len}"))
            if rules.markdown:
                column = doc.value_at(path + (lang,))[1]
                for offset, message in markdown.check(text):
                    line = source_line(doc, path + (lang,), offset)
                    out.append(Problem(doc.file, line, column, "error", format_path(path + (lang,)), message))
            elif "\n" in text.strip() and rules.max_len <= 120:
                out.append(doc.problem(path + (lang,), "must be a single line"))
        if default not in value:
            out.append(doc.problem(path, f"the text in the default language {quote(default)} ({language_name(default)}) is missing; it is required"))
            continue
        for lang in config.languages[1:]:
            if lang in value:
                continue
            if (owner, name) in ALL_LANGUAGES_REQUIRED:
                out.append(doc.problem(path, f"no {language_name(lang)} ({lang}) text; taxonomy labels are needed in every site language"))
            elif lang not in config.fallback_languages:
                out.append(doc.problem(path, f"no {language_name(lang)} ({lang}) translation; the {language_name(default)} text will be shown instead", "warning"))
    return out


def source_line(doc: Document, path: tuple, offset: int) -> int:
    """The file line of line `offset` of a (stripped) text value, for any YAML scalar style."""
    raw: Any = doc.data
    for part in path:
        raw = raw[part] if isinstance(raw, (dict, list)) else ""
    raw = raw if isinstance(raw, str) else ""
    target = offset + raw[: len(raw) - len(raw.lstrip())].count("\n")  # stripped leading blank lines
    first = doc.value_at(path)[0]
    if doc.styles.get(path) == "|":  # literal: one file line per text line
        return first + target
    # Folded styles ('>', quoted, plain): a line break in the text is a blank line in the file.
    lines = doc.text.splitlines()
    blanks = 0
    for index in range(first - 1, len(lines)):
        if not lines[index].strip():
            blanks += 1
        elif blanks >= target:
            return index + 1
    return first


# --- taxonomy references -----------------------------------------------------------------


def _ref(loaded: Loaded, path: tuple, value: str, options: dict[str, Any], what: str) -> list[Problem]:
    if value in options:
        return []
    hint = did_you_mean(value, options) or f"; known {what}s: {', '.join(list(options)[:12])}{' …' if len(options) > 12 else ''}"
    return [loaded.doc.problem(path, f"unknown {what} {quote(value)}{hint}")]


def check_references(loaded: Loaded, taxonomy: Taxonomy) -> list[Problem]:
    """Every id a profile uses must be in the taxonomy."""
    out: list[Problem] = []
    model = loaded.model
    competences, stages, types = taxonomy.competences, taxonomy.value_chain, taxonomy.member_types
    if isinstance(model, Member):
        out += _ref(loaded, ("type",), model.type, types, "member type")
        for i, cid in enumerate(model.competences):
            out += _ref(loaded, ("competences", i), cid, competences, "competence")
        for i, sid in enumerate(model.value_chain):
            out += _ref(loaded, ("value_chain", i), sid, stages, "value-chain stage")
        if model.seeks:
            for i, tid in enumerate(model.seeks.partner_types):
                out += _ref(loaded, ("seeks", "partner_types", i), tid, types, "member type")
    elif isinstance(model, Cluster):
        for i, cid in enumerate(model.focus):
            out += _ref(loaded, ("focus", i), cid, competences, "competence")
        for p, partner in enumerate(model.partners):
            for i, cid in enumerate(partner.topics):
                out += _ref(loaded, ("partners", p, "topics", i), cid, competences, "competence")
        for i, label in enumerate(model.labels):
            out += _ref(loaded, ("labels", i, "scheme"), label.scheme, taxonomy.label_schemes, "label scheme")
    elif isinstance(model, Taxonomy):
        for cid, competence in model.competences.items():
            if competence.group:
                out += _ref(loaded, ("competences", cid, "group"), competence.group, model.competence_groups, "competence group")
    return out


# --- labels ------------------------------------------------------------------------------


# The statuses in which a label may be shown and claimed as held.
CURRENT = frozenset({"valid", "expiring"})


def label_status(awarded: dt.date, valid_until: dt.date, today: dt.date) -> str:
    """valid, expiring, expired or not yet valid (SPEC §4.1)."""
    if today < awarded:
        return "not yet valid"
    if today > valid_until:
        return "expired"
    if (valid_until - today).days <= EXPIRY_WARNING_DAYS:
        return "expiring"
    return "valid"


def check_labels(loaded: Loaded, taxonomy: Taxonomy | None, today: dt.date) -> list[Problem]:
    """Date order, and warnings for labels that run out or have run out."""
    out: list[Problem] = []
    cluster = loaded.model
    assert isinstance(cluster, Cluster)
    schemes = taxonomy.label_schemes if taxonomy else {}

    def issuer(scheme: str) -> str:
        return schemes[scheme].issuer if scheme in schemes else scheme

    for i, activity in enumerate(cluster.activities):
        if activity.end and activity.end < activity.start:
            out.append(loaded.doc.problem(("activities", i, "end"), f"{activity.end.isoformat()} is before start ({activity.start.isoformat()})"))
    for i, label in enumerate(cluster.labels):
        if label.valid_until < label.awarded:
            out.append(loaded.doc.problem(("labels", i, "valid_until"), f"{label.valid_until.isoformat()} is before awarded ({label.awarded.isoformat()})"))
            continue
        status = label_status(label.awarded, label.valid_until, today)
        days = (label.valid_until - today).days
        if status == "expiring":
            out.append(loaded.doc.problem(("labels", i, "valid_until"), f"label {quote(label.scheme)} expires on {label.valid_until.isoformat()}, in {days} day{'s' * (days != 1)}; plan the renewal", "warning"))
        elif status == "expired":
            # An expired label replaced by a newer one of the same issuer is history, not news.
            renewed = any(
                other.awarded > label.awarded and issuer(other.scheme) == issuer(label.scheme) and other.valid_until >= today
                for other in cluster.labels
            )
            if not renewed:
                out.append(loaded.doc.problem(("labels", i, "valid_until"), f"label {quote(label.scheme)} expired on {label.valid_until.isoformat()} ({-days} day{'s' * (days != -1)} ago); the site shows it only as history", "warning"))
    return out


# --- files, names, logos -------------------------------------------------------------------


def name_key(name: str) -> str:
    """Names that differ only in case, width or accents composition collide."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def check_logo_field(loaded: Loaded, root: Path, checked: dict[str, list[Problem]]) -> list[Problem]:
    """The logo a profile names must exist under profiles/ and be safe."""
    logo = getattr(loaded.model, "logo", None)
    if not logo:
        return []
    profiles = (root / "profiles").resolve()
    target = (profiles / logo).resolve()
    if profiles not in target.parents or logo.startswith("/") or "\\" in logo:
        return [loaded.doc.problem(("logo",), f"{quote(logo)} must be a path inside profiles/, e.g. logos/{Path(loaded.path).stem}.svg")]
    if not target.is_file():
        return [loaded.doc.problem(("logo",), f"logo file {quote(logo)} not found in profiles/; add it or fix the path")]
    rel = target.relative_to(root.resolve()).as_posix()
    if rel not in checked:
        checked[rel] = [Problem(rel, line, col, "error", "", message) for line, col, message in check_logo(target)]
        return checked[rel]
    return []


def slugify(text: str) -> str:
    """A slug proposal from any name."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("&", "-")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(filter(None, out.split("-")))[:63].strip("-")


# --- the whole project ---------------------------------------------------------------------


def check_file(loaded: Loaded, config: Config, tax: Taxonomy | None, today: dt.date, logos: dict[str, list[Problem]]) -> list[Problem]:
    """Every check of one valid file that needs the taxonomy or the site, but no other profile."""
    problems = check_translations(loaded, config)
    if tax:
        problems += check_references(loaded, tax)
    if isinstance(loaded.model, Cluster):
        problems += check_labels(loaded, tax, today)
    return problems + check_logo_field(loaded, config.root, logos)


def _load_members(rels: list[str], config: Config, tax: Taxonomy | None, today: dt.date) -> list[Loaded]:
    """Load and check member files; what comes back is small (only the name's place is kept)."""
    logos: dict[str, list[Problem]] = {}
    out = []
    for rel in rels:
        loaded = load_file("member", config.root / rel, rel)
        if loaded.model is not None:
            loaded.problems += check_file(loaded, config, tax, today, logos)
        light = Document(rel)
        light.keys[("name",)] = loaded.doc.where(("name",))
        loaded.doc = light
        out.append(loaded)
    return out


# Below this many members one process is quicker than starting a second one.
PARALLEL_FROM = 200


def _load_all_members(rels: list[str], config: Config, tax: Taxonomy | None, today: dt.date) -> list[Loaded]:
    import multiprocessing
    import os

    jobs = min(os.cpu_count() or 1, 4)
    if len(rels) < PARALLEL_FROM or jobs < 2:
        return _load_members(rels, config, tax, today)
    chunks = [rels[i::jobs] for i in range(jobs)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        parts = pool.starmap(_load_members, [(chunk, config, tax, today) for chunk in chunks])
    order = {rel: i for i, rel in enumerate(rels)}
    return sorted((m for part in parts for m in part), key=lambda m: order[m.path])


def load_project(config: Config, today: dt.date) -> tuple[Project | None, list[Problem]]:
    """Load and check everything; the project only when there are no errors."""
    root = config.root
    problems: list[Problem] = []

    def load(kind: str, rel: str) -> Loaded:
        path = root / rel
        if not path.is_file():
            problems.append(Problem(rel, 1, 1, "error", "", f"the file {rel} is missing"))
            return Loaded(kind, rel, doc=Document(rel))
        loaded = load_file(kind, path, rel)
        problems.extend(loaded.problems)
        return loaded

    taxonomy = load("taxonomy", "profiles/taxonomy.yml")
    cluster = load("cluster", "profiles/cluster.yml")
    member_files: list[str] = []
    member_dir = root / MEMBERS_DIR
    if member_dir.is_dir():
        for path in sorted(member_dir.iterdir()):
            rel = f"{MEMBERS_DIR}/{path.name}"
            if path.name.startswith(".") or path.name.lower() == "readme.md":
                continue
            if path.is_dir():
                problems.append(Problem(rel, 1, 1, "error", "", "member profiles belong directly in profiles/members/, not in a subfolder; move them up"))
                continue
            if path.suffix != ".yml":
                # A profile saved as .yaml, or with no ending in the web editor, must not vanish silently.
                problems.append(Problem(rel, 1, 1, "error", "", f"member files end in .yml; rename it to {slugify(path.stem) or 'member-name'}.yml"))
                continue
            if not SLUG_RE.fullmatch(path.stem):
                proposal = slugify(path.stem) or "member-name"
                problems.append(Problem(rel, 1, 1, "error", "", f"file name {quote(path.stem)} is not a valid slug (lower-case letters, digits and hyphens, at most 63); rename it to {proposal}.yml"))
            member_files.append(rel)

    tax = taxonomy.model if isinstance(taxonomy.model, Taxonomy) else None
    logos: dict[str, list[Problem]] = {}
    for loaded in (taxonomy, cluster):
        if loaded.model is not None:
            problems.extend(check_file(loaded, config, tax, today, logos))
    members = _load_all_members(member_files, config, tax, today)
    names: dict[str, Loaded] = {}
    for loaded in members:
        problems.extend(loaded.problems)
        if loaded.model is None:
            continue
        key = name_key(loaded.model.name)
        if key in names:
            # Both files are told, so the annotation also lands on the file the pull request adds.
            first = names[key]
            problems.append(loaded.doc.problem(("name",), f"the name {quote(loaded.model.name)} is already used by {first.path}; each member needs its own name"))
            problems.append(first.doc.problem(("name",), f"the name {quote(first.model.name)} is already used by {loaded.path}; each member needs its own name"))  # type: ignore[union-attr]
        else:
            names[key] = loaded
    problems = list(dict.fromkeys(problems))  # a logo two members share is reported once

    if any(p.severity == "error" for p in problems):
        return None, problems
    project = Project(
        languages=config.languages,
        cluster=cluster.model,  # type: ignore[arg-type]
        taxonomy=tax,  # type: ignore[arg-type]
        members={Path(m.path).stem: m.model for m in members},  # type: ignore[misc]
        build_date=today,
    )
    problems.extend(check_codeowners(config, project))
    return project, problems


def check_codeowners(config: Config, project: Project) -> list[Problem]:
    """The committed CODEOWNERS must follow the members' maintainers (when managers are set)."""
    from .codeowners import CODEOWNERS, is_current

    if not config.managers or is_current(config, project):
        return []
    return [Problem(CODEOWNERS, 1, 1, "warning", "", "out of date with the members' maintainers; run: python build.py codeowners")]
