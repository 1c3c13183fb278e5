"""`clusterfolio new <folder>`: a new cluster repository that uses the installed tool (SPEC §5).

The files are package data under clusterfolio/scaffold/ (resources.scaffold_dir()). A name ending
in `.jinja` is a Jinja template, rendered with the settings below and written without the ending;
any other file is copied as it is (the workflows). Names starting with `_` are the templates' own
helpers and are not written. `content/<lang>/` exists for the languages we ship texts in (de, en,
fr): a site language without them gets no page of its own and shows the default language's with a
notice, as any missing page does; its profile texts fall back the same way (`fallback_languages`),
except the taxonomy labels, which every language must have, written in English to translate.
CODEOWNERS is made last, by the same code as `codeowners`, from the profiles just written.

This repository's demo is such a cluster: tests/test_scaffold.py scaffolds one with the demo's
settings and compares the files they share (docs/decisions.md, "An installed tool").
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from babel import Locale
from babel.lists import format_list
from jinja2 import Environment
from pydantic_core import PydanticCustomError

from . import codes, vendor
from .messages import LANGUAGES as MESSAGE_LANGUAGES
from .messages import M, Msg
from .model import COUNTRIES, LANGUAGES, check_https
from .paths import CONTENT_DIR
from .problems import help_url
from .resources import scaffold_dir, schema_dir, text_templates

TEMPLATE = ".jinja"
SCHEMA_FOLDER = "schema"  # as in the tool's own repository (SPEC §2)
# Languages with texts of their own in the scaffold (the languages of the interface catalogs).
TEXT_LANGUAGES = ("de", "en", "fr")
GITHUB_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


class ScaffoldError(Exception):
    """Wrong usage: the folder is taken, or an option is not usable (exit status 2). `lines`: what
    is wrong, one message per line, shown in the reader's language."""

    def __init__(self, *lines: Msg | str) -> None:
        super().__init__(*lines)
        self.lines = lines

    def shown(self, lang: str) -> list[str]:
        """The lines in lang (a line of plain text, such as a problem quoted for a bug report, as it is)."""
        return [line.render(lang) if isinstance(line, Msg) else line for line in self.lines]


@dataclass(frozen=True)
class Settings:
    """What `new` is told; everything else follows from it."""

    name: str
    languages: tuple[str, ...] = ("de", "en")
    github_org: str | None = None
    site_url: str | None = None
    country: str = "DE"
    repository: str = "cluster-site"  # the repository's name on GitHub: the folder's
    version: str = field(default_factory=lambda: tool_version())
    # How the cluster's workflows install the tool: its own wheel in vendor/ (no package index for
    # it), or the version from the package index.
    install: Literal["vendor", "index"] = "vendor"
    git: bool = True  # `git init` and a first commit (new --no-git: leave that to the manager)

    @property
    def default(self) -> str:
        return self.languages[0]


def tool_version() -> str:
    """The version of the installed clusterfolio: the one a new cluster pins."""
    try:
        return version("clusterfolio")
    except PackageNotFoundError:
        raise ScaffoldError(M("clusterfolio is not installed, so there is no version to pin: {command} (or {editable} in its checkout)",
                              command="pip install clusterfolio", editable="pip install -e .")) from None


def problems_with(settings: Settings) -> list[Msg]:
    """What is wrong with the options, in words (all at once)."""
    found = []
    if not settings.name.strip() or len(settings.name) > 150 or not settings.name.isprintable():
        found.append(M("{option}: give the cluster's name, 1 to 150 characters on one line", option=f"--name {settings.name!r}"))
    if not settings.languages:
        found.append(M("{option}: list the site languages, default first, e.g. de,en,fr", option="--languages"))
    for code in settings.languages:
        if code not in LANGUAGES:
            found.append(M("{option}: {value} is not an ISO 639-1 language code (lower-case, e.g. de)", option="--languages", value=repr(code)))
    if len(set(settings.languages)) != len(settings.languages):
        found.append(M("{option}: a language is listed twice", option="--languages"))
    if settings.github_org is not None and not GITHUB_NAME.fullmatch(settings.github_org):
        found.append(M("{option}: a GitHub organisation or user name (letters, digits, hyphens)", option=f"--github-org {settings.github_org!r}"))
    if settings.site_url is not None and (problem := _site_url_problem(settings.site_url)):
        found.append(M("{option}: {reason}", option=f"--site-url {settings.site_url!r}", reason=problem))
    if settings.country not in COUNTRIES:
        found.append(M("{option}: the cluster's country as an ISO 3166-1 code, e.g. DE", option=f"--country {settings.country!r}"))
    return found


