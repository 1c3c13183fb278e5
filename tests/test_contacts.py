"""Issue 24, item 7: a named person to call, and past activities marked past on the home page.

cluster.yml `contacts` lists people (name, role per language, e-mail, phone, languages spoken, a
photo checked like a logo); the contact page shows them below the address of its `{{ contact }}`
line, the home page in "Get in touch", the cluster's JSON-LD as contactPoint entries.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from clusterfolio.config import read_config
from clusterfolio.project import load_project
from clusterfolio.site.build import language_site

from .conftest import ROOT, TEST_DATE
from .test_logos import png

LANGS = ("de", "en", "fr")
AVATAR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><circle cx="48" cy="48" r="40" fill="#0b3d91"/></svg>'

# Two valid contacts; the lines below are counted from the fixture's cluster.yml (21 lines).
CONTACTS = """\
contacts:
  - name: Erika Beispiel
    role:
      de: Geschäftsführerin
      en: Managing director
      fr: Directrice générale
    email: erika@cluster.example.org
    phone: "+49 711 555-0101"
    languages: [de, en]
    photo: logos/contact-erika.svg
  - name: Jean Exemple
    role: {de: Internationales, en: International affairs, fr: Affaires internationales}
    phone: "+49 711 555-0102"
    languages: [fr]
"""


def _problems(run, project: Path) -> list[tuple[str, int, str, str]]:
    result = run("--root", project, "check", "--format", "json", "--date", TEST_DATE)
    return [(p["file"], p["line"], p["field"], p["code"]) for p in result.problems]


def _with_contacts(project: Path, text: str = CONTACTS, photo: bytes = AVATAR.encode(), name: str = "contact-erika.svg") -> int:
    """Append the contacts to the fixture's cluster.yml; the line number of `contacts:`."""
    (project / "profiles/logos" / name).write_bytes(photo)
    cluster = project / "profiles/cluster.yml"
    before = cluster.read_text()
    cluster.write_text(before + text)
    return before.count("\n") + 1


def test_valid_contacts_pass_check_strict(project: Path, run) -> None:
    _with_contacts(project)
    assert run("--root", project, "check", "--strict", "--date", TEST_DATE).code == 0


@pytest.mark.parametrize(
    ("old", "new", "offset", "field", "code"),
    [
        ("email: erika@cluster.example.org", "email: erika@@cluster.example.org", 6, "contacts[0].email", "CF-E118"),
        ("languages: [de, en]", "languages: [de, xx]", 8, "contacts[0].languages[1]", "CF-E113"),
        ("languages: [de, en]", "languages: [de, en, DE]", 8, "contacts[0].languages[2]", "CF-E132"),
        ("    phone: \"+49 711 555-0102\"\n", "", 10, "contacts[1]", "CF-E126"),  # neither e-mail nor phone
        ("      en: Managing director\n", "      en: " + "x" * 81 + "\n", 4, "contacts[0].role.en", "CF-E108"),
        ("photo: logos/contact-erika.svg", "photo: logos/contact-erika.jpg", 9, "contacts[0].photo", "CF-E403"),
        ("photo: logos/contact-erika.svg", "photo: logos/nobody.svg", 9, "contacts[0].photo", "CF-E402"),
        ("photo: logos/contact-erika.svg", "photo: ../erika.svg", 9, "contacts[0].photo", "CF-E401"),
        ("photo: logos/contact-erika.svg", "photo: logos/*.svg", 9, "contacts[0].photo", "CF-E415"),
    ],
)
def test_a_bad_contact_is_refused_at_its_line(project: Path, run, old: str, new: str, offset: int, field: str, code: str) -> None:
    assert old in CONTACTS
    start = _with_contacts(project, CONTACTS.replace(old, new, 1))
    assert ("profiles/cluster.yml", start + offset, field, code) in _problems(run, project)


