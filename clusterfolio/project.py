"""Load a whole cluster repository into the model, with every problem found on the way."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import placeholders as scaffold_placeholders
from .config import Config
from .loading import Loaded, load_file, symlink_problem
from .messages import M
from .model import Member, Project, Taxonomy
from .paths import (
    CLUSTER_FILE,
    CONTENT_DIR,
    MEMBERS_DIR,
    PROFILES_DIR,
    SLUG_RE,
    TAXONOMY_FILE,
    slugify,
    symlink_on_path,
    windows_reserved,
)
from .problems import Problem, quote
from .validate import check_codeowners, check_file, check_site_address
from .validate.names import name_key, name_keys
from .validate.notes import check_country_notes
from .validate.references import with_choices
from .yamlsafe import Document


@dataclass(frozen=True, slots=True)
class MemberGist:
    """What the checks across files read of a valid member (its name, and what CODEOWNERS needs):
    all that `check` keeps of one, instead of the whole model."""

    name: str
    maintainers: tuple[str, ...]
    logo: str | None


@dataclass(frozen=True, slots=True)
class _Job:
    """What every piece of members is loaded with."""

    config: Config
    tax: Taxonomy | None
    today: dt.date
    problems_only: bool = False
    # Look for the scaffold's placeholders in each member file while its parse is at hand
    # (placeholders.in_member): `check` needs them, and a second pass would read every file again.
    placeholders: bool = False


def _load_members(rels: list[str], job: _Job) -> list[Loaded]:
    """Load and check member files; what comes back is small (only the name's place is kept, and
    with problems_only, a MemberGist instead of the model)."""
    config, tax, today, problems_only = job.config, job.tax, job.today, job.problems_only
    fictional = config.extra.get("fictional") is True
    logos: dict[str, list[Problem]] = {}
    out = []
    for rel in rels:
        loaded = load_file("member", config.root / rel, rel)
        if job.placeholders:
            loaded.placeholders = scaffold_placeholders.in_member(loaded.doc, config.root, fictional)
        loaded.problems += check_file(loaded, config, tax, today, logos)  # a file with errors too: all its problems at once
        loaded.usable = None  # checked: not sent back from a worker
        if isinstance(loaded.model, Member):
            loaded.name_keys = name_keys(loaded.model.name)
            if problems_only:
                member = loaded.model
                loaded.model = MemberGist(member.name, tuple(member.maintainers), member.logo)  # type: ignore[assignment]
        light = Document(rel)
        light.keys[("name",)] = loaded.doc.where(("name",))
        loaded.doc = light
        out.append(loaded)
    return out


def find_symlinks(root: Path, folders: tuple[str, ...] = (PROFILES_DIR, CONTENT_DIR)) -> list[str]:
    """Every symbolic link in or at the given folders (relative paths); links are listed, never entered."""
    return scan_tree(root, folders)[0]


def scan_tree(root: Path, folders: tuple[str, ...] = (PROFILES_DIR, CONTENT_DIR)) -> tuple[list[str], list[str]]:
    """(symbolic links, names Windows reserves) in or at the given folders, as relative paths; links
    are listed, never entered. One walk for both: at 10,000 members it is the largest folder read."""
    found, reserved = [], []
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
                if windows_reserved(entry.name):
                    reserved.append(Path(entry.path).relative_to(root).as_posix())
                if entry.is_symlink():
                    found.append(Path(entry.path).relative_to(root).as_posix())
                elif entry.is_dir():
                    todo.append(Path(entry.path))
    return sorted(found), sorted(reserved)


# Files in profiles/members/ that are not profiles and need no word: the folder's own notes, and the
# empty file git users keep an empty folder with. Every other file there is read or reported.
UNREAD_QUIETLY = frozenset({"readme.md", ".gitkeep"})  # compared in lower case

# Below this many members one process is quicker than starting a second one.
PARALLEL_FROM = 200
# Members per piece: this process and its workers each take the next piece not yet taken, until
# none is left, so all of them finish within about a piece of each other, whatever else the
# machine is doing.
PIECE = 200

_taken: Any = None  # how many pieces have been taken: a counter shared with the forked workers


def _load_pieces(pieces: list[list[str]], job: _Job) -> list[Loaded]:
    """Load the next piece nobody has taken, until none is left."""
    out: list[Loaded] = []
    while True:
        with _taken.get_lock():
            index = _taken.value
            _taken.value += 1
        if index >= len(pieces):
            return out
        out += _load_members(pieces[index], job)


def _load_all_members(rels: list[str], job: _Job) -> list[Loaded]:
    global _taken
    jobs = min(os.cpu_count() or 1, 4)
    if len(rels) < PARALLEL_FROM or jobs < 2:
        return _load_members(rels, job)
    # This process loads pieces itself while jobs - 1 forked workers load the others; what a
    # worker loads comes back pickled once, at its end.
    pieces = [rels[i:i + PIECE] for i in range(0, len(rels), PIECE)]
    context = multiprocessing.get_context("fork")
    _taken = context.Value("i", 0)
    try:
        with context.Pool(jobs - 1) as pool:
            pending = [pool.apply_async(_load_pieces, (pieces, job)) for _ in range(jobs - 1)]
            loaded = _load_pieces(pieces, job)
            for result in pending:
                loaded += result.get()
    finally:
        _taken = None
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


def load_project(config: Config, today: dt.date, *, problems_only: bool = False, placeholders: bool = False) -> tuple[Project | None, list[Problem]]:
    """Load and check everything; the project only when there are no errors.

    problems_only: the problems alone, and never a project (what `check` needs): the members'
    models are not kept, which spares sending 10,000 of them from one process to another.
    placeholders: also what the scaffold made up (placeholders.find), each member file looked at
    while it is loaded; they are warnings, told with the other problems, errors or not."""
    made_up: list[Problem] = []
    with _without_cycle_collection():
        project, problems = _load_project(config, _Job(config, None, today, problems_only, placeholders), made_up)
    return project, problems + made_up


def _load_project(config: Config, job: _Job, made_up: list[Problem]) -> tuple[Project | None, list[Problem]]:
    """load_project's work; with job.placeholders, what the scaffold made up goes into made_up."""
    root = config.root
    # Links under profiles/ and content/ are refused, and nothing is read through one: a link to
    # /etc/passwd would otherwise be quoted in a message, and a content page published.
    links, reserved = scan_tree(root)
    problems: list[Problem] = [symlink_problem(rel) for rel in links] + [_reserved_problem(rel) for rel in reserved]

    def load(kind: str, rel: str) -> Loaded:
        path = root / rel
        if symlink_on_path(root, rel):
            return Loaded(kind, rel, doc=Document(rel))  # reported above
        if not path.is_file():
            problems.append(Problem.make(rel, 1, 1, "", M("the file {path} is missing", path=rel), "CF-E015"))
            return Loaded(kind, rel, doc=Document(rel))
        loaded = load_file(kind, path, rel)
        problems.extend(loaded.problems)
        return loaded

    taxonomy = load("taxonomy", TAXONOMY_FILE)
    cluster = load("cluster", CLUSTER_FILE)
    member_files = _member_files(root, problems)
    tax = taxonomy.model if isinstance(taxonomy.model, Taxonomy) else None
    logos: dict[str, list[Problem]] = {}
    for loaded in (taxonomy, cluster):
        problems.extend(check_file(loaded, config, tax, job.today, logos))
    members = _load_all_members(member_files, replace(job, tax=tax))
    if job.placeholders:
        made_up += [p for m in members for p in m.placeholders]
        made_up += scaffold_placeholders.find(config, read=frozenset(member_files))  # the other files
    names: dict[str, Loaded] = {}
    for loaded in members:
        problems.extend(loaded.problems)
        problems += _same_name(loaded, names)
    notes, note_problems = check_country_notes(root, config)
    problems += note_problems
    problems = list(dict.fromkeys(problems))  # a logo two members share is reported once
    problems = with_choices(problems, tax, config.default_language)  # an empty `type:` says what it may be

    if any(p.severity == "error" for p in problems):
        return None, problems
    by_slug = {m.path.rsplit("/", 1)[-1].removesuffix(".yml"): m.model for m in members}
    problems.extend(check_codeowners(config, by_slug))  # type: ignore[arg-type]
    problems.extend(check_site_address(config))
    if job.problems_only:
        return None, problems
    project = Project(
        languages=config.languages,
        cluster=cluster.model,  # type: ignore[arg-type]
        taxonomy=tax,  # type: ignore[arg-type]
        members=by_slug,  # type: ignore[arg-type]
        build_date=job.today,
        country_notes=notes,
    )
    return project, problems


