"""Untrusted profile text never becomes markup or script on the built site (SPEC §3.4, §4).

`check` refuses raw HTML, scripts and unsafe links; this file tests the second line of
defence, as if `check` had been skipped: a corpus of XSS payloads is put into every text and
URL field of the cluster and of members (the models are made with pydantic's
`model_construct`, so no validator runs), the site is built with `build_site`, and

* every built HTML file is parsed (html.parser) and compared with a *clean* build of the
  same project shape with harmless values: scripts must be the theme's own (identical to the
  clean build's) or our JSON-LD; elements, attributes and comments must be ones the clean
  build has; no event-handler attribute, no unsafe URL, no raw markup in <title> or <meta>;
* the home, directory, label, international and cooperation pages (every language) and every member page
  are opened in headless Chromium, and the search is used: no dialog may open, `window.__xss`
  (set by many payloads) must stay undefined, no link may resolve to javascript:, data: or
  vbscript:, no request may leave the test server.

One member per payload carries that payload in every one of its fields, so a finding on
…/members/pNN/ names payload NN. The cluster's lists (partners, activities, labels, social
links) hold one entry per payload; its single-valued text fields hold all payloads at once.

Payloads with characters YAML refuses (FRONT_MATTER_BREAKERS) get a build of their own
("breakers"): once a page's front matter is broken, everything on that page changes, and in
the main build ("payload") that would hide what the other payloads do. A member's name is in
the <head> of the home page (JSON-LD) and the cluster's name in that of every page, so one
such text spoils pages well beyond its own.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clusterfolio.config import read_config
from clusterfolio.model import (
    Activity,
    Cluster,
    ClusterContact,
    ContactPerson,
    Label,
    MarketNote,
    Member,
    MemberContact,
    Partner,
    Project,
    Seeks,
)
from clusterfolio.project import load_project
from clusterfolio.site.build import build_site

from .conftest import MINIMAL, TEST_DATE

# --------------------------------------------------------------------------------------------
# The corpus. Payloads that run report themselves: alert() opens a dialog, the others set
# window.__xss. Template payloads compute TEMPLATE_MARK, which must never appear.

TEMPLATE_MARK = "13349"  # 7*1907

PAYLOADS: list[str] = [
    # script elements
    "<script>window.__xss=1</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=data:text/javascript,window.__xss=1></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    # breaking out of an attribute or element
    '"><img src=x onerror=alert(1)>',
    "'><img src=x onerror='window.__xss=1'>",
    '<img src=x onerror="window.__xss=1">',
    '" onmouseover="alert(1)" x="',
    "' onfocus='window.__xss=1' autofocus='",
    '" autofocus onfocus=alert(1) x="',
    '"/><svg/onload=window.__xss=1>',
    "`><img src=x onerror=alert(1)>",
    # leaving the element the text sits in
    "</title><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "</textarea></style></noscript><img src=x onerror=alert(1)>",
    "<!--<script>window.__xss=1//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    # dangerous URLs (as text, and in every URL field of the same member)
    "javascript:alert(1)",
    "JaVaScRiPt:window.__xss=1",
    " javascript:alert(1)",
    "\tjavascript:window.__xss=1",
    "java\tscript:alert(1)",
    "java\nscript:window.__xss=1",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "java\x00script:window.__xss=1",
    "jav&#x61;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>window.__xss=1</script>",
    "vbscript:msgbox(1)",
    "http://evil.example/",
    "//evil.example/x.js",
    "https://evil.example/\" onmouseover=\"alert(1)",
    "https://evil.example/'><script>window.__xss=1</script>",
    "https:javascript:alert(1)",
    "mailto:x@example.org\" onclick=\"alert(1)",
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text y=\"20\">x</text></a></svg>",
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">x</math>",
    # other elements that run or load things
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=\"javascript:window.__xss=1\">",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<details open ontoggle=window.__xss=1>",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<x onclick=alert(1)>x</x>",
    # template syntax (Jinja, mkdocs-macros, JS template literals)
    "{{ 7*1907 }}",
    "{% raw %}<script>alert(1)</script>{% endraw %}",
    "{{ config.docs_dir }}{{ page.meta }}{% include 'main.html' %}",
    "${7*1907}#{7*1907}<%= 7*1907 %>",
    # Markdown links, images, autolinks, attribute lists, md_in_html
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:window.__xss=1)",
    "[x](jav&#x61;script:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](https://evil.example/\"onmouseover=\"alert(1))",
    "[x](https://evil.example \"t\\\" onmouseover=\\\"alert(1)\")",
    "[<img src=x onerror=alert(1)>](https://evil.example)",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/x.png\" onerror=\"window.__xss=1)",
    "<javascript:alert(1)>",
    "<https://x\" onmouseover=alert(1)>",
    "<mailto:x@example.org?body=<script>alert(1)</script>>",
    "[x]: javascript:alert(1)\n\n[x]",
    "*x*{: onclick=\"alert(1)\" }",
    "<div markdown=\"1\">[x](javascript:alert(1))</div>",
    # HTML entities (must stay text, not be decoded into markup)
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    # YAML front matter and JSON-LD breakers
    "\"\n---\ntitle: x\ncf_head: <script>window.__xss=1</script>\n---\n",
    "---\ncf_head: \"<script>alert(1)</script>\"\n---",
    "\\\"}</script><script>window.__xss=1</script>",
    "\u2028\u2029</script><script>alert(1)</script>",
    # control and special characters; YAML refuses DEL, the C1 range and U+FFFE: these are
    # front-matter breakers (FRONT_MATTER_BREAKERS), built on their own
    "\x7f[x](javascript:alert(1))",
    "\x9b[x](javascript:window.__xss=1)<script>alert(1)</script>",
    "\ufffe[x](javascript:alert(1))",
    "\x84![x](https://evil.example/x.png)",
    "https://evil.example/\x7f[x](javascript:alert(1))",  # passes the https test of links
    "\x02wzxhzdk:0\x03\x02wzxhzdk:1\x03<script>alert(1)</script>",
    "\ufeff<script>window.__xss=1</script>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
]

# Characters PyYAML refuses in a stream; json.dumps leaves them as they are.
YAML_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
FRONT_MATTER_BREAKERS = [i for i, p in enumerate(PAYLOADS) if YAML_UNPRINTABLE.search(p)]
MAIN = [i for i in range(len(PAYLOADS)) if i not in FRONT_MATTER_BREAKERS]

LANGS = ("de", "en", "fr")
COMPETENCES = ("laser-systems", "optical-coatings", "precision-machining")
TYPES = ("sme", "research", "startup")
STAGES = ("research", "development", "production")
COUNTRIES = ("FR", "US", "JP", "AT", "IT", "PL")
SCHEMES = ("esca-gold", "cluster-excellence-bw")
ACTIVITY_KINDS = ("trade-fair", "conference", "delegation", "matchmaking", "project")
# One of each label status on TEST_DATE (2026-11-26): valid, expiring, expired, not yet valid.
LABEL_DATES = (
    (dt.date(2026, 1, 15), dt.date(2028, 1, 14)),
    (dt.date(2025, 1, 15), dt.date(2027, 1, 14)),
    (dt.date(2023, 1, 15), dt.date(2025, 1, 14)),
    (dt.date(2027, 1, 15), dt.date(2029, 1, 14)),
)

# The fields the payloads go into; the others hold ids, codes, numbers, dates or a logo path.
# A field added to the model must be put in one list or the other (test_corpus_reaches_every_field).
MEMBER_FIELDS = (
    "name", "city", "website", "summary", "description", "offers", "seeks.text", "certifications",
    "contact.email", "contact.phone", "contact.contact_page", "market_notes[].note",
)
CLUSTER_FIELDS = (
    "name", "short_name", "legal_name", "region", "website", "tagline", "summary", "description",
    "contact.organisation", "contact.street", "contact.postal_code", "contact.city", "contact.email",
    "contact.phone", "contact.contact_page", "labels[].certificate_id", "labels[].certificate_url",
    "partners[].name", "partners[].city", "partners[].website", "activities[].name", "activities[].city",
    "activities[].url", "activities[].description", "eccp_profile", "social{}",
    "contacts[].name", "contacts[].role", "contacts[].email", "contacts[].phone",  # photo: a checked path
)
MEMBER_NOT_TEXT = {"type", "employees", "founded", "country", "logo", "competences", "value_chain", "markets",
                   "languages", "maintainers", "member_since"}
CLUSTER_NOT_TEXT = {"founded", "country", "logo", "focus", "target_markets", "brand"}  # brand: #rrggbb colours (site.head re-checks them)


def slug(i: int) -> str:
    return f"p{i:02d}"


# --------------------------------------------------------------------------------------------
# The project: the same shape twice, once with payloads, once with harmless values.


@dataclass(frozen=True)
class Values:
    """What goes into the fields: text(i, field) for plain text, url(i, field) for URLs, md(i)
    for restricted Markdown, cluster_text(field, language) for the cluster's texts."""

    text: Callable[[int, str], str]
    url: Callable[[int, str], str]
    md: Callable[[int], str]
    cluster_text: Callable[[str, str], str]
    cluster_urls: dict[str, str]


