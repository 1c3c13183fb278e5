"""`portal harvest` (issue 28, item 2): five fixture clusters made from the built demo, served on
127.0.0.1, harvested twice; and the hostile ones (oversized, outside the site, redirect loops,
slow). The fixture clusters are copies of the demo's /data/ (all the harvest reads) with edits."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import shutil
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clusterfolio.portal.fetch import Limits
from clusterfolio.portal.harvest import Outcome, harvest, read_state
from clusterfolio.portal.settings import ClusterSource, Portal, PortalError, read_portal

from .conftest import TEST_DATE
from .test_xss import PAYLOADS

DAY_AFTER = dt.date.fromisoformat(TEST_DATE) + dt.timedelta(days=1)
QUICK = Limits(timeout=2.0, cluster_seconds=20.0)


# --- a cluster's site on 127.0.0.1 -----------------------------------------------------------


class Site:
    """A folder served with ETag and Last-Modified, honouring If-None-Match and If-Modified-Since,
    counting every answer by (path, status); `tricks` answer some paths otherwise."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.counts: Counter[tuple[str, int]] = Counter()
        self.tricks: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answered(self, status: int) -> int:
        return sum(n for (_, code), n in self.counts.items() if code == status)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path in site.tricks:
                    site.counts[(path, 0)] += 1
                    site.tricks[path](self)
                    return
                file = site.folder / path.lstrip("/")
                if ".." in path or not file.is_file():
                    self._answer(path, 404)
                    return
                body = file.read_bytes()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                modified = int(file.stat().st_mtime)
                since = self.headers.get("If-Modified-Since")
                if self.headers.get("If-None-Match") == etag or (
                        since and not self.headers.get("If-None-Match") and parsedate_to_datetime(since).timestamp() >= modified):
                    self._answer(path, 304, {"ETag": etag})
                    return
                self._answer(path, 200, {"ETag": etag, "Last-Modified": formatdate(modified, usegmt=True),
                                         "Content-Type": "application/json"}, body)

            def _answer(self, path: str, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
                site.counts[(path, status)] += 1
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[Site]:
    site = Site(folder)
    try:
        yield site
    finally:
        site.stop()


def redirect(to: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def stream(size: int, declare: bool) -> Callable[[BaseHTTPRequestHandler], None]:
    """A body of `size` bytes in chunks, its length declared or not (then read to the connection's end)."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if declare:
            handler.send_header("Content-Length", str(size))
        handler.send_header("Connection", "close")
        handler.end_headers()
        sent = 0
        with contextlib.suppress(OSError):
            while sent < size:
                handler.wfile.write(b" " * 65536)
                sent += 65536
        handler.close_connection = True
    return answer


def sleep(seconds: float) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):
            handler.send_response(200)
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.write(b"{}")
    return answer


def free_port() -> int:
    """A port nobody listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the fixture clusters --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_data(demo_site: Path) -> Path:
    """The demo's /data/ as built (conftest builds the demo once per session, with build_project)."""
    return demo_site / "data"


def cluster(demo_data: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the demo's site folder (its /data/ and the logo cluster.json names) to edit."""
    root = tmp_path / name
    shutil.copytree(demo_data, root / "data")
    (root / "logos").mkdir()
    shutil.copyfile(demo_data.parent / "logos/cluster.svg", root / "logos/cluster.svg")
    return root


def read(root: Path, name: str) -> dict:
    return json.loads((root / "data" / name).read_text(encoding="utf-8"))


def write(root: Path, name: str, data: object) -> None:
    (root / "data" / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def add_member(root: Path, slug: str, name: str) -> None:
    members = read(root, "members.json")
    record = {**members["members"][0], "slug": slug, "name": name}
    members["members"].append(record)
    write(root, "members.json", members)


def portal(tmp_path: Path, *urls: str, stale_days: int = 30) -> Portal:
    clusters = tuple(ClusterSource(key=f"c{i}", url=url) for i, url in enumerate(urls))
    return Portal(root=tmp_path / "portal", name="Portal", languages=("en",), clusters=clusters, stale_days=stale_days)


def one(tmp_path: Path, url: str, limits: Limits = QUICK, date: dt.date = DAY_AFTER) -> Outcome:
    return harvest(portal(tmp_path, url), date, limits)[0]


# --- five clusters, harvested twice ----------------------------------------------------------


def test_five_clusters_harvested_twice(demo_data: Path, tmp_path: Path, run) -> None:
    roots = {name: cluster(demo_data, tmp_path, name) for name in ("down", "invalid", "expired", "changed", "unchanged")}
    yesterday = (DAY_AFTER - dt.timedelta(days=1)).isoformat()
    data = read(roots["expired"], "cluster.json")
    assert data["labels"], "the demo has labels"
    for label in data["labels"]:
        label["valid_until"] = yesterday
    write(roots["expired"], "cluster.json", data)
    with contextlib.ExitStack() as stack:
        sites = {name: stack.enter_context(serving(root)) for name, root in roots.items()}
        home = tmp_path / "portal"
        home.mkdir()
        (home / "portal.yml").write_text("name: Test portal\nlanguages: [en]\nclusters:\n" + "".join(
            f"  - url: {site.url}\n    key: {name}\n" for name, site in sites.items()), encoding="utf-8")
        first = run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat())
        assert first.code == 0, first.out + first.err
        assert [line.split()[0] for line in first.out.splitlines()[:-1]] == ["fetched"] * 5
        good_package = (home / "harvest/invalid/data/datapackage.json").read_bytes()
        first_200 = sites["unchanged"].answered(200)
        assert first_200 >= 5 and sites["unchanged"].answered(304) == 0

        # Then: one goes down, one breaks its data package, one gains a member.
        sites["down"].stop()
        package = read(roots["invalid"], "datapackage.json")
        del package["name"]
        write(roots["invalid"], "datapackage.json", package)
        add_member(roots["changed"], "neu-dabei", "Neu Dabei GmbH")
        second = run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat())
    assert second.code == 1
    lines = dict(zip(sites, second.out.splitlines(), strict=False))
    assert lines["down"].startswith(f"failed     {sites['down'].url}: ") and "cannot be reached" in lines["down"]
    assert f"kept its last good copy, harvested on {DAY_AFTER}" in lines["down"]
    assert lines["invalid"].startswith(f"failed     {sites['invalid'].url}: datapackage.json does not match its schema")
    assert "kept its last good copy" in lines["invalid"]
    assert lines["expired"].startswith("unchanged ") and lines["unchanged"].startswith("unchanged ")
    assert lines["changed"].startswith(f"fetched    {sites['changed'].url}: 1 files downloaded")
    assert second.out.splitlines()[-1] == "harvest: 5 clusters: 1 fetched, 2 unchanged, 2 failed, 0 stale"
    # The last good copies are kept, whole.
    assert (home / "harvest/invalid/data/datapackage.json").read_bytes() == good_package
    assert read(home / "harvest/down", "members.json")["members"] == read(roots["down"], "members.json")["members"]
    # The unchanged cluster was asked again, and answered 304 for every file: no body sent.
    assert sites["unchanged"].answered(200) == first_200
    assert sites["unchanged"].answered(304) == first_200
    # The changed cluster's new member is in the harvest; the expired labels' dates as published.
    assert "neu-dabei" in [m["slug"] for m in read(home / "harvest/changed", "members.json")["members"]]
    assert {label["valid_until"] for label in read(home / "harvest/expired", "cluster.json")["labels"]} == {yesterday}
    state = read_state(home / "harvest/changed")
    assert state["files"]["members.json"]["etag"] and state["build_date"] == TEST_DATE


def test_a_cluster_not_built_for_stale_days_is_reported(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "old")
    with serving(root) as site:
        outcome = harvest(portal(tmp_path, site.url, stale_days=30), DAY_AFTER + dt.timedelta(days=31), QUICK)[0]
    assert outcome.result == "fetched" and not outcome.ok
    assert outcome.stale is not None and f"built on {TEST_DATE}, more than 30 days" in outcome.stale.render("en")


# --- hostile clusters ------------------------------------------------------------------------


@pytest.mark.parametrize("declare", [True, False], ids=["declared", "undeclared-length"])
def test_an_oversized_file_is_refused(demo_data: Path, tmp_path: Path, declare: bool) -> None:
    root = cluster(demo_data, tmp_path, "big")
    with serving(root) as site:
        site.tricks["/data/members.json"] = stream(4 * 1024 * 1024, declare)
        outcome = one(tmp_path, site.url, Limits(timeout=2.0, large_bytes=1024 * 1024))
    assert outcome.result == "failed" and outcome.kept is None
    assert "members.json is larger than 1 MiB" in outcome.reason.render("en")
    assert not (tmp_path / "portal/harvest/c0").exists()


@pytest.mark.parametrize("path", ["../secret.json", "/data/members.json", "http://evil.example/members.json",
                                  "//evil.example/x.json", "data/../../x.json", "..%2fsecret.json"])
def test_a_resource_outside_the_site_is_refused(demo_data: Path, tmp_path: Path, path: str) -> None:
    root = cluster(demo_data, tmp_path, "outside")
    (root / "secret.json").write_text("{}")
    package = read(root, "datapackage.json")
    package["resources"].append({"name": "secret", "path": path})
    write(root, "datapackage.json", package)
    with serving(root) as site:
        outcome = one(tmp_path, site.url)
    assert outcome.result == "failed"
    assert "names a resource outside the site's /data/" in outcome.reason.render("en")
    assert not any("secret" in p for p, _ in site.counts)  # never asked for


def test_a_redirect_loop_ends(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "loop")
    with serving(root) as site:
        site.tricks["/data/members.json"] = redirect("/data/elsewhere.json")
        site.tricks["/data/elsewhere.json"] = redirect("/data/members.json")
        outcome = one(tmp_path, site.url)
    assert outcome.result == "failed" and "redirects in a loop" in outcome.reason.render("en")
    assert site.counts[("/data/members.json", 0)] == 1


def test_redirects_stay_on_the_site_and_are_few(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "away")
    with serving(root) as site:
        port = site.url.rsplit(":", 1)[1].strip("/")
        site.tricks["/data/members.json"] = redirect(f"http://localhost:{port}/data/members.json")  # another host name
        away = one(tmp_path / "away", site.url)
        for n in range(7):
            site.tricks[f"/data/r{n}.json"] = redirect(f"/data/r{n + 1}.json")
        site.tricks["/data/members.json"] = redirect("/data/r0.json")
        many = one(tmp_path / "many", site.url)
        site.tricks["/data/members.json"] = redirect("/data/r3.json")  # five redirects, the most allowed; r7 is missing
        fewer = one(tmp_path / "fewer", site.url)
    assert away.result == "failed" and "redirects to another site" in away.reason.render("en")
    assert many.result == "failed" and "redirects more than 5 times" in many.reason.render("en")
    assert "answered HTTP 404" in fewer.reason.render("en")


def test_a_slow_response_times_out(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "slow")
    with serving(root) as site:
        site.tricks["/data/members.json"] = sleep(3.0)
        started = time.monotonic()
        outcome = one(tmp_path, site.url, Limits(timeout=0.3))
        took = time.monotonic() - started
    assert outcome.result == "failed" and "did not answer within 0.3 s" in outcome.reason.render("en")
    assert took < 2.5


def test_a_cluster_has_a_deadline_in_all(demo_data: Path, tmp_path: Path) -> None:
    """Each answer within the timeout, but all of them past the cluster's time."""
    root = cluster(demo_data, tmp_path, "drip")
    with serving(root) as site:
        for name in ("cluster.json", "members.csv", "requests.json", "requests.csv"):
            site.tricks[f"/data/{name}"] = sleep(0.4)
        outcome = one(tmp_path, site.url, Limits(timeout=1.0, cluster_seconds=0.6))
    assert outcome.result == "failed" and "took longer than 0.6 s in all" in outcome.reason.render("en")


def test_member_names_from_the_xss_corpus_stay_data(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "xss")
    members = read(root, "members.json")
    for record, payload in zip(members["members"], PAYLOADS, strict=False):
        record["name"] = payload
    write(root, "members.json", members)
    with serving(root) as site:
        outcome = one(tmp_path, site.url)
    assert outcome.result == "fetched", outcome.reason and outcome.reason.render("en")
    kept = tmp_path / "portal/harvest/c0/data/members.json"
    assert kept.read_bytes() == (root / "data/members.json").read_bytes()  # the text as sent, nothing rewritten
    names = [m["name"] for m in json.loads(kept.read_text(encoding="utf-8"))["members"]]
    assert names[: len(PAYLOADS)] == PAYLOADS[: len(names)] and "<script>window.__xss=1</script>" in names


def test_a_hostile_key_is_quoted_and_starts_no_workflow_command(demo_data: Path, tmp_path: Path, run, monkeypatch) -> None:
    root = cluster(demo_data, tmp_path, "keys")
    members = read(root, "members.json")
    members["members"][0]["name"] = {"\x1b[2J\n::error::x": "##[set-output name=x;]y"}
    write(root, "members.json", members)
    home = tmp_path / "portal"
    home.mkdir()
    (home / "portal.yml").write_text(f"name: P\nlanguages: [en]\nclusters:\n  - path: {root}\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat())
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("::stop-commands::") and lines[-1] == f"::{lines[0].split('::')[2]}::"
    assert len(lines) == 4 and "members.json does not match its schema" in lines[1] and "\x1b" not in result.out
    assert "\\x1b[2J\\n::error::x" in lines[1]  # visible escapes, on one line


def test_keys_a_later_version_adds_are_no_problem(demo_data: Path, tmp_path: Path) -> None:
    """docs/open-data.md: adding a key is no new schema_version; readers ignore keys they do not know."""
    root = cluster(demo_data, tmp_path, "later")
    members = read(root, "members.json")
    members["members"][0]["added_later"] = {"de": "neu"}
    members["added_later"] = []
    write(root, "members.json", members)
    with serving(root) as site:
        later = one(tmp_path / "a", site.url)
        members["members"][0]["name"] = 7  # a key it knows, of the wrong type
        write(root, "members.json", members)
        wrong = one(tmp_path / "b", site.url)
    assert later.result == "fetched", later.reason and later.reason.render("en")
    assert wrong.result == "failed" and "members.json does not match its schema at 'members/0/name'" in wrong.reason.render("en")


def test_a_data_file_that_is_no_json_or_of_another_version_is_refused(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "broken")
    with serving(root) as site:
        (root / "data/cluster.json").write_text("{\"schema_version\": 1,")
        not_json = one(tmp_path / "a", site.url)
        write(root, "cluster.json", {"schema_version": 2})
        other_version = one(tmp_path / "b", site.url)
        (root / "data/cluster.json").write_text('{"schema_version": ' + "9" * 5000 + "}")  # more digits than Python converts
        long_number = one(tmp_path / "c", site.url)
    assert "cluster.json is not JSON" in not_json.reason.render("en") and "cluster.json is not JSON" in long_number.reason.render("en")
    assert "cluster.json has schema_version 2; this portal reads 1" in other_version.reason.render("en")


# --- a cluster in a folder, the harvest folder, portal.yml ------------------------------------


def test_a_cluster_in_a_folder_is_harvested_and_then_unchanged(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "local")
    home = tmp_path / "portal"
    home.mkdir()
    (home / "portal.yml").write_text(f"name: P\nlanguages: [de, en]\nclusters:\n  - path: {root}\n", encoding="utf-8")
    settings = read_portal(home)
    assert settings.clusters[0].key == "local" and settings.stale_days == 30
    first, second = (harvest(settings, DAY_AFTER, QUICK)[0] for _ in range(2))
    assert first.result == "fetched" and second.result == "unchanged" and second.downloaded == 0
    assert (home / "harvest/local/data/members.json").read_bytes() == (root / "data/members.json").read_bytes()


def test_a_folder_cluster_cannot_link_out_of_its_data(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "linked")
    (tmp_path / "elsewhere.json").write_text("{}")
    (root / "data/members.csv").unlink()
    (root / "data/members.csv").symlink_to(tmp_path / "elsewhere.json")
    settings = Portal(root=tmp_path, name="P", languages=("en",), clusters=(ClusterSource(key="linked", path=root),))
    outcome = harvest(settings, DAY_AFTER, QUICK)[0]
    assert outcome.result == "failed" and "outside the site's /data/" in outcome.reason.render("en")


def test_the_turtle_catalogue_serves_when_there_is_no_json_ld(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "turtle")
    (root / "data/catalog.jsonld").unlink()
    with serving(root) as site:
        outcome = one(tmp_path, site.url)
    assert outcome.result == "fetched"
    kept = tmp_path / "portal/harvest/c0/data"
    assert (kept / "catalog.ttl").read_bytes() == (root / "data/catalog.ttl").read_bytes() and not (kept / "catalog.jsonld").exists()
    assert site.counts[("/data/catalog.jsonld", 404)] == 1


def test_the_report_speaks_the_readers_language(demo_data: Path, tmp_path: Path, run) -> None:
    root = cluster(demo_data, tmp_path, "de")
    home = tmp_path / "portal"
    home.mkdir()
    (home / "portal.yml").write_text(f"name: P\nlanguages: [de]\nclusters:\n  - path: {root}\n  - url: http://127.0.0.1:{free_port()}/\n")
    result = run("--root", home, "portal", "harvest", "--lang", "de", "--date", DAY_AFTER.isoformat())
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(f"geholt     {root}: ") and lines[1].startswith("fehlgeschlagen http://127.0.0.1:")
    assert "ist nicht erreichbar" in lines[1] and lines[1].endswith("noch keine Kopie davon")
    assert lines[2] == "Ernte: 2 Cluster: 1 geholt, 0 unverändert, 1 fehlgeschlagen, 0 veraltet"


def test_a_failed_swap_or_an_unexpected_error_stops_no_other_cluster(demo_data: Path, tmp_path: Path, monkeypatch) -> None:
    import clusterfolio.portal.harvest as harvesting

    roots = [cluster(demo_data, tmp_path, name) for name in ("one", "two", "three")]
    settings = Portal(root=tmp_path, name="P", languages=("en",), clusters=tuple(ClusterSource(key=r.name, path=r) for r in roots))
    harvest(settings, DAY_AFTER, QUICK)
    kept = (tmp_path / "harvest/one/data/members.json").read_bytes()
    for root in roots:
        add_member(root, "neu-dabei", "Neu Dabei GmbH")
    real_replace, real_checked = harvesting.os.replace, harvesting.checked

    def replace(source: Path, target: Path) -> None:
        if Path(source).name.startswith(".one.new-"):  # the new copy into place
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    def checked(name: str, body: bytes) -> object:
        if name == "members.json" and b"zzqx-three" in body:
            raise RuntimeError("a bug")
        return real_checked(name, body)

    monkeypatch.setattr(harvesting.os, "replace", replace)
    add_member(roots[2], "zzqx-three", "Zzqx Three")
    monkeypatch.setattr(harvesting, "checked", checked)
    one_, two, three = harvest(settings, DAY_AFTER, QUICK)
    assert one_.result == "failed" and "the harvest folder cannot be written" in one_.reason.render("en") and one_.kept == DAY_AFTER.isoformat()
    assert (tmp_path / "harvest/one/data/members.json").read_bytes() == kept  # the old copy, back in place
    assert two.result == "fetched"
    assert three.result == "failed" and three.reason.render("en") == "unexpected error: RuntimeError: a bug" and three.kept == DAY_AFTER.isoformat()


def test_a_harvest_stopped_half_way_is_undone(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "local")
    settings = Portal(root=tmp_path, name="P", languages=("en",), clusters=(ClusterSource(key="local", path=root),))
    harvest(settings, DAY_AFTER, QUICK)
    folder = tmp_path / "harvest"
    (folder / "local").rename(folder / ".local.old")  # stopped between the two renames
    (folder / ".local.new-x").mkdir()  # and a half-written copy
    outcome = harvest(settings, DAY_AFTER, QUICK)[0]
    assert outcome.result == "unchanged"
    assert sorted(p.name for p in folder.iterdir()) == ["local"]


def test_portal_yml_problems_name_file_line_and_field(tmp_path: Path, run) -> None:
    assert "[CF-E616]" in run("--root", tmp_path, "portal", "harvest").err
    (tmp_path / "portal.yml").write_text(
        "name: P\nlanguages: [en, xx]\nstale_days: soon\ncolour: red\nclusters:\n"
        "  - url: http://cluster.example.org/\n  - url: https://a.example.org/\n    path: site\n  - path: missing\n",
        encoding="utf-8")
    result = run("--root", tmp_path, "portal", "harvest")
    assert result.code == 2 and result.out == ""
    lines = result.err.splitlines()
    assert all(line.startswith("portal.yml:") and line.endswith("[CF-E617]") for line in lines), lines
    wanted = ["portal.yml:3:13: error: stale_days: not valid", "portal.yml:4:1: error: colour: unknown field"]
    assert [line for line in lines if line.startswith(tuple(wanted))], lines
    with pytest.raises(PortalError) as caught:
        (tmp_path / "portal.yml").write_text(
            "name: P\nlanguages: [en, xx]\nclusters:\n  - url: http://cluster.example.org/\n"
            "  - url: https://a.example.org/\n    path: site\n  - path: missing\n", encoding="utf-8")
        read_portal(tmp_path)
    said = [p.text() for p in caught.value.problems]
    assert said[0].startswith("portal.yml:2:17: error: languages[1]: 'xx' is not an ISO 639-1 language code")
    assert said[1].startswith("portal.yml:4:10: error: clusters[0].url: 'http://cluster.example.org/' is not a site address")
    assert said[2].startswith("portal.yml:5:5: error: clusters[1]: give either url:")
    assert said[3].startswith("portal.yml:7:11: error: clusters[2].path: 'missing' is no folder")


def test_portal_build_without_portal_yml_is_wrong_usage(tmp_path: Path, run) -> None:
    result = run("--root", tmp_path, "portal", "build")
    assert result.code == 2 and "no portal.yml in" in result.err and not (tmp_path / "site").exists()


def test_new_portal_scaffolds_a_repository_whose_workflow_harvests_daily(tmp_path: Path, run) -> None:
    import subprocess

    import yaml

    from .test_workflow import tool

    folder = tmp_path / "portal"
    result = run("new", "--portal", folder, "--name", "Portal Süd-West", "--languages", "de,en")
    assert result.code == 0, result.err
    settings = read_portal(folder)
    assert (settings.name, settings.languages, settings.clusters[0].url) == ("Portal Süd-West", ("de", "en"), "https://cluster.example.org/")
    assert (folder / "requirements.txt").read_text().splitlines()[-1].startswith("clusterfolio")
    workflow_file = folder / ".github/workflows/harvest.yml"
    workflow = yaml.safe_load(workflow_file.read_text())
    job = workflow["jobs"]["harvest"]
    assert workflow["permissions"] == {} and job["permissions"] == {"contents": "write"}
    assert "schedule" in workflow[True] and any("clusterfolio portal harvest" in s.get("run", "") for s in job["steps"])
    for command in ([tool("actionlint"), "-no-color", str(workflow_file)], [tool("zizmor"), "--offline", "--no-progress", str(workflow_file.parent)]):
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    again = run("new", "--portal", folder, "--name", "P")
    assert again.code == 2 and "is not empty" in again.err
    assert run("new", "--portal", tmp_path / "other", "--languages", "de,xx").code == 2


# --- the cluster's logo ------------------------------------------------------------------------


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


def test_the_logo_is_harvested_checked_and_then_not_modified(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "logo")
    assert read(root, "cluster.json")["logo"].endswith(".svg"), "the demo's cluster names an SVG logo"
    with serving(root) as site:
        first = one(tmp_path, site.url)
        second = one(tmp_path, site.url)
    kept = tmp_path / "portal/harvest/c0"
    assert first.result == "fetched" and first.logo is None
    assert (kept / "logos/cluster.svg").read_bytes() == (root / "logos/cluster.svg").read_bytes()
    assert read_state(kept)["logo"]["path"] == "logos/cluster.svg" and read_state(kept)["logo"]["etag"]
    assert site.counts[("/logos/cluster.svg", 200)] == 1 and site.counts[("/logos/cluster.svg", 304)] == 1
    assert second.result == "unchanged" and second.logo is None and second.not_modified == first.downloaded


def _name_logo(root: Path, named: str, body: bytes | None) -> None:
    data = read(root, "cluster.json")
    data["logo"] = named
    write(root, "cluster.json", data)
    if body is not None:
        (root / urls_cluster_logo(named)).write_bytes(body)


def urls_cluster_logo(named: str) -> str:
    from clusterfolio import urls
    return urls.cluster_logo(named)


HOSTILE_LOGOS = {
    "script": ("logos/x.svg", SVG.format('<script>alert(1)</script>').encode(), "<script> is not allowed in a logo (CF-E408)"),
    "handler": ("logos/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event attribute 'onload' is not allowed in a logo (CF-E410)"),
    "outside": ("logos/x.svg", SVG.format('<use href="https://evil.example.com/a.svg#a"/>').encode(), "external reference 'https://evil.example.com/a.svg#a' is not allowed"),
    "entities": ("logos/x.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "a DOCTYPE is not allowed in a logo (it can declare entities) (CF-E412)"),
    "oversized": ("logos/x.svg", SVG.format("<!--" + "x" * 300_000 + "-->").encode(), "is larger than 200 KiB"),
    "not-a-png": ("logos/x.png", b"GIF89a" + b"\0" * 64, "is not a PNG image"),
    "huge-png": ("logos/x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + (30000).to_bytes(4, "big") * 2 + b"\x08\x06\0\0\0" + b"\0" * 16,
                 "30000 × 30000 pixels"),
    "missing": ("logos/x.svg", None, "/logos/cluster.svg answered HTTP 404"),
    "no-picture": ("logos/x.gif", None, "not an SVG or PNG file"),
}


@pytest.mark.parametrize("case", HOSTILE_LOGOS)
def test_a_hostile_logo_is_left_out_and_the_clusters_data_kept(demo_data: Path, tmp_path: Path, case: str) -> None:
    named, body, reason = HOSTILE_LOGOS[case]
    root = cluster(demo_data, tmp_path, case)
    (root / "logos/cluster.svg").unlink()
    _name_logo(root, named, body)
    with serving(root) as site:
        outcome = one(tmp_path, site.url)
    assert outcome.result == "fetched" and outcome.ok, outcome
    said = outcome.logo.render("en")
    assert urls_cluster_logo("a" + named[-4:]) in said or case == "no-picture"
    assert said.startswith("its logo is left out: ") and reason in said and said.endswith("; its initials are shown"), said
    kept = tmp_path / "portal/harvest/c0"
    assert (kept / "data/members.json").is_file() and "logo" not in read_state(kept)
    assert not (kept / "logos").exists()


def test_a_logo_that_goes_bad_keeps_the_one_harvested_before(demo_data: Path, tmp_path: Path, run) -> None:
    root = cluster(demo_data, tmp_path, "worse")
    good = (root / "logos/cluster.svg").read_bytes()
    home = tmp_path / "portal"
    home.mkdir()
    with serving(root) as site:
        (home / "portal.yml").write_text(f"name: P\nlanguages: [en]\nclusters:\n  - url: {site.url}\n")
        assert run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat()).code == 0
        (root / "logos/cluster.svg").write_bytes(SVG.format('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>').encode())
        result = run("--root", home, "portal", "harvest", "--date", DAY_AFTER.isoformat())
    assert result.code == 0, result.out + result.err  # the data is good: the logo is said, not a failure
    lines = result.out.splitlines()
    assert lines[0].startswith(f"fetched    {site.url}: 1 files downloaded")
    assert lines[1].startswith(f"logo       {site.url}: its logo is left out: logos/cluster.svg line 1: ")
    assert lines[1].endswith("; the logo harvested before is shown")
    kept = next((home / "harvest").iterdir())
    assert (kept / "logos/cluster.svg").read_bytes() == good and read_state(kept)["logo"]["path"] == "logos/cluster.svg"


def test_a_logo_that_passes_the_checks_but_cannot_be_drawn_is_left_out(demo_data: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from clusterfolio.site import drawing

    from .test_logo_drawing import SLOW_BUT_VALID

    root = cluster(demo_data, tmp_path, "slow")
    (root / "logos/cluster.svg").write_bytes(SLOW_BUT_VALID)
    monkeypatch.setattr(drawing, "TIME_LIMIT", 0.5)
    with serving(root) as site:
        outcome = one(tmp_path, site.url)
    assert outcome.result == "fetched"
    assert outcome.logo.render("en") == ("its logo is left out: logos/cluster.svg cannot be drawn: drawing it took longer than 0.5 s; "
                                         "its initials are shown")
    assert not (tmp_path / "portal/harvest/c0/logos").exists()


def test_a_folder_clusters_logo_cannot_be_a_link_out_of_its_site(demo_data: Path, tmp_path: Path) -> None:
    root = cluster(demo_data, tmp_path, "linked")
    secret = tmp_path / "secret.svg"
    secret.write_text(SVG.format(""))
    (root / "logos/cluster.svg").unlink()
    (root / "logos/cluster.svg").symlink_to(secret)
    outcome = harvest(Portal(root=tmp_path / "portal", name="P", languages=("en",),
                             clusters=(ClusterSource(key="c0", path=root),), stale_days=30), DAY_AFTER, QUICK)[0]
    assert outcome.result == "fetched"
    assert "logos/cluster.svg is a link to a file outside the site" in outcome.logo.render("en")
