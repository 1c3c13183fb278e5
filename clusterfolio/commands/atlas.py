"""atlas: the competence atlas PDFs on their own (`build` makes them too), whole or partial."""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..messages import M, N
from ..messages import choose as choose_language
from ..model import Project
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, print_problems, valid_project

if TYPE_CHECKING:
    from ..atlas.build import Selection


def cmd_atlas(config: Config, args: argparse.Namespace) -> int:
    from ..atlas.build import Selection, atlas_logos, too_many, write_atlas

    lang = choose_language(None, config.messages_language)  # --lang here is the atlas's language, not the messages'
    if args.lang and args.lang not in config.languages:
        error(M("{lang} is not a language of the site; choose one of: {languages}", lang=args.lang, languages=", ".join(config.languages)), lang)
        return EXIT_USAGE
    project = valid_project(config, args.date, M("fix the errors to make the atlas"), lang)
    if project is None:
        return EXIT_INVALID
    selection = Selection(args.competence, args.country.upper() if args.country else None)
    if not _selection_ok(project, selection, lang):
        return EXIT_USAGE
    slugs = selection.slugs(project)
    problem = too_many(len(slugs))
    if problem:
        print_problems([problem], "text", lang=lang)
        return EXIT_OK
    out = (args.out or config.root / "site").resolve()
    with tempfile.TemporaryDirectory(prefix=".atlas-") as drawn:
        logos = atlas_logos(config, project, slugs, Path(drawn))
        for code in [args.lang] if args.lang else config.languages:
            try:
                printed = write_atlas(config, project, code, logos, out / code, selection)
            except Exception as exc:  # noqa: BLE001 - WeasyPrint's failure: one line, not a traceback
                error(M("the competence atlas could not be made: {reason}", reason=f"{type(exc).__name__}: {' '.join(str(exc).split())}"), lang)
                return EXIT_INVALID
            shown = os.path.relpath(out / code / printed.path, Path.cwd())
            print(M("wrote {file} ({pages}, {size} KB)", file=shown, pages=N("{count} page", "{count} pages", printed.pages),
                    size=f"{printed.size / 1000:.0f}").render(lang))
    return EXIT_OK


def _selection_ok(project: Project, selection: Selection, lang: str) -> bool:
    """Whether a partial atlas names a competence of the taxonomy and a country members are in, and has members."""
    competence, country = selection.competence, selection.country
    if competence and competence not in project.taxonomy.competences:
        error(M("{competence} is no competence of the taxonomy; choose one of: {ids}", competence=competence,
                ids=", ".join(project.taxonomy.competences)), lang)
        return False
    if country and country not in project.index.by_location:
        error(M("no member is located in {country}; choose one of: {countries}", country=country,
                countries=", ".join(sorted(project.index.by_location))), lang)
        return False
    if not selection.slugs(project):
        error(M("no member has the competence {competence} and is located in {country}", competence=competence, country=country), lang)
        return False
    return True
