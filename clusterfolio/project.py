"""Load a whole cluster repository into the model, with every problem found on the way."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Iterator
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
        # Entries of a folder know whether they are links without another system call; linked
        # folders are listed, never entered.
        todo = [top] if top.is_dir() else []
        while todo:
            try:
                entries = list(os.scandir(todo.pop()))
            except OSError:  # unreadable: what it holds is reported where it is read
                continue
            for entry in entries:
                if entry.is_symlink():
                    found.append(Path(entry.path).relative_to(root).as_posix())
                elif entry.is_dir():
                    todo.append(Path(entry.path))
    return sorted(found)


# Below this many members one process is quicker than starting a second one.
PARALLEL_FROM = 200


def _load_all_members(rels: list[str], config: Config, tax: Taxonomy | None, today: dt.date) -> list[Loaded]:
    jobs = min(os.cpu_count() or 1, 4)
    if len(rels) < PARALLEL_FROM or jobs < 2:
        return _load_members(rels, config, tax, today)
    # This process loads a share itself while jobs - 1 forked workers load the rest. What a
    # worker loads comes back pickled, in pieces, read (by the pool's thread) while this
    # process still loads its own (a worker also spends time pickling: this process takes a
    # little more than its even share).
    own = len(rels) * 53 // (50 * jobs)
    mine, theirs = rels[:own], rels[own:]
    pieces = 4 * (jobs - 1)
    chunks = [theirs[i::pieces] for i in range(pieces)]
    with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:
        pending = [pool.apply_async(_load_members, (chunk, config, tax, today)) for chunk in chunks]
        loaded = _load_members(mine, config, tax, today)
        for result in pending:
            loaded += result.get()
    order = {rel: i for i, rel in enumerate(rels)}
    return sorted(loaded, key=lambda m: order[m.path])


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading makes many objects and no reference cycles: the collector's passes over the growing
    heap would cost a sixth of the time (10,000 members). Forked workers inherit the pause."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_project(config: Config, today: dt.date) -> tuple[Project | None, list[Problem]]:
    """Load and check everything; the project only when there are no errors."""
    with _without_cycle_collection():
        return _load_project(config, today)


def _load_project(config: Config, today: dt.date) -> tuple[Project | None, list[Problem]]:
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
        with os.scandir(member_dir) as found:  # entries know links and folders without more system calls
            entries = sorted(found, key=lambda e: e.name)
        for entry in entries:
            path = Path(entry.name)
            rel = f"{MEMBERS_DIR}/{entry.name}"
            if entry.name.startswith(".") or entry.name.lower() == "readme.md" or entry.is_symlink():
                continue  # a link is reported above, and not read
            if entry.is_dir():
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
        members={m.path.rsplit("/", 1)[-1].removesuffix(".yml"): m.model for m in members},  # type: ignore[misc]
        build_date=today,
        country_notes=notes,
    )
    problems.extend(check_codeowners(config, project))
    return project, problems
