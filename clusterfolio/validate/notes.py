"""The managers' country notes (content/<lang>/countries/<cc>.md)."""
from __future__ import annotations

from pathlib import Path

from .. import markdown
from ..config import Config
from ..messages import M
from ..paths import CONTENT_DIR, read_limited
from ..problems import Problem, quote
from ..suggest import did_you_mean


def check_country_notes(root: Path, config: Config) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    """The managers' country notes (content/<lang>/countries/<cc>.md): their names and their Markdown."""
    from ..model import COUNTRIES

    notes: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    base = root / CONTENT_DIR
    for path in sorted(base.glob("*/countries/*")) if base.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        lang, cc = path.parent.parent.name, path.stem
        if path.is_symlink() or not path.is_file() or path.suffix != ".md":
            continue  # links are refused elsewhere; other files are not notes
        if cc.upper() not in COUNTRIES or cc != cc.lower():
            problems.append(Problem.make(rel, 1, 1, "", M(
                "{name} is not named after a country: use the two-letter ISO 3166-1 code in lower case, e.g. fr.md",
                name=quote(path.name)) + did_you_mean(cc.upper(), COUNTRIES), "CF-E207"))
            continue
        if lang not in config.languages:
            problems.append(Problem.make(rel, 1, 1, "", M("{folder} is not one of the site's languages ({languages}); move the note to one of their folders",
                                                          folder=quote(lang), languages=", ".join(config.languages)), "CF-E208"))
            continue
        try:
            text = read_limited(path, NOTE_LIMIT).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            problems.append(Problem.make(rel, 1, 1, "", M("the note cannot be read as UTF-8 text; save it as UTF-8"), "CF-E002"))
            continue
        if len(text) > NOTE_LIMIT:
            problems.append(Problem.make(rel, 1, 1, "", M("the note is longer than {limit} characters; shorten it", limit=NOTE_LIMIT), "CF-E108"))
            continue
        for offset, message, code in markdown.check(text):
            problems.append(Problem.make(rel, offset + 1, 1, "", message, code))
        notes.setdefault(cc.upper(), {})[lang] = text.strip()
    return notes, problems


# A country note is a short page section, not an article.
NOTE_LIMIT = 5000

