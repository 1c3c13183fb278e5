"""Browser tests: the built demo in headless Debian Chromium (Playwright, sync API).

One browser for the whole session; pages are opened in loops (several at a time where a
test waits for the network to fall idle) so the file runs in well under a minute.

Without Chromium (or Playwright) the tests are skipped on a developer machine, but fail
when the environment variable CI is set: CI must never pass by skipping them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

LANGS = ("de", "en", "fr")
DEFAULT_LANG = "de"

# Every page kind, as a path under /<lang>/ (the same in every language).
PAGE_KINDS = {
    "home": "",
    "directory": "members/",
    "member": "members/lumera-optics/",
    "competence map": "competences/",
    "competence": "competences/laser-systems/",
    "value chain": "value-chain/",
    "stage": "value-chain/production/",
    "type": "types/sme/",
    "countries": "countries/",
    "country": "countries/fr/",
    "international": "international/",
    "label": "label/",
    "about": "about/",
    "imprint": "imprint/",
    "privacy": "privacy/",
}
# Pages outside the language folders.
ROOT_PAGES = ("/", "/404.html")
# Material's "not found" page of each language (not linked, but built and served).
NOT_FOUND = "404.html"

# Per-navigation and per-wait timeouts (ms): a local static site answers in milliseconds.
TIMEOUT = 15_000


def _is_local(url: str, origin: str) -> bool:
    return url == origin or url.startswith(("data:", origin + "/"))


def _new_context(browser, demo_url: str, **kwargs):
    """A context that never lets a request leave the test server (they are aborted, not sent)."""
    context = browser.new_context(**kwargs)
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    context.route(lambda url: not _is_local(url, demo_url), lambda route: route.abort())
    return context


def _html_lang(page) -> str | None:
    return page.locator("html").get_attribute("lang")


def _path(url: str) -> str:
    return urlsplit(url).path


# --------------------------------------------------------------------------------------------
# One crawl of every page kind in every language, shared by the lang/network/console tests.


@dataclass
class Visit:
    url: str
    status: int | None = None
    final_url: str = ""
    lang: str | None = None
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_status: list[str] = field(default_factory=list)


class _Watched:
    """A page reused for many visits; its listeners record into the current visit."""

    def __init__(self, context, origin: str):
        self.page = context.new_page()
        self.visit = Visit("")
        page = self.page
        page.on("request", lambda r: self.visit.requests.append(r.url))
        page.on("console", lambda m: self.visit.console_errors.append(
            f"{m.text} ({m.location.get('url', '')})") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.visit.page_errors.append(str(e)))
        # External requests are aborted by the context's route (test_no_request_leaves_localhost
        # reports them); every other failed request is the site's.
        page.on("requestfailed", lambda r: self.visit.failed.append(f"{r.url}: {r.failure}")
                if _is_local(r.url, origin) else None)
        page.on("response", lambda r: self.visit.bad_status.append(f"{r.status} {r.url}")
                if r.status >= 400 else None)


@pytest.fixture(scope="module")
def crawl(browser, demo_url):
    """Visit every page kind in every language plus / and /404.html; wait for network idle."""
    urls = [f"{demo_url}/{lang}/{path}" for lang in LANGS for path in [*PAGE_KINDS.values(), NOT_FOUND]]
    urls += [demo_url + p for p in ROOT_PAGES]
    visits: dict[str, Visit] = {}
    context = _new_context(browser, demo_url)
    try:
        # A few pages load at once so that their network-idle waits overlap.
        pool = [_Watched(context, demo_url) for _ in range(8)]
        for start in range(0, len(urls), len(pool)):
            batch = list(zip(pool, urls[start:start + len(pool)], strict=False))
            for watched, url in batch:
                watched.visit = visits[url] = Visit(url)
                response = watched.page.goto(url, wait_until="commit")
                watched.visit.status = response.status if response else None
            for watched, url in batch:
                page, visit = watched.page, watched.visit
                page.wait_for_load_state("load")
                page.wait_for_load_state("networkidle")
                if url == demo_url + "/":
                    # the root redirects by script: wait until the language page has settled too
                    try:
                        page.wait_for_url(re.compile(r"/(de|en|fr)/$"), timeout=5_000)
                        page.wait_for_load_state("networkidle")
                    except PlaywrightError:
                        pass  # test_html_lang_matches_path_language reports where it ended
                visit.final_url = page.url
                visit.lang = _html_lang(page)
            for watched, _ in batch:
                watched.visit = Visit("")  # nothing late is pinned on a finished visit
    finally:
        context.close()
    return visits


def test_html_lang_matches_path_language(crawl, demo_url):
    wrong = []
    for lang in LANGS:
        for kind, path in [*PAGE_KINDS.items(), ("not found", NOT_FOUND)]:
            visit = crawl[f"{demo_url}/{lang}/{path}"]
            if visit.status != 200:
                wrong.append(f"/{lang}/{path} ({kind}): HTTP {visit.status}")
            elif visit.lang != lang:
                wrong.append(f"/{lang}/{path} ({kind}): <html lang={visit.lang!r}>, expected {lang!r}")
    # outside the language folders: the root ends on a language page; 404.html is in the default
    root = crawl[demo_url + "/"]
    root_lang = _path(root.final_url).strip("/")
    if root_lang not in LANGS:
        wrong.append(f"/ did not go to a language page but to {_path(root.final_url)}")
    elif root.lang != root_lang:
        wrong.append(f"/ -> {_path(root.final_url)}: <html lang={root.lang!r}>, expected {root_lang!r}")
    notfound = crawl[demo_url + "/404.html"]
    if notfound.lang != DEFAULT_LANG:
        wrong.append(f"/404.html: <html lang={notfound.lang!r}>, expected {DEFAULT_LANG!r}")
    assert not wrong, "\n".join(wrong)


def test_no_request_leaves_localhost(crawl, demo_url):
    outside = []
    for url, visit in crawl.items():
        assert visit.requests, f"{url}: no request recorded"
        outside += [f"{_path(url)} -> {r}" for r in visit.requests if not _is_local(r, demo_url)]
    assert not outside, "requests to other hosts:\n" + "\n".join(sorted(set(outside)))


def test_no_console_errors_or_failed_requests(crawl, browser, demo_url):
    problems = []
    for url, visit in crawl.items():
        where = _path(url)
        problems += [f"{where}: console error: {e}" for e in visit.console_errors]
        problems += [f"{where}: script error: {e}" for e in visit.page_errors]
        failed = visit.failed
        if where == "/" and _path(visit.final_url).strip("/") in LANGS:
            # The root's script goes on to a language page as soon as it runs; when that is before
            # the root document has finished loading, Chromium aborts the rest of it: the redirect
            # itself, not a failure (its own requests and the language page's are still checked).
            failed = [e for e in failed if e != f"{url}: net::ERR_ABORTED"]
        problems += [f"{where}: request failed: {e}" for e in failed]
        problems += [f"{where}: HTTP {e}" for e in visit.bad_status]
    assert not problems, "\n".join(problems)

    # The intentional 404: a missing page answers 404 (the one error status allowed here).
    context = _new_context(browser, demo_url)
    try:
        page = context.new_page()
        response = page.goto(f"{demo_url}/{DEFAULT_LANG}/no-such-page/")
        assert response is not None and response.status == 404
    finally:
        context.close()


# --------------------------------------------------------------------------------------------


def test_language_switcher_keeps_the_page(browser, demo_url):
    """Header language links: each lands on the same page in the other language.

    The main page kinds go round de -> en -> fr -> de with the mouse; every other kind switches
    once, from a rotating language, with the keyboard (focus the link, Enter follows it).
    """
    by_mouse = ("home", "directory", "member", "competence", "value chain")
    # (kind, [languages visited in turn], how)
    rounds = [(kind, ["de", "en", "fr", "de"], "mouse") for kind in by_mouse]
    others = [kind for kind in PAGE_KINDS if kind not in by_mouse]
    for i, kind in enumerate(others):
        source = LANGS[i % len(LANGS)]
        target = LANGS[(i % len(LANGS) + 1 + (i // len(LANGS)) % 2) % len(LANGS)]
        rounds.append((kind, [source, target], "keyboard"))
    assert {kind for kind, *_ in rounds} == set(PAGE_KINDS)

    context = _new_context(browser, demo_url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = []
    try:
        for kind, chain, how in rounds:
            path = PAGE_KINDS[kind]
            page.goto(f"{demo_url}/{chain[0]}/{path}")
            for source, target in zip(chain, chain[1:], strict=False):
                start = f"/{source}/{path}"
                link = page.locator(f".cf-header .cf-languages a[hreflang={target}]")
                if link.count() != 1:
                    errors.append(f"{start} ({kind}): {link.count()} header language links hreflang={target}")
                    break
                if how == "mouse":
                    with page.expect_navigation():
                        link.click()
                else:
                    link.focus()
                    if not link.is_visible():
                        errors.append(f"{start} ({kind}): the {target} link is not visible")
                        break
                    with page.expect_navigation():
                        page.keyboard.press("Enter")
                page.wait_for_load_state("load")
                expected = f"/{target}/{path}"
                if _path(page.url) != expected:
                    errors.append(f"{start} ({kind}): the {target} entry ({how}) led to {_path(page.url)}, "
                                  f"expected {expected}")
                    break
                if _html_lang(page) != target:
                    errors.append(f"{expected}: <html lang={_html_lang(page)!r}> after switching from {start}")
                    break
    finally:
        context.close()
    assert not errors, "\n".join(errors)


def test_language_switcher_on_not_found_pages_leads_to_existing_pages(browser, demo_url):
    """/<lang>/404.html is served for any missing path, so its switcher must not depend on it."""
    context = _new_context(browser, demo_url)
    errors = []
    try:
        page = context.new_page()
        for lang in LANGS:
            page.goto(f"{demo_url}/{lang}/{NOT_FOUND}")
            links = page.locator(".cf-header .cf-languages a[hreflang]")
            entries = links.evaluate_all("as => as.map(a => [a.getAttribute('hreflang'), a.href])")
            if sorted(h for h, _ in entries) != sorted(LANGS):
                errors.append(f"/{lang}/{NOT_FOUND}: switcher entries {entries}")
            for target, href in entries:
                response = context.request.get(href)
                target_path = _path(href)
                if response.status != 200:
                    errors.append(f"/{lang}/{NOT_FOUND}: the {target} entry leads to {target_path} "
                                  f"(HTTP {response.status})")
                elif not target_path.startswith(f"/{target}/"):
                    errors.append(f"/{lang}/{NOT_FOUND}: the {target} entry leads to {target_path}, "
                                  f"outside /{target}/")
    finally:
        context.close()
    assert not errors, "\n".join(errors)


# --------------------------------------------------------------------------------------------


def _cards(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".cf-cards > .cf-card",
        """cards => cards.map(c => ({
            href: c.querySelector('.cf-card__name a').getAttribute('href'),
            competences: (c.dataset.competences || '').split(' ').filter(Boolean),
            stages: (c.dataset.stages || '').split(' ').filter(Boolean),
            type: c.dataset.type || '',
            country: (c.dataset.country || '').toLowerCase(),
        }))""",
    )


def test_directory_filter_narrows_member_list(browser, demo_url):
    directory = f"{demo_url}/de/members/"
    context = _new_context(browser, demo_url)
    try:
        page = context.new_page()
        page.goto(directory)
        page.wait_for_selector("form.cf-filters[data-ready]", state="attached")
        cards = page.locator(".cf-cards > .cf-card")
        total = cards.count()
        assert total > 1
        data = _cards(page)
        facet = page.locator('button[aria-controls="cf-facet-competence"]')
        assert facet.is_visible(), "with JavaScript the competence facet is shown"
        facet.click()
        assert page.locator("details.cf-filter").first.is_hidden(), "with JavaScript the link lists are hidden"
        count = page.locator(".cf-count")
        template = count.get_attribute("data-template")
        assert template and "{n}" in template and "{total}" in template

        def expected_text(n: int) -> str:
            return template.replace("{n}", str(n)).replace("{total}", str(total))

        assert count.inner_text() == expected_text(total)
        boxes = page.locator('input[name="competence"]')
        options = boxes.evaluate_all("bs => bs.map(b => b.value)")
        assert options
        narrowed = False
        for n, competence in enumerate(options):
            if n:
                boxes.nth(n - 1).uncheck()
            boxes.nth(n).check()
            visible = page.eval_on_selector_all(".cf-cards > .cf-card", "cs => cs.map(c => c.checkVisibility())")
            expected = [competence in card["competences"] for card in data]
            wrong = [f"{card['href']} {'shown' if shown else 'hidden'}"
                     for card, shown, want in zip(data, visible, expected, strict=True) if shown != want]
            assert not wrong, f"filter {competence}: {wrong}"
            assert sum(expected) > 0, f"{competence} is offered as a filter but no member has it"
            narrowed |= sum(expected) < total
            assert count.inner_text() == expected_text(sum(expected)), competence
        assert narrowed, "no competence narrows the list"
        boxes.nth(len(options) - 1).uncheck()
        assert cards.evaluate_all("cs => cs.filter(c => c.checkVisibility()).length") == total
        assert count.inner_text() == expected_text(total)
    finally:
        context.close()


def test_directory_filters_work_without_javascript(browser, demo_url):
    """Without JavaScript the filters are links to pages that list the matching members."""
    directory = f"{demo_url}/de/members/"
    context = _new_context(browser, demo_url, java_script_enabled=False)
    attribute = {"competences": "competences", "type": "type", "country": "country", "stages": "stages"}
    expected_page = {"competences": "/de/competences/", "type": "/de/types/",
                     "country": "/de/countries/", "stages": "/de/value-chain/"}
    errors = []
    try:
        page = context.new_page()
        page.goto(directory)
        data = _cards(page)
        members = {urljoin(directory, c["href"]) for c in data}
        assert len(members) == len(data)
        assert page.locator(".cf-facets").count() == 1 and page.locator(".cf-facets").is_hidden(), \
            "no checkboxes without JavaScript"
        filters = page.locator("details.cf-filter")
        kinds = filters.evaluate_all("ds => ds.map(d => d.dataset.filter)")
        assert sorted(kinds) == sorted(attribute), kinds
        links = {kind: [urljoin(directory, h) for h in
                        page.locator(f'details.cf-filter[data-filter="{kind}"] a[href]')
                        .evaluate_all("as => as.map(a => a.getAttribute('href'))")]
                 for kind in kinds}

        # Really follow one link of each kind: open the <details>, click the link.
        for kind in kinds:
            page.goto(directory)
            details = page.locator(f'details.cf-filter[data-filter="{kind}"]')
            assert details.is_visible(), f"{kind}: filter links are not shown without JavaScript"
            details.locator("summary").click()
            with page.expect_navigation():
                details.locator("a").first.click()
            assert page.url == links[kind][0], f"{kind}: link led to {page.url}"

        # Every link: the page exists and links every member with that value (a few pages load
        # at once).
        checks = []
        for kind, urls in links.items():
            assert urls, f"{kind}: no filter links"
            for url in urls:
                if not _path(url).startswith(expected_page[kind]):
                    errors.append(f"{kind} link {url} does not lead under {expected_page[kind]}")
                    continue
                # /de/competences/<id>/, /de/countries/<cc>/ or, for a country with many
                # members, its complete list /de/countries/<cc>/located/.
                parts = _path(url).strip("/").split("/")
                value = parts[2] if kind == "country" else parts[-1]
                wanted = {urljoin(directory, c["href"]) for c in data
                          if value in (c[attribute[kind]] if isinstance(c[attribute[kind]], list)
                                       else [c[attribute[kind]]])}
                if not wanted:
                    errors.append(f"{kind} link {_path(url)}: no member in the directory has {value!r}")
                checks.append((kind, url, wanted))
        pool = [page] + [context.new_page() for _ in range(5)]
        for start in range(0, len(checks), len(pool)):
            batch = list(zip(pool, checks[start:start + len(pool)], strict=False))
            responses = [tab.goto(url, wait_until="commit") for tab, (_, url, _) in batch]
            for (tab, (kind, url, wanted)), response in zip(batch, responses, strict=True):
                tab.wait_for_load_state("domcontentloaded")
                if response is None or response.status != 200:
                    errors.append(f"{kind} link {_path(url)}: HTTP {response.status if response else None}")
                    continue
                listed = {urljoin(url, h) for h in tab.locator("article a[href]").evaluate_all(
                    "as => as.map(a => a.getAttribute('href'))")} & members
                if wanted - listed:
                    errors.append(f"{kind} page {_path(url)} does not list "
                                  f"{sorted(_path(m) for m in wanted - listed)}")
    finally:
        context.close()
    assert not errors, "\n".join(errors)


# --------------------------------------------------------------------------------------------


def test_root_chooses_language(browser, demo_url):
    # A language the site lacks lands on the international language (extra.international_language).
    for locale, lang in (("fr-FR", "fr"), ("ja-JP", "en")):
        context = _new_context(browser, demo_url, locale=locale)
        try:
            page = context.new_page()
            page.goto(demo_url + "/", wait_until="commit")
            try:
                page.wait_for_url(f"{demo_url}/{lang}/", timeout=5_000)
            except PlaywrightError:
                pytest.fail(f"/ with locale {locale} went to {_path(page.url)}, expected /{lang}/")
            page.wait_for_load_state("load")
            assert _html_lang(page) == lang, locale
        finally:
            context.close()


def test_root_without_javascript_offers_plain_links(browser, demo_url):
    context = _new_context(browser, demo_url, java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(demo_url + "/")
        assert page.url == demo_url + "/", "no redirect without JavaScript"
        hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        targets = [urljoin(demo_url + "/", h) for h in hrefs]
        assert set(targets) >= {f"{demo_url}/{lang}/" for lang in LANGS}, targets
        for lang in LANGS:
            page.goto(demo_url + "/")
            link = page.locator(f'a[hreflang="{lang}"]')
            assert link.is_visible()
            with page.expect_navigation():
                link.click()
            assert page.url == f"{demo_url}/{lang}/"
            assert _html_lang(page) == lang
    finally:
        context.close()


# --------------------------------------------------------------------------------------------


def test_untranslated_summary_is_marked_and_noticed(browser, demo_url):
    context = _new_context(browser, demo_url)
    try:
        page = context.new_page()
        page.goto(f"{demo_url}/fr/members/neckartal-lasertechnik/")
        assert _html_lang(page) == "fr"
        summary = page.locator(".cf-member .cf-summary")
        assert summary.count() == 1
        assert summary.is_visible()
        assert summary.get_attribute("lang") == DEFAULT_LANG, "untranslated summary must carry lang=de"
        notice = summary.locator(
            "xpath=following-sibling::*[contains(concat(' ', normalize-space(@class), ' '), ' cf-fallback ')][1]")
        assert notice.count() == 1, "no fallback notice (.cf-fallback) follows the summary"
        assert notice.is_visible(), "the fallback notice is not visible"
        assert notice.inner_text().strip(), "the fallback notice is empty"
        # the notice is interface text: in the page's language, not in the summary's
        assert notice.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "fr"
    finally:
        context.close()
