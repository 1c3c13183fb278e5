"""What a cluster's manager does after `clusterfolio new` before the first release, as the scaffold's
README says (First steps), done to a scaffolded repository for the tests: every passage marked to
complete gets its text, every example address the cluster's own (fictional: under .test, a name
reserved for tests, RFC 2606), and the imprint its postal address.
"""
from __future__ import annotations

import re
from pathlib import Path

from clusterfolio.placeholders import MARKERS

# A marked passage is an emphasised sentence or paragraph starting with the marker.
_PASSAGE = re.compile(r"\*(?:" + "|".join(re.escape(m) for m in MARKERS) + r")[^*]*\*")
_EXAMPLE = re.compile(r"(?:[\w-]+\.)*example\.(?:org|com|net)")

FILLED = {
    "de": "Vertreten durch den Vorstand; eingetragen im Vereinsregister (fiktiv).",
    "en": "Represented by the board; entered in the register of associations (fictional).",
    "fr": "Représenté par le conseil d'administration ; inscrit au registre des associations (fictif).",
}


def complete_placeholders(repo: Path, host: str = "cluster-nord.test") -> None:
    """Replace what the scaffold made up in repo, in place."""
    for page in sorted((repo / "content").glob("*/*.md")):
        lang = page.parent.name
        text = _PASSAGE.sub(FILLED.get(lang, FILLED["en"]), page.read_text(encoding="utf-8"))
        page.write_text(_EXAMPLE.sub(host, text), encoding="utf-8")
    for rel in ("profiles/cluster.yml", "mkdocs.yml", *(p.relative_to(repo).as_posix() for p in (repo / "profiles/members").glob("*.yml"))):
        path = repo / rel
        path.write_text(_EXAMPLE.sub(host, path.read_text(encoding="utf-8")), encoding="utf-8")
    cluster = repo / "profiles/cluster.yml"
    text = cluster.read_text(encoding="utf-8")
    for field, value in (("street", "Am Hafen 1"), ("postal_code", '"24103"'), ("city", "Kiel")):
        text = text.replace(f'  # {field}: ""', f"  {field}: {value}", 1)
    cluster.write_text(text, encoding="utf-8")
