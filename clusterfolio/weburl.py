"""Web addresses as browsers read them: WHATWG URL parsing (Ada), IDNA 2008 / UTS 46 hosts, UTS 39 scripts.

A profile's address is published as a link, so the text a visitor sees and the host the
browser opens must be the same. Python's `urllib.parse` follows RFC 3986, browsers follow the
WHATWG URL Standard, and the two disagree exactly where it matters: `https://evil.example\\good.example.com`
is one host to urllib and `evil.example` to a browser, which reads `\\` as `/`. So the address is
parsed by Ada (the WHATWG parser of Node.js), its host checked as a DNS name (the `idna` package:
IDNA 2008 with the UTS 46 mapping) and for mixed scripts (disarm's Unicode script data, the
"highly restrictive" level of UTS 39). docs/decisions.md, "Web addresses".

This module knows only the text of one address; its messages say what is wrong with it as whole
sentences whose subject is the address (`{address}`): the quoted address in a profile's field
(model.check_https), "the address" after a link target (markdown.link_problem). It imports nothing
of the model, which imports it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import ada_url
import idna
from babel import Locale
from disarm import Script, detect_scripts, is_suspicious_hostname, script_info

from .messages import DEFAULT, LANGUAGES, M, Msg
from .problems import quote

Problem = tuple[Msg, str]  # what is wrong, a sentence about the address; its problem code (codes.py)
Subject = str | Msg  # what the sentence names the address by: its quoted text, or "the address"

NOT_AN_ADDRESS = "CF-E116"
READ_DIFFERENTLY = "CF-E133"
MIXED_SCRIPTS = "CF-E134"

# \s is str.isspace's set; the WHATWG parser drops tabs and line breaks, and trims the rest.
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x1f\x7f]|\s")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# A port as people write one: digits, no leading zero. Ada reads ':0443' as 443 and ':' alone as
# no port; neither is what the text shows.
_PORT = re.compile(r"[1-9][0-9]{0,4}")
# A DNS label in its ASCII form (RFC 1123 "LDH": letters, digits, hyphens), lower-case because
# the WHATWG host is.
_LDH = re.compile(r"[a-z0-9-]+")
# A last label that the WHATWG parser reads as a number, making the host an IPv4 address.
_NUMERIC_END = re.compile(r"(?:^|\.)(?:0x[0-9a-f]*|[0-9]+)\.?$", re.I)
_PLAIN_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?")
_HOST_TYPE_DOMAIN = 0  # ada_url.HostType: 0 a domain, 1 IPv4, 2 IPv6

# UTS 39 §5.2 "Highly Restrictive": a label is in one script, or in one of these sets (Latin
# beside the scripts that Japanese, Chinese and Korean writing use with it).
_ALLOWED_SCRIPT_SETS = (
    frozenset({Script.LATIN, Script.HAN, Script.HIRAGANA, Script.KATAKANA}),
    frozenset({Script.LATIN, Script.HAN, Script.BOPOMOFO}),
    frozenset({Script.LATIN, Script.HAN, Script.HANGUL}),
)


def _invalid(address: Subject) -> Problem:
    return M("{address} is not a valid https:// address; write e.g. https://www.example.com/", address=address), NOT_AN_ADDRESS


def _ip_address(address: Subject) -> Problem:
    return (M("{address} names an IP address instead of a host name; write the host name, e.g. https://www.example.com/", address=address),
            READ_DIFFERENTLY)


# An https address in printable ASCII (no backslash) whose host is plain_address's kind, with an
# optional port of digits without a leading zero.
_PLAIN_ADDRESS = re.compile(r"https://([A-Za-z0-9.-]+)(?::([1-9][0-9]{0,4}))?(?:[/?#][\x21-\x5b\x5d-\x7e]*)?")


def plain_address(url: str) -> bool:
    """True for an address full_problem finds nothing wrong with, known without the WHATWG parse:
    https:// in lower case, printable ASCII without a backslash, a port up to 65535 if any, and a
    host of plain DNS labels (letters, digits, single hyphens inside, a top label starting with a
    letter, no xn--), which browsers read as written, lower-cased. Most members' addresses are
    such; tests/test_check_speed.py holds the two to the same answer."""
    found = _PLAIN_ADDRESS.fullmatch(url)
    if found is None:
        return False
    host, port = found.groups()
    return (port is None or int(port) <= 65535) and "--" not in host and len(host) <= 253 and _PLAIN_HOST.fullmatch(host.lower()) is not None


@lru_cache(maxsize=4096)
def problem(url: str, address: Subject | None = None) -> Problem | None:
    """Why a browser would not open the host this https address shows, or None when it would.

    The message names the address as `address` says ("the address"), else by its quoted text.
    The address must already use the https scheme (callers say what is wrong with another one).
    """
    if plain_address(url):
        return None  # the usual case: no WHATWG parse of an address it would read as written
    return full_problem(url, address)


def full_problem(url: str, address: Subject | None = None) -> Problem | None:
    """problem()'s answer, found by the WHATWG parse and the looks after it."""
    address = quote(url) if address is None else address
    if _SPACE_OR_CONTROL.search(url):
        return M("{address} contains spaces or invisible control characters; write the address without them", address=address), NOT_AN_ADDRESS
    if "\\" in url:
        return _backslash(url, address), READ_DIFFERENTLY
    if url[:8].lower() != "https://":
        return _invalid(address)  # 'https:example.com', 'https:/example.com': browsers guess, the text does not say
    authority = re.split(r"[/?#]", url[8:], maxsplit=1)[0]
    if not authority:
        return _invalid(address)
    if "@" in authority:
        return _user_info(url, authority, address), READ_DIFFERENTLY
    if "[" in authority or "]" in authority:
        return _ip_address(address)
    shown, colon, port = authority.partition(":")
    if colon and not (_PORT.fullmatch(port) and int(port) <= 65535):
        return _bad_port(port, address), READ_DIFFERENTLY
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        if _NUMERIC_END.search(shown):  # 'a.1': the WHATWG parser takes it for a broken IPv4 address
            return _ip_address(address)
        return (M("{address} is not an address browsers can open: its host name {host} holds characters that host names do not allow",
                  address=address, host=quote(shown)), READ_DIFFERENTLY)
    if parsed.host_type != _HOST_TYPE_DOMAIN:
        return _ip_address(address)
    host = parsed.hostname  # the WHATWG host: lower-case ASCII, international labels as xn--…
    read = ada_url.idna.decode(host) if "xn--" in host else host  # as browsers show it (UTS 46 ToUnicode)
    if unicodedata.normalize("NFC", shown).lower() not in (host, read):
        return (M("{address} is read by browsers as the host {host}, not {written} as written; write {suggestion} if that is the address",
                  address=address, host=quote(read), written=quote(shown), suggestion=f"https://{read}/"), READ_DIFFERENTLY)
    return _dns_problem(host, address) or _script_problem(host, address)


