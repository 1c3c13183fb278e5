"""/admin/: members edit their profile in the browser with Decap CMS, and the result is a pull request.

One function, `write_admin`, writes the editing page, the CMS bundle (self-hosted at a pinned
version, its licences beside it) and `config.yml`, the CMS configuration generated from the
member model: every field of `Member` in the model's order, required where the model requires
it, each translatable text as one input per site language (our `{de, en, fr}` mapping),
selects with the taxonomy's ids and labels. The editor speaks the cluster's message language
(`extra.messages_language`): Decap's own interface through its `locale`, and our labels and hints,
the same words the `new-member` template writes (clusterfolio/fields.py), in that language.

/admin/ is no page of the site: it is in no language folder, so neither in the sitemap nor in
hreflang links; it has no `data-pagefind-body` and is written after the search index; it says
noindex; its Content-Security-Policy lets the CMS talk to the page's own host and the git
provider's API only. The choice of Decap CMS, and why: docs/decisions.md, "Editing in the browser".
"""
from __future__ import annotations

import re
import shutil
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel import Locale
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .. import urls
from ..config import Config
from ..fields import FieldText, field_texts
from ..i18n import Translator
from ..messages import M, Msg
from ..model import (
    COUNTRIES,
    EMPLOYEE_BANDS,
    LANGUAGES,
    Country,
    Email,
    Employees,
    GitHubUser,
    Id,
    LangListMap,
    Language,
    Member,
    Phone,
    Project,
    TextRules,
    Url,
    Year,
)
from ..paths import CONFIG_FILE, LOGO_FOLDER, LOGOS_DIR, MEMBERS_DIR
from ..yamlsafe import parse
from . import views as v
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

# Which vocabulary of the taxonomy an id field of the member model takes its values from
# (the same pairs validate.check_references checks).
VOCABULARIES: dict[tuple[str, ...], str] = {
    ("type",): "member_types",
    ("competences",): "competences",
    ("value_chain",): "value_chain",
    ("seeks", "partner_types"): "member_types",
}

# Fields that name an image file under profiles/ (uploaded into media_folder by the image widget).
IMAGES = {("logo",)}

@dataclass(frozen=True)
class CmsSettings:
    """`extra.cms` in mkdocs.yml, with `repo_url` as the repository when `repo` is not given."""

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


