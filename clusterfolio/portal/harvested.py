"""The harvest folder read back for `portal build`: each cluster's kept copy as typed, frozen records.

Everything here came from a cluster's site and is hostile: the harvest checked it against the
open data's schemas when it was kept, but the folder is plain files (a commit can change them), so
this reader takes each value only when it has the expected type and leaves the rest out; texts stay
texts (the templates escape them), addresses become links only through `out_url` (https://, or
http:// that reads the same, as browsers read it: weburl). A cluster whose copy cannot be read is
left out with its reason, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import urls, weburl
from ..logos import PNG_MAX, SVG_MAX, check_logo_data
from ..messages import M, Msg
from ..model import EXPIRY_WARNING_DAYS, LabelStatus
from ..paths import read_limited
from .harvest import HARVEST_DIR, LOGO_PATHS, read_state
from .settings import ClusterSource, Portal

Texts = Mapping[str, str]  # language code -> text
_MAX_TEXT = 5000  # longer texts are cut: a page shows no novel from a hostile site


def _str(value: Any, limit: int = 300) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _texts(value: Any, limit: int = _MAX_TEXT) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v[:limit] for k, v in value.items() if isinstance(k, str) and len(k) <= 8 and isinstance(v, str) and v.strip()}


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x[:100] for x in value if isinstance(x, str))) if isinstance(value, list) else ()


def _labels(value: Any) -> dict[str, dict[str, str]]:
    """id -> label in each language (taxonomy_labels' sections)."""
    return {k[:100]: _texts(v, 300) for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _urls(value: Any) -> dict[str, str]:
    """A record's pages in each language, only those that are addresses a page may link."""
    out = {}
    for lang, url in (value.items() if isinstance(value, dict) else ()):
        safe = out_url(url)
        if isinstance(lang, str) and safe:
            out[lang] = safe
    return out


def out_url(url: Any) -> str | None:
    """An address a portal page may link to: https:// (or http://) that browsers read as written
    (weburl, the check every profile address passes), as the WHATWG parser writes it; else None."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    scheme = weburl.scheme(url)
    if scheme not in ("https", "http"):
        return None
    as_https = "https" + url[len(scheme):]
    if weburl.problem(as_https) is not None:
        return None
    try:
        return scheme + weburl.serialise(as_https)[len("https"):]
    except ValueError:
        return None


def in_language(urls: Mapping[str, str], lang: str, default: str | None = None) -> str | None:
    """The page in this language, else in the cluster's default, else any."""
    return urls.get(lang) or (urls.get(default) if default else None) or next(iter(urls.values()), None)


def label_status(awarded: dt.date | None, valid_until: dt.date, on: dt.date) -> LabelStatus:
    """A label's status on the portal's build date, as model.Label.status says it (SPEC §4.1)."""
    if awarded is not None and on < awarded:
        return LabelStatus.NOT_YET_VALID
    if on > valid_until:
        return LabelStatus.EXPIRED
    if (valid_until - on).days <= EXPIRY_WARNING_DAYS:
        return LabelStatus.EXPIRING
    return LabelStatus.VALID


@dataclass(frozen=True)
class HarvestedLabel:
    scheme: str
    name: Texts
    level: str
    awarded: dt.date | None
    valid_until: dt.date
    certificate: str | None


@dataclass(frozen=True)
class HarvestedMember:
    cluster: str  # the cluster's key
    slug: str
    name: str
    type: str
    city: str
    country: str
    competences: tuple[str, ...]
    stages: tuple[str, ...]
    urls: Mapping[str, str]  # its page on its cluster's site, per language (members.json)
    summary: Texts


@dataclass(frozen=True)
class HarvestedRequest:
    cluster: str
    id: str
    kind: str  # seeks, gap
    member: str  # the member's slug (a seeks request)
    member_name: str
    text: Texts
    partner_types: tuple[str, ...]
    countries: tuple[str, ...]
    competences: tuple[str, ...]
    stage: str
    until: dt.date | None
    urls: Mapping[str, str]


@dataclass(frozen=True)
class HarvestedPartner:
    cluster: str
    name: str
    country: str
    city: str
    website: str | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class HarvestedCluster:
    key: str
    source: str  # as portal.yml names it
    harvested: str  # the date of the kept copy
    build_date: str
    name: str
    region: str
    country: str
    languages: tuple[str, ...]  # the languages its pages are in (its urls)
    urls: Mapping[str, str]  # its home page per language
    website: str | None
    tagline: Texts
    focus: tuple[str, ...]
    labels: tuple[HarvestedLabel, ...]
    members: tuple[HarvestedMember, ...]
    requests: tuple[HarvestedRequest, ...]
    partners: tuple[HarvestedPartner, ...]
    words: Mapping[str, Mapping[str, Texts]]  # competences, value_chain, member_types: id -> label per language
    stage_order: tuple[str, ...]  # its value chain's stages, in order
    logo: str | None = None  # where the portal publishes its logo, from the site root; None: its initials are shown
    logo_data: bytes = field(default=b"", repr=False)  # the logo's bytes, checked again when read


@dataclass(frozen=True)
class Harvested:
    clusters: tuple[HarvestedCluster, ...]
    missing: tuple[tuple[str, Msg], ...]  # (cluster as portal.yml names it, why it is left out)


def _json(folder: Path, name: str, required: bool = True) -> dict[str, Any]:
    path = folder / "data" / name
    if not path.is_file():
        if required:
            raise ValueError(f"{name} is missing")
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{name} is not a JSON object")
    return data


def _label(item: Any) -> HarvestedLabel | None:
    if not isinstance(item, dict) or _date(item.get("valid_until")) is None:
        return None
    details = item.get("scheme_details") if isinstance(item.get("scheme_details"), dict) else {}
    return HarvestedLabel(_str(item.get("scheme"), 100), _texts(details.get("name"), 300), _str(details.get("level"), 20) or "other",
                          _date(item.get("awarded")), _date(item.get("valid_until")) or dt.date.min, out_url(item.get("certificate_url")))


def _member(key: str, item: Any) -> HarvestedMember | None:
    if not isinstance(item, dict) or not _str(item.get("slug")) or not _str(item.get("name")):
        return None
    return HarvestedMember(key, _str(item["slug"], 63), _str(item["name"], 200), _str(item.get("type"), 50), _str(item.get("city"), 100),
                           _str(item.get("country"), 2).upper(), _ids(item.get("competences")), _ids(item.get("value_chain")),
                           _urls(item.get("urls")), _texts(item.get("summary"), 600))


def _request(key: str, item: Any) -> HarvestedRequest | None:
    if not isinstance(item, dict) or not _str(item.get("id")):
        return None
    return HarvestedRequest(key, _str(item["id"], 32), _str(item.get("kind"), 10), _str(item.get("member"), 63), _str(item.get("member_name"), 200),
                            _texts(item.get("text"), 2000), _ids(item.get("partner_types")), tuple(c.upper() for c in _ids(item.get("countries"))),
                            _ids(item.get("competences")), _str(item.get("stage"), 100), _date(item.get("until")), _urls(item.get("urls")))


def _partner(key: str, item: Any) -> HarvestedPartner | None:
    if not isinstance(item, dict) or not _str(item.get("name")):
        return None
    return HarvestedPartner(key, _str(item["name"], 200), _str(item.get("country"), 2).upper(), _str(item.get("city"), 100),
                            out_url(item.get("website")), _ids(item.get("topics")))


def _logo(key: str, folder: Path, state: Mapping[str, Any]) -> tuple[str | None, bytes]:
    """The kept logo, where the portal publishes it and its bytes, when state.json names one and
    it still passes the logo checks (the folder is plain files); else (None, b'')."""
    entry = state.get("logo")
    path = entry.get("path") if isinstance(entry, dict) else None
    if path not in LOGO_PATHS:
        return None, b""
    suffix = Path(path).suffix
    limit = SVG_MAX if suffix == ".svg" else PNG_MAX
    try:
        data = read_limited(folder / path, limit)
    except OSError:
        return None, b""
    if len(data) > limit or check_logo_data(data, suffix):
        return None, b""
    return urls.portal_cluster_logo(key, path), data


def read_cluster(source: ClusterSource, folder: Path) -> HarvestedCluster:
    """One cluster's kept copy; ValueError (or OSError) when it cannot be read."""
    state = read_state(folder)
    if not state:
        raise ValueError("no harvested copy")
    cluster, members = _json(folder, "cluster.json"), _json(folder, "members.json")
    requests = _json(folder, "requests.json", required=False)
    labels = members.get("taxonomy_labels") if isinstance(members.get("taxonomy_labels"), dict) else {}
    words = {section: _labels(labels.get(section)) for section in ("competences", "value_chain", "member_types")}
    focus_labels = _labels((cluster.get("taxonomy_labels") or {}).get("focus") if isinstance(cluster.get("taxonomy_labels"), dict) else None)
    words["competences"] = {**focus_labels, **words["competences"]}
    taxonomy = cluster.get("taxonomy") if isinstance(cluster.get("taxonomy"), dict) else {}
    stage_order = tuple(k for k in (taxonomy.get("value_chain") or {}) if isinstance(k, str)) if isinstance(taxonomy.get("value_chain"), dict) else ()
    key = source.key
    home = _urls(cluster.get("urls"))
    logo, logo_data = _logo(source.key, folder, state)
    return HarvestedCluster(
        key=key, source=source.name, harvested=_str(state.get("harvested"), 10), build_date=_str(state.get("build_date"), 10),
        name=_str(cluster.get("name"), 200) or key, region=_str(cluster.get("region"), 100), country=_str(cluster.get("country"), 2).upper(),
        languages=tuple(home), urls=home, website=out_url(cluster.get("website")), tagline=_texts(cluster.get("tagline"), 300),
        focus=_ids(cluster.get("focus")),
        labels=tuple(x for x in map(_label, cluster.get("labels") or []) if x) if isinstance(cluster.get("labels"), list) else (),
        members=_unique(x for x in (_member(key, m) for m in _list(members.get("members"))) if x),
        requests=tuple(x for x in (_request(key, r) for r in _list(requests.get("requests"))) if x),
        partners=tuple(x for x in (_partner(key, p) for p in _list(cluster.get("partners"))) if x),
        words=words, stage_order=stage_order, logo=logo, logo_data=logo_data,
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _unique(members: Any) -> tuple[HarvestedMember, ...]:
    """One record per slug (the first): a cluster's member is one entry in every listing."""
    seen: dict[str, HarvestedMember] = {}
    for m in members:
        seen.setdefault(m.slug, m)
    return tuple(seen.values())


def read_harvest(portal: Portal, folder: Path | None = None) -> Harvested:
    """Every cluster portal.yml lists, from its kept copy, in portal.yml's order."""
    folder = folder or portal.root / HARVEST_DIR
    clusters, missing = [], []
    for source in portal.clusters:
        try:
            clusters.append(read_cluster(source, folder / source.key))
        except (OSError, ValueError) as exc:
            reason = str(exc) if str(exc) == "no harvested copy" else f"{type(exc).__name__}: {exc}"
            missing.append((source.name, M("left out: its harvested copy cannot be read ({reason})", reason=reason[:200])))
    return Harvested(tuple(clusters), tuple(missing))
