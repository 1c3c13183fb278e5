"""Page builders: pure functions from the model to the pages of one language (views.Page), one
module per page family: home, listings (the directory and every list of members), member,
countries (and international), cooperation (the board of requests), label, content; parts.py makes the pieces many of them show.

Every page exists in every language at the same path (SPEC §4). A builder translates and formats
what its page shows (words.Words) and resolves every link (links.Linker), both read from the
language's Context; the templates under theme/templates/ arrange it. Nothing here makes HTML.
"""
from __future__ import annotations

from pathlib import Path

from .. import views as v
from .content import content_pages
from .context import Context
from .cooperation import cooperation
from .countries import countries, country, international
from .embeds import embeds
from .home import home
from .label import label
from .listings import cell, competence, competences, directory, member_type, stage, value_chain
from .member import member


def generated_pages(cx: Context) -> list[v.Page]:
    """Every page made from the profiles, in one language (content pages come from content/)."""
    ix, tax = cx.ix, cx.tax
    pages = [home(cx), *directory(cx), competences(cx), value_chain(cx), countries(cx), international(cx), *cooperation(cx), label(cx), *embeds(cx)]
    pages += [member(cx, slug) for slug in ix.slugs]
    for cid in tax.competences:
        pages += competence(cx, cid)
    for sid in tax.value_chain:
        pages += stage(cx, sid)
        for cid in tax.competences:
            if ix.by_cell.get((cid, sid)):
                pages += cell(cx, sid, cid)
    for tid in tax.member_types:
        pages += member_type(cx, tid)
    for cc in ix.countries:
        pages += country(cx, cc)
    return pages


def language_pages(cx: Context, root: Path) -> list[v.Page]:
    """Every page of one language: the generated ones, then the hand-written ones of content/."""
    return generated_pages(cx) + content_pages(cx, root)