def _github_repo(url: object) -> str | None:
    """owner/name from a GitHub repository address, else None."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme != "https" or parts.hostname != "github.com" or len(path) != 2 or not all(path):
        return None
    return "/".join(path)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def cms_settings(config: Config) -> CmsSettings:
    """The CMS settings of a site: `extra.cms` (repo, branch, locale, base_url, auth_endpoint, auth_scope) and `repo_url`."""
    cms = config.extra.get("cms")
    cms = cms if isinstance(cms, dict) else {}
    repo = _text(cms.get("repo"))
    if repo and not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repo):
        repo = None
    if repo is None:
        path = config.root / CONFIG_FILE
        data = parse(path.read_text(encoding="utf-8"), CONFIG_FILE).data if path.is_file() else None
        repo = _github_repo(data.get("repo_url")) if isinstance(data, dict) else None
    locale = editor_locale(_text(cms.get("locale")), config.messages_language, config.default_language)
    return CmsSettings(
        repo=repo,
        branch=_text(cms.get("branch")) or "main",
        locale=locale,
        language=_LANGUAGE_OF_LOCALE.get(locale, locale),
        base_url=_text(cms.get("base_url")),
        auth_endpoint=_text(cms.get("auth_endpoint")),
        auth_scope=scope if (scope := _text(cms.get("auth_scope"))) in ("repo", "public_repo") else None,
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


@dataclass(frozen=True)
class Context:
    """What the fields are made from besides the model: the site's languages, the taxonomy, the
    editor's language and the fields' words."""

    config: Config
    project: Project
    lang: str  # the editor's language (CmsSettings.language)
    texts: dict[tuple[str, ...], FieldText]

    def text(self, message: Msg) -> str:
        return message.render(self.lang)


def label_and_hint(path: tuple[str, ...], ctx: Context) -> tuple[str, str | None]:
    """A field's label and hint in the editor's language (clusterfolio/fields.py). A hint that
    only repeats the label ("Art" under "Art des Mitglieds") is left out; the others start with a
    capital, as a sentence under the input does (the template's start in lower case)."""
    texts = ctx.texts.get(path)
    if texts is None:  # a field the model gained without words (tests/test_field_texts.py fails)
        return path[-1], None
    label = ctx.text(texts.label)
    hint = ctx.text(texts.hint) if texts.hint is not None else ""
    if not hint or hint.casefold() in label.casefold():
        return label, None
    return label, hint[:1].upper() + hint[1:]


def _shape(info: FieldInfo) -> tuple[Any, tuple[Any, ...], tuple[Any, ...], bool]:
    """(inner type, its metadata, the list's metadata, is a list) of a model field."""
    annotation: Any = info.annotation
    meta: tuple[Any, ...] = tuple(info.metadata)
    list_meta: tuple[Any, ...] = ()
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            meta += tuple(extra)
        elif origin is list:
            is_list, list_meta, meta = True, meta, ()
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, meta, list_meta, is_list


# Scalar types of the model, recognised by their validator (the same object in every field).
_SCALARS = {
    "country": Country, "language": Language, "employees": Employees, "year": Year, "url": Url,
    "email": Email, "phone": Phone, "id": Id, "github": GitHubUser,
}


def _scalar_kind(meta: tuple[Any, ...]) -> str:
    for kind, alias in _SCALARS.items():
        if alias.__metadata__[0] in meta:
            return kind
    return "text"


def _max_length(meta: tuple[Any, ...]) -> int | None:
    for item in meta:
        schema = getattr(item, "json_schema", None)
        if isinstance(schema, dict) and "maxLength" in schema:
            return int(schema["maxLength"])
    return None


def _min_items(meta: tuple[Any, ...]) -> int:
    return max((getattr(m, "min_length", 0) or 0 for m in meta), default=0)


def _length(limit: int, ctx: Context, multiline: bool = False) -> list[str]:
    any_char = r"[\s\S]" if multiline else "."
    return [f"^{any_char}{{0,{limit}}}$", ctx.text(M("at most {limit} characters", limit=limit))]


# What Decap checks as the member types (a regular expression), and what it says when it fails.
PATTERNS: dict[str, tuple[str, Msg]] = {
    "year": (r"^[0-9]{4}$", M("four digits, e.g. 1998")),
    "url": (r"^https://[^\s/]+\.[^\s]+$", M("an https:// address")),
    "email": (r"^[^\s@:]+@[^\s@]+\.[^\s@]+$", M("an e-mail address without mailto:")),
    "phone": (r"^\+?[0-9][0-9 ()/.-]{3,30}$", M("digits, spaces and + ( ) - / .")),
    "github": (r"^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$", M("a GitHub user name")),
    "id": (r"^[a-z0-9]+(?:-[a-z0-9]+)*$", M("lower-case letters, digits and hyphens")),
}


def model_fields(model: type[BaseModel], path: tuple[str, ...], ctx: Context) -> list[dict[str, Any]]:
    """The CMS fields of a model class, in the model's order."""
    return [field_config(name, info, path + (name,), ctx) for name, info in model.model_fields.items()]


def field_config(name: str, info: FieldInfo, path: tuple[str, ...], ctx: Context) -> dict[str, Any]:
    """One field of the model as a CMS field (widget, required, options, pattern, hint)."""
    inner, meta, list_meta, is_list = _shape(info)
    rules = next((m for m in meta if isinstance(m, TextRules)), None)
    label, hint = label_and_hint(path, ctx)
    out: dict[str, Any] = {"name": name, "label": label}
    required = info.is_required()
    if rules is not None:
        out.update(_translatable(inner, rules, required, ctx))
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        # One object, or a list of them (market notes: a country and its note, as often as wanted).
        out["widget"] = "list" if is_list else "object"
        out["fields"] = model_fields(inner, path, ctx)
    else:
        kind = _scalar_kind(meta)
        options = _options(kind, path, ctx)
        if options is not None:
            out["widget"] = "select"
            out["options"] = options
            if is_list:
                out["multiple"] = True
                if _min_items(list_meta):
                    out["min"] = _min_items(list_meta)
        elif is_list:
            out["widget"] = "list"
            out["field"] = _string_field("item", label, kind, meta, ctx)
        elif path in IMAGES:
            out["widget"] = "image"
            out["choose_url"] = False  # an upload into profiles/logos/, never an address elsewhere
        else:
            out.update(_string_field(name, label, kind, meta, ctx))
    out["required"] = required
    if hint:
        out["hint"] = hint
    return out


def _string_field(name: str, label: str, kind: str, meta: tuple[Any, ...], ctx: Context) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "label": label, "widget": "string"}
    if kind in PATTERNS:
        pattern, message = PATTERNS[kind]
        out["pattern"] = [pattern, ctx.text(message)]
    elif (limit := _max_length(meta)) is not None:
        out["pattern"] = _length(limit, ctx)
    return out