def test_a_bad_email_does_not_hide_the_photo_problem(project: Path, run) -> None:
    text = CONTACTS.replace("erika@cluster", "erika@@cluster").replace("contact-erika.svg", "contact-erika.jpg")
    start = _with_contacts(project, text)
    found = _problems(run, project)
    assert ("profiles/cluster.yml", start + 6, "contacts[0].email", "CF-E118") in found
    assert ("profiles/cluster.yml", start + 9, "contacts[0].photo", "CF-E403") in found


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("contact-erika.png", png(96, 96, 512_100), "CF-E404"),  # over a logo's 500 KiB
        ("contact-erika.svg", b'<svg xmlns="http://www.w3.org/2000/svg">' + b" " * 205_000 + b"</svg>", "CF-E404"),
        ("contact-erika.png", b"\xff\xd8\xff\xe0 a JPEG named .png", "CF-E405"),
        ("contact-erika.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "CF-E408"),
    ],
)
def test_a_photo_is_checked_like_a_logo_in_its_own_file(project: Path, run, name: str, data: bytes, code: str) -> None:
    _with_contacts(project, CONTACTS.replace("contact-erika.svg", name), data, name)
    assert _problems(run, project) == [(f"profiles/logos/{name}", 1, "", code)]


def test_more_than_ten_contacts_are_refused(project: Path, run) -> None:
    one = "  - name: Person {n}\n    role: {{de: Rolle, en: Role, fr: Rôle}}\n    email: p{n}@cluster.example.org\n"
    start = _with_contacts(project, "contacts:\n" + "".join(one.format(n=n) for n in range(11)))
    assert _problems(run, project) == [("profiles/cluster.yml", start, "contacts", "CF-E127")]


# --- the site -----------------------------------------------------------------------------------

ROLES = {
    "de": ("Geschäftsführerin", "Internationalisierung und Partner im Ausland"),
    "en": ("Managing director", "Internationalisation and partners abroad"),
    "fr": ("Directrice générale", "Internationalisation et partenaires à l'étranger"),
}
SPOKEN = {
    "de": ("Spricht Deutsch und Englisch", "Spricht Französisch, Deutsch, Englisch und Italienisch"),
    "en": ("Speaks German and English", "Speaks French, German, English, and Italian"),
    "fr": ("Parle allemand et anglais", "Parle français, allemand, anglais et italien"),
}
PHOTO = "logos/contacts/contact-luc-marchetti.svg"


def _people(page: str) -> list[str]:
    """Each person's card, its text unescaped."""
    block = re.search(r'<ul class="cf-people">(.*?)</ul>', page, re.S)
    assert block, "no named contacts on the page"
    return [html.unescape(card) for card in re.findall(r'<li class="cf-person">(.*?)</li>', block.group(1), re.S)]


def _check_people(page: str, lang: str) -> None:
    sabine, luc = _people(page)
    assert "Sabine Ottersbach (fiktiv)" in sabine and "Luc Marchetti (fiktiv)" in luc
    assert ROLES[lang][0] in sabine and ROLES[lang][1] in luc  # the role in the page's language
    assert SPOKEN[lang][0] in sabine and SPOKEN[lang][1] in luc  # languages named in the page's language
    assert 'href="mailto:s.ottersbach@cluster.example.org"' in sabine and 'href="tel:+4971215550010"' in sabine
    assert 'href="mailto:l.marchetti@cluster.example.org"' in luc and 'href="tel:+4971215550020"' in luc


@pytest.mark.parametrize("lang", LANGS)
def test_the_contact_page_names_the_people_below_the_address(demo_site: Path, lang: str) -> None:
    page = (demo_site / lang / "contact/index.html").read_text()
    _check_people(page, lang)
    # Where the `{{ contact }}` line stood: after the address, before the managers' next paragraph.
    after = {"de": "Die Geschäftsstelle ist montags", "en": "You can reach the office by phone", "fr": "Le bureau est joignable"}[lang]
    assert page.index('class="cf-address"') < page.index('class="cf-people"') < page.index(after)
    # The imprint's `{{ contact }}` keeps the address alone.
    assert "cf-people" not in (demo_site / lang / "imprint/index.html").read_text()


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_names_the_people_in_get_in_touch(demo_site: Path, lang: str) -> None:
    page = (demo_site / lang / "index.html").read_text()
    touch = page[page.index('id="contact"'):]
    _check_people(touch, lang)


