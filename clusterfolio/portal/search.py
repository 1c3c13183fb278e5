"""The portal's search (issue 28, item 3): one Pagefind index per language, at <lang>/pagefind/,
made from the harvested members, not from pages.

Each member of every harvested cluster is one record of Pagefind's API (`AddRecord`, what
`PagefindIndex.add_custom_record` sends): its name, summary, competences and cluster as the text,
its page on its own cluster's site as the address (the canonical page; the portal has no copy), and
filters by competence, value-chain stage, country and cluster in the language's words. The bundle
is written as the cluster site's is (site/search.py): without Pagefind's own interfaces, and with the
same bytes for the same records. docs/portal.md, "Search".
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale

from .. import urls, weburl
from ..i18n import Translator
from ..site.search import tidy_bundle
from .pagefind_service import PagefindError, PagefindService
from .settings import ClusterSource, web_address

# A harvested text is the cluster's, not checked by this portal's `check`: bounded here, so that one
# cluster cannot make every visitor's index large (SPEC's limits: a name of 200, a summary of 300).
MAX_TITLE = 200
MAX_CONTENT = 2000
MAX_FILTER_VALUE = 120


@dataclass(frozen=True)
class SearchRecord:
    """One result the search can find: a member of a harvested cluster, in one language."""

    url: str  # the member's canonical page on its cluster's site
    lang: str
    title: str
    content: str
    meta: Mapping[str, str] = field(default_factory=dict)
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def write_portal_search(site: Path, lang: str, records: Iterable[SearchRecord]) -> int:
    """Write <lang>/pagefind/ under site from the records (in the order of their addresses, each
    address once); the number of records indexed."""
    chosen: dict[str, SearchRecord] = {}
    for record in records:
        if record.lang != lang:
            raise ValueError(f"a record in {record.lang!r} for the index of {lang!r}: {record.url}")
        chosen.setdefault(record.url, record)
    bundle = site / urls.search_bundle(lang)
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=bundle.parent) as work:
        out = Path(work) / "pagefind"
        with PagefindService() as service:
            index = service.send({"type": "NewIndex", "config": {"force_language": lang}})["index_id"]
            for url in sorted(chosen):
                r = chosen[url]
                service.send({"type": "AddRecord", "index_id": index, "url": r.url, "content": r.content, "language": lang,
                              "meta": {"title": r.title, **r.meta}, "filters": {k: list(v) for k, v in sorted(r.filters.items()) if v},
                              "sort": None})
            # The files come back in the answer and are written here: with WriteFiles, the service
            # answered before it had written every file (an empty pagefind-entry.json at a load of 5).
            files = service.send({"type": "GetFiles", "index_id": index})["files"]
        for file in files:
            target = out / file["path"]
            if not target.resolve().is_relative_to(out.resolve()):
                raise PagefindError(f"pagefind --service named a file outside its bundle: {file['path'][:80]!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
        tidy_bundle(out)
        shutil.rmtree(bundle, ignore_errors=True)
        os.replace(out, bundle)
    return len(chosen)


# --- the records, from the harvest folder ----------------------------------------------------


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _short(text: object, limit: int) -> str:
    """Text, one line, at most `limit` characters (a harvested value may be anything)."""
    value = " ".join(str(text).split()) if isinstance(text, str) else ""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def _in(texts: object, lang: str, order: list[str]) -> str:
    """A translatable text in lang, else in the cluster's first language that has it."""
    if not isinstance(texts, dict):
        return ""
    for code in (lang, *order, *sorted(texts)):
        if isinstance(texts.get(code), str) and texts[code].strip():
            return texts[code]
    return ""


def canonical(url: object, home: str) -> bool:
    """Whether a harvested member address may be a result's link: https (http only to this machine,
    as portal.yml allows), read by browsers as written, on the same site as its cluster's home."""
    if not isinstance(url, str) or any(ch.isspace() or not ch.isprintable() for ch in url):
        return False  # urlsplit strips what a browser would read otherwise
    if not web_address(url) or urlsplit(url).netloc != urlsplit(home).netloc:
        return False
    return not url.startswith("https://") or weburl.problem(url) is None


