"""Web addresses as browsers read them: WHATWG URL parsing (Ada), IDNA 2008 / UTS 46 hosts, UTS 39 scripts.

A profile's address is published as a link, so the text a visitor sees and the host the
browser opens must be the same. Python's `urllib.parse` follows RFC 3986, browsers follow the
WHATWG URL Standard, and the two disagree exactly where it matters: `https://evil.example\\good.example.com`
is one host to urllib and `evil.example` to a browser, which reads `\\` as `/`. So the address is
parsed by Ada (the WHATWG parser of Node.js), its host checked as a DNS name (the `idna` package:
IDNA 2008 with the UTS 46 mapping) and for mixed scripts (disarm's Unicode script data, the
"highly restrictive" level of UTS 39). docs/decisions.md, "Web addresses".

This module knows only the text of one address; callers (model.check_https, markdown.link_allowed)
turn a problem into their message. It imports nothing of the model, which imports it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ada_url
import idna
from disarm import Script, detect_scripts, is_suspicious_hostname, script_info

from .problems import quote

Problem = tuple[str, str]  # what is wrong, said after the quoted address; its problem code (codes.py)

NOT_AN_ADDRESS = "CF-E116"
READ_DIFFERENTLY = "CF-E133"
MIXED_SCRIPTS = "CF-E134"

# \s is str.isspace's set; the WHATWG parser drops tabs and line breaks, and trims the rest.
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x1f\x7f]|\s")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_INVALID = ("is not a valid https:// address; write e.g. https://www.example.com/", NOT_AN_ADDRESS)
# A port as people write one: digits, no leading zero. Ada reads ':0443' as 443 and ':' alone as
# no port; neither is what the text shows.
_PORT = re.compile(r"[1-9][0-9]{0,4}")
# A DNS label in its ASCII form (RFC 1123 "LDH": letters, digits, hyphens), lower-case because
# the WHATWG host is.
_LDH = re.compile(r"[a-z0-9-]+")
_IP_ADDRESS = ("names an IP address instead of a host name; write the host name, e.g. https://www.example.com/", READ_DIFFERENTLY)
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


@lru_cache(maxsize=4096)
def problem(url: str) -> Problem | None:
    """Why a browser would not open the host this https address shows, or None when it would.

    The address must already use the https scheme (callers say what is wrong with another one).
    """
    if _SPACE_OR_CONTROL.search(url):
        return "contains spaces or invisible control characters; write the address without them", NOT_AN_ADDRESS
    if "\\" in url:
        return _backslash(url), READ_DIFFERENTLY
    if url[:8].lower() != "https://":
        return _INVALID  # 'https:example.com', 'https:/example.com': browsers guess, the text does not say
    authority = re.split(r"[/?#]", url[8:], maxsplit=1)[0]
    if not authority:
        return _INVALID
    if "@" in authority:
        return _user_info(url, authority), READ_DIFFERENTLY
    if "[" in authority or "]" in authority:
        return _IP_ADDRESS
    shown, colon, port = authority.partition(":")
    if colon and not (_PORT.fullmatch(port) and int(port) <= 65535):
        return _bad_port(port), READ_DIFFERENTLY
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        if _NUMERIC_END.search(shown):  # 'a.1': the WHATWG parser takes it for a broken IPv4 address
            return _IP_ADDRESS
        return f"is not an address browsers can open: its host name {quote(shown)} holds characters that host names do not allow", READ_DIFFERENTLY
    if parsed.host_type != _HOST_TYPE_DOMAIN:
        return _IP_ADDRESS
    host = parsed.hostname  # the WHATWG host: lower-case ASCII, international labels as xn--…
    read = ada_url.idna.decode(host) if "xn--" in host else host  # as browsers show it (UTS 46 ToUnicode)
    if unicodedata.normalize("NFC", shown).lower() not in (host, read):
        return (f"is read by browsers as the host {quote(read)}, not {quote(shown)} as written; "
                f"write https://{read}/ if that is the address"), READ_DIFFERENTLY
    return _dns_problem(host) or _script_problem(host)


def scheme(url: str) -> str:
    """The address's scheme in lower case (as urlsplit finds it, without its errors), or ''."""
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else ""


def serialise(url: str) -> str:
    """The address as the WHATWG parser writes it (host in ASCII, path percent-encoded)."""
    return str(ada_url.URL(url).href)


def _backslash(url: str) -> str:
    try:
        opens = f"they would open {quote(ada_url.URL(url).hostname)}"
    except ValueError:
        opens = "they cannot open it"
    return f"contains a backslash (\\), which browsers read as a slash (/): {opens}; write / instead, or leave it out"


def _user_info(url: str, authority: str) -> str:
    try:
        opens = quote(ada_url.URL(url).hostname)
    except ValueError:
        opens = quote(authority.rpartition("@")[2])
    return (f"has a name and '@' in front of its host: browsers would open {opens} and treat everything "
            "before '@' as a user name; write only the address, e.g. https://www.example.com/")


def _bad_port(port: str) -> str:
    if not port:
        return "has a ':' after its host but no port number; leave the ':' out"
    return (f"has the port {quote(':' + port)}, which is not a port number from 1 to 65535 written without "
            "leading zeros; most addresses need no port, so leave it out")


