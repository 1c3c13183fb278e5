"""Search index: Pagefind over the built site, made reproducible.

Pagefind writes its filter indexes in hash-map order, which changes from run to run
(Pagefind issue #638), and names files by their content. We rewrite the filter files
with their values sorted, and the metadata file that names them, so two builds of the
same input are byte-identical. Everything else Pagefind writes is already stable.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cbor2

from .. import urls

SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{path.name}: not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE):])


def _write(folder: Path, prefix: str, lang: str, length: int, suffix: str, value: Any) -> str:
    """Write a Pagefind file named by its content; return its hash name (e.g. 'en_1a2b3c4')."""
    payload = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    name = f"{lang}_{hashlib.sha256(payload).hexdigest()[:length]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(payload)
    return name


# Pages one Pagefind run indexes at most. Pagefind holds a run's whole index in memory (about
# 85 KB per member page); a language with more searchable pages gets several bundles of even
# size, which the search box merges at query time.
SHARD_PAGES = 5000


def shard_count(pages: int) -> int:
    """How many bundles a language's searchable pages need."""
    return max(1, -(-pages // SHARD_PAGES))


def shards(paths: list[str]) -> list[list[str]]:
    """The searchable pages of one language in shard_count(len(paths)) runs of even size."""
    count = shard_count(len(paths))
    size = -(-len(paths) // count) if paths else 0
    return [paths[n * size:(n + 1) * size] for n in range(count)]


# What search leaves out wherever a template puts it (the templates' data-pagefind-ignore say the
# rest): the notice that a text is shown in another language ("Non disponible en français, affiché en
# allemand.") is the interface's, not the page's; indexed, it matched every page that has one and ran
# into the text before it in snippets ("2019.Non").
EXCLUDED = (".cf-fallback",)


def _link_tree(site: Path, lang: str, paths: list[str], tree: Path) -> Path:
    """Hard-link one shard's pages into a folder of their own, so Pagefind reads nothing else."""
    for path in paths:
        target = tree / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(site / lang / path / "index.html", target)
    tree.mkdir(parents=True, exist_ok=True)
    return tree


def index_search(site: Path, search_paths: dict[str, list[str]], work: Path) -> None:
    """Run Pagefind per language (and per shard): only the searchable pages, split so a query
    downloads only what it needs. A thread links the shards' pages ahead of Pagefind (which
    indexes on both cores) and removes each shard's once it is indexed: file system calls, which
    wait on the disk, not on the processor."""
    runs = [(lang, n + 1, part) for lang, paths in sorted(search_paths.items()) for n, part in enumerate(shards(paths))]
    with ThreadPoolExecutor(max_workers=1) as files:
        trees = [files.submit(_link_tree, site, lang, part, work / f"search-{lang}-{n}") for lang, n, part in runs]
        try:
            for (lang, n, _), linked in zip(runs, trees, strict=True):
                tree = linked.result()
                bundle = site / urls.search_bundle(lang, n)
                proc = subprocess.run(
                    [sys.executable, "-m", "pagefind", "--site", str(tree), "--output-path", str(bundle), "--silent",
                     *(arg for selector in EXCLUDED for arg in ("--exclude-selectors", selector))],
                    capture_output=True, text=True,
                )
                if proc.returncode != 0:
                    raise RuntimeError(f"pagefind failed: {proc.stderr.strip() or proc.stdout.strip()}")
                files.submit(shutil.rmtree, tree, ignore_errors=True)
                tidy_bundle(bundle)
        except BaseException:
            for linked in trees:  # a failed run stops the linking still to come
                linked.cancel()
            raise


def tidy_bundle(bundle: Path) -> None:
    """What Pagefind wrote, as the site publishes it: without Pagefind's own user interfaces (the
    site has a search box of its own), reproducible. The portal's search does the same (portal/search.py)."""
    for unused in bundle.glob("pagefind-*ui*"):
        unused.unlink()
    (bundle / "pagefind-highlight.js").unlink(missing_ok=True)
    make_reproducible(bundle)


def make_reproducible(bundle: Path) -> None:
    """Sort filter values, rename what depends on them, and point the entry file at it."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_file)
        filters = meta[3]  # [[filter name, file hash], ...]
        renamed = []
        for name, old_hash in filters:
            old_file = bundle / "filter" / f"{old_hash}.pf_filter"
            content = _read(old_file)  # [filter name, [[value, [page numbers]], ...]]
            content[1] = sorted(content[1], key=lambda value: value[0])
            old_file.unlink()
            renamed.append([name, _write(bundle / "filter", "", lang, 7, ".pf_filter", content)])
        meta[3] = sorted(renamed)
        meta_file.unlink()
        info["hash"] = _write(bundle, "pagefind.", lang, 10, ".pf_meta", meta)
    entry_file.write_text(json.dumps(entry, separators=(",", ":"), sort_keys=True), encoding="utf-8")
