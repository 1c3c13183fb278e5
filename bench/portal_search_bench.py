"""Benchmark: the portal's search over N clusters x M members (default 120 x 200 = 24,000 records a language).

Writes a fictional harvest folder (each cluster's cluster.json and members.json, as `portal harvest`
keeps them, with the demo's taxonomy labels and generated texts), then per language: the records
read from it and the Pagefind bundle written (clusterfolio/portal/search.py): seconds, and the peak
memory of this process and of the Pagefind service. Then, in headless Chromium over 127.0.0.1, what
the first query of the site's search box downloads from the English bundle (bench/search_bench.py's
measure), counted as a server that compresses would send it: Pagefind's own gzip files as they are,
pagefind.js and the others gzip-compressed. Target: under 300 KB compressed.
Usage: python bench/portal_search_bench.py [CLUSTERS] [MEMBERS] [--query WORD ...] [--langs L ...] [--files] [--narrow]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import WORDS  # noqa: E402
from clusterfolio.portal.search import records_from_harvest, write_portal_search  # noqa: E402
from clusterfolio.portal.settings import ClusterSource  # noqa: E402

LANGS = ("de", "en", "fr")
TARGET_KB = 300
COUNTRIES = ["DE", "FR", "CH", "AT", "NO", "IT", "NL", "PL"]


def vocabulary() -> dict[str, list[str]]:
    """The words of the demo members' summaries, per language (what real texts are made of)."""
    words: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for path in sorted((ROOT / "profiles/members").glob("*.yml")):
        summary = yaml.safe_load(path.read_text(encoding="utf-8")).get("summary") or {}
        for lang in LANGS:
            words[lang] |= {w.strip(".,:;()«»\"").lower() for w in str(summary.get(lang, "")).split()} - {""}
    return {lang: sorted(found) for lang, found in words.items()}


def make_harvest(folder: Path, clusters: int, members: int, labels: dict, narrow: bool) -> list[ClusterSource]:
    """clusters x members fictional members in harvest/<key>/data/, with the given taxonomy labels;
    their summaries of words from the demo's summaries, or (narrow) of bench/generate.py's 12 words."""
    rng = random.Random(7)
    vocab = dict.fromkeys(LANGS, WORDS) if narrow else vocabulary()
    competences, stages = sorted(labels["competences"]), sorted(labels["value_chain"])
    sources = []
    for c in range(clusters):
        key, site = f"cluster-{c:03d}", f"https://cluster-{c:03d}.example.org/"
        data = folder / key / "data"
        data.mkdir(parents=True)
        name = f"Cluster {rng.choice(WORDS).title()} {c}"
        (data / "cluster.json").write_text(json.dumps({"name": name, "urls": {lang: f"{site}{lang}/" for lang in LANGS}}), encoding="utf-8")
        rows = []
        for m in range(members):
            slug = f"member-{m:03d}"
            words = lambda n: " ".join(rng.choice(WORDS) for _ in range(n))  # noqa: E731
            rows.append({"slug": slug, "name": f"{words(2).title()} {c}-{m} GmbH", "country": rng.choice(COUNTRIES),
                         "summary": {lang: " ".join(rng.choice(vocab[lang]) for _ in range(30))[:300] for lang in LANGS},
                         "competences": rng.sample(competences, 3), "value_chain": rng.sample(stages, 2),
                         "urls": {lang: f"{site}{lang}/members/{slug}/" for lang in LANGS}})
        (data / "members.json").write_text(json.dumps({"taxonomy_labels": labels, "members": rows}, ensure_ascii=False), encoding="utf-8")
        sources.append(ClusterSource(key=key, url=site))
    return sources


def demo_labels() -> dict:
    """The demo's competence and value-chain labels (from its profiles, so no build is needed)."""
    from clusterfolio.loading import load_file

    taxonomy = load_file("taxonomy", ROOT / "profiles/taxonomy.yml", "taxonomy.yml").model
    return {"competences": {k: dict(v.label) for k, v in taxonomy.competences.items()},
            "value_chain": {k: dict(v.label) for k, v in taxonomy.value_chain.items()}}


def compressed(site: Path, path: str) -> int:
    """A fetched file's size as a compressing server sends it."""
    body = (site / path.lstrip("/")).read_bytes()
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, compresslevel=6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clusters", type=int, nargs="?", default=120)
    parser.add_argument("members", type=int, nargs="?", default=200)
    parser.add_argument("--query", nargs="*", default=["laser", "optical measuring", "sensors"])
    parser.add_argument("--langs", nargs="*", default=list(LANGS), help="the languages to index (the query runs on English)")
    parser.add_argument("--files", action="store_true", help="list the files each first query fetched")
    parser.add_argument("--narrow", action="store_true", help="summaries of 12 words only (each in nine records of ten)")
    args = parser.parse_args()
    from bench.search_bench import measure_pagefind
    from tests.test_portal_search import search_page

    with tempfile.TemporaryDirectory(prefix="portal-search-") as work:
        harvest, site = Path(work) / "harvest", Path(work) / "site"
        started = time.perf_counter()
        sources = make_harvest(harvest, args.clusters, args.members, demo_labels(), args.narrow)
        print(f"harvest folder: {args.clusters} clusters x {args.members} members in {time.perf_counter() - started:.1f} s")
        for lang in args.langs:
            started = time.perf_counter()
            count = write_portal_search(site, lang, records_from_harvest(harvest, sources, lang))
            took = time.perf_counter() - started
            size = sum(p.stat().st_size for p in (site / lang / "pagefind").rglob("*") if p.is_file())
            print(f"{lang}: {count:,} records, {took:.1f} s, bundle {size / 1024 / 1024:.1f} MB on disk "
                  f"({len(list((site / lang / 'pagefind').rglob('*')))} files)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        service = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: this process {own:.0f} MB, the Pagefind service {service:.0f} MB")
        search_page(site, "en")
        worst = 0
        for measure in measure_pagefind(site, args.query, delay=60):
            query_bytes = sum(compressed(site, f.path) for f in measure.fetches)
            worst = max(worst, query_bytes)
            print(f"first query {measure.query!r}: {measure.results} results shown, {len(measure.fetches)} files, "
                  f"{query_bytes / 1024:.1f} KB compressed ({measure.total / 1024:.1f} KB as served uncompressed)")
            for fetch in sorted(measure.fetches, key=lambda f: -f.size) if args.files else ():
                print(f"  {compressed(site, fetch.path) / 1024:7.1f} KB  {fetch.phase:5}  {fetch.path}")
        print(f"largest first query: {worst / 1024:.1f} KB compressed (target < {TARGET_KB} KB); load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
