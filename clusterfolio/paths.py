"""Where things are in a cluster's repository, and how file names become slugs (SPEC §2, §3.2)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

PROFILES_DIR = "profiles"
CLUSTER_FILE = "profiles/cluster.yml"
TAXONOMY_FILE = "profiles/taxonomy.yml"
MEMBERS_DIR = "profiles/members"
LOGOS_DIR = "profiles/logos"
CONTENT_DIR = "content"
THEME_DIR = "theme"
CONFIG_FILE = "mkdocs.yml"
CODEOWNERS = ".github/CODEOWNERS"
SITE_DIR = "site"

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def member_file(slug: str) -> str:
    """The profile file of a member, relative to the repository."""
    return f"{MEMBERS_DIR}/{slug}.yml"


def member_slug(path: str) -> str | None:
    """The slug of a member profile path ('profiles/members/<slug>.yml'), else None."""
    parent, name = str(PurePosixPath(path).parent), PurePosixPath(path).name
    if parent != MEMBERS_DIR or not name.endswith(".yml"):
        return None
    return name[: -len(".yml")]


def slugify(text: str) -> str:
    """A slug proposal from any name."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("&", "-")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(filter(None, out.split("-")))[:63].strip("-")