def _payload_values(indices: list[int], cluster_urls: dict[str, str]) -> Values:
    everything = " ¦ ".join(PAYLOADS[i] for i in indices)
    return Values(
        text=lambda i, _f: PAYLOADS[i],
        url=lambda i, _f: PAYLOADS[i],
        md=lambda i: PAYLOADS[i],
        cluster_text=lambda _f, _lang: everything,
        cluster_urls=cluster_urls,
    )


def _clean_values() -> Values:
    def text(i: int, f: str) -> str:
        if f in ("contact.email", "contacts[].email"):
            return f"info{i}@example.org"
        if f in ("contact.phone", "contacts[].phone"):
            return "+49 711 555-0100"
        return f"Harmless {f} {i}"

    def md(i: int) -> str:
        # every construct the restricted Markdown allows, so the clean build has its markup
        return (
            f"Text {i} with *emphasis*, **strong**, a [link](https://example.org/{i}) and "
            f"<https://example.org/auto>, <mailto:info@example.org>,\nsoft break  \nhard break.\n\n"
            "- one\n- two\n\n1. first\n2. second\n"
        )

    return Values(
        text=text,
        url=lambda i, f: f"https://{re.sub(r'[^a-z]+', '-', f)}{i}.example.org/",
        md=md,
        cluster_text=lambda f, lang: f"Harmless cluster {f} {lang}".strip(),
        cluster_urls={
            "website": "https://cluster.example.org/",
            "contact_page": "https://cluster.example.org/contact/",
            "eccp_profile": "https://clustercollaboration.eu/x",
        },
    )