def scheme(url: str) -> str:
    """The address's scheme in lower case (as urlsplit finds it, without its errors), or ''."""
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else ""


def serialise(url: str) -> str:
    """The address as the WHATWG parser writes it (host in ASCII, path percent-encoded)."""
    return str(ada_url.URL(url).href)


def _backslash(url: str, address: Subject) -> Msg:
    try:
        host = quote(ada_url.URL(url).hostname)
    except ValueError:
        return M("{address} contains a backslash (\\), which browsers read as a slash (/): they cannot open it; write / instead, or leave it out",
                 address=address)
    return M("{address} contains a backslash (\\), which browsers read as a slash (/): they would open {host}; write / instead, or leave it out",
             address=address, host=host)


def _user_info(url: str, authority: str, address: Subject) -> Msg:
    try:
        opens = quote(ada_url.URL(url).hostname)
    except ValueError:
        opens = quote(authority.rpartition("@")[2])
    return M("{address} has a name and '@' in front of its host: browsers would open {host} and treat everything "
             "before '@' as a user name; write only the address, e.g. https://www.example.com/", address=address, host=opens)


def _bad_port(port: str, address: Subject) -> Msg:
    if not port:
        return M("{address} has a ':' after its host but no port number; leave the ':' out", address=address)
    return M("{address} has the port {port}, which is not a port number from 1 to 65535 written without "
             "leading zeros; most addresses need no port, so leave it out", address=address, port=quote(":" + port))


def _dns_problem(host: str, address: Subject) -> Problem | None:
    """Why the WHATWG host is no valid DNS name (RFC 1123, IDNA 2008 after UTS 46), or None."""
    if "--" not in host and len(host) <= 253 and _PLAIN_HOST.fullmatch(host):
        return None  # the usual case, in one look: ASCII labels of at most 63 characters, a top label of letters
    if host.endswith("."):
        return M("{address} ends its host name {host} with a dot; leave the dot out", address=address, host=quote(host)), READ_DIFFERENTLY
    labels = host.split(".")
    if len(labels) < 2:
        return (M("{address} has the host name {host} without a dot; write the full name, e.g. www.example.com", address=address, host=quote(host)),
                READ_DIFFERENTLY)
    if "" in labels:
        return M("{address} has an empty part between two dots in its host name {host}", address=address, host=quote(host)), READ_DIFFERENTLY
    if len(host) > 253:
        return M("{address} has a host name longer than 253 characters, more than the internet's names allow", address=address), READ_DIFFERENTLY
    for label in labels:
        if found := _label_problem(label, address):
            return found, READ_DIFFERENTLY
    if labels[-1].isdigit():
        return _ip_address(address)
    return None