def _dns_problem(host: str) -> Problem | None:
    """Why the WHATWG host is no valid DNS name (RFC 1123, IDNA 2008 after UTS 46), or None."""
    if "--" not in host and len(host) <= 253 and _PLAIN_HOST.fullmatch(host):
        return None  # the usual case, in one look: ASCII labels of at most 63 characters, a top label of letters
    if host.endswith("."):
        return f"ends its host name {quote(host)} with a dot; leave the dot out", READ_DIFFERENTLY
    labels = host.split(".")
    if len(labels) < 2:
        return f"has the host name {quote(host)} without a dot; write the full name, e.g. www.example.com", READ_DIFFERENTLY
    if "" in labels:
        return f"has an empty part between two dots in its host name {quote(host)}", READ_DIFFERENTLY
    if len(host) > 253:
        return "has a host name longer than 253 characters, more than the internet's names allow", READ_DIFFERENTLY
    for label in labels:
        if len(label) > 63:
            return f"has the part {quote(label)} in its host name, longer than the 63 characters a part may have", READ_DIFFERENTLY
        if not _LDH.fullmatch(label):
            bad = next(ch for ch in label if not _LDH.fullmatch(ch))
            return (f"has the character {quote(bad)} in its host name; host names hold only letters, digits, "
                    "hyphens (-) and dots"), READ_DIFFERENTLY
        if label.startswith("-") or label.endswith("-"):
            return f"has the part {quote(label)} in its host name, which starts or ends with a hyphen (-)", READ_DIFFERENTLY
        if label[2:4] == "--" and not label.startswith("xn--"):
            return (f"has the part {quote(label)} in its host name, with two hyphens in third and fourth place, "
                    "which only international names written as xn--… may have"), READ_DIFFERENTLY
        if label.startswith("xn--") and (found := _idn_problem(label)):
            return found, READ_DIFFERENTLY
    if labels[-1].isdigit():
        return _IP_ADDRESS
    return None


def _idn_problem(label: str) -> str | None:
    """Why an xn--… label is no valid international name (IDNA 2008), or None."""
    try:
        unicode = idna.decode(label)
        if idna.encode(unicode).decode("ascii") != label:  # only one spelling of a name is valid
            raise idna.IDNAError("not the name's own spelling")
    except idna.InvalidCodepoint as error:
        found = re.search(r"U\+([0-9A-F]{4,6})", str(error))
        if found and chr(int(found.group(1), 16)).isprintable():  # else the xn--… text itself is broken
            ch = chr(int(found.group(1), 16))
            name = unicodedata.name(ch, "a character")
            return (f"has the character {quote(ch)} (U+{found.group(1)}, {name}) in its host name, which "
                    "internet names do not allow")
        return f"has the part {quote(label)} in its host name, which is no valid international name"
    except (idna.IDNAError, UnicodeError):
        return f"has the part {quote(label)} in its host name, which is no valid international name"
    return None


def _script_problem(host: str) -> Problem | None:
    """Why the host's letters could imitate another name (UTS 39), or None."""
    if "xn--" not in host:
        return None  # ASCII letters are all Latin
    unicode = idna.decode(host)  # valid: _dns_problem decoded each label
    labels = unicode.split(".")
    for label in labels:
        scripts = detect_scripts(label)
        if len(scripts) > 1 and not any(set(scripts) <= allowed for allowed in _ALLOWED_SCRIPT_SETS):
            return _mixed(label, scripts), MIXED_SCRIPTS
    # A label wholly in another script whose letters all look Latin ('аррӏе', Cyrillic) under a
    # Latin top-level domain: browsers show such a host as xn--… to warn, the page would show
    # 'apple'. (Under a top-level domain of its own script, 'москва.рф', it is ordinary.)
    if labels[-1].isascii():
        _suspicious, analysis = is_suspicious_hostname(unicode)
        canonical = analysis.canonical.split(".")
        confusable = analysis.label_whole_script_confusable
        for index, label in enumerate(labels[:-1]):
            if index < min(len(confusable), len(canonical)) and confusable[index]:
                script = script_info(detect_scripts(label)[0])["name"]
                return (f"has the part {quote(label)} in its host name, written in {script} letters that look "
                        f"like the Latin {quote(canonical[index])}; browsers show such names as "
                        f"{quote(idna.encode(label).decode('ascii'))} to warn visitors; write the name in "
                        "Latin letters if that is the address"), MIXED_SCRIPTS
    return None


def _mixed(label: str, scripts: list[Script]) -> str:
    names = [script_info(s)["name"] for s in scripts]
    by_script = {s: [ch for ch in label if detect_scripts(ch) == [s]] for s in scripts}
    # The intruder is the script with the fewest letters (the later one when two have as many).
    rare = min(scripts, key=lambda s: (len(by_script[s]), -scripts.index(s)))
    ch = by_script[rare][0]
    return (f"mixes {' and '.join(names)} letters in its host name part {quote(label)} "
            f"({quote(ch)}, U+{ord(ch):04X}, is {script_info(rare)['name']}); such names imitate other addresses: "
            "retype the address with the letters of one script only")