def _translated(value, i: int) -> dict:
    """Every language, or (odd i) the default language only: the fallback markup is tested too."""
    return dict.fromkeys(LANGS, value) if i % 2 == 0 else {LANGS[0]: value}


def make_project(base: Project, v: Values, indices: list[int]) -> Project:
    """One member (pNN), label, partner, activity and social link per index, every text and URL
    field filled from v; no validator runs."""
    members = {}
    for i in indices:
        contact = MemberContact.model_construct(
            email=v.text(i, "contact.email"), phone=v.text(i, "contact.phone"),
            contact_page=v.url(i, "contact.contact_page"),
        )
        seeks = Seeks.model_construct(
            text=_translated(v.text(i, "seeks.text"), i), partner_types=[TYPES[(i + 1) % 3]],
            countries=[COUNTRIES[i % len(COUNTRIES)]],
        )
        members[slug(i)] = Member.model_construct(
            name=v.text(i, "name"),
            type=TYPES[i % 3],
            employees=None,
            founded=None,
            city=v.text(i, "city"),
            country="DE",
            website=v.url(i, "website"),
            logo=None,
            summary=_translated(v.text(i, "summary"), i),
            description=_translated(v.md(i), i),
            competences=[COMPETENCES[i % 3]],
            value_chain=[STAGES[i % 3]],
            offers=_translated([v.text(i, "offers"), v.text(i, "offers") + " (2)"], i),
            seeks=seeks,
            markets=[COUNTRIES[(i + 2) % len(COUNTRIES)]],
            market_notes=[MarketNote.model_construct(country=COUNTRIES[(i + 2) % len(COUNTRIES)], note=_translated(v.text(i, "market_notes[].note"), i))],
            languages=["de", "en"],
            certifications=[v.text(i, "certifications")],
            contact=contact,
            maintainers=[],
            member_since=2020,
        )

    labels, partners, activities, social, people = [], [], [], {}, []
    for i in indices:
        people.append(ContactPerson.model_construct(
            name=v.text(i, "contacts[].name"), role=_translated(v.text(i, "contacts[].role"), i),
            email=v.text(i, "contacts[].email"), phone=v.text(i, "contacts[].phone"), languages=["de", "fr"],
            photo=base.cluster.logo if i % 2 == 0 else None,  # a real file: the build publishes it
        ))
        awarded, until = LABEL_DATES[i % len(LABEL_DATES)]
        labels.append(Label.model_construct(
            scheme=SCHEMES[i % 2], awarded=awarded, valid_until=until,
            certificate_url=v.url(i, "labels[].certificate_url"), certificate_id=v.text(i, "labels[].certificate_id"),
        ))
        partners.append(Partner.model_construct(
            name=v.text(i, "partners[].name"), country=COUNTRIES[i % len(COUNTRIES)], city=v.text(i, "partners[].city"),
            website=v.url(i, "partners[].website"), since=2019, topics=[COMPETENCES[i % 3]],
        ))
        activities.append(Activity.model_construct(
            name=v.text(i, "activities[].name"), kind=ACTIVITY_KINDS[i % len(ACTIVITY_KINDS)],
            level=("management", "members")[i % 2], start=dt.date(2026, 3, 1) + dt.timedelta(days=i), end=None,
            city=v.text(i, "activities[].city"), country=COUNTRIES[i % len(COUNTRIES)],
            url=v.url(i, "activities[].url"),
            description=_translated(v.text(i, "activities[].description"), i),
        ))
        social[f"{i:02d} {v.text(i, 'social{}')}"] = v.url(i, "social{}")

    def ct(f: str, lang: str = "") -> str:
        return v.cluster_text(f, lang)

    cluster = Cluster.model_construct(
        name=ct("name"),
        short_name=ct("short_name"),
        legal_name=ct("legal_name"),
        founded=2005,
        region=ct("region"),
        country="DE",
        website=v.cluster_urls["website"],
        logo=base.cluster.logo,
        tagline={lang: ct("tagline", lang) for lang in LANGS},
        summary={lang: ct("summary", lang) for lang in LANGS},
        description={lang: ct("description", lang) for lang in LANGS[:2]},  # the third falls back
        focus=list(COMPETENCES),
        contact=ClusterContact.model_construct(
            organisation=ct("contact.organisation"), street=ct("contact.street"), postal_code=ct("contact.postal_code"),
            city=ct("contact.city"), email=ct("contact.email"), phone=ct("contact.phone"),
            contact_page=v.cluster_urls["contact_page"],
        ),
        labels=labels,
        partners=partners,
        target_markets=list(COUNTRIES[:3]),
        activities=activities,
        contacts=people,
        eccp_profile=v.cluster_urls["eccp_profile"],
        social=social,
    )
    # The managers' country notes are restricted Markdown too: the first country gets every payload.
    notes = {COUNTRIES[0]: {LANGS[0]: "\n\n".join(v.md(i) for i in indices)}}
    return Project(base.languages, cluster, base.taxonomy, members, base.build_date, country_notes=notes)


