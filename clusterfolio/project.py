"""Load a whole cluster repository into the model, with every problem found on the way."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

from .config import Config
from .loading import Loaded, load_file
from .model import Project, Taxonomy
from .paths import CLUSTER_FILE, MEMBERS_DIR, SLUG_RE, TAXONOMY_FILE, slugify
from .problems import Problem, quote
from .validate import check_codeowners, check_file, name_key
from .yamlsafe import Document


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
            problems.append(Problem.make(rel, 1, 1, "", f"the file {rel} is missing", "CF-E015"))
            return Loaded(kind, rel, doc=Document(rel))
        loaded = load_file(kind, path, rel)
        problems.extend(loaded.problems)
        return loaded

    taxonomy = load("taxonomy", TAXONOMY_FILE)
    cluster = load("cluster", CLUSTER_FILE)
    member_files: list[str] = []
    member_dir = root / MEMBERS_DIR
    if member_dir.is_dir():
        for path in sorted(member_dir.iterdir()):
            rel = f"{MEMBERS_DIR}/{path.name}"
            if path.name.startswith(".") or path.name.lower() == "readme.md":
                continue
            if path.is_dir():
                problems.append(Problem.make(rel, 1, 1, "", "member profiles belong directly in profiles/members/, not in a subfolder; move them up", "CF-E016"))
                continue
            if path.suffix != ".yml":
                # A profile saved as .yaml, or with no ending in the web editor, must not vanish silently.
                problems.append(Problem.make(rel, 1, 1, "", f"member files end in .yml; rename it to {slugify(path.stem) or 'member-name'}.yml", "CF-E017"))
                continue
            if not SLUG_RE.fullmatch(path.stem):
                proposal = slugify(path.stem) or "member-name"
                problems.append(Problem.make(rel, 1, 1, "", f"file name {quote(path.stem)} is not a valid slug (lower-case letters, digits and hyphens, at most 63); rename it to {proposal}.yml", "CF-E018"))
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
            problems.append(loaded.doc.problem(("name",), f"the name {quote(loaded.model.name)} is already used by {first.path}; each member needs its own name", "CF-E205"))
            problems.append(first.doc.problem(("name",), f"the name {quote(first.model.name)} is already used by {loaded.path}; each member needs its own name", "CF-E205"))  # type: ignore[union-attr]
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