def _reserved_problem(rel: str) -> Problem:
    """A file or folder named like a Windows device (CON, aux.yml), with a name to rename it to."""
    name = rel.rsplit("/", 1)[-1]
    # The proposed name is a file name, kept as written in every language.
    proposal = f"{slugify(name.split('.', 1)[0])}-{'member' if rel.startswith(MEMBERS_DIR) else 'file'}{''.join(Path(name).suffixes)}"
    return Problem.make(
        rel, 1, 1, "",
        M("{name} is a device name on Windows, where Git cannot check the file out; rename it (e.g. {proposal})", name=quote(name), proposal=proposal),
        "CF-E021",
    )


def _member_files(root: Path, problems: list[Problem]) -> list[str]:
    """The member profiles to read (relative paths, by name); what else is in their folder is
    reported into problems, so that no file there vanishes from the site unnoticed."""
    member_files: list[str] = []
    member_dir = root / MEMBERS_DIR
    if not member_dir.is_dir() or symlink_on_path(root, MEMBERS_DIR):
        return member_files
    with os.scandir(member_dir) as found:  # entries know links and folders without more system calls
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.name.lower() in UNREAD_QUIETLY or entry.is_symlink():
            continue  # a link is reported above, and not read
        rel = f"{MEMBERS_DIR}/{entry.name}"
        unread = _not_read(entry, rel)
        if unread is not None:
            problems.append(unread)
            continue
        stem = entry.name[:-4]  # _not_read let only names ending in .yml through
        if not SLUG_RE.fullmatch(stem):  # a profile under a bad name is read all the same
            proposal = f"{slugify(stem) or 'member-name'}.yml"
            problems.append(Problem.make(rel, 1, 1, "", M(
                "file name {name} is not a valid slug (lower-case letters, digits and hyphens, at most 63); rename it to {proposal}",
                name=quote(stem), proposal=proposal), "CF-E018"))
        member_files.append(rel)
    return member_files


