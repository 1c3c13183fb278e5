"""The typed model of cluster, members and taxonomy (SPEC §3): what every other module reads.

Input is plain data whose scalars are all text (see yamlsafe). Each field type below
converts text into its value and explains, in plain words, what is wrong when it cannot.
Checks that need more than one file (taxonomy ids, site languages, label dates against
the build date) live in validate.py; this module knows one file at a time.
"""
from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Annotated, Any, Literal, Optional

from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from . import weburl
from .annotations import shape
from .codes import lookup
from .messages import M, Msg, N
from .paths import SLUG_RE  # noqa: F401 - the slug rule is a path rule; kept importable here
from .problems import quote
from .suggest import did_you_mean
from .yamlsafe import bad_character

# --- helpers -----------------------------------------------------------------------------


def fail(message: str | Msg, code: str) -> PydanticCustomError:
    """An error whose text and problem code (codes.py) are ours, not pydantic's; a message (M)
    travels along, so the problem can be shown in the reader's language."""
    lookup(code)  # an unregistered code fails here, not when a member's file trips it
    return PydanticCustomError("clusterfolio", "{m}", {"m": str(message), "code": code, "msg": message})


# What a field expects and what was found are whole phrases of their own ("a year", "a list"),
# translated as such: a translation puts them where its grammar wants them ("…, found: {found}").
_TEXT = M("text")


def _kind(value: Any) -> Msg:
    """What was found instead, for "…, found {found}"."""
    if isinstance(value, dict):
        return M("a mapping (fields with ':')")
    if isinstance(value, list):
        return M("a list")
    if value is None:
        return M("nothing")
    return M("the text {value}", value=quote(value))


def _text(value: Any, what: Msg = _TEXT) -> str:
    if not isinstance(value, str):
        raise fail(M("expected {expected}, found {found}", expected=what, found=_kind(value)), "CF-E107")
    return value.strip()


