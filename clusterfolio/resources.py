"""Files that ship with clusterfolio: the theme (templates, mkdocs-material overrides, assets),
the interface translations, the JSON Schemas, the data files and the scaffold of a new cluster.

All are package data, found with importlib.resources. The repository keeps theme/ and schema/ at
its root (SPEC §2); pyproject.toml maps them into the package as `clusterfolio.theme` and
`clusterfolio.schemas`, so an editable checkout and an installed wheel answer the same way
(docs/decisions.md, "An installed tool"). Nothing else in the code says where shipped files are.
"""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment


@cache
def _folder(package: str) -> Path:
    """A shipped package's folder on disk."""
    found = files(package)
    if not isinstance(found, Path):
        # mkdocs (custom_dir), Jinja and the copies into the site want real folders: a zipped
        # install (zipimport) has none.
        raise RuntimeError(f"{package} is not installed as files on disk ({found!r}); install clusterfolio with pip")
    return found


def theme_dir() -> Path:
    """theme/: templates/ (ours), overrides/ (mkdocs-material custom_dir), locales/ (gettext)."""
    return _folder("clusterfolio.theme")


def templates_dir() -> Path:
    return theme_dir() / "templates"


def overrides_dir() -> Path:
    return theme_dir() / "overrides"


def locales_dir() -> Path:
    return theme_dir() / "locales"


def schema_dir() -> Path:
    """schema/: the JSON Schemas of the three profile file kinds."""
    return _folder("clusterfolio.schemas")


def data_dir() -> Path:
    """clusterfolio/data/: fonts, the world map, the CMS."""
    return _folder("clusterfolio") / "data"


def scaffold_dir() -> Path:
    """clusterfolio/scaffold/: the files of a new cluster repository (`clusterfolio new`)."""
    return _folder("clusterfolio") / "scaffold"


def text_templates(folder: Path) -> Environment:
    """Jinja for the files we write that are not HTML (YAML, Markdown, text): no HTML escaping;
    the caller adds the filters that quote values for the language they land in."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # here: `check` needs no template

    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