SITES = ("payload", "breakers")  # the builds that carry payloads, next to "clean"


@dataclass(frozen=True)
class Sites:
    out: Path  # holds clean/, payload/, breakers/

    def __getitem__(self, name: str) -> Path:
        return self.out / name


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The clean, payload and breakers builds, from a copy of tests/fixtures/minimal (as `project`)."""
    root = tmp_path_factory.mktemp("xss") / "project"
    shutil.copytree(MINIMAL, root)  # what the `project` fixture does, once for the module
    config = read_config(root)
    base, problems = load_project(config, dt.date.fromisoformat(TEST_DATE))
    assert base is not None, "\n".join(p.text() for p in problems)
    assert set(base.taxonomy.competences) == set(COMPETENCES) and set(base.taxonomy.member_types) == set(TYPES)
    assert set(base.taxonomy.value_chain) == set(STAGES) and set(base.taxonomy.label_schemes) == set(SCHEMES)
    out = root.parent
    # The clean build needs every shape of markup, not every member: 10 cover both fallback
    # cases, every member type, stage, label status, activity kind and level; with 4 cards a
    # page, its listings span pages as the payload build's do (pagination, country lists).
    build_site(dataclasses.replace(config, page_size=4), make_project(base, _clean_values(), list(range(10))), out / "clean")
    # Every payload is in a list URL field of the cluster (partners, activities, labels,
    # social); its three single URL fields get the classic ones.
    main_urls = {"website": "javascript:window.__xss=1", "contact_page": "data:text/html,<script>alert(1)</script>",
                 "eccp_profile": " JaVaScRiPt:alert(1)"}
    build_site(config, make_project(base, _payload_values(MAIN, main_urls), MAIN), out / "payload")
    # https://…\x7f… passes safe_url, so it reaches JSON-LD (url, sameAs, contactPoint)
    https_breaker = next(PAYLOADS[i] for i in FRONT_MATTER_BREAKERS if PAYLOADS[i].startswith("https://"))
    breaker_values = _payload_values(FRONT_MATTER_BREAKERS, dict.fromkeys(main_urls, https_breaker))
    build_site(config, make_project(base, breaker_values, FRONT_MATTER_BREAKERS), out / "breakers")
    return Sites(out)


# --------------------------------------------------------------------------------------------
# Reading built HTML


@dataclass
class Script:
    attrs: dict[str, str]
    text: str
    raw_tag: str


@dataclass
class Parsed:
    path: str
    source: str
    tags: list[tuple[str, dict[str, str], str]] = field(default_factory=list)  # name, attrs, raw start tag
    scripts: list[Script] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    declarations: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, parsed: Parsed) -> None:
        super().__init__(convert_charrefs=True)
        self.p = parsed
        self._script: Script | None = None
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        raw = self.get_starttag_text() or ""
        self.p.tags.append((tag, a, raw))
        if tag == "script":
            self._script = Script(a, "", raw)
        if tag == "h1":
            self._h1 = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script" and self._script is not None:
            self.p.scripts.append(self._script)
            self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.p.scripts.append(self._script)
            self._script = None
        if tag == "h1" and self._h1 is not None:
            self.p.h1.append("".join(self._h1))
            self._h1 = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data
        if self._h1 is not None:
            self._h1.append(data)

    def handle_comment(self, data: str) -> None:
        self.p.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.p.declarations.append(decl)

    def unknown_decl(self, data: str) -> None:
        self.p.declarations.append(data)

    def handle_pi(self, data: str) -> None:
        self.p.declarations.append(data)


def parse_site(site: Path, prefix: str = "") -> dict[str, Parsed]:
    out = {}
    for file in sorted(site.rglob("*.html")):
        rel = prefix + file.relative_to(site).as_posix()
        parsed = Parsed(rel, file.read_text(encoding="utf-8"))
        parser = _Parser(parsed)
        parser.feed(parsed.source)
        parser.close()
        if parser._script is not None:  # an unclosed script runs to the end of the page
            parsed.scripts.append(parser._script)
        out[rel] = parsed
    return out


@pytest.fixture(scope="module")
def clean(sites: Sites) -> dict[str, Parsed]:
    return parse_site(sites["clean"])


@pytest.fixture(scope="module")
def built(sites: Sites) -> dict[str, Parsed]:
    """Every HTML file of the payload and breakers builds, by 'payload/<path>', 'breakers/<path>'."""
    return {k: v for name in SITES for k, v in parse_site(sites[name], name + "/").items()}


# --------------------------------------------------------------------------------------------
# Reporting: a finding names its page, the payload(s) behind it and the output.

MEMBER_PAGE = re.compile(r"members/(p\d\d)/")


def _payloads_behind(path: str, snippet: str) -> str:
    """The payload a finding comes from: the member's on its page, else those found in the output."""
    m = MEMBER_PAGE.search(path)
    if m:
        i = int(m.group(1)[1:])
        return f"member {m.group(1)} payload #{i} {PAYLOADS[i]!r}"
    site = FRONT_MATTER_BREAKERS if "breakers/" in path else MAIN
    hits = sorted(
        (i for i in site if len(PAYLOADS[i].strip()) > 6
         and (PAYLOADS[i].strip() in snippet or html.escape(PAYLOADS[i].strip()) in snippet)),
        key=lambda i: -len(PAYLOADS[i]),
    )
    if hits:
        return "payload " + ", ".join(f"#{i} {PAYLOADS[i]!r}" for i in hits[:3])
    if site is FRONT_MATTER_BREAKERS:
        return f"one of payloads #{site[0]}…#{site[-1]} (cluster fields or member names)"
    return "payload: see output"


