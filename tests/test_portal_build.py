"""`portal build` (issue 28, item 3): the portal's site from the harvest alone.

The acceptance test: five fixture clusters (copies of the built demo's /data/, each renamed and
given its own address) served on 127.0.0.1, harvested, changed (one goes down, one breaks its data
package, one's label expired yesterday, one gains a member, one stays the same), harvested again,
built; then what a partner sees on the portal is read from the pages written."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clusterfolio.portal.build import build_portal
from clusterfolio.portal.settings import read_portal

from .test_portal_harvest import (  # noqa: F401 - demo_data is a fixture
    DAY_AFTER,
    cluster,
    demo_data,
    read,
    serving,
    write,
)

NAMES = ("down", "invalid", "expired", "changed", "unchanged")
LANGS = ("en", "de")


class Page(HTMLParser):
    """The parts of a portal page the tests read: links (href, hreflang, text), alternates, status marks."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str | None, str]] = []
        self.alternates: dict[str, str] = {}
        self.statuses: list[str] = []
        self.cards: list[tuple[str, list[str]]] = []  # (cluster name, its label statuses) on the home
        self._link: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._in_card = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"] or ""] = a.get("href") or ""
        if tag == "a":
            self._link, self._text = a, []
        if tag == "li" and "cf-card" in (a.get("class") or "").split():
            self.cards.append(("", []))
            self._in_card = True
        if a.get("data-status") and self.cards:
            self.cards[-1][1].append(a["data-status"] or "")

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            text = "".join(self._text).strip()
            self.links.append((self._link.get("href") or "", self._link.get("hreflang"), text))
            if self.cards and not self.cards[-1][0] and "external" in (self._link.get("rel") or ""):
                self.cards[-1] = (text, self.cards[-1][1])
            self._link = None


def page(site: Path, path: str) -> Page:
    return Page((site / path / "index.html").read_text(encoding="utf-8"))