def test_the_photo_is_published_as_checked_with_the_name_as_alt_text(demo_site: Path) -> None:
    assert (demo_site / PHOTO).read_bytes() == (ROOT / "profiles/logos/contact-luc-marchetti.svg").read_bytes()
    for lang, path in (("de", "contact/index.html"), ("en", "index.html")):
        page = (demo_site / lang / path).read_text()
        img = re.search(r'<img class="cf-person__photo" src="([^"]+)" alt="([^"]*)" width="96" height="96"', page)
        assert img and img.group(2) == "Luc Marchetti (fiktiv)"
        assert (demo_site / lang / path).parent.joinpath(img.group(1)).resolve() == (demo_site / PHOTO).resolve()
    # Without a photo: initials, hidden from screen readers (the name is beside them).
    assert '<span class="cf-person__photo cf-person__initials" aria-hidden="true" data-pagefind-ignore>SO</span>' in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_clusters_json_ld_has_a_contact_point_per_person(demo_site: Path, lang: str) -> None:
    page = (demo_site / lang / "index.html").read_text()
    data = next(d for d in map(json.loads, re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S))
                if d.get("@type") == "Organization")
    office, sabine, luc = data["contactPoint"]
    assert office["email"] == "info@cluster.example.org"
    assert sabine == {"@type": "ContactPoint", "name": "Sabine Ottersbach (fiktiv)", "contactType": ROLES[lang][0],
                      "email": "s.ottersbach@cluster.example.org", "telephone": "+49 7121 555-0010", "availableLanguage": ["de", "en"]}
    assert luc["availableLanguage"] == ["fr", "de", "en", "it"] and luc["image"] == f"https://cluster.example.org/{PHOTO}"


# --- activities on the home page ----------------------------------------------------------------


def _activities(page: str) -> tuple[list[str], list[str]]:
    """The names of the home page's upcoming and past activities."""
    section = page[page.index('id="activities"'):]
    section = section[:section.index("</section>")]
    lists = re.findall(r'<ul class="(cf-activities[^"]*)">(.*?)</ul>', section, re.S)
    names = {cls: [html.unescape(n) for n in re.findall(r'rel="external noopener">([^<]+)</a>', body)] for cls, body in lists}
    return names.get("cf-activities", []), names.get("cf-activities cf-activities--past", [])


@pytest.mark.parametrize("lang", LANGS)
def test_past_activities_on_the_home_page_are_apart_and_marked_past(demo_site: Path, lang: str) -> None:
    page = (demo_site / lang / "index.html").read_text()
    upcoming, past = _activities(page)
    # On the test date (2026-11-26): a project that runs until 2027 and a trip in 2027 are to come; the
    # matchmaking in May 2026 and the trip in March 2026 are past, most recent first.
    assert upcoming == ["TRANSLUX – grenzüberschreitende Lichttechnik (fiktiv)", "Sondierungsreise Korea 2027"]
    assert past == ["Laurentian Photonics Matchmaking 2026", "Sensing Week Osaka 2026"]
    heading = {"de": "Vergangene Aktivitäten", "en": "Past activities", "fr": "Activités passées"}[lang]
    assert re.search(rf"<h3[^>]*>{heading}</h3>\s*<ul class=\"cf-activities cf-activities--past\">", page)


def test_with_nothing_planned_the_home_page_says_so_and_lists_the_past_apart() -> None:
    config = read_config(ROOT)
    project, problems = load_project(config, dt.date(2028, 1, 1))  # after the demo's last activity
    assert project is not None, problems
    site = language_site(config, project, "en")
    home = next(p for p in site.pages if p.kind == "home")
    body = str(site.renderer.body(home))
    upcoming, past = _activities(body)
    assert upcoming == [] and past == ["Sondierungsreise Korea 2027", "Laurentian Photonics Matchmaking 2026"]  # latest start first
    assert body.index("Upcoming activities") < body.index("No activity is planned at the moment.") < body.index("Past activities")


def test_contacts_text_is_escaped_on_the_pages_and_in_json_ld(project: Path, tmp_path: Path) -> None:
    from .conftest import build_project

    payload = "</script><img src=x onerror=alert(1)>"
    text = CONTACTS.replace("Erika Beispiel", f'"Erika {payload}"').replace("Managing director", f'"Director {payload}"')
    _with_contacts(project, text)
    (project / "content/en").mkdir(parents=True)
    (project / "content/en/contact.md").write_text("# Contact\n\n{{ contact }}\n\nCall us.\n")
    site = tmp_path / "site"
    build_project(project, site)
    for path in ("en/contact/index.html", "en/index.html"):
        page = (site / path).read_text()
        assert "<img src=x" not in page and "Erika &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
        assert "Director &lt;/script&gt;" in page
    home = (site / "en/index.html").read_text()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)
    people = next(json.loads(s) for s in scripts if "contactPoint" in s)["contactPoint"][1:]
    assert [p["name"] for p in people] == [f"Erika {payload}", "Jean Exemple"]
    assert people[0]["contactType"] == f"Director {payload}"