@dataclass(frozen=True)
class _Words:
    """The words of one language for a cluster's ids: its taxonomy labels, Babel's country names."""

    lang: str
    order: list[str]  # the cluster's languages, its default first
    labels: dict[str, Any]
    countries: Mapping[str, str]

    def label(self, section: str, key: object) -> str:
        entries = self.labels.get(section) if isinstance(self.labels.get(section), dict) else {}
        return _short(_in(entries.get(key), self.lang, self.order) or key, MAX_FILTER_VALUE) if isinstance(key, str) else ""

    def labels_of(self, section: str, keys: object) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in (self.label(section, k) for k in (keys if isinstance(keys, list) else [])) if v))


def harvested(folder: Path) -> tuple[dict[str, Any], list[Any], dict[str, Any]]:
    """A harvested cluster's cluster.json, its members and their taxonomy labels (empty where the
    copy cannot be read: the harvest kept it, but nothing here trusts it)."""
    cluster = _json(folder / "data" / "cluster.json")
    members = _json(folder / "data" / "members.json")
    if not isinstance(cluster, dict) or not isinstance(members, dict) or not isinstance(members.get("members"), list):
        return {}, [], {}
    labels = members.get("taxonomy_labels")
    return cluster, members["members"], labels if isinstance(labels, dict) else {}


def cluster_records(folder: Path, lang: str) -> Iterator[SearchRecord]:
    """The records of one harvested cluster (harvest/<key>/) in lang; a member whose address is not
    a page of its cluster's site is left out (docs/portal.md, "Search")."""
    cluster, members, labels = harvested(folder)
    home_urls = cluster.get("urls") if isinstance(cluster.get("urls"), dict) else {}
    order = [code for code in home_urls if isinstance(code, str)]
    home = next((u for u in home_urls.values() if isinstance(u, str)), "")
    name = _short(cluster.get("name"), MAX_TITLE)
    if not home or not name:
        return
    t = Translator(lang, lang)
    words = _Words(lang, order, labels, Locale.parse(lang).territories)
    names = {"competence": t._("Competence"), "stage": t._("Value-chain stage"), "country": t._("Country"), "cluster": t._("Cluster")}
    for member in members:
        if not isinstance(member, dict):
            continue
        addresses = member.get("urls") if isinstance(member.get("urls"), dict) else {}
        url = addresses.get(lang) or next((addresses[c] for c in order if c in addresses), None)
        title = _short(member.get("name"), MAX_TITLE)
        if not title or not canonical(url, home):
            continue
        competences = words.labels_of("competences", member.get("competences"))
        country = member.get("country") if isinstance(member.get("country"), str) else ""
        # Parts apart by " · ", so that an excerpt never runs a name into a summary or a competence into
        # the cluster's name ("(fiktiv) The institute", "Micro-machining Cluster Alpha").
        content = " · ".join(part for part in (title, _short(_in(member.get("summary"), lang, order), MAX_CONTENT),
                                               *competences, name) if part)
        yield SearchRecord(
            url=str(url), lang=lang, title=title, content=content[:MAX_CONTENT], meta={"cluster": name},
            filters={names["competence"]: competences, names["stage"]: words.labels_of("value_chain", member.get("value_chain")),
                     names["country"]: (_short(words.countries.get(country, country), MAX_FILTER_VALUE),) if country else (),
                     names["cluster"]: (name,)})


def records_from_harvest(harvest_folder: Path, clusters: Iterable[ClusterSource], lang: str) -> Iterator[SearchRecord]:
    """Every member of the clusters (portal.yml's, in its order) that the harvest folder holds, in lang."""
    for source in clusters:
        yield from cluster_records(harvest_folder / source.key, lang)