# Line breaks of every kind: a carriage return alone breaks a line in many places (release notes,
# e-mail, terminals) just as '\n' does.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Default-ignorable code points (Unicode DerivedCoreProperties) that are no format character (Cf):
# the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, variation selectors, and
# the ranges Unicode reserves for more of them. Format characters (soft hyphen, tag characters,
# joiners, bidi controls …) are found by their category, with private-use characters.
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"
    "\U000e0000-\U000e0fff]"
)
_INVISIBLE_CATEGORIES = ("Cf", "Co", "Cs")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Characters outside ASCII and the Latin blocks most European text is written in (Latin-1
# Supplement to Latin Extended-B), and the soft hyphen, the one invisible character among them:
# a text without any needs no look character by character (tests/test_yamlsafe.py holds the
# shortcut to that look).
_BEYOND_LATIN = re.compile("[^\x00-\x7f\u00a0-\u00ac\u00ae-\u024f]")


def shows_nothing(ch: str) -> bool:
    """Whether a character is one invisible_character finds: default-ignorable, format, private-use or surrogate."""
    return bool(_IGNORABLE.match(ch)) or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def invisible_character(text: str) -> Msg | None:
    """Describe the first character that shows nothing (a default-ignorable one), or None.

    Such characters are allowed in descriptions (a soft hyphen, a joiner in an emoji), but in a
    one-line field, a name above all, they only make one text look like another.
    """
    if text.isascii() or not _BEYOND_LATIN.search(text):
        return None
    for found in _NON_ASCII.finditer(text):  # only these can be invisible: skip the rest in C
        ch, index = found.group(), found.start()
        if shows_nothing(ch):
            name = unicodedata.name(ch, None) or M("invisible character")  # unassigned ones have no name
            return M("contains the invisible character {code_point} ({name}) at position {position}; delete it (it makes the text look like another one)",
                     code_point=f"U+{ord(ch):04X}", name=name, position=index + 1)
    return None


def one_line(text: str) -> str:
    """Refuse what a one-line field must not hold beyond the reader's own check (yamlsafe)."""
    problem = invisible_character(text)
    if problem and not bad_character(text):  # what every text refuses is told once, by the reader
        raise fail(problem, "CF-E130")
    return text


def scalar(check: Callable[[str], Any], schema: dict[str, Any], what: Msg = _TEXT) -> Any:
    """Annotated metadata for a field converted from one text scalar (always one line of text)."""
    return (PlainValidator(lambda v: check(one_line(_text(v, what)))), WithJsonSchema(schema))


# --- scalar types ------------------------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()/.-]{3,30}$")
GITHUB_RE = re.compile(r"^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
EMPLOYEE_BANDS = ("1-9", "10-49", "50-249", "250-999", "1000+")
LABEL_LEVELS = ("bronze", "silver", "gold", "regional", "national")
ACTIVITY_KINDS = ("trade-fair", "conference", "delegation", "matchmaking", "project")
ACTIVITY_LEVELS = ("management", "members")

_en = Locale("en")
# Babel also lists regions such as 001 (World) and groupings such as EU; keep ISO 3166-1 alpha-2.
COUNTRIES = frozenset(c for c in _en.territories if len(c) == 2 and c.isalpha() and c not in {"EU", "EZ", "UN", "QO", "ZZ"})
LANGUAGES = frozenset(c for c in _en.languages if len(c) == 2 and c.isalpha())
_COUNTRY_ALIASES = {"UK": "GB", "EN": "GB", "GER": "DE", "D": "DE", "CH": "CH", "SUI": "CH", "USA": "US"}
_LANGUAGE_ALIASES = {"ger": "de", "deu": "de", "eng": "en", "fra": "fr", "fre": "fr", "jp": "ja", "cz": "cs", "gr": "el", "dk": "da", "se": "sv", "cn": "zh", "ua": "uk"}


def plain_text(max_len: int) -> Callable[[str], str]:
    def check(text: str) -> str:
        if len(text) > max_len:
            raise fail(N("is {count} character long; the limit is {limit}", "is {count} characters long; the limit is {limit}",
                         len(text), limit=max_len), "CF-E108")
        if LINE_BREAK.search(text):
            raise fail(M("must be a single line"), "CF-E109")
        if "\t" in text:
            # Spreadsheets split the open data's cells at tabs (members.csv opened as tab-separated).
            raise fail(M("contains a tab character at position {position}; replace it with a space", position=text.index("\t") + 1), "CF-E131")
        return text
    return check


def check_year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text) or not 1000 <= int(text) <= 2999:
        raise fail(M("{value} is not a year; write four digits, e.g. 1998", value=quote(text)), "CF-E110")
    return int(text)


def check_date(text: str) -> dt.date:
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(M("{value} is not an ISO 8601 date; write YYYY-MM-DD, e.g. 2026-03-31", value=quote(text)), "CF-E111") from None


def _code(text: str, code: str, valid: frozenset[str], aliases: dict[str, str], names: dict[str, str], wrong: Msg, tip: Msg, problem_code: str) -> str:
    """A two-letter code, or an error (wrong) that suggests the code for a common alias or English name, else gives the tip."""
    if code in valid:
        return code
    hint = aliases.get(code) or next((c for c, n in names.items() if n.lower() == text.lower() and c in valid), None)
    raise fail(wrong + (M("; did you mean {option}?", option=quote(hint)) if hint else tip), problem_code)


def check_country(text: str) -> str:
    if text.upper() in COUNTRIES:
        return text.upper()  # before the messages are made: most codes are valid
    return _code(text, text.upper(), COUNTRIES, _COUNTRY_ALIASES, _en.territories,
                 M("{value} is not an ISO 3166-1 alpha-2 country code", value=quote(text)),
                 M("; use the two-letter ISO 3166-1 code, e.g. {example}", example="DE, FR, US"), "CF-E112")


def check_language(text: str) -> str:
    if text.lower() in LANGUAGES:
        return text.lower()
    return _code(text, text.lower(), LANGUAGES, _LANGUAGE_ALIASES, _en.languages,
                 M("{value} is not an ISO 639-1 language code", value=quote(text)),
                 M("; use the two-letter ISO 639-1 code, e.g. {example}", example="de, en, fr"), "CF-E113")


# Python's \s is str.isspace's set of characters.
_SPACE = re.compile(r"\s")


def check_https(text: str) -> str:
    if _SPACE.search(text):
        raise fail(M("{address} is not a web address: it contains spaces", address=quote(text)), "CF-E116")
    scheme = weburl.scheme(text)  # urlsplit raises on 'https://[x' (an "invalid IPv6 URL")
    if scheme != "https":
        address = quote(text)  # only for a message: quoting every address cost more than the look
        if scheme == "http":
            raise fail(M("{address} uses http; only https:// addresses are allowed (write {suggestion})", address=address,
                         suggestion=f"https://{text[7:]}"), "CF-E114")
        if not scheme and "." in text.split("/")[0]:
            raise fail(M("{address} has no scheme; write {suggestion}", address=address, suggestion=f"https://{text}"), "CF-E115")
        raise fail(M("{address} is not an https:// address; only https:// links are allowed", address=address), "CF-E116")
    # Browsers read the address by the WHATWG rules, not urlsplit's: a backslash, a user name, an odd
    # host or port, or letters of two scripts can make them open another host than the text shows.
    problem = weburl.problem(text)  # its message names the address, quoted
    if problem:
        raise fail(*problem)
    return text  # as written: IDN hosts stay in the form the member chose (docs/decisions.md, "Web addresses")


def check_email(text: str) -> str:
    if text.lower().startswith("mailto:"):
        raise fail(M("write the address without 'mailto:': {address}", address=quote(text[7:])), "CF-E117")
    if not EMAIL_RE.fullmatch(text):
        raise fail(M("{value} is not an e-mail address; write e.g. info@example.com", value=quote(text)), "CF-E118")
    return text


def check_phone(text: str) -> str:
    if not PHONE_RE.fullmatch(text):
        raise fail(M("{value} is not a phone number; use digits, spaces and + ( ) - / . only, e.g. +49 711 555-0100", value=quote(text)), "CF-E119")
    return text


def check_id(text: str) -> str:
    if not ID_RE.fullmatch(text):
        raise fail(M("{value} is not an id; ids are lower-case letters, digits and single hyphens, e.g. laser-systems", value=quote(text)), "CF-E120")
    return text


COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def check_colour(text: str) -> str:
    if not COLOUR_RE.fullmatch(text):
        raise fail(M("{value} is not a colour; write # and six hexadecimal digits, e.g. #0b5d5b", value=quote(text)), "CF-E128")
    return text.lower()


def check_github(text: str) -> str:
    if not GITHUB_RE.fullmatch(text):
        raise fail(M("{value} is not a GitHub user name", value=quote(text)), "CF-E121")
    return text.lstrip("@")


def choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text not in options:
            raise fail(M("{value} is not one of {choices}", value=quote(text), choices=", ".join(options)) + did_you_mean(text, options), "CF-E122")
        return text
    return check


def check_count(text: str) -> int:
    if not re.fullmatch(r"[1-9][0-9]?", text):
        raise fail(M("{value} is not a whole number of years between 1 and 99", value=quote(text)), "CF-E123")
    return int(text)


def Many(item: Any, limit: int) -> Any:  # noqa: N802 - reads as a type in field declarations
    """A list of at most `limit` entries: the work a file causes stays bounded (pages, index, open data).

    Repeated entries are refused by validate.values.check_repeats, which can name the line of the repeat."""
    return Annotated[list[item], Field(max_length=limit)]


def _str_schema(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


# Numbers may be written bare in YAML, so editors must accept them as numbers too.
Year = Annotated[int, *scalar(check_year, {"type": ["integer", "string"], "pattern": "^[0-9]{4}$", "minimum": 1000, "maximum": 2999}, M("a year"))]
Date = Annotated[
    dt.date,
    *scalar(check_date, _str_schema(format="date"), M("a date (YYYY-MM-DD)")),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
]
Country = Annotated[str, *scalar(check_country, _str_schema(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 country code"), M("a country code"))]
Language = Annotated[str, *scalar(check_language, _str_schema(pattern="^[a-z]{2}$", description="ISO 639-1 language code"), M("a language code"))]
Url = Annotated[str, *scalar(check_https, _str_schema(pattern="^https://", format="uri"), M("an https:// address"))]
Email = Annotated[str, *scalar(check_email, _str_schema(format="email"), M("an e-mail address"))]
Phone = Annotated[str, *scalar(check_phone, _str_schema(pattern=PHONE_RE.pattern), M("a phone number"))]
Id = Annotated[str, *scalar(check_id, _str_schema(pattern=ID_RE.pattern), M("an id"))]
Colour = Annotated[str, *scalar(check_colour, _str_schema(pattern=COLOUR_RE.pattern, description="a colour: # and six hexadecimal digits"), M("a colour"))]
GitHubUser = Annotated[str, *scalar(check_github, _str_schema(pattern=GITHUB_RE.pattern), M("a GitHub user name"))]
Employees = Annotated[str, *scalar(choice(EMPLOYEE_BANDS), _str_schema(enum=list(EMPLOYEE_BANDS)), M("an employee band"))]
LabelLevel = Annotated[str, *scalar(choice(LABEL_LEVELS), _str_schema(enum=list(LABEL_LEVELS)))]
ActivityKind = Annotated[str, *scalar(choice(ACTIVITY_KINDS), _str_schema(enum=list(ACTIVITY_KINDS)))]
ActivityLevel = Annotated[str, *scalar(choice(ACTIVITY_LEVELS), _str_schema(enum=list(ACTIVITY_LEVELS)))]
ValidityYears = Annotated[int, *scalar(check_count, {"type": ["integer", "string"], "minimum": 1, "maximum": 99}, M("a number"))]


def Text(max_len: int) -> Any:  # noqa: N802 - reads as a type in field declarations
    """One line of plain text up to max_len characters."""
    return Annotated[str, *scalar(plain_text(max_len), _str_schema(maxLength=max_len, minLength=1))]


# --- translatable text -----------------------------------------------------------------------


class LangMap(dict):
    """Text per language code; which codes are allowed is checked against the site (validate.py)."""


class LangListMap(dict):
    """A list of short texts per language code."""


@dataclass(frozen=True)
class TextRules:
    """How a translatable field is checked per language."""

    max_len: int
    markdown: bool = False
    item_max_len: int = 0  # for translatable lists: the limit of each item


def _lang_map(value: Any) -> LangMap:
    if isinstance(value, str):
        raise fail(M("expected texts per language, found plain text; write one line per language, e.g. 'de: …' and 'en: …' "
                     "on indented lines below the field"), "CF-E124")
    if not isinstance(value, dict):
        raise fail(M("expected texts per language (de: …, en: …), found {found}", found=_kind(value)), "CF-E124")
    out = LangMap()
    for lang, text in value.items():
        if text is None:
            continue  # an empty translation is a missing one
        if not isinstance(text, str):
            raise fail(M("the {language_code} entry must be text, found {found}", language_code=quote(lang), found=_kind(text)), "CF-E125")
        out[lang] = text.strip()
    return out


def _lang_list_map(value: Any) -> LangListMap:
    if not isinstance(value, dict):
        raise fail(M("expected a list per language (de: [...], en: [...]), found {found}", found=_kind(value)), "CF-E124")
    out = LangListMap()
    for lang, items in value.items():
        if items is None:
            continue
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise fail(M("the {language_code} entry must be a list of texts, found {found}", language_code=quote(lang), found=_kind(items)), "CF-E125")
        out[lang] = [i.strip() for i in items if i]
    return out


_LANG_SCHEMA = {"type": "object", "propertyNames": {"pattern": "^[a-z]{2}$"}, "minProperties": 1}


def Translated(max_len: int, markdown: bool = False) -> Any:  # noqa: N802
    """Text per language (SPEC §3), restricted Markdown where markdown is set."""
    schema = {**_LANG_SCHEMA, "additionalProperties": {"type": "string", "maxLength": max_len}}
    if markdown:
        schema["description"] = "Restricted Markdown: paragraphs, emphasis, strong, lists, https/mailto links."
    return Annotated[LangMap, PlainValidator(_lang_map), WithJsonSchema(schema), TextRules(max_len, markdown)]


def TranslatedList(item_max_len: int, max_items: int) -> Any:  # noqa: N802
    """A list of short texts per language."""
    schema = {**_LANG_SCHEMA, "additionalProperties": {"type": "array", "maxItems": max_items, "items": {"type": "string", "maxLength": item_max_len}}}
    return Annotated[LangListMap, PlainValidator(_lang_list_map), WithJsonSchema(schema), TextRules(max_items, item_max_len=item_max_len)]


# --- models ----------------------------------------------------------------------------------


class Model(BaseModel):
    """Base: frozen, and unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


class MemberContact(Model):
    email: Optional[Email] = None
    phone: Optional[Phone] = None
    contact_page: Optional[Url] = None

    @model_validator(mode="after")
    def _one_way(self) -> MemberContact:
        if not (self.email or self.phone or self.contact_page):
            raise fail(M("give at least one of email, phone or contact_page"), "CF-E126")
        return self


class ClusterContact(Model):
    organisation: Optional[Text(200)] = None
    street: Optional[Text(200)] = None
    postal_code: Optional[Text(20)] = None
    city: Optional[Text(100)] = None
    email: Optional[Email] = None
    phone: Optional[Phone] = None
    contact_page: Optional[Url] = None

    @model_validator(mode="after")
    def _reachable(self) -> ClusterContact:
        if not (self.email or self.contact_page):
            raise fail(M("give an email or a contact_page"), "CF-E126")
        return self


# A cluster names a handful of people (the management, a desk for partners abroad); each is a card
# on the contact page and the home page, so the list stays short.
CONTACTS_MAX = 10


class ContactPerson(Model):
    """A named person a partner abroad can write to or call (the contact page's named contacts)."""

    name: Text(100)
    role: Translated(80)
    email: Optional[Email] = None
    phone: Optional[Phone] = None
    languages: Many(Language, 20) = []  # the languages the person speaks, ISO 639-1
    # A picture under profiles/logos/, checked and published like a logo (validate.pictures.check_photos).
    photo: Optional[Text(200)] = None

    @model_validator(mode="after")
    def _reachable(self) -> ContactPerson:
        if not (self.email or self.phone):
            raise fail(M("give an email or a phone"), "CF-E126")
        return self


# A label is "expiring" this many days before valid_until; check and report warn from then on.
EXPIRY_WARNING_DAYS = 90


class LabelStatus(str, enum.Enum):
    """The status of a label on a given date (SPEC §4.1)."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NOT_YET_VALID = "not yet valid"

    @property
    def current(self) -> bool:
        """Whether a page may show and claim the label as held."""
        return self in (LabelStatus.VALID, LabelStatus.EXPIRING)

    @property
    def slug(self) -> str:
        """The status as an id (CSS classes, data attributes): valid, expiring, expired, not-yet-valid."""
        return self.value.replace(" ", "-")


class Label(Model):
    scheme: Id
    awarded: Date
    valid_until: Date
    certificate_url: Optional[Url] = None
    certificate_id: Optional[Text(100)] = None

    def status(self, on: dt.date) -> LabelStatus:
        """valid, expiring (90 days or fewer left), expired or not yet valid, on the given date."""
        if on < self.awarded:
            return LabelStatus.NOT_YET_VALID
        if on > self.valid_until:
            return LabelStatus.EXPIRED
        if (self.valid_until - on).days <= EXPIRY_WARNING_DAYS:
            return LabelStatus.EXPIRING
        return LabelStatus.VALID


class Partner(Model):
    name: Text(200)
    country: Country
    city: Optional[Text(100)] = None
    website: Optional[Url] = None
    since: Optional[Year] = None
    topics: Many(Id, 50) = []


class Activity(Model):
    name: Text(200)
    kind: ActivityKind
    level: ActivityLevel
    start: Date
    end: Optional[Date] = None
    city: Optional[Text(100)] = None
    country: Optional[Country] = None
    url: Optional[Url] = None
    description: Optional[Translated(600)] = None


class Brand(Model):
    """The cluster's colours (SPEC §3.5): the header and buttons, and links on white."""

    primary: Colour
    accent: Optional[Colour] = None  # links; the primary colour when not given


class Cluster(Model):
    name: Text(150)
    short_name: Optional[Text(40)] = None
    legal_name: Optional[Text(200)] = None
    founded: Optional[Year] = None
    region: Optional[Text(100)] = None
    country: Country
    website: Url
    logo: Optional[Text(200)] = None
    tagline: Translated(120)
    summary: Translated(600)
    description: Optional[Translated(5000, markdown=True)] = None
    focus: Many(Id, 50) = Field(min_length=1)
    contact: ClusterContact
    contacts: Many(ContactPerson, CONTACTS_MAX) = []
    labels: Many(Label, 50) = []
    partners: Many(Partner, 300) = []
    target_markets: Many(Country, 250) = []
    activities: Many(Activity, 500) = []
    eccp_profile: Optional[Url] = None
    social: Annotated[dict[Text(40), Url], Field(max_length=20)] = {}
    brand: Optional[Brand] = None


class Seeks(Model):
    text: Optional[Translated(300)] = None
    partner_types: Many(Id, 50) = []
    countries: Many(Country, 250) = []
    # When the request opened and when it closes (both days included): the cooperation board shows
    # it from `since` to `until`; check warns before `until` (validate.requests).
    since: Optional[Date] = None
    until: Optional[Date] = None


class MarketNote(Model):
    country: Country
    note: Translated(200)


class Member(Model):
    name: Text(150)
    type: Id
    employees: Optional[Employees] = None
    founded: Optional[Year] = None
    city: Text(100)
    country: Country
    website: Url
    logo: Optional[Text(200)] = None
    summary: Translated(300)
    description: Optional[Translated(3000, markdown=True)] = None
    competences: Many(Id, 50) = Field(min_length=1)
    value_chain: Many(Id, 30) = []
    offers: Optional[TranslatedList(120, 20)] = None
    seeks: Optional[Seeks] = None
    markets: Many(Country, 250) = []
    # Short notes on the member's experience in markets it names, e.g. "since 2015 sales office in Lyon".
    market_notes: Many(MarketNote, 250) = []
    languages: Many(Language, 50) = []
    certifications: Many(Text(100), 50) = []
    contact: MemberContact
    maintainers: Many(GitHubUser, 20) = []
    member_since: Optional[Year] = None

    def market_note(self, country: str) -> LangMap | None:
        """The member's note on a market, if it wrote one."""
        return next((n.note for n in self.market_notes if n.country == country), None)


class CompetenceGroup(Model):
    label: Translated(80)


class Competence(Model):
    label: Translated(80)
    description: Optional[Translated(600)] = None
    group: Optional[Id] = None


class Stage(Model):
    label: Translated(80)
    description: Optional[Translated(600)] = None


class MemberType(Model):
    label: Translated(80)


class LabelScheme(Model):
    name: Translated(120)
    level: LabelLevel
    issuer: Text(200)
    verify_url: Optional[Url] = None
    description: Optional[Translated(1000)] = None
    validity_years: Optional[ValidityYears] = None


class Taxonomy(Model):
    # Bounded like the profiles' lists: the value-chain matrix is competences × stages.
    competence_groups: dict[Id, CompetenceGroup] = Field(default={}, max_length=200)
    competences: dict[Id, Competence] = Field(min_length=1, max_length=1000)
    value_chain: dict[Id, Stage] = Field(min_length=1, max_length=30)
    member_types: dict[Id, MemberType] = Field(min_length=1, max_length=50)
    label_schemes: dict[Id, LabelScheme] = Field(default={}, max_length=100)


# Which vocabulary of the taxonomy an id field of the member model takes its values from: the
# references validate.references checks, and the choices /admin/ offers for them.
MEMBER_VOCABULARIES: dict[tuple[str, ...], str] = {
    ("type",): "member_types",
    ("competences",): "competences",
    ("value_chain",): "value_chain",
    ("seeks", "partner_types"): "member_types",
}


# --- walking translatable texts ----------------------------------------------------------------


@cache
def text_fields(model: type[BaseModel]) -> dict[str, TextRules]:
    """The translatable fields of a model class and their rules."""
    out = {}
    for name, info in model.model_fields.items():
        rules = shape(info.annotation, tuple(info.metadata)).first(TextRules)
        if rules:
            out[name] = rules
    return out


def _may_hold_models(annotation: Any) -> bool:
    inner = shape(annotation).inner
    return inner is Any or isinstance(inner, type) and issubclass(inner, BaseModel)


@cache
def _fields_with_texts(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that are, or may hold, translatable texts: a name, a country
    code or a list of ids is not looked into (most of a member's fields)."""
    rules = text_fields(model)
    return tuple(name for name, info in model.model_fields.items() if name in rules or _may_hold_models(info.annotation))


def translatables(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, LangMap | LangListMap, TextRules, type, str]]:
    """Every translatable value in a model, with its path, rules, owner class and field name."""
    if isinstance(obj, BaseModel):
        rules = text_fields(type(obj))
        for name in _fields_with_texts(type(obj)):
            value = getattr(obj, name)
            if value is None:
                continue
            if name in rules and isinstance(value, dict) and not isinstance(value, (LangMap, LangListMap)):
                for key, item in value.items():  # texts per key, e.g. market_notes: {FR: {de: …}}
                    yield path + (name, key), item, rules[name], type(obj), name
            elif name in rules:
                yield path + (name,), value, rules[name], type(obj), name
            else:
                yield from translatables(value, path + (name,))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from translatables(item, path + (index,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from translatables(item, path + (key,))


# Taxonomy fields whose translatable texts are needed in every site language.
ALL_LANGUAGES_REQUIRED = {(CompetenceGroup, "label"), (Competence, "label"), (Stage, "label"), (MemberType, "label"), (LabelScheme, "name")}


@dataclass(frozen=True)
class Project:
    """Everything one build reads: the validated profiles and the site settings."""

    languages: tuple[str, ...]
    cluster: Cluster
    taxonomy: Taxonomy
    members: dict[str, Member]  # by slug, sorted
    build_date: dt.date
    # The managers' notes on countries: country code -> language -> restricted Markdown
    # (content/<lang>/countries/<cc>.md).
    country_notes: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @cached_property
    def index(self) -> Index:
        """Lookups derived once from the profiles."""
        return Index(self)


@dataclass(frozen=True)
class Index:
    """Lookups derived from a project: members in name order and grouped by the ids they name."""

    project: Project = field(repr=False)

    @cached_property
    def members(self) -> list[tuple[str, Member]]:
        """(slug, member) in name order, as every listing shows them."""
        return sorted(self.project.members.items(), key=lambda kv: kv[1].name.casefold())

    @cached_property
    def slugs(self) -> list[str]:
        return [slug for slug, _ in self.members]

    def _grouped(self, ids_of: Callable[[Member], list[str]]) -> dict[str, list[str]]:
        """Member slugs (in name order) under each id a member names."""
        out: dict[str, list[str]] = defaultdict(list)
        for slug, m in self.members:
            for key in dict.fromkeys(ids_of(m)):
                out[key].append(slug)
        return dict(out)

    @cached_property
    def by_competence(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: m.competences)

    @cached_property
    def by_stage(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: m.value_chain)

    @cached_property
    def by_type(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: [m.type])

    @cached_property
    def by_cell(self) -> dict[tuple[str, str], list[str]]:
        """Member slugs per (competence, value-chain stage)."""
        # Repeats are dropped before the pairs are formed, so the work is linear in the entries
        # (check refuses repeats, CF-E132; this holds even for a project loaded without it).
        return self._grouped(lambda m: [(c, s) for c in dict.fromkeys(m.competences) for s in dict.fromkeys(m.value_chain)])  # type: ignore[arg-type,return-value]

    @cached_property
    def by_location(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: [m.country])

    @cached_property
    def by_market(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: m.markets)

    @cached_property
    def by_sought_country(self) -> dict[str, list[str]]:
        return self._grouped(lambda m: m.seeks.countries if m.seeks else [])

    @cached_property
    def gaps(self) -> list[tuple[str, str]]:
        """(competence, stage) cells of the value chain with no member: what the cluster seeks partners for."""
        tax = self.project.taxonomy
        return [(c, s) for c in tax.competences for s in tax.value_chain if (c, s) not in self.by_cell]

    @cached_property
    def countries(self) -> list[str]:
        """Every country named anywhere in the profiles."""
        c = self.project.cluster
        codes = {c.country, *c.target_markets, *(p.country for p in c.partners), *(a.country for a in c.activities if a.country)}
        codes |= self.by_location.keys() | self.by_market.keys() | self.by_sought_country.keys()
        codes |= self.project.country_notes.keys()
        return sorted(codes)

    @cached_property
    def labels(self) -> list[tuple[Label, LabelStatus]]:
        """Every label with its status on the build date, latest valid_until first."""
        today = self.project.build_date
        return sorted(
            ((lab, lab.status(today)) for lab in self.project.cluster.labels),
            key=lambda ls: (ls[0].valid_until, ls[0].scheme), reverse=True,
        )

    @cached_property
    def current_labels(self) -> list[tuple[Label, LabelStatus]]:
        """The labels a page may show as held."""
        return [(lab, s) for lab, s in self.labels if s.current]


Kind = Literal["cluster", "member", "taxonomy"]
MODELS: dict[str, type[Model]] = {"cluster": Cluster, "member": Member, "taxonomy": Taxonomy}
