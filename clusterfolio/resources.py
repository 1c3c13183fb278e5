"""Files that ship with clusterfolio: the theme (templates, mkdocs-material overrides, assets),
the interface translations and the JSON Schemas."""
from __future__ import annotations

from pathlib import Path

_SOURCE = Path(__file__).resolve().parent.parent


def theme_dir() -> Path:
    """theme/: templates/ (ours), overrides/ (mkdocs-material custom_dir), locales/ (gettext)."""
    return _SOURCE / "theme"


def templates_dir() -> Path:
    return theme_dir() / "templates"


def overrides_dir() -> Path:
    return theme_dir() / "overrides"


def locales_dir() -> Path:
    return theme_dir() / "locales"


def schema_dir() -> Path:
    return _SOURCE / "schema"
