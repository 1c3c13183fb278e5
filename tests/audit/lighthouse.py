"""Lighthouse in the test suite: tools/lighthouse.py's runner and gzip-serving host, loaded as a
module, so the suite and the command-line audit judge pages the same way.

The pinned Lighthouse lives in tools/lighthouse/ (`npm ci` there; .ci/run installs it) and drives
Debian's Chromium. Pages are audited as a partner's phone meets them: mobile form factor, simulated
throttling (a slow phone on a slow network, computed from one trace: steadier on a shared machine
than measured throttling), text gzipped as static hosts send it.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

from . import ROOT, require_npm_file, unavailable

TOOL = ROOT / "tools" / "lighthouse.py"
CHROMIUM = "/usr/bin/chromium"


@cache
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("clusterfolio_lighthouse_tool", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def hosted(site: Path) -> Iterator[str]:
    """site served on 127.0.0.1 as a static host serves it (text gzipped, its 404 page): the base URL."""
    server = tool().serve(site)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def audit(url: str, workdir: Path, full: tuple[str, ...], performance: int) -> list[str]:
    """What falls short on url: for each category of `full` below 100 and performance below its bar,
    the category's score and its failing audits; nothing when the page meets every bar."""
    lh = tool()
    require_npm_file(lh.LH_CLI)
    if not os.path.exists(CHROMIUM):
        unavailable(f"Chromium not found at {CHROMIUM}")
    report = lh.run_lighthouse(url, "mobile", CHROMIUM, workdir)
    if report.get("runtimeError"):
        return [f"lighthouse did not run on {url}: {report['runtimeError']}"]
    problems = []
    for name, bar in [*((c, 100) for c in full), ("performance", performance)]:
        got = lh.score(report, name)
        if got is None or got < bar:
            lines = [line for a in lh.failing_audits(report, name) for line in lh.audit_report(a)]
            problems.append(f"{url}: {name} {got} < {bar}\n  " + "\n  ".join(lines))
    return problems
