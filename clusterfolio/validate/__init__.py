"""Checks beyond one file's types: taxonomy ids, site languages, label dates, names and logos.

Every function here takes loaded files and returns problems; loading is project.py's job. One
module per kind of check; check_file runs every check of one file.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..config import Config
from ..loading import Loaded
from ..messages import M
from ..model import Cluster, Member, Taxonomy
from ..paths import command
from ..problems import Problem
from .cluster import check_brand, check_labels, check_verification
from .letters import check_atlas_letters
from .pictures import check_logo_field, check_photos
from .references import check_references
from .requests import check_request_dates
from .texts import check_translations
from .values import check_editor_numbers, check_repeats

if TYPE_CHECKING:
    from ..codeowners import Owned


def check_file(loaded: Loaded, config: Config, tax: Taxonomy | None, today: dt.date, logos: dict[str, list[Problem]]) -> list[Problem]:
    """Every check of one file that needs the taxonomy or the site, but no other profile.

    A file with errors is checked too, on what of it is valid (Loaded.usable): every problem of a
    file is told in one run; a value that failed its own check is left out of the checks that need
    it (they skip None)."""
    if loaded.usable is None:
        return []
    if loaded.model is not loaded.usable:  # a file with errors: its checks read the valid part
        loaded = replace(loaded, model=loaded.usable)
    problems = check_translations(loaded, config) + check_repeats(loaded) + check_editor_numbers(loaded) + check_atlas_letters(loaded)
    if tax:
        problems += check_references(loaded, tax)
    if isinstance(loaded.model, Cluster):
        problems += check_labels(loaded, tax, today) + check_verification(loaded, tax, today) + check_brand(loaded)
    if isinstance(loaded.model, Member):
        problems += check_request_dates(loaded, today)
    return problems + check_logo_field(loaded, config.root, logos) + check_photos(loaded, config.root, logos)


def check_site_address(config: Config) -> list[Problem]:
    """Without site_url the build writes no DCAT-AP catalogue (site/catalog.py): say so, once."""
    from ..paths import CONFIG_FILE

    if config.site_url:
        return []
    return [Problem.make(CONFIG_FILE, 1, 1, "site_url", M("not set: without the site's address the open data has no DCAT-AP catalogue for data portals ({file})", file="/data/catalog.ttl"), "CF-W605")]


def check_codeowners(config: Config, members: Mapping[str, Owned]) -> list[Problem]:
    """The committed CODEOWNERS must follow the members' maintainers (when managers are set)."""
    from ..codeowners import is_current
    from ..paths import CODEOWNERS

    if not config.managers or is_current(config, members):
        return []
    return [Problem.make(CODEOWNERS, 1, 1, "", M("out of date with the members' maintainers; run: {command}", command=f"{command(config.root)} codeowners"), "CF-W701")]
