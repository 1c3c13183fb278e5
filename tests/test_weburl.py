"""Web addresses as browsers read them (issue 21, item 9): what `check` refuses, what it keeps as
written, what the renderer links, and the `rel` of links on the built pages."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import ada_url
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from clusterfolio import markdown, model, weburl
from clusterfolio.site.markup import markdown_html

URL = TypeAdapter(model.Url)


def refusal(text: str) -> tuple[str, str] | None:
    """(message, code) that a profile's URL field reports for text, or None when it is accepted."""
    try:
        URL.validate_python(text)
    except ValidationError as error:
        ctx = error.errors()[0]["ctx"]
        return ctx["m"], ctx["code"]
    return None


# The cases of the issue, and their kin: each a host that a browser reads differently from the text.
@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("https://evil.example\\good.example.com", "CF-E133", "they would open 'evil.example'"),
        ("https://good.example.com/\\x", "CF-E133", "contains a backslash"),
        ("https://lumera-optіcs.example/", "CF-E134", "mixes Latin and Cyrillic letters in its host name part 'lumera-optіcs'"),
        ("https://xn--lumera-optcs-bpk.example/", "CF-E134", "mixes Latin and Cyrillic letters"),  # the same, in punycode
        ("https://ρaypal.example/", "CF-E134", "('ρ', U+03C1, is Greek)"),
        ("https://аррӏе.example/", "CF-E134", "written in Cyrillic letters that look like the Latin 'apple'"),
        ("https://-.-/", "CF-E133", "starts or ends with a hyphen"),
        ("https://a-.example.com/", "CF-E133", "starts or ends with a hyphen"),
        ("https://a..example.com/", "CF-E133", "an empty part between two dots"),
        ("https://example.com./", "CF-E133", "with a dot; leave the dot out"),
        ("https://localhost/", "CF-E133", "without a dot"),
        ("https://ab--cd.example/", "CF-E133", "two hyphens in third and fourth place"),
        ("https://a_b.example.com/", "CF-E133", "the character '_'"),
        ("https://xn--a.example/", "CF-E133", "no valid international name"),
        ("https://" + "a" * 64 + ".example/", "CF-E133", "longer than the 63 characters"),
        ("https://example.com:99999/", "CF-E133", "the port ':99999'"),
        ("https://example.com:0/", "CF-E133", "the port ':0'"),
        ("https://example.com:0443/", "CF-E133", "the port ':0443'"),
        ("https://example.com:/", "CF-E133", "no port number"),
        ("https://good.example.com@evil.example/", "CF-E133", "browsers would open 'evil.example'"),
        ("https://user:secret@example.com/", "CF-E133", "user name"),
        ("https://ex%61mple.com/", "CF-E133", "read by browsers as the host 'example.com'"),
        ("https://ｅxample.com/", "CF-E133", "read by browsers as the host 'example.com'"),
        ("https://127.0.0.1/", "CF-E133", "IP address"),
        ("https://0x7f.1/", "CF-E133", "IP address"),
        ("https://[::1]/", "CF-E133", "IP address"),
        ("https://[broken/", "CF-E133", "IP address"),  # urlsplit raises on this one
        ("https://💩.example/", "CF-E133", "(U+1F4A9, PILE OF POO)"),
    ],
)
def test_addresses_browsers_read_differently_are_refused(text: str, code: str, fragment: str) -> None:
    found = refusal(text)
    assert found is not None, text
    message, found_code = found
    assert found_code == code and fragment in message, found
    assert message.startswith("'https://"), message  # it names the address


# Kept as they were before: their own codes and words.
@pytest.mark.parametrize(
    ("text", "code", "fragment"),
    [
        ("http://unsicher.example.com", "CF-E114", "uses http; only https:// addresses are allowed"),
        ("www.example.com", "CF-E115", "has no scheme; write https://www.example.com"),
        ("https://example.com/a b", "CF-E116", "is not a web address: it contains spaces"),
        ("javascript:alert(1)", "CF-E116", "is not an https:// address"),
        ("https:example.com", "CF-E116", "is not a valid https:// address; write e.g. https://www.example.com/"),
        ("https://", "CF-E116", "is not a valid https:// address"),
    ],
)
def test_earlier_messages_stay(text: str, code: str, fragment: str) -> None:
    found = refusal(text)
    assert found is not None and found[1] == code and fragment in found[0], found


