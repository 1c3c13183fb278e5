"""Links between the pages of one language, as this build writes them: relative, and in a pull
request's preview (opened from disk, file://) naming each folder's index.html, which no server
fills in there (build --preview)."""
from __future__ import annotations

from .. import urls
from . import views as v
from .words import Words


class Linker:
    """The hrefs and named links of one language's pages."""

    def __init__(self, words: Words, preview: bool = False) -> None:
        self.words = words
        self.preview = preview

    def href(self, here: str, to: str) -> str:
        return urls.relative(here, to, file_urls=self.preview)

    def folder(self, link: str) -> str:
        """A link that ends at a folder, as this build writes it: to the folder's index.html in a preview."""
        return f"{link}index.html" if self.preview and (link == "" or link.endswith("/")) else link

    def country(self, here: str, cc: str) -> v.Link:
        return v.Link(self.words.t.country(cc), self.href(here, urls.country(cc)))

    def competence(self, here: str, cid: str) -> v.Link:
        return v.Link(self.words.competence(cid), self.href(here, urls.competence(cid)))

    def stage(self, here: str, sid: str) -> v.Link:
        return v.Link(self.words.stage(sid), self.href(here, urls.stage(sid)))

    def trail(self, *steps: tuple[str, str]) -> tuple[tuple[str, str], ...]:
        """Breadcrumbs: the home page, then the given (title, path) steps."""
        return ((self.words._("Home"), urls.HOME), *steps)

    def pagination(self, here: str, paths: list[str], n: int) -> v.Pagination:
        """Links to the neighbours and to pages near this one (first and last always)."""
        t, _ = self.words.t, self.words._
        count = len(paths)
        shown = sorted({1, count, *range(max(1, n - 2), min(count, n + 2) + 1)})
        pages: list[v.Link | None] = []
        for i, number in enumerate(shown):
            if i and number - shown[i - 1] > 1:
                pages.append(None)
            pages.append(v.Link(t.number(number), None if number == n else self.href(here, paths[number - 1])))
        return v.Pagination(
            label=_("Pages"),
            status=_("Page {n} of {count}").format(n=t.number(n), count=t.number(count)),
            previous=v.Link(_("Previous page"), self.href(here, paths[n - 2])) if n > 1 else None,
            next=v.Link(_("Next page"), self.href(here, paths[n])) if n < count else None,
            pages=tuple(pages),
            current=n,
        )