def _context(source: str, needle: str, width: int = 90) -> str:
    at = source.find(needle)
    if at < 0:
        return needle[:2 * width]
    return source[max(0, at - width):at + len(needle) + width]


REPORT_LINES = int(os.environ.get("XSS_REPORT_LINES", "60"))  # more for a full report


def _report(findings: list[str], what: str) -> str:
    unique = list(dict.fromkeys(findings))
    shown = "\n".join(unique[:REPORT_LINES])
    more = ""
    if len(unique) > REPORT_LINES:
        more = f"\n… and {len(unique) - REPORT_LINES} more (XSS_REPORT_LINES=n shows more)"
    return f"{len(unique)} {what}:\n{shown}{more}"


# --------------------------------------------------------------------------------------------
# URL rules

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite",
             "ping", "codebase", "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "profile"}
SAFE_SCHEMES = {"https", "mailto", "tel"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


# The print handout's QR code (clusterfolio/site/qr.py): a PNG our code draws, inline so that the
# sheet prints without a request. The only data: URL a page may hold, and only on that image.
OWN_QR = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def own_qr_code(tag: str, attrs: dict[str, str | None], name: str, url: str) -> bool:
    return (tag == "img" and name == "src" and "cf-sheet__qr" in (attrs.get("class") or "").split()
            and OWN_QR.fullmatch(url) is not None)


def url_problem(url: str, relative_only: bool = False) -> str | None:
    """Why a URL is not relative, same-site, https:, mailto: or tel: (None if it is), read as a browser does."""
    u = url.strip("".join(map(chr, range(0x21))))
    u = re.sub(r"[\t\n\r]", "", u)
    m = _SCHEME.match(u)
    if m:
        scheme = m.group(1).lower()
        if relative_only:
            return f"{scheme}: URL where only a relative one may be"
        return None if scheme in SAFE_SCHEMES else f"{scheme}: URL"
    if re.match(r"[/\\]{2}", u):
        return "protocol-relative URL to another host"
    return None


def _urls_of(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value]


# --------------------------------------------------------------------------------------------
# The static checks


def _visible(text: str) -> str:
    """Text as compared here: Markdown's input normalisation (tabs, line ends, STX/ETX) set aside."""
    return re.sub(r"[\s\x02\x03]+", "", text)


def test_corpus_reaches_every_field(built: dict[str, Parsed]) -> None:
    """Sanity: enough payloads, each member page built, and (main build) its name shown as text in <h1>."""
    assert len(PAYLOADS) >= 30
    assert len(set(PAYLOADS)) == len(PAYLOADS), "duplicate payloads"
    assert len(FRONT_MATTER_BREAKERS) >= 3
    top = lambda names: {n.split(".")[0].split("[")[0].split("{")[0] for n in names}  # noqa: E731
    assert set(Member.model_fields) == top(MEMBER_FIELDS) | MEMBER_NOT_TEXT
    assert set(Cluster.model_fields) == top(CLUSTER_FIELDS) | CLUSTER_NOT_TEXT
    missing, mangled = [], []
    for site, indices in (("payload", MAIN), ("breakers", FRONT_MATTER_BREAKERS)):
        for i in indices:
            for lang in LANGS:
                page = built.get(f"{site}/{lang}/members/{slug(i)}/index.html")
                if page is None:
                    missing.append(f"/{site}/{lang}/members/{slug(i)}/")
                elif site == "payload" and _visible(PAYLOADS[i]) not in [_visible(h) for h in page.h1]:
                    mangled.append(f"/{site}/{lang}/members/{slug(i)}/: <h1> {page.h1!r} "
                                   f"is not payload #{i} {PAYLOADS[i]!r}")
        for path in ("", "international/", "label/", "members/"):
            assert f"{site}/{LANGS[0]}/{path}index.html" in built, path
    assert not missing, _report(missing, "member pages missing")
    assert not mangled, _report(mangled, "member names not shown as text")


def test_no_script_but_the_theme_s(clean: dict[str, Parsed], built: dict[str, Parsed]) -> None:
    """Scripts are the theme's (identical to the clean build's) or our JSON-LD, which no text can end."""
    theme_src = {s.attrs["src"] for p in clean.values() for s in p.scripts if "src" in s.attrs}
    theme_inline = {s.text for p in clean.values() for s in p.scripts
                    if "src" not in s.attrs and s.attrs.get("type") != "application/ld+json"}
    assert theme_src and all("assets/" in src for src in theme_src), theme_src
    findings = []
    for path, page in built.items():
        for s in page.scripts:
            problems = []
            if s.attrs.get("type") == "application/ld+json" and "src" not in s.attrs:
                problems += [f"JSON-LD {p}" for p in _json_ld_problems(s.text)]
            elif "src" in s.attrs:
                if s.attrs["src"] not in theme_src:
                    problems.append("foreign script")
                elif s.text.strip():
                    problems.append(f"theme script with content {s.text[:200]!r}")
            elif s.text not in theme_inline:
                context = _context(page.source, s.raw_tag + s.text[:40])
                problems.append(f"foreign inline script {s.text[:200]!r} in {context!r}")
            extra = set(s.attrs) - {"src", "type", "id", "defer", "async"}
            if extra:
                problems.append(f"script with attributes {sorted(extra)}")
            findings += [f"/{path}: {_payloads_behind(path, s.raw_tag + s.text)}: {p}: {s.raw_tag!r}" for p in problems]
    assert not findings, _report(findings, "scripts that are not the theme's")


JSON_LD_URL_KEYS = {"url", "sameAs", "logo", "image", "item", "@id", "mainEntityOfPage"}


def _json_ld_problems(text: str) -> list[str]:
    problems = []
    for ch in "<>":
        if ch in text:
            at = text.index(ch)
            problems.append(f"raw {ch!r} at {at}: …{text[max(0, at - 80):at + 80]!r}…")
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [*problems, f"not JSON ({exc})"]

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, value in node.items():
                walk(value, k)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in JSON_LD_URL_KEYS and url_problem(node):
            problems.append(f"{key} is a {url_problem(node)}: {node!r}")
    walk(data)
    return problems


def test_no_event_handler_attributes(built: dict[str, Parsed]) -> None:
    findings = [
        f"/{path}: {_payloads_behind(path, raw)}: <{tag} {name}=…> in {raw[:300]!r}"
        for path, page in built.items() for tag, attrs, raw in page.tags for name in attrs if name.startswith("on")
    ]
    assert not findings, _report(findings, "event-handler attributes")


def test_every_url_is_relative_https_mailto_or_tel(built: dict[str, Parsed]) -> None:
    findings = []
    for path, page in built.items():
        for tag, attrs, raw in page.tags:
            for name, value in attrs.items():
                if name not in URL_ATTRS and name not in ("srcset", "imagesrcset"):
                    continue
                for url in _urls_of(name, value):
                    if own_qr_code(tag, attrs, name, url):
                        continue
                    problem = url_problem(url, relative_only=tag == "img" and name in ("src", "srcset"))
                    if problem:
                        findings.append(f"/{path}: {_payloads_behind(path, raw)}: {problem}: "
                                        f"<{tag} {name}={url!r}> in {raw[:300]!r}")
    assert not findings, _report(findings, "unsafe URLs")


FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "plaintext", "xmp",
                  "noembed"}


