"""`report`: what managers need to act on — labels, translations, completeness, gaps."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .config import Config
from .model import Member, Project, translatables
from .paths import member_file
from .requests import all_requests

# Optional member sections, in the order of the member page.
OPTIONAL_SECTIONS = ("logo", "description", "value_chain", "offers", "seeks", "markets", "languages", "certifications", "employees", "founded", "member_since")


STALE_DAYS = 365


def build_report(config: Config, project: Project, with_git: bool = False) -> dict[str, Any]:
    """The report as data; text, Markdown and JSON render it."""
    today = project.build_date
    labels = [
        {
            "scheme": lab.scheme,
            "awarded": lab.awarded.isoformat(),
            "valid_until": lab.valid_until.isoformat(),
            "status": lab.status(today).value,
            "days_left": (lab.valid_until - today).days,
        }
        for lab in sorted(project.cluster.labels, key=lambda x: x.valid_until)
    ]
    return {
        "build_date": today.isoformat(),
        "labels": labels,
        "translations": translation_coverage(config, project),
        "completeness": {slug: missing_sections(m) for slug, m in sorted(project.members.items())},
        "value_chain_gaps": value_chain_gaps(project),
        "requests": member_requests(project),
        "target_markets": target_markets(config, project),
        "stale": stale_members(config, project) if with_git else None,
    }


def target_markets(config: Config, project: Project) -> dict[str, Any]:
    """Per target market: partner clusters, members active there, activities in the last 12 months,
    and in which languages the management has written a country note."""
    today, c, ix = project.build_date, project.cluster, project.index
    year_ago = today - dt.timedelta(days=365)
    return {
        cc: {
            "partners": [p.name for p in c.partners if p.country == cc],
            "active_members": ix.by_market.get(cc, []),
            "activities_last_12_months": [
                {"name": a.name, "start": a.start.isoformat()}
                for a in sorted(c.activities, key=lambda a: a.start) if a.country == cc and year_ago <= a.start <= today
            ],
            "country_note": sorted(project.country_notes.get(cc, {})),
        }
        for cc in c.target_markets
    }


def stale_members(config: Config, project: Project) -> dict[str, Any] | None:
    """Members whose file has not changed in git for more than 12 months (None: no git history)."""

    from .gitutil import GitError, last_change

    out = {}
    try:
        for slug in sorted(project.members):
            changed = last_change(config.root, member_file(slug))
            if changed and (project.build_date - dt.date.fromisoformat(changed)).days > STALE_DAYS:
                out[slug] = changed
    except GitError:
        return None
    return out


def translation_coverage(config: Config, project: Project) -> dict[str, Any]:
    """Per language and per member: share of translatable texts present, and what is missing."""
    def percent(have: int, total: int) -> float:
        return round(100 * have / total, 1) if total else 100.0

    per_language: dict[str, list[int]] = {lang: [0, 0] for lang in config.languages}
    per_member: dict[str, dict[str, Any]] = {}
    for slug, member in sorted(project.members.items()):
        missing: dict[str, list[str]] = {}
        fields = list(translatables(member))
        for path, value, *_ in fields:
            field = ".".join(str(p) for p in path)
            for lang in config.languages:
                per_language[lang][1] += 1
                if value.get(lang):
                    per_language[lang][0] += 1
                else:
                    missing.setdefault(lang, []).append(field)
        if missing:
            per_member[slug] = {
                "percent": {lang: percent(len(fields) - len(missing.get(lang, [])), len(fields)) for lang in config.languages},
                "missing": missing,
            }
    return {
        "languages": {lang: percent(have, total) for lang, (have, total) in per_language.items()},
        "members": per_member,
    }


def missing_sections(member: Member) -> list[str]:
    """Optional sections a member has left empty."""
    return [name for name in OPTIONAL_SECTIONS if getattr(member, name) in (None, [], {})]


def member_requests(project: Project) -> dict[str, Any]:
    """The members' requests for partners: the open ones by age (the oldest first: the first to ask
    about), those without a `since` (their age is unknown), and those that ran out."""
    today = project.build_date
    seeks = [r for r in all_requests(project) if r.kind == "seeks"]

    def row(r: Any) -> dict[str, Any]:
        return {"member": r.member, "id": r.id, "since": r.since.isoformat() if r.since else None,
                "until": r.until.isoformat() if r.until else None,
                "days_open": (today - r.since).days if r.since else None}

    dated = sorted((r for r in seeks if r.since and r.open_on(today)), key=lambda r: (r.since, r.member))
    return {
        "open": [row(r) for r in dated],
        "without_since": [row(r) for r in seeks if r.since is None and r.open_on(today)],
        "not_yet_open": [row(r) for r in seeks if r.since and r.since > today],
        "expired": [row(r) for r in seeks if r.until and r.until < today],
    }


def _request_line(r: dict[str, Any]) -> str:
    until = f", until {r['until']}" if r["until"] else ""
    return f"{r['member']}: open {r['days_open']} days (since {r['since']}{until})" if r["since"] else f"{r['member']}: no since date{until}"


def value_chain_gaps(project: Project) -> list[dict[str, str]]:
    """Competence x stage cells with no member."""
    filled = {(c, s) for m in project.members.values() for c in m.competences for s in m.value_chain}
    return [
        {"competence": c, "stage": s}
        for c in project.taxonomy.competences for s in project.taxonomy.value_chain if (c, s) not in filled
    ]


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def _status_line(lab: dict[str, Any]) -> str:
    days = lab["days_left"]
    when = f"{days} days left" if days >= 0 else f"expired {-days} days ago"
    return f"{lab['scheme']}: {lab['status']}, valid until {lab['valid_until']} ({when})"


def to_text(report: dict[str, Any]) -> str:
    lines = [f"clusterfolio report on {report['build_date']}", "", "Labels"]
    lines += [f"  {_status_line(lab)}" for lab in report["labels"]] or ["  none"]
    lines += ["", "Translation coverage"]
    lines += [f"  {lang}: {pct}%" for lang, pct in report["translations"]["languages"].items()]
    for slug, member in report["translations"]["members"].items():
        shares = ", ".join(f"{lang} {pct}%" for lang, pct in member["percent"].items())
        lines += [f"  {slug} ({shares}): missing " + "; ".join(f"{lang}: {', '.join(fields)}" for lang, fields in member["missing"].items())]
    lines += ["", "Profile completeness (empty optional sections)"]
    lines += [f"  {slug}: {', '.join(missing)}" for slug, missing in report["completeness"].items() if missing] or ["  every profile is complete"]
    gaps = report["value_chain_gaps"]
    lines += ["", f"Value-chain gaps ({len(gaps)} cells with no member)"]
    lines += [f"  {g['competence']} × {g['stage']}" for g in gaps]
    requests = report["requests"]
    lines += ["", f"Requests for partners ({len(requests['open']) + len(requests['without_since'])} open), the oldest first"]
    lines += [f"  {_request_line(r)}" for r in requests["open"] + requests["without_since"]] or ["  none"]
    if requests["without_since"]:
        lines += ["  without a since date (add one to the seeks of: " + ", ".join(r["member"] for r in requests["without_since"]) + ")"]
    lines += [f"  not open yet: {_request_line(r)}" for r in requests["not_yet_open"]]
    lines += [f"  ran out: {r['member']} on {r['until']}" for r in requests["expired"]]
    lines += ["", "Target markets (partners · active members · activities in the last 12 months · country note)"]
    for cc, market in report["target_markets"].items():
        note = ", ".join(market["country_note"]) or "no note"
        lines += [f"  {cc}: {len(market['partners'])} partners · {len(market['active_members'])} members · "
                  f"{len(market['activities_last_12_months'])} activities · {note}"]
    if report.get("stale") is not None:
        lines += ["", "Profiles unchanged for more than 12 months"]
        lines += [f"  {slug}: last changed {date}" for slug, date in report["stale"].items()] or ["  none"]
    return "\n".join(lines) + "\n"


def to_markdown(report: dict[str, Any]) -> str:
    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("<", "&lt;")

    lines = [f"# clusterfolio report ({report['build_date']})", "", "## Labels", "", "| scheme | status | valid until | days left |", "|---|---|---|---:|"]
    lines += [f"| {cell(x['scheme'])} | {x['status']} | {x['valid_until']} | {x['days_left']} |" for x in report["labels"]]
    lines += ["", "## Translation coverage", "", "| language | coverage |", "|---|---:|"]
    lines += [f"| {lang} | {pct}% |" for lang, pct in report["translations"]["languages"].items()]
    if report["translations"]["members"]:
        langs = list(report["translations"]["languages"])
        lines += ["", "| member | " + " | ".join(langs) + " | missing |", "|---|" + "---:|" * len(langs) + "---|"]
        lines += [
            f"| {cell(slug)} | " + " | ".join(f"{m['percent'][lang]}%" for lang in langs) + " | "
            + cell("; ".join(f"{lang}: {', '.join(f)}" for lang, f in m["missing"].items())) + " |"
            for slug, m in report["translations"]["members"].items()
        ]
    lines += ["", "## Profile completeness", "", "| member | empty optional sections |", "|---|---|"]
    lines += [f"| {cell(slug)} | {cell(', '.join(missing))} |" for slug, missing in report["completeness"].items() if missing]
    lines += ["", "## Value-chain gaps", ""]
    lines += [f"- {cell(g['competence'])} × {cell(g['stage'])}" for g in report["value_chain_gaps"]] or ["none"]
    requests = report["requests"]
    lines += ["", "## Requests for partners", "", "| member | since | days open | until |", "|---|---|---:|---|"]
    lines += [f"| {cell(r['member'])} | {r['since'] or 'no since date'} | {r['days_open'] if r['days_open'] is not None else ''} | {r['until'] or ''} |"
              for r in requests["open"] + requests["without_since"]]
    if requests["expired"]:
        lines += ["", "Ran out: " + ", ".join(f"{cell(r['member'])} ({r['until']})" for r in requests["expired"])]
    lines += ["", "## Target markets", "", "| country | partner clusters | active members | activities, last 12 months | country note |", "|---|---:|---:|---:|---|"]
    lines += [
        f"| {cell(cc)} | {len(m['partners'])} | {len(m['active_members'])} | {len(m['activities_last_12_months'])} | {cell(', '.join(m['country_note']) or 'none')} |"
        for cc, m in report["target_markets"].items()
    ]
    if report.get("stale") is not None:
        lines += ["", "## Profiles unchanged for more than 12 months", ""]
        lines += [f"- {cell(slug)}: last changed {date}" for slug, date in report["stale"].items()] or ["none"]
    return "\n".join(lines) + "\n"
