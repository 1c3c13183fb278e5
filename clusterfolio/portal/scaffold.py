"""`clusterfolio new --portal <folder>`: a portal's repository, minimal (issue 28).

portal.yml with one example cluster to replace, a README, requirements.txt pinning this
clusterfolio from the package index, and a daily workflow that harvests and commits harvest/
(docs/portal.md, "The harvest folder"), builds the portal's site from it (`portal build`) and
deploys it to GitHub Pages.
"""
from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..messages import M
from ..model import LANGUAGES

PORTAL_YML = """\
# The portal's settings (docs/portal.md of clusterfolio). `clusterfolio portal harvest` fetches
# every cluster below into harvest/, keeping the last good copy of each; `clusterfolio portal build`
# makes the portal's site from harvest/ into site/.
name: {name}
# site_url: https://portal.example.org/ # the portal's address: canonical links and the sitemap
languages: [{languages}] # the first is the default
stale_days: 30 # a cluster whose data is older than this is reported as stale
clusters:
  # One entry per cluster: its site's address (https://), or `path:` to a folder holding a built
  # site. Replace this example with the clusters of the portal.
  - url: https://cluster.example.org/
"""

README = """\
# {title}

A portal over cluster sites made with [clusterfolio](https://github.com/clusterfolio/clusterfolio):
it lists the clusters in `portal.yml` and harvests the data each cluster's site publishes under
`/data/` (its DCAT-AP catalogue and data package), with no copy typed in by hand.

```sh
python -m pip install -r requirements.txt
clusterfolio portal harvest
clusterfolio portal build
```

`harvest/` then holds a folder per cluster with its files as published, and `state.json` with what the
next harvest asks the site for (ETag, Last-Modified): an unchanged cluster answers 304 and
downloads nothing. A cluster that is down, invalid, too large or too slow is reported by name and
keeps its last good copy. The exit status is 0 when every cluster was fetched or unchanged, 1 when
one failed or is stale, 2 when portal.yml is not valid.

`clusterfolio portal build` then makes the portal's site in `site/` from `harvest/` alone: the
clusters with their labels' status on the build date, their members by competence, value-chain
stage and country (linking to the clusters' own pages), their requests for partners, their partners
abroad and a map. Give `site_url:` in portal.yml (the portal's address) for canonical links and the
sitemap.

`.github/workflows/harvest.yml` runs every day: it harvests and commits `harvest/` when a cluster's
data changed (the report is the run's summary), then builds the site from that commit and deploys
it to GitHub Pages. The repository needs Actions allowed to push (Settings → Actions → General →
Workflow permissions: read and write), or a branch rule that lets github-actions push to the default
branch, and Pages published by GitHub Actions (Settings → Pages → Source: GitHub Actions).
"""

WORKFLOW = """\
# Every day: fetch the clusters' published data into harvest/ and commit it when it changed
# (clusterfolio portal harvest), then build the portal's site from that commit (clusterfolio portal
# build) and deploy it to GitHub Pages. A cluster that fails keeps its last good copy; the report is
# the run's summary. To stop it: Actions → Harvest → Disable workflow.
name: Harvest

on:
  schedule:
    - cron: "23 5 * * *" # daily, after the clusters' nightly rebuilds
  workflow_dispatch:

permissions: {}

concurrency:
  group: harvest
  cancel-in-progress: false

jobs:
  harvest:
    name: Harvest the clusters
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    permissions:
      contents: write # commit harvest/ when a cluster's data changed
    outputs:
      commit: ${{ steps.commit.outputs.commit }}
    steps:
      - uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4.3.0
        with:
          persist-credentials: false

      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
        with:
          python-version: "3.11"

      - name: Install
        run: python -m pip install --disable-pip-version-check -r requirements.txt

      - name: Harvest
        # 1 (a cluster failed or is stale) still commits what the others published; 2 (portal.yml not valid) stops.
        run: |
          status=0
          clusterfolio portal harvest > harvest-report.txt || status=$?
          cat harvest-report.txt
          # Indented: a Markdown code block that no text in the report can end.
          { echo "Harvest:"; echo; sed 's/^/    /' harvest-report.txt; } >> "$GITHUB_STEP_SUMMARY"
          rm harvest-report.txt
          test "$status" -le 1

      - name: Commit harvest/
        id: commit
        env:
          GITHUB_TOKEN: ${{ github.token }}
        run: |
          git add harvest
          if git diff --cached --quiet; then
            echo "no cluster's data changed"
          else
            git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \\
              commit -qm "harvest: the clusters' data of $(date -u +%F)"
            git push "https://x-access-token:${GITHUB_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "HEAD:${GITHUB_REF_NAME}"
          fi
          echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"

  build:
    name: Build the portal
    needs: harvest
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4.3.0
        with:
          # Exactly the commit the harvest made (or found): the site is made from it alone.
          ref: ${{ needs.harvest.outputs.commit }}
          persist-credentials: false

      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0
        with:
          python-version: "3.11"

      - name: Install
        run: python -m pip install --disable-pip-version-check -r requirements.txt

      - name: Build
        # 1: a cluster has no harvested copy yet and is left out (said in the log); the others are published.
        run: |
          status=0
          clusterfolio portal build || status=$?
          test "$status" -le 1

      - uses: actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa # v3.0.1
        with:
          path: site/

  deploy:
    name: Deploy to GitHub Pages
    needs: build
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    permissions:
      pages: write # publish the built site
      id-token: write # prove to Pages that this workflow built it (OIDC)
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5
"""


class PortalScaffoldError(Exception):
    """The portal cannot be scaffolded there (its message is a Msg): exit status 2."""


def portal_files(name: str, languages: tuple[str, ...], pin: str) -> dict[str, str]:
    """Every file of a new portal repository: its path and text."""
    return {
        "portal.yml": PORTAL_YML.format(name=json.dumps(name, ensure_ascii=False), languages=", ".join(languages)),
        "README.md": README.format(title=name),
        "requirements.txt": f"# The clusterfolio this portal harvests with (README.md).\n{pin}\n",
        ".github/workflows/harvest.yml": WORKFLOW,
    }


def create_portal(folder: Path, name: str, languages: tuple[str, ...]) -> list[Path]:
    """Write a portal repository into a new or empty folder; the files written."""
    unknown = [code for code in languages if code not in LANGUAGES]
    if not languages or unknown:
        raise PortalScaffoldError(M("{value} is not an ISO 639-1 language code (lower-case, e.g. de)", value=", ".join(unknown) or "''"))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PortalScaffoldError(M("{folder} is not empty; the portal is scaffolded into a new or empty folder", folder=str(folder)))
    try:
        pin = f"clusterfolio=={version('clusterfolio')}"
    except PackageNotFoundError:
        pin = "clusterfolio"
    written = []
    for rel, text in portal_files(name, languages, pin).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