def test_no_foreign_elements_or_attributes(clean: dict[str, Parsed], built: dict[str, Parsed]) -> None:
    """No embedding element, no refresh, and only elements, attributes, comments the clean build has too."""
    known = {(tag, name) for p in clean.values() for tag, attrs, _ in p.tags for name in ("", *attrs)}
    comments = {c for p in clean.values() for c in p.comments}
    declarations = {d for p in clean.values() for d in p.declarations}
    findings = []
    for path, page in built.items():
        for tag, attrs, raw in page.tags:
            problems = []
            if tag in FORBIDDEN_TAGS:
                problems.append(f"<{tag}> element")
            if tag == "meta" and "http-equiv" in attrs:
                problems.append("<meta http-equiv>")
            if (tag, "") not in known:
                context = _context(page.source, raw)
                problems.append(f"element <{tag}> that the clean build does not have, in {context!r}")
            problems += [f"attribute {name!r} on <{tag}> that the clean build does not have"
                         for name in attrs if (tag, name) not in known]
            if "style" in attrs and re.search(r"url\(|expression\(|javascript:|@import", attrs["style"], re.I):
                problems.append(f"style attribute {attrs['style'][:200]!r}")
            findings += [f"/{path}: {_payloads_behind(path, raw)}: {problem}: {raw[:300]!r}" for problem in problems]
        findings += [f"/{path}: {_payloads_behind(path, c)}: comment <!--{c[:200]}-->"
                     for c in page.comments if c not in comments]
        findings += [f"/{path}: {_payloads_behind(path, d)}: declaration <!{d[:200]}>"
                     for d in page.declarations if d not in declarations]
    assert not findings, _report(findings, "foreign elements, attributes or comments")