def fixture_cluster(demo: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the demo's /data/ with its own name and address (https://<name>.example.org/)."""
    root = cluster(demo, tmp_path, name)
    for file in (root / "data").glob("*.*"):
        if file.suffix in (".json", ".jsonld", ".ttl", ".csv"):
            file.write_text(file.read_text(encoding="utf-8").replace("https://cluster.example.org", f"https://{name}.example.org"), encoding="utf-8")
    data = read(root, "cluster.json")
    data["name"] = f"Cluster {name.title()}"
    write(root, "cluster.json", data)
    return root


def new_member(root: Path, slug: str, name: str, site: str) -> None:
    members = read(root, "members.json")
    record = {**members["members"][0], "slug": slug, "name": name,
              "urls": {lang: f"https://{site}.example.org/{lang}/members/{slug}/" for lang in ("de", "en", "fr")}}
    members["members"].append(record)
    write(root, "members.json", members)


def write_portal(home: Path, urls: dict[str, str]) -> None:
    home.mkdir(exist_ok=True)
    (home / "portal.yml").write_text(
        "name: Portal Test\nlanguages: [en, de]\nsite_url: https://portal.example.org/\nclusters:\n"
        + "".join(f"  - url: {url}\n    key: {name}\n" for name, url in urls.items()), encoding="utf-8")


def listing_pages(site: Path, lang: str) -> dict[str, list[Path]]:
    """Each listing (members/<section>/<value>/) with all its pages."""
    out: dict[str, list[Path]] = {}
    for index in sorted((site / lang / "members").glob("*/*/index.html")):
        base = index.parent
        out[base.relative_to(site / lang).as_posix()] = [index, *sorted(base.glob("page/*/index.html"), key=lambda p: int(p.parent.name))]
    return out


def member_links(pages: list[Path]) -> list[str]:
    hrefs = []
    for file in pages:
        parsed = Page(file.read_text(encoding="utf-8"))
        hrefs += [href for href, _, _ in parsed.links if href.startswith("https://") and "/members/" in href]
    return hrefs


def expected_listings(home: Path, lang: str) -> dict[str, set[str]]:
    """From the harvested members.json of every cluster: each listing's members' pages."""
    out: dict[str, set[str]] = {}
    for name in NAMES:
        for m in read(home / "harvest" / name, "members.json")["members"]:
            keys = [f"members/competences/{c}" for c in m["competences"]] + [f"members/stages/{s}" for s in m.get("value_chain", [])]
            keys.append(f"members/countries/{m['country'].lower()}")
            for key in keys:
                out.setdefault(key, set()).add(m["urls"][lang])
    return out


def test_five_clusters_harvested_and_built(demo_data: Path, tmp_path: Path, run) -> None:  # noqa: F811 - the fixture
    roots = {name: fixture_cluster(demo_data, tmp_path, name) for name in NAMES}
    yesterday = (DAY_AFTER - dt.timedelta(days=1)).isoformat()
    home = tmp_path / "portal"
    with contextlib.ExitStack() as stack:
        sites = {name: stack.enter_context(serving(root)) for name, root in roots.items()}
        write_portal(home, {name: s.url for name, s in sites.items()})
        first = run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat())
        assert first.code == 0, first.out + first.err
        first_200 = sites["unchanged"].answered(200)
        # Then: one goes down, one breaks its data package, one's labels expired yesterday, one gains a member.
        sites["down"].stop()
        package = read(roots["invalid"], "datapackage.json")
        del package["name"]
        write(roots["invalid"], "datapackage.json", package)
        data = read(roots["expired"], "cluster.json")
        for label in data["labels"]:
            label["valid_until"], label["status"] = yesterday, "valid"  # as a site built before the day would say
        write(roots["expired"], "cluster.json", data)
        new_member(roots["changed"], "neu-dabei", "Neu Dabei GmbH", "changed")
        second = run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat())
    lines = dict(zip(NAMES, second.out.splitlines(), strict=False))
    # Down and invalid are reported by name; the unchanged one was not downloaded again.
    assert lines["down"].startswith(f"failed     {sites['down'].url}: ") and "kept its last good copy" in lines["down"]
    assert lines["invalid"].startswith(f"failed     {sites['invalid'].url}: datapackage.json") and "kept its last good copy" in lines["invalid"]
    assert lines["unchanged"].startswith("unchanged ")
    assert sites["unchanged"].answered(200) == first_200 and sites["unchanged"].answered(304) == first_200

    built = run("--root", home, "portal", "build", "--date", DAY_AFTER.isoformat())
    assert built.code == 0, built.out + built.err
    assert re.fullmatch(r"portal build: 5 clusters, 121 members, \d+ pages in 2 languages, [\d.]+ s into .*\n", built.out)
    site = home / "site"
    front = page(site, "en")
    cards = dict(front.cards)
    # Down and invalid shown from their last good copy; every cluster links to its own site.
    assert set(cards) == {f"Cluster {n.title()}" for n in NAMES}
    assert {href for href, _, text in front.links if text.startswith("Cluster ")} == {f"https://{n}.example.org/en/" for n in NAMES}
    # The expired cluster's labels are expired on the portal (its data said valid); the others' current ones are not.
    assert cards["Cluster Expired"] and set(cards["Cluster Expired"]) == {"expired"}
    assert "valid" in cards["Cluster Unchanged"]
    text = (site / "en/index.html").read_text(encoding="utf-8")
    assert "expired on" in text
    # The changed cluster's new member is in its listings, linking to its page on its cluster's site.
    lists = listing_pages(site, "en")
    new = "https://changed.example.org/en/members/neu-dabei/"
    assert new in member_links(lists["members/countries/" + read(roots["changed"], "members.json")["members"][0]["country"].lower()])
    # Every member exactly once per listing, linking to its page on its cluster's site (no copies on the portal).
    expected = expected_listings(home, "en")
    assert set(lists) == set(expected)
    for key, pages in lists.items():
        hrefs = member_links(pages)
        duplicates = [h for h, n in Counter(hrefs).items() if n > 1]
        assert not duplicates, f"{key}: listed twice: {duplicates}"
        assert set(hrefs) == expected[key], key
    assert not (site / "en/members/competences/laser-systems/aurelux-optronics").exists()