def _not_read(entry: os.DirEntry[str], rel: str) -> Problem | None:
    """Why an entry of the members' folder is not read as a profile, or None."""
    if entry.name.startswith("."):
        # '..yml' or '.lumera.yml' (a web editor's slip) would vanish from the site unnoticed.
        proposal = f"{slugify(entry.name.removesuffix('.yml').lstrip('.')) or 'member-name'}.yml"
        return Problem.make(rel, 1, 1, "", M("{name} is not read: its name starts with a dot; if it is a profile, rename it to {proposal}",
                                             name=quote(entry.name), proposal=proposal), "CF-W001")
    if entry.is_dir():
        return Problem.make(rel, 1, 1, "", M("member profiles belong directly in {folder}/, not in a subfolder; move them up", folder=MEMBERS_DIR), "CF-E016")
    # A name that starts with no dot has the suffix .yml exactly when it ends in .yml after
    # something: one look at the text, not a Path per file (10,000 of them).
    if not (entry.name.endswith(".yml") and len(entry.name) > 4):
        # A profile saved as .yaml, or with no ending in the web editor, must not vanish silently.
        return Problem.make(rel, 1, 1, "", M("member files end in .yml; rename it to {proposal}",
                                             proposal=f"{slugify(Path(entry.name).stem) or 'member-name'}.yml"), "CF-E017")
    return None


def _same_name(loaded: Loaded, names: dict[str, Loaded]) -> list[Problem]:
    """A member whose name is the same as, or looks the same as, an earlier one's (names: the
    earlier members by their name keys, which this one's are added to). Both files are told, so
    the annotation also lands on the file the pull request adds."""
    if loaded.model is None:
        return []
    problems: list[Problem] = []
    keys = loaded.name_keys
    first = next((names[key] for key in keys if key in names), None)
    if first is not None:
        same = name_key(first.model.name) == name_key(loaded.model.name)  # type: ignore[union-attr]
        for here, there in ((loaded, first), (first, loaded)):
            name = quote(here.model.name)  # type: ignore[union-attr]
            problems.append(here.doc.problem(("name",), (
                M("the name {name} is already used by {path}; each member needs its own name", name=name, path=there.path) if same
                else M("the name {name} looks the same as the name of {path}; each member needs its own name", name=name, path=there.path)
            ), "CF-E205"))
    for key in keys:
        names.setdefault(key, loaded)
    return problems
