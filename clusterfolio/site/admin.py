"""/admin/: members edit their profile in the browser with Decap CMS, and the result is a pull request.

One function, `write_admin`, writes the editing page, the CMS bundle (self-hosted at a pinned
version, its licences beside it) and `config.yml`, the CMS configuration generated from the
member model (its fields: cms_fields.py): every field of `Member` in the model's order, required
where the model requires it, each translatable text as one input per site language (our
`{de, en, fr}` mapping), selects with the taxonomy's ids and labels. The editor speaks the
cluster's message language (`extra.messages_language`): Decap's own interface through its
`locale`, and our labels and hints, the same words the `new-member` template writes
(clusterfolio/fields.py), in that language.

/admin/ is no page of the site: it is in no language folder, so neither in the sitemap nor in
hreflang links; it has no `data-pagefind-body` and is written after the search index; it says
noindex; its Content-Security-Policy lets the CMS talk to the page's own host and the git
provider's API only. The choice of Decap CMS, and why: docs/decisions.md, "Editing in the browser".
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .. import urls
from ..config import Config
from ..fields import field_texts
from ..i18n import Translator
from ..model import Member, Project
from ..paths import LOGO_FOLDER, LOGOS_DIR, MEMBERS_DIR
from . import views as v
from .cms_fields import Context, model_fields
from .head import brand, icons
from .render import environment

ADMIN_DIR = "admin/"  # from the site root; the page is admin/index.html

# The CMS, vendored from `npm pack decap-cms@3.16.3` (clusterfolio/data/cms/README.md).
CMS = "Decap CMS"
CMS_VERSION = "3.16.3"
CMS_DIR = Path(__file__).resolve().parent.parent / "data" / "cms"
BUNDLE = f"decap-cms-{CMS_VERSION}.min.js"
BUNDLE_SHA256 = "7c1efd6b616b4786e279aeef194dd21649a72058d3bc8d1f78901b574610dfb8"
# The bundle's own first line names its third-party notices file; the MIT licence of Decap CMS.
CMS_FILES = (BUNDLE, "decap-cms.js.LICENSE.txt", "LICENSE")

# The interface languages the bundle ships (decap-cms-locales, registered under these names;
# tests/test_admin.py reads them from the bundle). Most are ISO 639-1 codes; the others are
# Decap's own spellings, by the code a manager writes (and the code our texts are rendered in).
DECAP_LOCALES = frozenset({
    "bg", "ca", "cs", "da", "de", "en", "es", "fa", "fr", "gr", "he", "hr", "hu", "it", "ja", "ko", "lt", "mk",
    "nb_no", "nl", "nn_no", "pl", "pt", "ro", "ru", "sk", "sl", "sr_Cyrl", "sv", "th", "tr", "ua", "uk", "vi",
    "zh_Hans", "zh_Hant",
})
_DECAP_LOCALE_NAMES = {"el": "gr", "nb": "nb_no", "nn": "nn_no", "no": "nb_no", "zh": "zh_Hans", "sr": "sr_Cyrl"}
_LANGUAGE_OF_LOCALE = {"gr": "el", "nb_no": "nb", "nn_no": "nn", "sr_Cyrl": "sr", "ua": "uk", "zh_Hans": "zh", "zh_Hant": "zh"}

GITHUB_API = "https://api.github.com"

@dataclass(frozen=True)
class CmsSettings:
    """What /admin/ is made with: `extra.cms` in mkdocs.yml (config.CmsConfig) and the editor's language."""

    repo: str | None  # owner/name on GitHub
    branch: str
    locale: str  # Decap's name of its interface language (config.yml's `locale`)
    language: str  # the same language as an ISO 639-1 code: our labels and hints are in it
    base_url: str | None  # the OAuth client (proxy) the sign-in popup opens; Decap's default is Netlify's
    auth_endpoint: str | None
    auth_scope: str | None  # "repo" for a private repository; Decap asks "public_repo" with open authoring


@dataclass(frozen=True)
class AdminView:
    """The editing page (site/admin.html)."""

    lang: str
    title: str
    name: str
    csp: str
    bundle: str | None  # None: not set up (no repository known), the page says what is missing
    icons: v.Icons  # the site's favicons, from /admin/
    brand: v.Brand
    logo: str | None  # the cluster's logo, from /admin/


def write_admin(config: Config, project: Project, site: Path, local_backend: str | None = None) -> None:
    """Write /admin/: the editing page, the pinned CMS bundle with its licences, and config.yml.

    `local_backend` (a decap-server URL such as http://localhost:8081/api/v1) is for tests only:
    `build_site` never passes it, so no published site carries it.
    """
    settings = cms_settings(config)
    folder = site / ADMIN_DIR
    folder.mkdir(parents=True, exist_ok=True)
    ready = bool(settings.repo or local_backend)
    if ready:
        for name in CMS_FILES:
            shutil.copyfile(CMS_DIR / name, folder / name)
    data = cms_config(config, project, settings, local_backend)
    (folder / "config.yml").write_text(dump(data), encoding="utf-8")
    page = environment().get_template("site/admin.html").render(view=admin_view(config, project, settings, local_backend, ready))
    (folder / "index.html").write_text(page.strip() + "\n", encoding="utf-8")


# --- settings ----------------------------------------------------------------------------------


def cms_settings(config: Config) -> CmsSettings:
    """The CMS settings of a site: `extra.cms` as config.py checked it, with the editor's language."""
    cms = config.cms
    locale = editor_locale(cms.locale, config.messages_language, config.default_language)
    return CmsSettings(
        repo=cms.repo,
        branch=cms.branch,
        locale=locale,
        language=_LANGUAGE_OF_LOCALE.get(locale, locale),
        base_url=cms.base_url,
        auth_endpoint=cms.auth_endpoint,
        auth_scope=cms.auth_scope,
    )