def test_head_texts_have_no_raw_markup(built: dict[str, Parsed]) -> None:
    """<title>, <meta> (description, OpenGraph, Twitter) and every other start tag: no raw '<' or '>' in them."""
    findings = []
    for path, page in built.items():
        titles = re.findall(r"<title\b[^>]*>(.*?)</title\s*>", page.source, re.S | re.I)
        if not titles:
            findings.append(f"/{path}: no <title>")
        for title in titles:
            if "<" in title or ">" in title:
                findings.append(f"/{path}: {_payloads_behind(path, title)}: raw markup in <title>: {title[:300]!r}")
        for tag, _, raw in page.tags:
            # attribute values (meta content, og:*, alt, title, data-*) hold no raw '<' or '>'
            if "<" in raw[1:] or ">" in raw[:-1]:
                findings.append(f"/{path}: {_payloads_behind(path, raw)}: raw markup inside <{tag}>: {raw[:300]!r}")
    assert not findings, _report(findings, "head texts with raw markup")


def test_template_syntax_is_not_evaluated_nor_build_paths_shown(sites: Sites, built: dict[str, Parsed]) -> None:
    """'{{ 7*1907 }}' & co. stay text: their result never appears; nor does the build's folder."""
    secrets = [TEMPLATE_MARK, str(sites.out)]
    findings = [
        f"/{path}: {_payloads_behind(path, page.source)}: {secret!r} in {_context(page.source, secret)!r}"
        for path, page in built.items() for secret in secrets if secret in page.source
    ]
    assert not findings, _report(findings, "evaluated templates or build paths")


# --------------------------------------------------------------------------------------------
# In the browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIMEOUT = 15_000

# What a loaded page did, and which links it holds (read as the browser resolves them).
# Pagefind's own UI has a form with action="javascript:void(0);": the one javascript: URL
# allowed, inside that UI only (the theme may use it instead of its own search interface).
PROBE = r"""() => {
  const bad = [];
  const attrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
      if (!attrs.includes(name)) continue;
      if (name === 'action' && a.value === 'javascript:void(0);' && el.closest('.pagefind-ui')) continue;
      // The print handout's QR code: a PNG our code draws, inline so that it prints without a request.
      if (name === 'src' && el.matches('img.cf-sheet__qr') && /^data:image\/png;base64,[A-Za-z0-9+\/=]+$/.test(a.value)) continue;
      let u;
      try { u = new URL(a.value, document.baseURI); } catch (e) { continue; }
      if (!(u.origin === location.origin || ['https:', 'mailto:', 'tel:'].includes(u.protocol)))
        bad.push(`<${el.localName} ${a.name}="${a.value}"> resolves to ${u.protocol}`);
    }
  }
  for (const tag of ['iframe', 'object', 'embed', 'base', 'frame'])
    for (const el of document.querySelectorAll(tag)) bad.push(el.outerHTML.slice(0, 200));
  return {xss: typeof window.__xss === 'undefined' ? null : String(window.__xss), bad};
}"""


