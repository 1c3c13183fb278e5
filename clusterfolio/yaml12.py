"""What a YAML 1.2 reader makes of a plain (unquoted) scalar, and how it writes it back.

Our reader takes every scalar as text (yamlsafe), but the browser editor (Decap CMS, with the
`yaml` package at 1.10, core schema) reads a file into JavaScript values and writes them back:
an unquoted `07121555010` is the number 7121555010 there, and is saved as such. `rewritten`
says what such a round trip makes of a text, so `check` can ask for quotes before it happens
(CF-W102). tests/test_yaml12.py compares it with the real package.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal

# The core schema's number forms, as the `yaml` package 1.10 resolves them (YAML 1.2, 10.3.2).
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)")
_EXP = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_BOOL = {"true": "true", "True": "true", "TRUE": "true", "false": "false", "False": "false", "FALSE": "false"}
# A plain scalar can only be one of those when it starts with one of these characters.
FIRST = frozenset("0123456789+-.tTfF")


def js_number(value: float) -> str:
    """The text JavaScript's String(number) gives (ECMAScript Number::toString), as YAML writes it;
    'null' for what JSON cannot hold, which the editor's JSON copy of an entry turns into null."""
    if math.isnan(value) or math.isinf(value):
        return "null"  # the editor keeps JSON-like values only: JSON has no NaN or Infinity
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that read back as the same double, as JavaScript does.
    digits_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()[1:]
    digits = "".join(map(str, digits_tuple))
    k, n = len(digits), int(exponent) + len(digits)  # n: where the decimal point goes
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = f"{digits[:n]}.{digits[n:]}"
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        mantissa = digits[0] + (f".{digits[1:]}" if k > 1 else "")
        text = f"{mantissa}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
    return sign + text


def rewritten(text: str) -> str | None:
    """What a plain scalar becomes after a YAML 1.2 round trip, when that differs from it; else None."""
    if not text or text[0] not in FIRST:
        return None
    if text in _BOOL:
        result = _BOOL[text]
    elif _INT.fullmatch(text):
        result = js_number(float(int(text)))
    elif _OCT.fullmatch(text):
        result = js_number(float(int(text[2:], 8)))
    elif _HEX.fullmatch(text):
        result = js_number(float(int(text[2:], 16)))
    elif _FLOAT.fullmatch(text) or _EXP.fullmatch(text):
        result = js_number(float(text))
    elif _INF.fullmatch(text) or _NAN.fullmatch(text):
        result = "null"
    else:
        return None
    return None if result == text else result
