"""The pictures a profile names: its logo, and the photos of its contacts."""
from __future__ import annotations

from pathlib import Path

from ..loading import Loaded, partial_model
from ..logos import PNG_MAX, check_logo
from ..messages import M
from ..model import ContactPerson, Member
from ..paths import LOGO_EXTENSIONS, PROFILES_DIR, logo_form_problem, member_logos, symlink_on_path
from ..problems import Problem, quote


def check_logo_field(loaded: Loaded, root: Path, checked: dict[str, list[Problem]]) -> list[Problem]:
    """The logo a profile names: one plain file in profiles/logos/, a member's named after it, and safe."""
    logo = getattr(loaded.model, "logo", None)
    if not logo:
        return []
    slug = Path(loaded.path).stem if isinstance(loaded.model, Member) else None
    example = f"logos/{slug or 'cluster'}.svg"
    if logo.startswith("/") or "\\" in logo or ".." in logo.split("/"):
        return [loaded.doc.problem(("logo",), M("{path} must be a path inside profiles/, e.g. {example}", path=quote(logo), example=example), "CF-E401")]
    form = logo_form_problem(logo)
    if form:
        return [loaded.doc.problem(("logo",), form, "CF-E415")]
    out = []
    if slug is not None and logo not in member_logos(slug):
        # Named after the profile file, a logo is the member's own: in CODEOWNERS, in the scope
        # guard, and in review, where another member's logo file would otherwise be fair game.
        out.append(loaded.doc.problem(
            ("logo",),
            M("a member's logo is named after its profile file: rename the logo to {svg} (or .png) and write that path; {path} is not named after {slug}",
              svg=f"logos/{slug}.svg", path=quote(logo), slug=repr(slug)),
            "CF-E416",
        ))
    rel = f"{PROFILES_DIR}/{logo}"
    link = symlink_on_path(root, rel)
    if link:
        return out + [loaded.doc.problem(("logo",), M("{path} is a symbolic link ({link}); a logo must be the file itself", path=quote(logo), link=link), "CF-E020")]
    target = root / rel
    if not target.is_file():
        return out + [loaded.doc.problem(("logo",), M("logo file {path} not found in profiles/; add it or fix the path", path=quote(logo)), "CF-E402")]
    if rel not in checked:
        checked[rel] = [Problem.make(rel, line, col, "", message, code) for line, col, message, code in check_logo(target)]
        return out + checked[rel]
    return out


def check_photos(loaded: Loaded, root: Path, checked: dict[str, list[Problem]]) -> list[Problem]:
    """The photos of the cluster's named contacts: files under profiles/logos/ with a logo's rules
    and limits (SVG or PNG, checked by logos.check_logo), since the site publishes them as they are."""
    out: list[Problem] = []
    raw = loaded.doc.data.get("contacts") if isinstance(loaded.doc.data, dict) else None
    for index, person in enumerate(getattr(loaded.model, "contacts", None) or []):
        if person is None and isinstance(raw, list) and index < len(raw) and isinstance(raw[index], dict):
            # An entry with a bad e-mail is None in the usable model: its photo is checked all the
            # same, from its own fields that are valid, so that one run tells every problem.
            person = partial_model(ContactPerson, raw[index])
        photo = getattr(person, "photo", None)
        if not photo:
            continue
        at, shown = ("contacts", index, "photo"), quote(photo)
        if photo.startswith("/") or "\\" in photo or ".." in photo.split("/"):
            out.append(loaded.doc.problem(at, M("{path} must be a path inside profiles/, e.g. {example}", path=shown, example="logos/contact-name.png"), "CF-E401"))
            continue
        form = logo_form_problem(photo)
        if form:
            out.append(loaded.doc.problem(at, form, "CF-E415"))
            continue
        ending = Path(photo).suffix.lower()
        if ending not in LOGO_EXTENSIONS:
            # Photos come as JPEG more often than not: say what to do about it, at the field.
            out.append(loaded.doc.problem(at, M("a photo must be a PNG or SVG file, not {ending}: save the photo as PNG (at most {limit} KiB) and write its path",
                                                ending=quote(ending or photo), limit=PNG_MAX // 1024), "CF-E403"))
            continue
        rel = f"{PROFILES_DIR}/{photo}"
        link = symlink_on_path(root, rel)
        if link:
            out.append(loaded.doc.problem(at, M("{path} is a symbolic link ({link}); a photo must be the file itself", path=shown, link=link), "CF-E020"))
        elif not (root / rel).is_file():
            out.append(loaded.doc.problem(at, M("photo file {path} not found in profiles/; add it or fix the path", path=shown), "CF-E402"))
        elif rel not in checked:  # a file named twice (or also as a logo) is told about once
            checked[rel] = [Problem.make(rel, line, col, "", message, code) for line, col, message, code in check_logo(root / rel)]
            out += checked[rel]
    return out