@pytest.fixture(scope="module")
def payload_url(sites: Sites) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    # the builds side by side: /payload/<lang>/…, /breakers/<lang>/…
    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a page left before its last request finished: not the site's fault

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(sites.out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # pragma: no cover - then the browser test is skipped or fails in _chromium_or_skip
    PlaywrightTimeout = Exception  # type: ignore[assignment,misc]


BATCH = 6  # pages loading at once


def test_no_script_runs_in_chromium(payload_url: str, browser) -> None:
    paths = []
    for site, indices in (("payload", MAIN), ("breakers", FRONT_MATTER_BREAKERS)):
        paths += [f"/{site}/{lang}/{p}" for lang in LANGS for p in ("", "members/", "label/", "international/", "cooperation/")]
        # Every member page once, the language turning with the member: with odd members'
        # texts in the default language only, that shows own texts and fallback texts in every
        # language. XSS_ALL_LANGUAGES=1 opens every member page in every language (slower); the
        # static tests above read all of them anyway.
        for i in indices:
            langs = LANGS if os.environ.get("XSS_ALL_LANGUAGES") else (LANGS[i % len(LANGS)],)
            paths += [f"/{site}/{lang}/members/{slug(i)}/" for lang in langs]
    findings: list[str] = []
    where: dict[object, str] = {}  # page -> the path it shows

    def on_dialog(page, dialog) -> None:
        findings.append(f"{where[page]}: {_payloads_behind(where[page], dialog.message)}: "
                        f"{dialog.type} dialog opened with {dialog.message!r}")
        dialog.dismiss()

    def outside(route) -> None:
        # nothing leaves the test server: a request elsewhere is a finding, and is not sent
        try:
            page = route.request.frame.page
        except Exception:  # noqa: BLE001 - a request without a page (worker) still counts
            page = None
        path = where.get(page, "?")
        findings.append(f"{path}: {_payloads_behind(path, route.request.url)}: request to {route.request.url!r}")
        route.abort()

    def probe(page) -> None:
        result = page.evaluate(PROBE)
        path = where[page]
        who = _payloads_behind(path, "")
        if result["xss"] is not None:
            findings.append(f"{path}: {who}: window.__xss = {result['xss']!r}")
        findings.extend(f"{path}: {who}: {b}" for b in result["bad"])

    context = browser.new_context()
    context.set_default_timeout(TIMEOUT)
    context.set_default_navigation_timeout(TIMEOUT)
    # a pattern, not a predicate: requests to the test server are not intercepted at all
    context.route(re.compile("^(?!" + re.escape(payload_url + "/") + ")"), outside)
    tabs = [context.new_page() for _ in range(BATCH)]
    for tab in tabs:
        tab.on("dialog", functools.partial(on_dialog, tab))
    for start in range(0, len(paths), BATCH):
        batch = list(zip(tabs, paths[start:start + BATCH], strict=False))
        for tab, path in batch:
            where[tab] = path
            tab.goto(payload_url + path, wait_until="commit")
        for tab, _ in batch:
            tab.wait_for_load_state("load")
        # let timers, toggle and animation events and failed images run, once per batch
        tabs[0].wait_for_timeout(40)
        for tab, _ in batch:
            probe(tab)

    # Search shows member text in its results: it must stay text there too. Whatever
    # the search interface is, it lives in the theme's .cf-search slot and lists its
    # results as links there.
    tab = tabs[0]
    for site in SITES:
        where[tab] = f"/{site}/{LANGS[0]}/ (search)"
        tab.goto(f"{payload_url}/{site}/{LANGS[0]}/", wait_until="load")
        box = tab.locator(".cf-search input:not([type=checkbox]):not([type=radio]):not([type=hidden])").first
        box.wait_for(state="visible")
        for query in ("script", "onerror", "javascript", "svg"):
            where[tab] = f"/{site}/{LANGS[0]}/ (search {query!r})"
            # mark the previous query's results, then wait for this query's own
            tab.evaluate("() => document.querySelectorAll('.cf-search a').forEach(a => a.dataset.old = '1')")
            box.fill(query)
            try:
                tab.wait_for_function("() => document.querySelector('.cf-search a[href]:not([data-old])')",
                                      timeout=5_000 if site == "payload" else 1_000)
            except PlaywrightTimeout:
                if site == "payload":  # every query matches member texts there
                    findings.append(f"{where[tab]}: the search showed no result; its output is untested")
            tab.wait_for_timeout(100)
            probe(tab)
    context.close()
    assert not findings, _report(findings, "scripts that ran, unsafe links or outside requests in Chromium")
