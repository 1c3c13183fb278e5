"""`summary <base>`: what a pull request changes on the pages of the members whose profiles it edits.

Written to the pull request's step summary, so a member sees what their change does without
downloading the preview: for each member profile the change touches, the text of the member's
page before (at base) and after (at HEAD) in every site language, section by section, as a diff;
then what `check` says about that file, and the cluster's label warnings (the badge on every
member page). Every other changed file is listed as not a member profile.

The texts come from the site's own words (site/words.py): the same translations, taxonomy
labels, country names, fallbacks and notices the page shows. `compare` is a pure function of
the two profiles; `collect` reads them from git and runs `check`; `to_markdown` and `to_text`
render. In Markdown no member text can become a link, an image, HTML or a mention: it stands
only inside code blocks and code spans, fenced longer than any run of backticks it contains,
with line breaks and other control or invisible characters shown as escapes. Bounded, so that
GitHub shows it: check's problems at most PER_FILE_AND_CODE of one code per file, and the whole
Markdown under STEP_SUMMARY_BYTES, cut with a line that says so. Our own words (headings, section
names, statuses, notes) are messages (messages.M) in the reader's language; the page text in each
site language is the page's own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from .config import Config
from .gitutil import SYMLINK_MODE, changes, read_at
from .i18n import Translator, countries_sorted
from .loading import load_text
from .mdtext import code_block, code_span, shown
from .messages import DEFAULT, M, Msg, N
from .model import Member, Taxonomy
from .paths import CLUSTER_FILE, SLUG_RE, TAXONOMY_FILE, command, member_slug
from .problems import Problem, capped, fit_markdown, sort_problems
from .yamlsafe import MAX_BYTES

# The sections of a member's page, in the page's order, with their names in the summary.
SECTIONS: tuple[tuple[str, Msg], ...] = (
    ("name", M("Name")),
    ("about", M("Type, place and size")),
    ("summary", M("Summary")),
    ("description", M("Description")),
    ("competences", M("Competences")),
    ("value_chain", M("Value chain")),
    ("offers", M("Products and services")),
    ("seeks", M("Looking for partners")),
    ("markets", M("Markets")),
    ("details", M("Details")),
    ("contact", M("Contact")),
)
# The profile fields the sections show; another field that changed is named on its own.
SHOWN = frozenset({
    "name", "type", "city", "country", "employees", "founded", "summary", "description", "competences", "value_chain",
    "offers", "seeks", "markets", "languages", "certifications", "member_since", "contact", "website",
})
# The cluster's label warnings (expiring, expired): every member page shows the cluster's badge.
LABEL_CODES = frozenset({"CF-W301", "CF-W302"})
# Profiles shown in full; a change to more is a manager's, and the rest are listed by path.
MAX_PROFILES = 25
NOT_A_PROFILE = M("not a member profile")


@dataclass(frozen=True)
class Side:
    """A member profile and the taxonomy it is read with, at one commit."""

    member: Member
    taxonomy: Taxonomy


@dataclass(frozen=True)
class SectionDiff:
    section: str  # a key of SECTIONS
    before: tuple[str, ...]  # the section's lines on the page; () where the page has no such section
    after: tuple[str, ...]


@dataclass(frozen=True)
class LanguageDiff:
    lang: str
    sections: tuple[SectionDiff, ...]  # only the sections that change


@dataclass(frozen=True)
class ProfileChange:
    path: str
    slug: str
    name: str
    status: str  # added, removed, changed, invalid (has errors at HEAD)
    languages: tuple[LanguageDiff, ...] = ()  # only the languages whose page text changes
    other_fields: tuple[str, ...] = ()  # changed fields that are no page text (logo, maintainers …)
    problems: tuple[Problem, ...] = ()  # check's, for this file, and the cluster's label warnings
    notes: tuple[Msg, ...] = ()  # what the reader should know first, in the reader's language

    @property
    def note(self) -> str:
        """The notes in English, as one paragraph."""
        return " ".join(str(n) for n in self.notes)


@dataclass(frozen=True)
class Summary:
    base: str
    profiles: tuple[ProfileChange, ...]
    others: tuple[str, ...]  # changed paths that are not member profiles
    more: tuple[str, ...] = ()  # member profiles beyond MAX_PROFILES, by path


# --- the page's text ----------------------------------------------------------------------------


def _lang(config: Config, side: Side, lang: str) -> Any:
    """The site's words of one language, for one member's page."""
    from .site.words import Words

    # A member's page text reads only the member and the taxonomy: no cluster field, no label
    # status (so no build date matters).
    return Words(Translator(lang, config.default_language), side.taxonomy)


def page_text(x: Any, m: Member) -> dict[str, tuple[str, ...]]:
    """A member page's text in x's language (a site.words.Words), by section, as lines."""
    from .site.pages.parts import contacts

    t, _ = x.t, x._

    def text(value: Any) -> list[str]:
        found = x.text(value)
        if found is None:
            return []
        return found.text.splitlines() + ([f"({found.notice})"] if found.notice else [])

    offers = t.text(m.offers)
    seeks = text(m.seeks.text) if m.seeks else []
    if m.seeks and m.seeks.partner_types:
        seeks.append(f"{_('Partner types')}: {t.list(x.member_type(p) for p in m.seeks.partner_types)}")
    if m.seeks and m.seeks.countries:
        seeks.append(f"{_('Countries')}: {t.list(t.country(cc) for cc in countries_sorted(m.seeks.countries, t))}")
    details = []
    if m.languages:
        details.append(f"{_('Working languages')}: {t.list(t.language(code) for code in m.languages)}")
    if m.certifications:
        details.append(f"{_('Certifications')}: {t.list(m.certifications)}")
    if m.member_since:
        details.append(f"{_('Member since')}: {m.member_since}")
    about = [
        x.member_type(m.type),
        f"{m.city}, {t.country(m.country)}",
        _("{band} employees").format(band=m.employees) if m.employees else "",
        _("founded {year}").format(year=m.founded) if m.founded else "",
    ]
    return {
        "name": (m.name,),
        "about": tuple(line for line in about if line),
        "summary": tuple(text(m.summary)),
        "description": tuple(text(m.description)),
        "competences": tuple(f"{x.competence(c)} ({c})" for c in m.competences),
        "value_chain": tuple(f"{x.stage(s)} ({s})" for s in m.value_chain),
        "offers": (*offers.text, *([f"({x.notice(offers.lang)})"] if offers.fallback else [])) if offers and offers.text else (),
        "seeks": tuple(seeks),
        "markets": tuple(t.country(cc) for cc in countries_sorted(m.markets, t)),
        "details": tuple(details),
        "contact": tuple(f"{link.text}: {link.href}" if link.external else link.text for link in contacts(x, m.contact, m.website)),
    }


def _fields(m: Member | None) -> dict[str, Any]:
    return m.model_dump() if m is not None else {}


def compare(config: Config, slug: str, before: Side | None, after: Side | None) -> tuple[tuple[LanguageDiff, ...], tuple[str, ...]]:
    """What changes on a member's page in each language (None: the profile is not there), and
    which changed fields are no page text."""
    languages = []
    for lang in config.languages:
        old = page_text(_lang(config, before, lang), before.member) if before else {}
        new = page_text(_lang(config, after, lang), after.member) if after else {}
        sections = tuple(
            SectionDiff(key, old.get(key, ()), new.get(key, ())) for key, _title in SECTIONS if old.get(key, ()) != new.get(key, ())
        )
        if sections:
            languages.append(LanguageDiff(lang, sections))
    old_fields, new_fields = _fields(before.member if before else None), _fields(after.member if after else None)
    other = tuple(
        name for name in Member.model_fields if name not in SHOWN and old_fields.get(name) != new_fields.get(name)
    ) if before and after else ()
    return tuple(languages), other


# --- from git -------------------------------------------------------------------------------------


def _is_profile(path: str) -> bool:
    slug = member_slug(path)
    return slug is not None and bool(SLUG_RE.fullmatch(slug))


def collect(config: Config, base: str, today: dt.date, head: str = "HEAD") -> Summary:
    """The member profiles that differ between base and head, read from git, with check's problems
    (check reads the working tree: in CI, head checked out)."""
    root: Path = config.root
    changed = changes(root, base)  # base..HEAD
    profiles = [c for c in changed if _is_profile(c.path) and not c.symlink]
    others = tuple(c.path for c in changed if c not in profiles)

    @cache
    def taxonomy(ref: str) -> Taxonomy | None:
        text = read_at(root, ref, TAXONOMY_FILE, limit=MAX_BYTES)
        model = load_text("taxonomy", text, TAXONOMY_FILE).model if text is not None else None
        return model if isinstance(model, Taxonomy) else None

    def side(ref: str, path: str) -> tuple[Side | None, bool]:
        """The profile at ref, and whether a file was there at all."""
        text = read_at(root, ref, path, limit=MAX_BYTES)
        if text is None:
            return None, False
        model, tax = load_text("member", text, path).model, taxonomy(ref)
        return (Side(model, tax) if isinstance(model, Member) and tax is not None else None), True

    found: list[Problem] = []
    if profiles:
        from .project import load_project

        found = load_project(config, today, problems_only=True)[1]
    out = []
    for change in profiles[:MAX_PROFILES]:
        slug = member_slug(change.path) or ""
        before, existed = side(base, change.path) if change.old_mode != SYMLINK_MODE else (None, False)
        after, exists = side(head, change.path)
        problems = tuple(sort_problems(
            p for p in found if p.file == change.path or (p.file == CLUSTER_FILE and p.code in LABEL_CODES)
        )) if exists else ()
        name = (after or before).member.name if (after or before) else slug
        notes: list[Msg] = []
        if exists and after is None:
            status = "invalid"
        elif not exists:
            status = "removed"
        else:
            status = "added" if not existed else "changed"
            if existed and before is None:
                notes.append(M("The profile had errors before this change: its whole page text is shown as new."))
            if any(p.severity == "error" for p in problems):
                notes.append(M("`check` finds errors in this profile (below): the site is not built until they are fixed."))
        languages, other = compare(config, slug, before, after) if status != "invalid" else ((), ())
        out.append(ProfileChange(change.path, slug, name, status, languages, other, problems, tuple(notes)))
    return Summary(base, tuple(out), others, tuple(c.path for c in profiles[MAX_PROFILES:]))


# --- rendering ------------------------------------------------------------------------------------

TITLES = dict(SECTIONS)
STATUS = {
    "added": M("new profile"),
    "removed": M("profile removed"),
    "changed": M("profile changed"),
    "invalid": M("has errors: its page text shows once check passes"),
}


def diff_lines(before: tuple[str, ...], after: tuple[str, ...]) -> list[str]:
    """'- ' removed, '+ ' added, '  ' unchanged lines."""
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [f"  {line}" for line in before[i1:i2]]
        else:
            out += [f"- {line}" for line in before[i1:i2]] + [f"+ {line}" for line in after[j1:j2]]
    return out


def _language(config: Config, code: str) -> str:
    """A site language's heading: its own name (the page text below is in it) and its code."""
    return f"{Translator(code, config.default_language).language_name(code)} ({code})"


