"""Generate N fictional member profiles into a copy of a project (for benchmarks)."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from clusterfolio.loading import load_file

WORDS = ["laser", "optik", "sensor", "präzision", "fertigung", "messtechnik", "beschichtung", "mikro", "automation", "daten", "qualität", "prüfung"]


def make_project(source: Path, target: Path, count: int, seed: int = 7) -> Path:
    """Copy source (profiles, content, mkdocs.yml) to target and add count generated members."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site", ".venv", ".git", "tests", "bench", "*.pyc"))
    taxonomy = load_file("taxonomy", target / "profiles/taxonomy.yml", "taxonomy.yml").model
    assert taxonomy is not None, "the source project's taxonomy must be valid"
    languages = yaml.safe_load((target / "mkdocs.yml").read_text())["extra"]["languages"]
    rng = random.Random(seed)
    asks = random.Random(seed + 1)  # the requests' own: members stay as they were without them
    competences, stages, types = list(taxonomy.competences), list(taxonomy.value_chain), list(taxonomy.member_types)
    members = target / "profiles/members"
    for i in range(count):
        words = lambda n: " ".join(rng.choice(WORDS) for _ in range(n))  # noqa: E731
        slug = f"bench-{i:05d}"
        profile = {
            "name": f"Benchmark {words(2).title()} {i} GmbH",
            "type": rng.choice(types),
            "employees": rng.choice(["1-9", "10-49", "50-249"]),
            "founded": str(rng.randint(1950, 2024)),
            "city": rng.choice(["Reutlingen", "Tübingen", "Stuttgart", "Ulm"]),
            "country": "DE",
            "website": f"https://{slug}.example.com",
            "summary": {lang: f"{words(12)} ({lang})."[:300] for lang in languages},
            "description": {lang: f"**{words(3)}** {words(40)}.\n\n- {words(4)}\n- {words(5)}\n\n[Web](https://{slug}.example.com)" for lang in languages},
            "competences": rng.sample(competences, 3),
            "value_chain": rng.sample(stages, 2),
            "offers": {lang: [words(3), words(4)] for lang in languages},
            "markets": ["FR", "CH", "US"],
            "languages": ["de", "en"],
            "contact": {"email": f"info@{slug}.example.com", "phone": "+49 7121 555-0100"},
            "maintainers": [f"user{i}"],
            "member_since": "2020",
        }
        if i % 10 == 0:  # one member in ten looks for partners: the board, its feed and data at scale
            profile["seeks"] = {
                "text": {lang: f"{' '.join(asks.choice(WORDS) for _ in range(10))} ({lang})." for lang in languages},
                "partner_types": asks.sample(types, 2),
                "countries": asks.sample(["FR", "CH", "US", "CA", "JP"], 2),
                "since": f"2026-{asks.randint(1, 10):02d}-{asks.randint(1, 28):02d}",
            }
        (members / f"{slug}.yml").write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
