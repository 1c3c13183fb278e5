"""Load a whole cluster repository into the model, with every problem found on the way."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

from .config import Config
from .loading import Loaded, load_file, symlink_problem
from .model import Project, Taxonomy
from .paths import (
    CLUSTER_FILE,
    CONTENT_DIR,
    MEMBERS_DIR,
    PROFILES_DIR,
    SLUG_RE,
    TAXONOMY_FILE,
    slugify,
    symlink_on_path,
)
from .problems import Problem, quote
from .validate import check_codeowners, check_country_notes, check_file, name_key, name_keys
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


def find_symlinks(root: Path, folders: tuple[str, ...] = (PROFILES_DIR, CONTENT_DIR)) -> list[str]:
    """Every symbolic link in or at the given folders (relative paths); links are listed, never entered."""
    found = []
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            found.append(folder)
            continue
        # os.walk does not follow linked folders (followlinks=False): it lists them among the names.
        for dirpath, dirnames, filenames in os.walk(top):
            for name in sorted(dirnames + filenames):
                path = Path(dirpath) / name
                if path.is_symlink():
                    found.append(path.relative_to(root).as_posix())
    return sorted(found)


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
    # Links under profiles/ and content/ are refused, and nothing is read through one: a link to
    # /etc/passwd would otherwise be quoted in a message, and a content page published.
    links = find_symlinks(root)
    problems: list[Problem] = [symlink_problem(rel) for rel in links]

    def load(kind: str, rel: str) -> Loaded:
        path = root / rel
        if symlink_on_path(root, rel):
            return Loaded(kind, rel, doc=Document(rel))  # reported above
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
    if member_dir.is_dir() and not symlink_on_path(root, MEMBERS_DIR):
        for path in sorted(member_dir.iterdir()):
            rel = f"{MEMBERS_DIR}/{path.name}"
            if path.name.startswith(".") or path.name.lower() == "readme.md" or path.is_symlink():
                continue  # a link is reported above, and not read
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
        keys = name_keys(loaded.model.name)
        first = next((names[key] for key in keys if key in names), None)
        if first is not None:
            # Both files are told, so the annotation also lands on the file the pull request adds.
            same = "is already used by" if name_key(first.model.name) == name_key(loaded.model.name) else "looks the same as the name of"  # type: ignore[union-attr]
            problems.append(loaded.doc.problem(("name",), f"the name {quote(loaded.model.name)} {same} {first.path}; each member needs its own name", "CF-E205"))
            problems.append(first.doc.problem(("name",), f"the name {quote(first.model.name)} {same} {loaded.path}; each member needs its own name", "CF-E205"))  # type: ignore[union-attr]
        for key in keys:
            names.setdefault(key, loaded)
    notes, note_problems = check_country_notes(root, config)
    problems += note_problems
    problems = list(dict.fromkeys(problems))  # a logo two members share is reported once

    if any(p.severity == "error" for p in problems):
        return None, problems
    project = Project(
        languages=config.languages,
        cluster=cluster.model,  # type: ignore[arg-type]
        taxonomy=tax,  # type: ignore[arg-type]
        members={Path(m.path).stem: m.model for m in members},  # type: ignore[misc]
        build_date=today,
        country_notes=notes,
    )
    problems.extend(check_codeowners(config, project))
    return project, problems