def decap_locale(code: str | None) -> str | None:
    """Decap's name of a language (an ISO 639-1 code, or Decap's own name), if the bundle has it."""
    if code is None:
        return None
    code = _DECAP_LOCALE_NAMES.get(code, code)
    return code if code in DECAP_LOCALES else None


def editor_locale(configured: str | None, messages_language: str | None, default_language: str) -> str:
    """The editor's language: `extra.cms.locale`, else the cluster's message language
    (`extra.messages_language`, what check speaks), else the site's default language, the first
    of them that Decap has; else English. A locale Decap lacks would leave its buttons as bare
    keys ("auth.loginWithGitHub"), so an unknown `extra.cms.locale` passes to the next one."""
    for code in (configured, messages_language, default_language):
        if (locale := decap_locale(code)) is not None:
            return locale
    return "en"


# --- the page ------------------------------------------------------------------------------------


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(local_backend: str | None = None) -> str:
    """What the editing page may load and ask: its own host, and the git provider's API.

    Decap validates its configuration with ajv, which compiles validators with `new Function`
    ('unsafe-eval'), and styles its interface with emotion ('unsafe-inline' styles). GitHub's
    status page and avatar images are refused: the CMS works without them.
    """
    connect = ["'self'", GITHUB_API] + ([_origin(local_backend)] if local_backend else [])
    return "; ".join((
        "default-src 'none'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src " + " ".join(connect),
        "frame-src 'self' blob:",
        "base-uri 'self'",
        "form-action 'none'",
    ))


def admin_view(config: Config, project: Project, settings: CmsSettings, local_backend: str | None, ready: bool) -> AdminView:
    up = "../"  # from /admin/ to the site root
    return AdminView(
        # The CMS speaks its locale; the notice of a page not set up is in English.
        lang=settings.language if ready else "en",
        title=f"{project.cluster.name} · {CMS}",
        name=project.cluster.name,
        csp=content_security_policy(local_backend),
        bundle=BUNDLE if ready else None,
        icons=icons(project, ADMIN_DIR, up),
        brand=brand(project),
        logo=up + urls.cluster_logo(project.cluster.logo) if project.cluster.logo else None,
    )


# --- the configuration -----------------------------------------------------------------------------


def dump(data: dict[str, Any]) -> str:
    """config.yml from Python data with PyYAML's safe dumper (no tags, no anchors)."""
    head = f"# Generated by clusterfolio from the member model ({CMS} {CMS_VERSION}); do not edit, rebuild.\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)


def cms_config(config: Config, project: Project, settings: CmsSettings, local_backend: str | None = None) -> dict[str, Any]:
    """The Decap CMS configuration: GitHub with editorial workflow and open authoring, one collection."""
    backend: dict[str, Any] = {"name": "github", "branch": settings.branch, "open_authoring": True}
    if settings.repo:
        backend["repo"] = settings.repo
    if settings.base_url:
        backend["base_url"] = settings.base_url
    if settings.auth_endpoint:
        backend["auth_endpoint"] = settings.auth_endpoint
    if settings.auth_scope:
        backend["auth_scope"] = settings.auth_scope
    backend["commit_messages"] = {
        "create": "Member profile {{slug}}: new, from /admin/",
        "update": "Member profile {{slug}}: changed in /admin/",
        "delete": "Member profile {{slug}}: deleted in /admin/",
        "uploadMedia": "Logo {{path}}: uploaded in /admin/",
        "deleteMedia": "Logo {{path}}: deleted in /admin/",
        "openAuthoring": "{{message}}",
    }
    out: dict[str, Any] = {"backend": backend}
    if local_backend:
        out["local_backend"] = {"url": local_backend}
    out["publish_mode"] = "editorial_workflow"
    out["locale"] = settings.locale
    if config.site_url:
        out["site_url"] = out["display_url"] = config.site_url
    out["media_folder"] = LOGOS_DIR
    out["public_folder"] = LOGO_FOLDER  # a logo's path as the loader reads it: logos/<file>, under profiles/
    # New files get an ASCII slug from the name (lower-case letters, digits, hyphens: our slug rule).
    out["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    out["collections"] = [members_collection(config, project, settings.language)]
    return out


def members_collection(config: Config, project: Project, lang: str) -> dict[str, Any]:
    """The one collection: profiles/members/<slug>.yml, every field of the member model, in the
    editor's language `lang`."""
    ui = Translator(lang, lang)  # "Members" as the site's own pages name them
    return {
        "name": "members",
        "label": ui._("Members"),
        "folder": MEMBERS_DIR,
        "extension": "yml",
        "format": "yml",
        "create": True,
        "delete": False,  # a member leaves through the cluster management, not by a click
        # The file name of a new profile (our slug rule, CF-E018: lower-case ASCII letters, digits and
        # hyphens, at most 63). Decap keeps only ASCII letters, digits and - _ . ~ of the name
        # (`encoding: ascii` below), so a name in Cyrillic or CJK alone would give an empty slug
        # and the file ".yml": the country code in front (a required field, two ASCII letters)
        # keeps every slug non-empty and starting with a letter; the name is cut at 40 characters
        # so that the slug, with Decap's "-1" for a taken one, stays within 63. docs/decisions.md.
        "slug": "{{fields.country}}-{{slug | truncate(40)}}",
        "identifier_field": "name",
        "summary": "{{name}} ({{filename}}.yml)",  # the file name is how a member finds their own
        "sortable_fields": ["name"],
        "editor": {"preview": False},  # our pages are built by the site, not previewed by the CMS
        "fields": model_fields(Member, (), Context(config, project, lang, field_texts(config.default_language))),
    }