def _profiles(n: int) -> Msg:
    return N("{count} member profile", "{count} member profiles", n)


def _others(n: int) -> Msg:
    return N("{count} other file", "{count} other files", n)


# GitHub's own words ("Artifacts") and the names of files stay as written in every language.
PREVIEW = M("The whole site as it would look: this run's page, under {artifacts}, {artifact} "
            "(download, unzip, open {page}).", artifacts="**Artifacts**", artifact="`site-preview`", page="`index.html`")


def cut(command: str) -> Msg:
    """The line a step summary over the limit ends with."""
    return M("**This summary stops here**: GitHub shows no step summary over 1 MiB. {preview} "
             "{summary} (the branch the pull request goes into) on your computer shows every change.",
             preview=PREVIEW, summary=f"`{command} summary main`")


# The English line with {command} left to fill, for callers that format it themselves.
CUT = str(cut("{command}"))


def to_markdown(found: Summary, config: Config, lang: str = DEFAULT) -> str:
    """The step summary: a heading per changed profile, a diff block per changed section and language;
    our words in lang, each page's text in its own language."""
    def say(message: Msg) -> str:
        return message.render(lang)

    lines = ["## " + say(M("What this pull request changes on member pages")), ""]
    profiles = len(found.profiles) + len(found.more)
    lines += [say(M("Compared with {base}: {profiles}, {files}.", base=code_span(found.base), profiles=_profiles(profiles),
                    files=_others(len(found.others)))), ""]
    if not profiles:
        lines += [say(M("No member profile changes.")), ""]
    for p in found.profiles:
        lines += [f"### {code_span(p.name)} · {code_span(p.path)} · {say(STATUS[p.status])}", ""]
        if p.notes:
            lines += [" ".join(say(n) for n in p.notes), ""]
        if p.status in ("changed", "added", "removed") and not p.languages:
            lines += [say(M("The page text does not change.")), ""]
        for language in p.languages:
            lines += [f"#### {_language(config, language.lang)}", ""]
            for s in language.sections:
                lines += [f"**{say(TITLES[s.section])}**", "", *code_block(diff_lines(s.before, s.after), "diff"), ""]
        if p.other_fields:
            fields = ", ".join(code_span(f) for f in p.other_fields)
            lines += [say(M("Also changed, not shown as text: {fields}.", fields=fields)), ""]
        if p.problems:
            lines += [say(M("What `check` says about this profile and the cluster's labels:")), "",
                      *code_block([q.text(lang) for q in capped(p.problems)], "text"), ""]
    if found.more:
        more = N("{count} more member profile, not shown in full", "{count} more member profiles, not shown in full", len(found.more))
        lines += [f"### {say(more)}", ""]
        lines += [f"- {code_span(path)}" for path in found.more] + [""]
    if found.others:
        lines += ["### " + say(M("Other files")), ""]
        lines += [f"- {code_span(path)}: {say(NOT_A_PROFILE)}" for path in found.others] + [""]
    lines.append(say(PREVIEW))
    return "\n".join(fit_markdown(lines, say(cut(command(config.root))))) + "\n"


