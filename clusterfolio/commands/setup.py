"""Files that start something: a member's profile template, a cluster's repository, an upgrade of
the tool in it; and the developers' own (the JSON Schemas, the interface catalogs)."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from ..config import Config
from ..messages import M, Msg, N
from ..messages import choose as choose_language
from ..newmember import propose_slug, template
from ..paths import MEMBERS_DIR, SLUG_RE, TAXONOMY_FILE, command, member_file
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, language, said
from .parser import in_checkout, tool_version


def cmd_new_member(config: Config, args: argparse.Namespace) -> int:
    lang = language(config, args)
    slug = args.slug or propose_slug(args.name)
    if not SLUG_RE.fullmatch(slug):
        error(M("{slug} is not a valid slug (lower-case letters, digits and hyphens)", slug=repr(slug)), lang)
        return EXIT_USAGE
    path = config.root / member_file(slug)
    if path.exists():
        error(M("{path} exists already; nothing was written. Choose another file name with --slug", path=f"{MEMBERS_DIR}/{slug}.yml"), lang)
        return EXIT_INVALID
    from ..loading import load_file
    from ..model import Taxonomy

    taxonomy = load_file("taxonomy", config.root / TAXONOMY_FILE, TAXONOMY_FILE).model
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(args.name, config.languages, taxonomy if isinstance(taxonomy, Taxonomy) else None, command(config.root)), encoding="utf-8")
    print(M("wrote {path}: fill in the empty fields, then run: {command}", path=f"{MEMBERS_DIR}/{slug}.yml",
            command=f"{command(config.root)} check").render(lang))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a cluster repository; needs no mkdocs.yml (there is none yet)."""
    from ..paths import slugify
    from ..scaffold import ScaffoldError, Settings, create

    lang = choose_language(getattr(args, "lang", None), None)  # no cluster yet: --lang, else the environment
    folder = args.folder.resolve()
    name = args.name or " ".join(word.capitalize() for word in re.split(r"[-_\s]+", folder.name) if word)
    languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
    if args.portal:
        return _new_portal(folder, name, languages, lang)
    try:
        settings = Settings(name=name, languages=languages, github_org=args.github_org, site_url=args.site_url,
                            country=args.country.upper(), repository=slugify(folder.name) or "cluster-site",
                            install="index" if args.from_index else "vendor", git=not args.no_git)
        created = create(folder, settings)
    except ScaffoldError as exc:
        for line in exc.shown(lang):
            for part in line.splitlines():
                print(f"error: {part}", file=sys.stderr)
        return EXIT_USAGE
    shown = os.path.relpath(folder, Path.cwd())
    installed = M("its wheel in vendor/") if settings.install == "vendor" else M("from the package index")
    said_lines: list[Msg] = [N("wrote {count} file into {folder} for {name} ({languages}): clusterfolio {version}, {installed}",
                    "wrote {count} files into {folder} for {name} ({languages}): clusterfolio {version}, {installed}",
                    len(created.files), folder=f"{shown}/", name=name, languages=", ".join(languages), version=settings.version,
                    installed=installed)]
    if created.committed:
        said_lines.append(M("git: a new repository on branch main, these files as its first commit"))
    elif settings.git:
        said_lines.append(M("git: a new repository on branch main; commit the files once git knows your name ({command})",
                            command="git config --global user.name/user.email"))
    for line in [*said_lines, *_next_steps(shown, settings.github_org or "YOUR-ORGANISATION", settings.repository)]:
        print(line.render(lang))
    return EXIT_OK


def _new_portal(folder: Path, name: str, languages: tuple[str, ...], lang: str) -> int:
    """Scaffold a portal's repository (portal/scaffold.py)."""
    from ..portal.scaffold import PortalScaffoldError, create_portal

    try:
        written = create_portal(folder, name, languages)
    except PortalScaffoldError as exc:
        error(exc.args[0], lang)
        return EXIT_USAGE
    shown = os.path.relpath(folder, Path.cwd())
    print(M("wrote {count} files into {folder} for the portal {name}; next: replace the example cluster in portal.yml, then run: {command}",
            count=len(written), folder=f"{shown}/", name=name, command=f"cd {shown} && clusterfolio portal harvest").render(lang))
    return EXIT_OK


def _next_steps(shown: str, owner: str, repository: str) -> list[Msg]:
    """What a new cluster does next, each step indented under the heading (str + Msg is a Msg)."""
    remote = f"https://github.com/{owner}/{repository}"
    return [
        M("next steps (README.md in the new folder says more):"),
        "  " + M("1. {command}     lists what the scaffold made up: replace it before the first release", command=f"cd {shown} && clusterfolio check"),
        "  " + M("2. {command}            the site on your computer, rebuilt on every change", command="clusterfolio serve --open"),
        # One sentence over two lines: a translator rewraps it as a whole.
        "  " + M("3. on GitHub, create the empty repository {repository} ({page}: no README,\n     no licence), then: {commands}",
                 repository=f"{owner}/{repository}", page="https://github.com/new",
                 commands=f"git remote add origin {remote}.git && git push -u origin main"),
        "  " + M("4. the one-time settings in README.md, {section}: Pages, the github-pages environment, who may publish",
                 section='"Publishing"'),
    ]


def cmd_vendor(config: Config, args: argparse.Namespace) -> int:
    """Put the running tool's wheel into the cluster's vendor/ and point requirements.txt at it."""
    from ..scaffold import write_schemas
    from ..vendor import VendorError, vendor

    lang = language(config, args)
    if in_checkout() and (config.root / "clusterfolio" / "cli.py").is_file():
        error(M("this is clusterfolio's own checkout, which installs itself ({command}); run vendor in a cluster's repository",
                command="pip install -e ."), lang)
        return EXIT_USAGE
    try:
        wheel, removed = vendor(config.root)
    except (VendorError, OSError) as exc:
        error(M("{reason}; nothing was changed", reason=said(exc, lang)), lang)
        return EXIT_USAGE
    write_schemas(config.root)
    facts = {"wheel": wheel.relative_to(config.root).as_posix(), "version": tool_version()}
    if removed:
        wrote = M("wrote {wheel} (clusterfolio {version}), requirements.txt and schema/; removed {files}",
                  files=", ".join(p.name for p in removed), **facts)
    else:
        wrote = M("wrote {wheel} (clusterfolio {version}), requirements.txt and schema/", **facts)
    print(wrote.render(lang))
    print(M("next: {install}, {check}, {build}, then commit and open a pull request", install="pip install -r requirements.txt",
            check="clusterfolio check", build="clusterfolio build").render(lang))
    return EXIT_OK


def cmd_schema(config: Config, args: argparse.Namespace) -> int:
    from ..schema import write_schemas

    for path in write_schemas(config.root):
        print(M("wrote {path}", path=str(path)).render(language(config, args)))
    return EXIT_OK


def cmd_i18n(config: Config, args: argparse.Namespace) -> int:
    from ..i18n import update_catalogs

    for line in update_catalogs(config.languages):
        print(line)
    return EXIT_OK
