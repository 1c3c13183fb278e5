"""Nu HTML Checker (vnu.jar, npm package vnu-jar pinned in tools/audit/, run with java -jar) over every
HTML file of the built demo and of the fixture cluster nordlicht: 0 errors.

One java run per site checks all its files at once. A failure lists the errors grouped by message
text, most frequent first, with counts, example files (file:line:column) and the offending markup.
No message is filtered but through tests.audit.VNU_ALLOWED, which is empty: see its comment.

Deselect locally with ``-m "not audit"``; CI runs it.
"""
from __future__ import annotations

import pytest

from . import audit


@pytest.fixture(scope="session")
def nordlicht_site(tmp_path_factory: pytest.TempPathFactory):
    return audit.nordlicht_site(tmp_path_factory)


@pytest.mark.audit
@pytest.mark.parametrize("name", ["demo", "nordlicht"])
def test_every_html_file_is_valid(request: pytest.FixtureRequest, name: str) -> None:
    audit.vnu_command()  # skip (or fail in CI) before building anything
    site = request.getfixturevalue(f"{name}_site")
    files, messages = audit.run_vnu(site)
    # The root language chooser, the 404 page and the pages of every language were all checked.
    names = {f.relative_to(site).as_posix() for f in files}
    assert {"index.html", "404.html", "de/index.html", "en/index.html", "fr/index.html"} <= names
    errors = audit.vnu_errors(messages)
    if errors:
        pytest.fail(audit.vnu_report(name, site, errors), pytrace=False)


def test_allow_list_entries_give_a_reason() -> None:
    # Each accepted message must say why a template override cannot fix it.
    assert all(reason.strip() for reason in audit.VNU_ALLOWED.values())