def _site_url_problem(url: str) -> Msg | str | None:
    """What is wrong with --site-url, by the rules of a website in cluster.yml, or None."""
    try:
        check_https(url)
    except PydanticCustomError as exc:
        return exc.context.get("msg", exc.message()) if exc.context else exc.message()
    if urlsplit(url).query or urlsplit(url).fragment:
        return M("the address the site is served from has no ?… or #… part")
    return None


def site_url(settings: Settings) -> str:
    """The given address, else GitHub Pages' for the repository, else a placeholder to replace."""
    if settings.site_url:
        return settings.site_url if settings.site_url.endswith("/") else settings.site_url + "/"
    if settings.github_org:
        return f"https://{settings.github_org.lower()}.github.io/{settings.repository}/"
    return "https://cluster.example.org/"


def context(settings: Settings) -> dict[str, Any]:
    """What the templates receive."""
    langs = settings.languages
    names = {ui: {code: Locale.parse(ui).languages.get(code, code) for code in langs} for ui in ("de", "en")}
    others = {ui: format_list([names[ui][c] for c in langs[1:]], locale=ui) if langs[1:] else "" for ui in ("de", "en")}
    url = site_url(settings)
    return {
        "name": settings.name,
        "languages": langs,
        "default": settings.default,
        # Whose text a language shows: its own, or English where we have none (taxonomy labels only).
        "source": {code: code if code in TEXT_LANGUAGES else "en" for code in langs},
        # Languages that get profile texts: those we have texts in, and the default language always.
        "written": [code for code in langs if code in TEXT_LANGUAGES or code == settings.default],
        "fallback": [code for code in langs[1:] if code not in TEXT_LANGUAGES],
        "placeholder": [code for code in langs if code not in TEXT_LANGUAGES],
        "language_names": names,  # {de|en: {code: name}}, for CONTRIBUTING.md and the pull-request template
        "other_languages": others,
        "all_languages": {ui: format_list([names[ui][c] for c in langs], locale=ui) for ui in ("de", "en")},
        "org": settings.github_org,
        "managers": [f"@{settings.github_org}/managers"] if settings.github_org else [],
        "repository": settings.repository,
        "repo_url": f"https://github.com/{settings.github_org}/{settings.repository}" if settings.github_org else None,
        "site_url": url,
        # The cluster's own host for its address, once it names one; GitHub's is no mail host.
        "mail_host": _mail_host(settings.site_url),
        "country": settings.country,
        "abroad": "FR" if settings.country != "FR" else "DE",  # the example member's market abroad
        "version": settings.version,
        "install": settings.install,
        # Members read messages in the cluster's first language, where clusterfolio speaks it.
        "messages_language": next((code for code in langs[:1] if code in MESSAGE_LANGUAGES), "en"),
        "requirement": vendor.requirement(vendor.wheel_name()) if settings.install == "vendor" else f"clusterfolio=={settings.version}",
    }


def _mail_host(url: str | None) -> str:
    """The host of the site's address without www. and port: info@<host> (e.g. for
    https://www.example.com:8443/, example.com); GitHub's own host is no mail host."""
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.removeprefix("www.")
    return host if host and not host.endswith("github.io") else "example.org"


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's too)."""
    return json.dumps(value, ensure_ascii=False)


