"""What every page builder of one language reads: the project, its words and its links."""
from __future__ import annotations

import functools
from types import EllipsisType
from typing import Protocol

from ...config import Config
from ...i18n import Translator
from ...model import Index, Project, Taxonomy
from ...paths import PROFILES_DIR
from ...requests import board_pages, open_requests
from ..images import display_width
from ..links import Linker
from ..views import LOGO_HEIGHT
from ..words import Words


class Printed(Protocol):
    """A PDF the build wrote for this language (atlas.build.AtlasFile): where, how large, how many pages."""

    path: str  # relative to the language's root
    size: int  # bytes
    pages: int


class Context:
    """One language of one build: the project, its words (words.Words), its links (links.Linker)."""

    def __init__(self, config: Config, project: Project, lang: str, preview: bool = False,
                 logo_width: int | None | EllipsisType = ..., atlas: Printed | None = None) -> None:
        self.config = config
        self.project = project
        self.lang = lang
        # A pull request's preview, opened from disk (file://): links name each folder's
        # index.html, which no server fills in there (build --preview).
        self.preview = preview
        self.t = Translator(lang, project.default_language)
        self.words = Words(self.t, project.taxonomy)
        self.links = Linker(self.words, preview)
        # The header logo's width as the build drew it (drawing.draw_logos), once for all
        # languages; `...` when nobody drew it yet: then it is drawn on first use, guarded.
        self._logo_width = logo_width
        # This language's atlas as the build wrote it (atlas/build.py), for the pages that link it;
        # None: the build made none (past its bound, CF-W606), or a page is built on its own.
        self.atlas = atlas

    @property
    def ix(self) -> Index:
        return self.project.index

    @property
    def tax(self) -> Taxonomy:
        return self.project.taxonomy

    @functools.cached_property
    def board_pages(self) -> dict[str, int]:
        """The board's page of each open request, made once per language (member pages link their card)."""
        return board_pages(open_requests(self.project), self.config.board_page_size)

    @functools.cached_property
    def logo_width(self) -> int | None:
        """The header logo's width at its height (LOGO_HEIGHT): sized before it loads, the header does not shift."""
        logo = self.project.cluster.logo
        if not isinstance(self._logo_width, EllipsisType):
            return self._logo_width if logo else None
        return display_width(self.config.root / PROFILES_DIR / logo, LOGO_HEIGHT) if logo else None