def _translatable(inner: Any, rules: TextRules, required: bool, ctx: Context) -> dict[str, Any]:
    """One input per site language; the default language is required when the field is."""
    languages = ctx.config.languages
    fields = []
    for index, lang in enumerate(languages):
        label = f"{Translator(lang, lang).language_name(lang)} ({lang})"
        field: dict[str, Any] = {"name": lang, "label": label, "required": required and index == 0}
        if inner is LangListMap:
            field.update(widget="list", max=rules.max_len, field={"name": "item", "label": label, "widget": "string", "pattern": _length(rules.item_max_len, ctx)})
        elif rules.markdown:
            # Rich text with our restricted Markdown's tools only (no headings, quotes, code, images);
            # raw Markdown one click away. `check` refuses the rest (raw HTML typed as text).
            field.update(widget="markdown", modes=["rich_text", "raw"], buttons=["bold", "italic", "link", "bulleted-list", "numbered-list"],
                         editor_components=[], sanitize_preview=True, pattern=_length(rules.max_len, ctx, multiline=True))
        else:
            field.update(widget="text", pattern=_length(rules.max_len, ctx, multiline=True))
        fields.append(field)
    return {"widget": "object", "fields": fields}


def _options(kind: str, path: tuple[str, ...], ctx: Context) -> list[dict[str, str]] | list[str] | None:
    """The choices of a select: taxonomy ids with their labels in every language, countries, languages, bands;
    names in the editor's language first."""
    if kind == "id" and path in VOCABULARIES:
        vocabulary = getattr(ctx.project.taxonomy, VOCABULARIES[path])
        return [{"label": taxonomy_label(entry.label, ctx.config.languages, ctx.lang), "value": key} for key, entry in vocabulary.items()]
    if kind in ("country", "language"):
        return _named_codes(COUNTRIES if kind == "country" else LANGUAGES, kind, ctx.lang)
    if kind == "employees":
        return list(EMPLOYEE_BANDS)
    return None


def _named_codes(codes: frozenset[str], kind: str, lang: str) -> list[dict[str, str]]:
    """'Deutschland (DE)': Babel's names in the editor's language (English where Babel has none),
    sorted as its readers expect, so that typing the start of a name finds it."""
    tr = Translator(lang, lang)
    english = Locale("en")
    own, fallback = (tr.locale.territories, english.territories) if kind == "country" else (tr.locale.languages, english.languages)
    names = {code: own.get(code) or fallback.get(code) or code for code in codes}
    return [{"label": f"{names[code]} ({code})", "value": code} for code in sorted(codes, key=lambda c: (tr.sort_key(names[c]), c))]


def taxonomy_label(label: dict[str, str], languages: tuple[str, ...], first: str | None = None) -> str:
    """'Lasersysteme / Laser systems / Systèmes laser': the editor's language first, then the site's
    languages in their order (the default language first)."""
    order = ((first,) if first else ()) + languages
    return " / ".join(dict.fromkeys(label[lang] for lang in order if label.get(lang)))