def _label_problem(label: str, address: Subject) -> Msg | None:
    """Why one part of a host name (between its dots) is no valid DNS label, or None."""
    part = quote(label)
    if len(label) > 63:
        return M("{address} has the part {part} in its host name, longer than the 63 characters a part may have", address=address, part=part)
    if not _LDH.fullmatch(label):
        bad = next(ch for ch in label if not _LDH.fullmatch(ch))
        return M("{address} has the character {character} in its host name; host names hold only letters, digits, "
                 "hyphens (-) and dots", address=address, character=quote(bad))
    if label.startswith("-") or label.endswith("-"):
        return M("{address} has the part {part} in its host name, which starts or ends with a hyphen (-)", address=address, part=part)
    if label[2:4] == "--" and not label.startswith("xn--"):
        return M("{address} has the part {part} in its host name, with two hyphens in third and fourth place, "
                 "which only international names written as xn--… may have", address=address, part=part)
    if label.startswith("xn--"):
        return _idn_problem(label, address)
    return None


def _idn_problem(label: str, address: Subject) -> Msg | None:
    """Why an xn--… label is no valid international name (IDNA 2008), or None."""
    try:
        unicode = idna.decode(label)
        if idna.encode(unicode).decode("ascii") != label:  # only one spelling of a name is valid
            raise idna.IDNAError("not the name's own spelling")
    except idna.InvalidCodepoint as error:
        found = re.search(r"U\+([0-9A-F]{4,6})", str(error))
        if found and chr(int(found.group(1), 16)).isprintable():  # else the xn--… text itself is broken
            ch = chr(int(found.group(1), 16))
            name = unicodedata.name(ch, None) or M("a character")
            return M("{address} has the character {character} ({code_point}, {name}) in its host name, which internet names do not allow",
                     address=address, character=quote(ch), code_point=f"U+{found.group(1)}", name=name)
        return M("{address} has the part {part} in its host name, which is no valid international name", address=address, part=quote(label))
    except (idna.IDNAError, UnicodeError):
        return M("{address} has the part {part} in its host name, which is no valid international name", address=address, part=quote(label))
    return None


def _script_problem(host: str, address: Subject) -> Problem | None:
    """Why the host's letters could imitate another name (UTS 39), or None."""
    if "xn--" not in host:
        return None  # ASCII letters are all Latin
    unicode = idna.decode(host)  # valid: _dns_problem decoded each label
    labels = unicode.split(".")
    for label in labels:
        scripts = detect_scripts(label)
        if len(scripts) > 1 and not any(set(scripts) <= allowed for allowed in _ALLOWED_SCRIPT_SETS):
            return _mixed(label, scripts, address), MIXED_SCRIPTS
    # A label wholly in another script whose letters all look Latin ('аррӏе', Cyrillic) under a
    # Latin top-level domain: browsers show such a host as xn--… to warn, the page would show
    # 'apple'. (Under a top-level domain of its own script, 'москва.рф', it is ordinary.)
    if labels[-1].isascii():
        _suspicious, analysis = is_suspicious_hostname(unicode)
        canonical = analysis.canonical.split(".")
        confusable = analysis.label_whole_script_confusable
        for index, label in enumerate(labels[:-1]):
            if index < min(len(confusable), len(canonical)) and confusable[index]:
                return (M("{address} has the part {part} in its host name, written in {script} letters that look "
                          "like the Latin {latin}; browsers show such names as {ascii} to warn visitors; write the name in "
                          "Latin letters if that is the address", address=address, part=quote(label), script=ScriptName.of(detect_scripts(label)[0]),
                          latin=quote(canonical[index]), ascii=quote(idna.encode(label).decode("ascii"))), MIXED_SCRIPTS)
    return None


def _mixed(label: str, scripts: list[Script], address: Subject) -> Msg:
    by_script = {s: [ch for ch in label if detect_scripts(ch) == [s]] for s in scripts}
    # The intruder is the script with the fewest letters (the later one when two have as many).
    rare = min(scripts, key=lambda s: (len(by_script[s]), -scripts.index(s)))
    ch = by_script[rare][0]
    names: Msg | ScriptName = ScriptName.of(scripts[0])
    for script in scripts[1:]:
        names = M("{first} and {second}", first=names, second=ScriptName.of(script))
    return M("{address} mixes {scripts} letters in its host name part {part} ({character}, {code_point}, is {script}); "
             "such names imitate other addresses: retype the address with the letters of one script only",
             address=address, scripts=names, part=quote(label), character=quote(ch), code_point=f"U+{ord(ch):04X}", script=ScriptName.of(rare))


@cache
def _script_codes() -> dict[str, str]:
    """ISO 15924 codes by English script name (CLDR's), to name a script in the reader's language."""
    return {name: code for code, name in Locale.parse(DEFAULT).scripts.items()}


@dataclass(frozen=True)
class ScriptName:
    """A script as a placeholder value: Unicode's name in English (disarm's: "Latin", "Cyrillic"),
    CLDR's name in the reader's language ("Kyrillisch", "cyrillique"), else Unicode's."""

    name: str

    @classmethod
    def of(cls, script: Script) -> ScriptName:
        return cls(script_info(script)["name"])

    def render(self, lang: str = DEFAULT) -> str:
        code = _script_codes().get(self.name)
        if lang == DEFAULT or lang not in LANGUAGES or code is None:
            return self.name
        return Locale.parse(lang).scripts.get(code, self.name)

    def __str__(self) -> str:
        return self.render(DEFAULT)
