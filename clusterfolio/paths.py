"""Where things are in a cluster's repository, and how file names become slugs (SPEC §2, §3.2)."""
from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path, PurePosixPath

from .messages import M, Msg
from .problems import quote

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
# A line of its own in a content page that stands for the cluster's address and ways to reach it,
# taken from cluster.yml (site/pages/content.py; the imprint's check in placeholders.py).
CONTACT_DIRECTIVE = re.compile(r"^[ \t]*\{\{[ \t]*contact[ \t]*\}\}[ \t]*$", re.M)

# A logo path (SPEC §3.5): one file directly in profiles/logos/, its name slug-safe. The checks
# below give each way to miss that its own words; LOGO_RE is the whole rule in one place.
LOGO_FOLDER = "logos"
LOGO_RE = re.compile(r"^logos/[a-z0-9][a-z0-9-]{0,62}\.(?:svg|png)$")
LOGO_EXTENSIONS = (".svg", ".png")
# Characters that are patterns in CODEOWNERS and .gitignore rules, or separate owners there.
_PATTERN_CHARACTERS = "*?[]!{}\\#"


# Device names Windows reserves in every folder, with any ending (con.yml, Nul.svg, com1.tar.gz):
# Git for Windows cannot check such a file out. COM¹..³ and LPT¹..³ count as digits there too.
_WINDOWS_DEVICES = re.compile(r"(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)", re.I)


def windows_reserved(name: str) -> bool:
    """Whether a file name is a device name on Windows (the part before the first dot, trailing spaces aside)."""
    return _WINDOWS_DEVICES.fullmatch(name.split(".", 1)[0].rstrip(" ")) is not None


def command(root: Path) -> str:
    """How to run the tool in this repository, for messages that name a command: `python build.py`
    in clusterfolio's own checkout (the demo), `clusterfolio` in a cluster's repository."""
    return "python build.py" if (root / "build.py").is_file() and (root / "clusterfolio" / "cli.py").is_file() else "clusterfolio"


def member_file(slug: str) -> str:
    """The profile file of a member, relative to the repository."""
    return f"{MEMBERS_DIR}/{slug}.yml"


def member_slug(path: str) -> str | None:
    """The slug of a member profile path ('profiles/members/<slug>.yml'), else None."""
    parent, name = str(PurePosixPath(path).parent), PurePosixPath(path).name
    if parent != MEMBERS_DIR or not name.endswith(".yml"):
        return None
    return name[: -len(".yml")]


def member_logos(slug: str) -> tuple[str, ...]:
    """The logo paths (relative to profiles/) a member may use: named after the profile file."""
    return tuple(f"{LOGO_FOLDER}/{slug}{ext}" for ext in LOGO_EXTENSIONS)


def logo_form_problem(logo: str) -> Msg | None:
    """What is wrong with the form of a logo path (relative to profiles/), or None.

    The file ending is left to the logo check, which reads the file (`logos must be SVG or PNG`).
    """
    shown = quote(logo)
    found = sorted({ch for ch in logo if ch in _PATTERN_CHARACTERS})
    if found:
        return M("{path} contains {characters}; a logo path names one file, without wildcard characters", path=shown, characters=" ".join(found))
    if any(ch.isspace() for ch in logo):
        return M("{path} contains spaces or other blank characters; logo file names use lower-case letters, digits and hyphens", path=shown)
    parts = logo.split("/")
    if len(parts) != 2 or parts[0] != LOGO_FOLDER:
        return M("{path} must name a file directly in profiles/logos/, like logos/name.svg", path=shown)
    stem, dot, ext = parts[1].partition(".")
    if not dot or not SLUG_RE.fullmatch(stem) or not re.fullmatch(r"[a-z0-9]+", ext):
        proposal = f"logos/{slugify(stem) or 'name'}.{ext.lower() if ext.isalnum() else 'svg'}"
        return M("{path} is not a plain file name: use lower-case letters, digits and hyphens, and a dot only before the ending, e.g. {example}",
                 path=shown, example=proposal)
    return None


def symlink_on_path(root: Path, rel: str) -> str | None:
    """The first part of rel (a path under root, with '/') that is a symbolic link, or None.

    Every level is looked at with lstat, so a linked folder is found as surely as a linked file.
    """
    current = root
    parts = [part for part in rel.split("/") if part]
    for index, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None  # missing: not a link, and the caller says what is missing
        if stat.S_ISLNK(mode):
            return "/".join(parts[: index + 1])
    return None


class NotRegularFile(OSError):
    """A device, pipe, socket or folder where a file was expected."""


def read_limited(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes of a regular file, never through a symbolic link.

    A link raises OSError(ELOOP); anything but a regular file raises NotRegularFile, before a byte
    is read (so a pipe or /dev/zero cannot hang or fill memory). One byte more than the limit is
    read, so a caller can tell a file that is too large without reading it all.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):
        raise OSError(errno.ELOOP, "is a symbolic link", str(path))
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def slugify(text: str) -> str:
    """A slug proposal from any name."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("&", "-")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(filter(None, out.split("-")))[:63].strip("-")