@pytest.fixture(scope="module")
def portal_home(demo_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811 - the fixture
    """A portal of three clusters harvested from folders (no server needed), not built yet."""
    tmp = tmp_path_factory.mktemp("portal")
    roots = [fixture_cluster(demo_data, tmp, name) for name in ("alpha", "beta", "gamma")]
    home = tmp / "portal"
    home.mkdir()
    (home / "portal.yml").write_text("name: Portal Test\nlanguages: [en, de, fr]\nsite_url: https://portal.example.org/\nclusters:\n"
                                     + "".join(f"  - path: {r.parent / r.name}\n" for r in roots), encoding="utf-8")
    from clusterfolio.portal.harvest import harvest

    harvest(read_portal(home), DAY_AFTER)
    return home


@pytest.fixture(scope="module")
def portal_site(portal_home: Path) -> Path:
    build_portal(read_portal(portal_home), DAY_AFTER)
    return portal_home / "site"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_one_harvest_are_byte_identical(portal_home: Path, portal_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_portal(read_portal(portal_home), DAY_AFTER, target=again)
    first, second = files_of(portal_site), files_of(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_hreflang_alternates_are_reciprocal(portal_site: Path) -> None:
    base = "https://portal.example.org/"
    pages = sorted(p for p in portal_site.rglob("index.html") if p.parent != portal_site)
    assert len(pages) > 30
    for file in pages:
        lang, _, path = file.parent.relative_to(portal_site).as_posix().partition("/")
        here = f"{base}{lang}/{path + '/' if path else ''}"
        alternates = Page(file.read_text(encoding="utf-8")).alternates
        assert set(alternates) == {"en", "de", "fr", "x-default"}, file
        assert alternates[lang] == here and alternates["x-default"] == alternates["en"]
        for other, href in alternates.items():
            if other == "x-default":
                continue
            theirs = portal_site / href.removeprefix(base) / "index.html"
            assert Page(theirs.read_text(encoding="utf-8")).alternates[lang] == here, f"{theirs} does not link back to {here}"


def test_root_files(portal_site: Path) -> None:
    assert 'location.replace' in (portal_site / "index.html").read_text(encoding="utf-8")
    assert (portal_site / "404.html").is_file() and (portal_site / "en/404.html").is_file()
    assert "Sitemap: https://portal.example.org/sitemap.xml" in (portal_site / "robots.txt").read_text(encoding="utf-8")
    sitemap = (portal_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://portal.example.org/fr/members/</loc>" in sitemap
    assert sitemap.count("<loc>") == len([p for p in portal_site.rglob("index.html") if p.parent != portal_site])


def test_a_cluster_without_a_copy_is_left_out_and_said(portal_home: Path, tmp_path: Path, run) -> None:
    home = tmp_path / "portal"
    home.mkdir()
    text = (portal_home / "portal.yml").read_text(encoding="utf-8").replace("clusters:\n", f"clusters:\n  - path: {tmp_path}\n    key: never\n")
    (home / "portal.yml").write_text(text, encoding="utf-8")
    (home / "harvest").symlink_to(portal_home / "harvest")
    done = run("--root", home, "portal", "build", "--date", DAY_AFTER.isoformat())
    assert done.code == 1
    assert done.out.splitlines()[0] == f"{tmp_path}: left out: its harvested copy cannot be read (no harvested copy)"
    assert (home / "site/en/index.html").is_file()


def test_the_board_has_every_cluster_s_open_requests_once(portal_home: Path, portal_site: Path) -> None:
    expected = sum(len(read(portal_home / "harvest" / name, "requests.json")["requests"]) for name in ("alpha", "beta", "gamma"))
    index = json.loads((portal_site / "data/board.json").read_text(encoding="utf-8"))["requests"]
    assert len(index) == expected and len({row[0] for row in index}) == expected  # the same request id in three clusters: three cards
    pages = [portal_site / "en/cooperation/index.html", *sorted((portal_site / "en/cooperation/page").glob("*/index.html"))]
    cards = [re.findall(r'data-request="([0-9a-f]{16})"', p.read_text(encoding="utf-8")) for p in pages]
    assert sorted(c for page in cards for c in page) == sorted(row[0] for row in index)
    # A row's page is the page of the board that shows its card (the script takes it from there).
    for row in index:
        assert row[0] in cards[row[1] - 1]
    first = Page(pages[0].read_text(encoding="utf-8"))
    answers = [href for href, _, text in first.links if text.startswith("Answer on the cluster's site")]
    assert answers and all(re.fullmatch(r"https://(alpha|beta|gamma)\.example\.org/en/cooperation/(page/\d+/)?#request-[0-9a-f]{16}", a) for a in answers)


def test_partners_are_listed_once_with_the_clusters_they_partner(portal_site: Path) -> None:
    text = (portal_site / "en/partners/index.html").read_text(encoding="utf-8")
    assert text.count(">Kansai Precision Sensing Consortium</a>") == 1
    assert "Partner of Cluster Alpha, Cluster Beta, and Cluster Gamma" in text
    assert '<svg class="cf-map"' in text and "cf-map__country--partners" in text and "cf-map__country--members" in text


def test_the_scaffold_s_workflow_builds_the_harvested_commit_and_deploys_it(tmp_path: Path, run) -> None:
    import yaml

    folder = tmp_path / "portal"
    assert run("new", "--portal", folder, "--name", "Portal", "--languages", "en").code == 0
    workflow = yaml.safe_load((folder / ".github/workflows/harvest.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["build"]["needs"] == "harvest" and jobs["build"]["permissions"] == {"contents": "read"}
    checkout = jobs["build"]["steps"][0]
    assert checkout["with"]["ref"] == "${{ needs.harvest.outputs.commit }}" and checkout["with"]["persist-credentials"] is False
    assert any("clusterfolio portal build" in s.get("run", "") for s in jobs["build"]["steps"])
    assert jobs["build"]["steps"][-1]["with"]["path"] == "site/"
    assert jobs["deploy"]["needs"] == "build" and jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "site_url:" in (folder / "portal.yml").read_text(encoding="utf-8")


def test_a_large_portal_s_sitemap_is_an_index(portal_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clusterfolio.site import sitefiles

    monkeypatch.setattr(sitefiles, "SITEMAP_URLS", 20)  # the protocol's 50,000, made small
    target = tmp_path / "site"
    build_portal(read_portal(portal_home), DAY_AFTER, target=target)
    index = (target / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "<loc>https://portal.example.org/sitemap-2.xml</loc>" in index
    parts = sorted(target.glob("sitemap-*.xml"))
    pages = len([p for p in target.rglob("index.html") if p.parent != target])
    assert sum(p.read_text(encoding="utf-8").count("<url>") for p in parts) == pages


def test_a_broken_kept_copy_is_left_out_and_wrong_values_are_skipped(portal_home: Path, tmp_path: Path, run) -> None:
    import shutil

    home = tmp_path / "portal"
    home.mkdir()
    shutil.copy(portal_home / "portal.yml", home / "portal.yml")
    shutil.copytree(portal_home / "harvest", home / "harvest")
    (home / "harvest/alpha/data/members.json").write_text("{not json", encoding="utf-8")
    beta = home / "harvest/beta"
    members = read(beta, "members.json")
    members["members"][0].update(name=5)  # not a name: the member is left out
    members["members"][1].update(competences={"laser-systems": 1}, urls="https://x.example.org/", city=["Ulm"])
    members["members"].append("a member")
    write(beta, "members.json", members)
    cluster = read(beta, "cluster.json")
    cluster["labels"][0]["valid_until"] = "soon"  # no date: the label is left out
    cluster["partners"] = {"name": "not a list"}
    write(beta, "cluster.json", cluster)
    done = run("--root", home, "portal", "build", "--date", DAY_AFTER.isoformat())
    assert done.code == 1, done.err
    alpha = next(c for c in read_portal(home).clusters if c.key == "alpha").name
    assert done.out.splitlines()[0].startswith(f"{alpha}: left out: its harvested copy cannot be read (JSONDecodeError: ")
    assert "portal build: 2 clusters," in done.out and "Traceback" not in done.err
    cards = dict(page(home / "site", "en").cards)
    assert set(cards) == {"Cluster Beta", "Cluster Gamma"}
    assert len(cards["Cluster Beta"]) == len(cards["Cluster Gamma"]) - 1
    # The member with a wrong list is listed by what it has (no competences, no link), never a crash.
    text = (home / "site/en/members/countries/de/index.html").read_text(encoding="utf-8")
    assert members["members"][1]["name"] in text


def _card_marks(file: Path) -> dict[str, str]:
    """Each card's cluster name -> its mark: the logo's address as written, or 'initials'."""
    text = file.read_text(encoding="utf-8")
    out = {}
    for card in re.findall(r'<li class="cf-card">(.*?)</li>\n', text, re.S):
        name = re.search(r'rel="external noopener"[^>]*>([^<]+)</a>', card).group(1)
        logo = re.search(r'<img class="cf-avatar cf-avatar--sm" src="([^"]+)" alt=""', card)
        out[name] = logo.group(1) if logo else ("initials" if 'cf-avatar--tone' in card else "none")
    return out


def test_the_cards_show_each_cluster_s_harvested_logo(portal_home: Path, demo_data: Path, tmp_path: Path,  # noqa: F811 - the fixture
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from clusterfolio.portal import pages

    home = tmp_path / "portal"
    home.mkdir()
    shutil.copy(portal_home / "portal.yml", home / "portal.yml")
    shutil.copytree(portal_home / "harvest", home / "harvest")
    # beta's kept logo is changed in the folder (a commit can): the build checks it again and leaves it out.
    (home / "harvest/beta/logos/cluster.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    # gamma's state names a logo somewhere else than a site publishes it: not read.
    state = json.loads((home / "harvest/gamma/state.json").read_text())
    state["logo"]["path"] = "data/members.json"
    (home / "harvest/gamma/state.json").write_text(json.dumps(state))
    monkeypatch.setattr(pages, "HOME_CARDS", 2)  # a second page of cards
    build_portal(read_portal(home), DAY_AFTER)
    site = home / "site"
    first, second = _card_marks(site / "en/index.html"), _card_marks(site / "en/page/2/index.html")
    assert first == {"Cluster Alpha": "../logos/clusters/alpha.svg", "Cluster Beta": "initials"}
    assert second == {"Cluster Gamma": "initials"}
    assert (site / "en/../logos/clusters/alpha.svg").read_bytes() == (demo_data.parent / "logos/cluster.svg").read_bytes()
    assert sorted(p.name for p in (site / "logos/clusters").iterdir()) == ["alpha.svg"]
    assert "alert(1)" not in "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".svg", ".js"))
    # On the second page the address climbs one more level: a logo there resolves to the same file.
    monkeypatch.setattr(pages, "HOME_CARDS", 1)
    build_portal(read_portal(portal_home), DAY_AFTER, target=tmp_path / "one-a-page")
    marks = _card_marks(tmp_path / "one-a-page/de/page/2/index.html")
    assert marks == {"Cluster Beta": "../../../logos/clusters/beta.svg"}
    assert (tmp_path / "one-a-page/de/page/2" / marks["Cluster Beta"]).resolve() == (tmp_path / "one-a-page/logos/clusters/beta.svg").resolve()
    assert (tmp_path / "one-a-page/logos/clusters/beta.svg").is_file()
