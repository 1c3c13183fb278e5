"""The harvest's report: one line per cluster in portal.yml's order, then a summary."""
from __future__ import annotations

from collections.abc import Sequence

from ..messages import M, Msg
from .harvest import Outcome


def cluster_lines(outcome: Outcome) -> list[Msg]:
    """What happened to one cluster, named as portal.yml names it."""
    name = outcome.source.name
    if outcome.result == "fetched":
        lines = [M("fetched    {cluster}: {downloaded} files downloaded, {unchanged} not modified", cluster=name,
                   downloaded=outcome.downloaded, unchanged=outcome.not_modified)]
    elif outcome.result == "unchanged":
        lines = [M("unchanged  {cluster}: {unchanged} files not modified, nothing downloaded", cluster=name, unchanged=outcome.not_modified)]
    elif outcome.kept:
        lines = [M("failed     {cluster}: {reason}; kept its last good copy, harvested on {date}", cluster=name,
                   reason=outcome.reason or "", date=outcome.kept)]
    else:
        lines = [M("failed     {cluster}: {reason}; no copy of it yet", cluster=name, reason=outcome.reason or "")]
    if outcome.logo is not None:
        lines.append(M("logo       {cluster}: {reason}", cluster=name, reason=outcome.logo))
    if outcome.stale is not None:
        lines.append(M("stale      {cluster}: {reason}", cluster=name, reason=outcome.stale))
    return lines


def report(outcomes: Sequence[Outcome]) -> list[Msg]:
    """Every cluster's lines, then the counts."""
    lines = [line for outcome in outcomes for line in cluster_lines(outcome)]
    count = {result: sum(o.result == result for o in outcomes) for result in ("fetched", "unchanged", "failed")}
    lines.append(M("harvest: {clusters} clusters: {fetched} fetched, {unchanged} unchanged, {failed} failed, {stale} stale",
                   clusters=len(outcomes), stale=sum(o.stale is not None for o in outcomes), **count))
    return lines
