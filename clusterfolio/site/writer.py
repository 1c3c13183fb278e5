"""Write one language's pages as mkdocs input, and run mkdocs on it.

This is the only module that knows mkdocs. Our pages arrive as finished HTML with
escaped titles; mkdocs wraps them in the theme. A successor of mkdocs replaces this file.
"""
from __future__ import annotations

import calendar
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..i18n import Translator
from ..model import Project
from .head import head_html
from .html import esc
from .mkdocs_hooks import PLACEHOLDER
from .pages import Builder, Index, Page, front_matter

CONTENT_DIR = "content"
FOOTER_ONLY = ("imprint", "privacy")
THEME_DIR = Path(__file__).resolve().parent.parent.parent / "theme"


@dataclass(frozen=True)
class LanguageResult:
    """What the site-wide files need to know about one built language."""

    lang: str
    paths: tuple[str, ...]


def content_pages(root: Path, lang: str, languages: tuple[str, ...], t: Translator) -> list[Page]:
    """Hand-written pages of content/<lang>/; a page missing here falls back to the default
    language (or the first language that has it), so every language has every page."""
    folders = [lang, *languages]
    names = sorted({p.stem for code in languages for p in (root / CONTENT_DIR / code).glob("*.md")})
    pages = []
    for name in names:
        own = root / CONTENT_DIR / lang / f"{name}.md"
        source_file = next(f for f in (root / CONTENT_DIR / code / f"{name}.md" for code in folders) if f.is_file())
        default = source_file.parent.name
        source = source_file.read_text(encoding="utf-8")
        match = re.search(r"^#\s+(.+?)\s*#*\s*$", source, re.M)
        title = match.group(1) if match else name.replace("-", " ").capitalize()
        if source_file is not own:
            notice = esc(t._("Not available in {language}; shown in {original}.").format(language=t.language(lang), original=t.language(default)))
            source = f'<p class="cf-fallback" markdown="0">{notice}</p>\n\n<div lang="{esc(default)}" markdown="1">\n\n{source}\n\n</div>\n'
        description = next((line.strip() for line in source.splitlines() if line.strip() and not line.startswith(("#", "<"))), title)
        pages.append(Page(f"{name}/", title, description[:200], "", "content", nav=name not in FOOTER_ONLY, source=source, search=True))
    return pages


def _nav(pages: list[Page], home_title: str) -> list[dict[str, str]]:
    return [{home_title if p.kind == "home" else p.title: _doc_path(p.path)} for p in pages if p.nav]


def _doc_path(path: str) -> str:
    return f"{path}index.md" if path else "index.md"


def build_language(config: Config, project: Project, lang: str, work: Path) -> LanguageResult:
    """Generate, write and render every page of one language into work/site/<lang>."""
    docs, nav, paths = write_language(config, project, lang, work)
    render_language(config, lang, docs, work / "site" / lang, nav)
    return LanguageResult(lang, paths)


def write_language(
    config: Config, project: Project, lang: str, work: Path, inline: bool = False
) -> tuple[Path, list[dict[str, str]], tuple[str, ...]]:
    """Generate every page of one language and write it as mkdocs input under work/<lang>/docs.

    inline=True writes what a plain mkdocs site would have: page data in the front matter and
    the HTML in the Markdown file (benchmarks compare against it; the build never uses it).
    """
    # mkdocs dates its sitemap from SOURCE_DATE_EPOCH: the build date makes it reproducible.
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(project.build_date.timetuple()))
    index = Index(project)
    builder = Builder(index, lang)
    pages = builder.all_pages()
    pages += content_pages(config.root, lang, config.languages, builder.t)
    titles = {p.path.rstrip("/"): p.title for p in pages if p.kind == "content"}
    docs = work / lang / "docs"
    data_dir = work / lang / "pages"  # outside docs/: mkdocs would publish it
    data_dir.mkdir(parents=True, exist_ok=True)
    for index, page in enumerate(pages):
        target = docs / _doc_path(page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        data: dict[str, object] = {
            "title": esc(page.title),
            "cf_title": esc(page.title if page.kind == "home" else f"{page.title} – {project.cluster.name}"),
            "cf_description": esc(page.description[:300]),
            "cf_head": head_html(config, project, lang, page),
            "cf_footer": builder.footer(page.path, titles),
            "cf_search": page.search,
        }
        if page.source is None:
            # Generated pages bypass Markdown: the build does not pay for parsing our HTML again.
            data["body"] = f'<div class="cf-page">\n{page.body}\n</div>\n'
        if inline:
            body = str(data.pop("body", page.source))
            target.write_text(front_matter(data) + body, encoding="utf-8")
            continue
        data_file = data_dir / f"{index}.json"
        data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        # Front matter names only our file (ASCII, escaped): no profile text goes through YAML.
        markdown = page.source if page.source is not None else PLACEHOLDER + "\n"
        target.write_text(front_matter({"cf_page": str(data_file)}) + markdown, encoding="utf-8")
    return docs, _nav(sorted(pages, key=_nav_order), builder.t._("Home")), tuple(p.path for p in pages)


_NAV_ORDER = {"home": 0, "directory": 1, "competences": 2, "value-chain": 3, "countries": 4, "international": 5, "label": 6, "content": 7}


def _nav_order(page: Page) -> tuple[int, str]:
    order = {"about": "0", "strategy": "1", "contact": "9"}
    return _NAV_ORDER.get(page.kind, 99), order.get(page.path.rstrip("/"), "5") + page.path


def render_language(config: Config, lang: str, docs: Path, site: Path, nav: list[dict[str, str]]) -> None:
    """Run mkdocs over the written pages of one language."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    theme = dict(config.theme)
    theme.update({"name": "material", "custom_dir": str(THEME_DIR / "overrides"), "language": lang, "font": False})
    extra = dict(config.extra)
    extra.update({
        "alternate": [{"name": Translator(code, config.default_language).language_name(code), "lang": code, "link": f"/{code}/"} for code in config.languages],
        "generator": False,
        "cf_ui": search_strings(Translator(lang, config.default_language)),
    })
    site_url = (config.site_url.rstrip("/") + f"/{lang}/") if config.site_url else None
    cfg = load_config(
        config_file=str(config.root / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(site),
        site_url=site_url,
        theme=theme,
        extra=extra,
        nav=nav,
        plugins=[],
        use_directory_urls=True,
        extra_css=["assets/clusterfolio.css"],
        extra_javascript=["assets/clusterfolio.js"],
        not_in_nav="/*/\n",
        markdown_extensions=["md_in_html"],
        hooks=[str(Path(__file__).with_name("mkdocs_hooks.py"))],
    )
    build(cfg)


def search_strings(t: Translator) -> dict[str, str]:
    """Interface strings of the search box (theme/overrides/assets/clusterfolio.js)."""
    return {
        "search": t._("Search"),
        "placeholder": t._("Search members, competences …"),
        "filters": t._("Filters"),
        "all": t._("all"),
        "searching": t._("Searching …"),
        "none": t._("No results"),
        "count": t._("{n} results"),
        "error": t._("Search is not available."),
    }


def copy_logos(config: Config, project: Project, site: Path) -> None:
    """Publish the checked logos once, at the site root."""
    names = {m.logo for m in project.members.values() if m.logo}
    if project.cluster.logo:
        names.add(project.cluster.logo)
    for name in sorted(names):
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(config.root / "profiles" / name, target)