GOOD = [
    "https://www.example.com/",
    "https://example.com",
    "https://example.com:8443/a?b=c#d",
    "https://example.com:443/",
    "https://WWW.Example.COM/Pfad",
    "https://sub.domain-with-hyphens.example.org/a/b.html?x=1&y=2",
    "https://1und1.example/",
    "https://xn--mnchen-3ya.example/",  # punycode, as written
    "https://münchen.example/",  # the same host in Unicode, as written
    "https://MÜNCHEN.example/",
    "https://straße.example/",  # WHATWG reads ß as ß (non-transitional), not 'ss'
    "https://пример.example/",  # one script in every part: Cyrillic, then Latin
    "https://москва.рф/",
    "https://例え.jp/",  # Han and Hiragana: one writing system (UTS 39 "highly restrictive")
    "https://example.com/@team",  # '@' after the host is part of the path
    "https://example.com/ä?q=ü#é",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_addresses_are_kept_as_written(text: str) -> None:
    assert refusal(text) is None
    assert URL.validate_python(text) == text


@pytest.mark.parametrize("text", GOOD)
def test_the_published_form_of_a_good_address_is_good_too(text: str) -> None:
    """The renderer publishes the WHATWG serialisation; check must accept that form as well."""
    assert weburl.problem(weburl.serialise(text)) is None


@pytest.mark.parametrize("text", ["https://münchen.example/", "https://MÜNCHEN.example/", "https://xn--mnchen-3ya.example/"])
def test_an_international_host_is_one_host_in_every_form(text: str) -> None:
    assert ada_url.URL(text).hostname == "xn--mnchen-3ya.example"
    assert weburl.serialise(text) == "https://xn--mnchen-3ya.example/"


# --- what any accepted address holds, whatever it is --------------------------------------

# Mostly parts of good host names, so that many addresses pass; the rest is what makes them odd.
labels = st.lists(
    st.one_of(
        st.sampled_from(["example", "com", "www", "a", "1", "-", "münchen", "MÜN", "ß", "xn--mnchen-3ya", "пример", "例え"]),
        st.sampled_from(["--", "xn--", "і", "ρ", "ｅ", "_", "%2e", "%5c", "\u00ad", "@", "\\", ":", "[", "。", ""]),
    ),
    min_size=1, max_size=3,
).map("".join)
host_parts = st.lists(labels, min_size=1, max_size=4).map(".".join)
addresses = st.builds(
    lambda host, port, rest: f"https://{host}{port}{rest}",
    host_parts,
    st.sampled_from(["", "", ":8443", ":443", ":99999", ":0", ":", ":08443"]),
    st.sampled_from(["", "/", "/a?b=c#d", "\\x", "@evil.example/", "/%2e%2e/x", "?@x", "#\\"]),
)


@settings(max_examples=2000, deadline=None)
@given(addresses)
def test_an_accepted_address_is_read_alike_by_browsers_and_urllib(text: str) -> None:
    """Where check says yes, WHATWG (browsers) and RFC 3986 (urllib) find the same host and port, the one written."""
    if weburl.scheme(text) != "https" or weburl.problem(text) is not None:
        return
    parsed = ada_url.URL(text)
    split = urlsplit(text)
    authority = re.split(r"[/?#]", text[8:], maxsplit=1)[0]
    written = authority.partition(":")[0]
    assert split.hostname is not None and "@" not in authority and "\\" not in text
    assert parsed.hostname == ada_url.idna.encode(unicodedata.normalize("NFC", written).lower()).decode("ascii")
    assert parsed.hostname == ada_url.idna.encode(split.hostname).decode("ascii")
    assert (split.port or 443) == int(parsed.port or 443)
    assert weburl.problem(weburl.serialise(text)) is None


# --- restricted Markdown ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[x](https://a\\\\b)", "contains a backslash"),
        ("[x](https://evil.example\\good.example.com)", "they would open 'evil.example'"),
        ("[x](https://a&#92;b.example.com)", "contains a backslash"),
        ("<https://a\\b.example.com>", "contains a backslash"),
        ("[x](https://lumera-optіcs.example/)", "mixes Latin and Cyrillic letters"),
        ("[x](https://xn--lumera-optcs-bpk.example/)", "mixes Latin and Cyrillic letters"),
        ("[x](https://-.-/)", "starts or ends with a hyphen"),
        ("[x](https://a-.-b.example/)", "starts or ends with a hyphen"),  # the shortcut's pattern once let it pass
        ("[x](https://localhost/)", "without a dot"),
        ("[x](https://example.com:99999/)", "the port ':99999'"),
        ("[x](https://good.example.com:x@evil.example/)", "browsers would open 'evil.example'"),
        ("[x](https://[broken)", "IP address"),
    ],
)
def test_markdown_link_targets_browsers_read_differently_are_refused(text: str, fragment: str) -> None:
    found = markdown.check(text)
    assert any(code == "CF-E511" and "is not allowed; the address" in str(message) and fragment in str(message)
               for _line, message, code in found), found


