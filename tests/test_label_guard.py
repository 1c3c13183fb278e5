"""A site that was not rebuilt never presents an expired label as current (issue: labels that
cannot go stale). The demo is built on 2026-11-26, when ESCA Gold (valid until 2028-03-11) is
current; the browser's clock is then set past that day."""
from __future__ import annotations

import datetime as dt

import pytest

from clusterfolio.i18n import Translator

LANGS = ("de", "en", "fr")
GOLD_UNTIL = "2028-03-11"
AFTER = dt.datetime(2028, 4, 1, 12, 0, tzinfo=dt.UTC)
BEFORE = dt.datetime(2027, 1, 1, 12, 0, tzinfo=dt.UTC)
PAGES = ("", "label/", "members/", "members/lumera-optics/")

# Every visible element that mentions the ESCA Gold label: its text, whether it sits in the
# label page's history, and the status it shows there.
MENTIONS = """(name) => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.includes(name)) continue;
    const el = node.parentElement;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden" || el.closest("[hidden]")) continue;
    const card = el.closest("article.cf-label");
    out.push({
      text: node.textContent.trim(),
      inHistory: !!el.closest("#history"),
      status: card ? (card.querySelector(".cf-status") || {}).textContent : null,
    });
  }
  return out;
}"""


def gold_name(lang: str) -> str:
    from clusterfolio.loading import load_file
    from clusterfolio.paths import TAXONOMY_FILE

    from .conftest import ROOT

    taxonomy = load_file("taxonomy", ROOT / TAXONOMY_FILE, TAXONOMY_FILE).model
    return taxonomy.label_schemes["esca-gold"].name[lang]


def visible_badges(page) -> list[str]:  # noqa: ANN001
    return page.eval_on_selector_all(
        f'.cf-badge[data-valid-until="{GOLD_UNTIL}"]',
        "els => els.filter(e => e.getBoundingClientRect().width > 0 && !e.closest('[hidden]')).map(e => e.textContent)",
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_expired_label_is_never_shown_as_current(browser, demo_url: str, lang: str) -> None:
    name = gold_name(lang)
    expired = Translator(lang, "de")._("expired")
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(AFTER)
    try:
        for path in PAGES:
            page.goto(f"{demo_url}/{lang}/{path}")
            assert visible_badges(page) == [], f"/{lang}/{path}: expired badge still shown"
            mentions = page.evaluate(MENTIONS, name)
            if path == "label/":
                assert mentions, "the label page must still tell the label's history"
                for mention in mentions:
                    assert mention["inHistory"] and mention["status"] == expired, mention
                assert not page.locator("#current article.cf-label", has_text=name).count()
            else:
                assert mentions == [], f"/{lang}/{path}: {mentions}"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_current_label_stays_shown_before_its_end(browser, demo_url: str, lang: str) -> None:
    """The guard must not hide what is still true (and the check above is not vacuous)."""
    name = gold_name(lang)
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(BEFORE)
    try:
        page.goto(f"{demo_url}/{lang}/")
        assert len(visible_badges(page)) == 2  # in the hero and in the footer
        page.goto(f"{demo_url}/{lang}/label/")
        assert page.locator("#current article.cf-label", has_text=name).count() == 1
        assert page.locator("#history article.cf-label", has_text=name).count() == 0
    finally:
        context.close()