def _markdown(text: str) -> str:
    """Text that Markdown shows as written (a name in a content page)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#!|])", r"\\\1", text)


def _environment() -> Environment:
    # YAML, Markdown, text and one SVG without text: no HTML, so no HTML escaping; values go
    # through the `yaml` and `markdown` filters where they land in those languages.
    env = text_templates(scaffold_dir())
    env.filters["yaml"] = _yaml
    env.filters["markdown"] = _markdown
    # The members' guide lists the codes they meet most, from the registry, linked to their pages.
    env.globals["codes_table"] = lambda lang: codes.member_table(lang, help_url)
    env.globals["codes_page"] = lambda lang: help_url("CF-E201", lang).split("#", 1)[0]
    return env


def planned(settings: Settings) -> dict[str, str]:
    """Every file of the new repository but CODEOWNERS: its path and text."""
    env, ctx, base = _environment(), context(settings), scaffold_dir()
    files: dict[str, str] = {}
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(base).as_posix()
        if any(part.startswith("_") for part in rel.split("/")) or "__pycache__" in rel:
            continue
        parts = rel.split("/")
        targets = [(rel, ctx)]
        if parts[0] == CONTENT_DIR:
            # content/<lang>/<page>: written for each site language that shows this text.
            lang = parts[1]
            targets = [(f"{CONTENT_DIR}/{code}/{'/'.join(parts[2:])}", {**ctx, "lang": code})
                       for code in settings.languages if ctx["source"][code] == lang and (code == lang or code == settings.default)]
        for target, values in targets:
            if target.endswith(TEMPLATE):
                files[target[: -len(TEMPLATE)]] = env.get_template(rel).render(**values)
            else:
                files[target] = path.read_text(encoding="utf-8")
    return files


@dataclass(frozen=True)
class Created:
    """What `new` made: the files (relative paths) and whether they are git's first commit."""

    files: list[str]
    committed: bool


def create(folder: Path, settings: Settings) -> Created:
    """Write a new cluster repository into folder (missing or empty).

    Every option is checked before anything is written, and the repository is made in a
    temporary folder beside the target and moved into place once it loads: a failure leaves
    nothing behind, so the same command can simply be run again."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(M("{folder} is not empty: give a new folder (nothing was written)", folder=str(folder)))
    problems = problems_with(settings)
    if problems:
        raise ScaffoldError(*problems)
    try:
        files = planned(settings)
    except vendor.VendorError as exc:
        raise ScaffoldError(M("{reason} (nothing was written); or use the version on the package index: {option}", reason=exc.args[0],
                              option="new --from-index")) from None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    except OSError as exc:
        raise ScaffoldError(M("cannot write into {folder}: {reason} (nothing was written)", folder=str(folder.parent), reason=str(exc.strerror))) from None
    try:
        for rel, text in files.items():
            path = work / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        extra = write_schemas(work)
        if settings.install == "vendor":
            extra.append(vendor.write_wheel(work / vendor.VENDOR_DIR).relative_to(work).as_posix())
        written = sorted([*files, *extra, _codeowners(work)])
        committed = _first_commit(work, settings) if settings.git else False
        if folder.exists():
            folder.rmdir()  # empty, as checked above; a rename does not replace a folder
        os.replace(work, folder)
    except OSError as exc:
        raise ScaffoldError(M("cannot write {folder}: {reason} (nothing was written)", folder=str(folder), reason=str(exc.strerror or exc))) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Created(written, committed)


def _first_commit(folder: Path, settings: Settings) -> bool:
    """`git init` on the default branch main, and the scaffold as its first commit (without a
    name and e-mail configured for git, the commit is left to the manager, who is told)."""
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)

    try:
        if git("init", "-q", "-b", "main").returncode != 0:
            raise ScaffoldError(M("git init failed; run new with {option} and set up the repository by hand (nothing was written)", option="--no-git"))
    except FileNotFoundError:
        raise ScaffoldError(M("git is not installed: install it, or run new with {option} (nothing was written)", option="--no-git")) from None
    git("add", "-A")
    return git("commit", "-q", "-m", f"New cluster site for {settings.name}, made by clusterfolio {settings.version}").returncode == 0


def write_schemas(folder: Path) -> list[str]:
    """The JSON Schemas of the three profile kinds into folder/schema/, as the running tool has them:
    what the profiles' `$schema` comments point editors to (`clusterfolio vendor` renews them)."""
    target = folder / SCHEMA_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(schema_dir().glob("*.schema.json")):
        shutil.copyfile(source, target / source.name)
        written.append(f"{SCHEMA_FOLDER}/{source.name}")
    return written


def _codeowners(folder: Path) -> str:
    """CODEOWNERS as `codeowners` makes it, so that `check` finds it current."""
    import datetime as dt

    from . import codeowners
    from .config import read_config
    from .project import load_project

    config = read_config(folder.resolve())
    project, found = load_project(config, dt.date.today())
    if project is None:  # a scaffold that does not load is our bug, not the user's: say so, in one piece
        raise ScaffoldError(M("the new cluster does not load, which is a bug in clusterfolio; please report it (nothing was written):"),
                            *(p.text() for p in found))
    return codeowners.write(config, project).relative_to(config.root).as_posix()