@pytest.mark.parametrize(
    "text",
    [
        "[x](https://a\\\\b)",
        "[x](https://evil.example\\good.example.com)",
        "<https://evil.example\\good.example.com>",
        "[x](https://lumera-optіcs.example/)",
        "[x](https://-.-/)",
        "[x](https://example.com:99999/)",
        "[x](https://good.example.com@evil.example/)",
    ],
)
def test_the_renderer_links_none_of_them(text: str) -> None:
    """The second line of defence: as if check had been skipped, such a link stays text."""
    html = markdown_html(text)
    assert "<a" not in html and "href" not in html, html


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[x](https://www.example.com/a)", "https://www.example.com/a"),
        ("[x](https://münchen.example/ä)", "https://xn--mnchen-3ya.example/%C3%A4"),
        # markdown-it alone wrote this host as xn--MNCHEN-psa, which browsers read as another name.
        ("[x](https://MÜNCHEN.example/)", "https://xn--mnchen-3ya.example/"),
        ("<https://www.example.com/x>", "https://www.example.com/x"),
    ],
)
def test_the_renderer_links_good_targets_as_browsers_read_them(text: str, href: str) -> None:
    assert markdown.check(text) == []
    assert f'<a href="{href}" rel="nofollow noopener ugc">' in markdown_html(text)


def test_the_shortcut_skips_only_allowed_targets() -> None:
    assert markdown.skip_safe_links("see [x](https://www.example.com/a).") == "see link."
    for text in ("[x](https://a-.-b.example/)", "[x](https://localhost)", "[x](https://a.example:99999/)"):
        assert markdown.skip_safe_links(text) == text


# --- rel on the built pages ---------------------------------------------------------------

MEMBER = "sensovia-messtechnik"


def _anchors(html: str) -> list[str]:
    return re.findall(r"<a\s[^>]*>", html)


def _rel(anchor: str) -> set[str]:
    found = re.search(r'\srel="([^"]*)"', anchor)
    return set(found.group(1).split()) if found else set()


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_a_member_website_is_followed_and_description_links_are_not(demo_site: Path, lang: str) -> None:
    html = (demo_site / lang / "members" / MEMBER / "index.html").read_text(encoding="utf-8")
    website = [a for a in _anchors(html) if 'href="https://sensovia-messtechnik.example.com"' in a]
    assert website, "the member's website link is missing"
    for anchor in website:
        assert _rel(anchor) == {"external", "noopener"}, anchor  # no nofollow: the link is worth something
    described = [a for a in _anchors(html) if 'href="https://sensovia-messtechnik.example.com/refer' in a]
    assert described, "the description's link is missing"
    for anchor in described:
        assert _rel(anchor) == {"nofollow", "ugc", "noopener"}, anchor