def to_text(found: Summary, config: Config, lang: str = DEFAULT) -> str:
    """The same for a terminal."""
    def say(message: Msg) -> str:
        return message.render(lang)

    profiles = len(found.profiles) + len(found.more)
    lines = [say(M("compared with {base}: {profiles}, {files}", base=shown(found.base), profiles=_profiles(profiles),
                   files=_others(len(found.others))))]
    for p in found.profiles:
        lines.append(f"{shown(p.path)} ({shown(p.name)}): {say(STATUS[p.status])}")
        if p.notes:
            lines.append("  " + " ".join(say(n) for n in p.notes))
        if p.status in ("changed", "added", "removed") and not p.languages:
            lines.append("  " + say(M("the page text does not change")))
        for language in p.languages:
            lines.append(f"  {_language(config, language.lang)}")
            for s in language.sections:
                lines.append(f"    {say(TITLES[s.section])}")
                lines += [f"      {shown(line)}" for line in diff_lines(s.before, s.after)]
        if p.other_fields:
            lines.append("  " + say(M("also changed, not shown as text: {fields}", fields=", ".join(p.other_fields))))
        lines += [f"  {shown(q.text(lang))}" for q in capped(p.problems)]
    lines += [f"{shown(path)}: {say(M('member profile, not shown in full'))}" for path in found.more]
    lines += [f"{shown(path)}: {say(NOT_A_PROFILE)}" for path in found.others]
    return "\n".join(lines) + "\n"
