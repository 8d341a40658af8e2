"""`pattern` (Go RE2 syntax) and `format` as the API server checks them.

The server matches a pattern with Go's `regexp.MatchString`: a search, where `$` is the end of
the text (Python's `$` also matches before a final newline), `\\s` is `[\\t\\n\\f\\r ]` and
`\\d`, `\\w`, `\\b` are ASCII. The translation below keeps that meaning; a pattern it cannot
translate is left unchecked (see `SKIPPED`) rather than checked wrongly.
"""
from __future__ import annotations

import base64
import binascii
import re
from typing import Callable

SKIPPED: dict[str, str] = {}  # pattern or format -> why it is not checked

_POSIX = {"alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7f", "blank": "\\t ", "cntrl": "\\x00-\\x1f\\x7f",
          "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~", "punct": "!-/:-@\\[-`{-~",
          "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f"}
_CLASS_ESCAPES = {"s": "\\t\\n\\f\\r ", "d": "0-9", "w": "0-9A-Za-z_"}


def translate(pattern: str) -> str:
    """Go RE2 syntax to Python `re` syntax with the same meaning (raises ValueError if unsure)."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise ValueError("trailing backslash")
            e = pattern[i + 1]
            i += 2
            if e in _CLASS_ESCAPES:
                out.append(_CLASS_ESCAPES[e] if in_class else f"[{_CLASS_ESCAPES[e]}]")
            elif e in "SDW":
                body = _CLASS_ESCAPES[e.lower()]
                if in_class:
                    raise ValueError(f"\\{e} inside a class")
                out.append(f"[^{body}]")
            elif e == "z":
                out.append("\\Z")
            elif e in "pPQEC":
                raise ValueError(f"\\{e} is not translated")
            else:
                out.append("\\" + e)
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):
                end = pattern.find(":]", i + 2)
                if end < 0:
                    raise ValueError("unterminated POSIX class")
                name = pattern[i + 2:end]
                negated = name.startswith("^")
                if negated or name not in _POSIX:
                    raise ValueError(f"POSIX class {name!r} is not translated")
                out.append(_POSIX[name])
                i = end + 2
                continue
            if c == "]":
                in_class = False
            elif c == "[":
                out.append("\\[")
                i += 1
                continue
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":  # a leading ] is a literal in RE2
                out.append("\\]")
                i += 1
            continue
        if c == "$":
            out.append("\\Z")
        elif c == "(" and pattern.startswith("(?", i) and not pattern.startswith(("(?:", "(?P<", "(?i)", "(?i:"), i):
            raise ValueError("inline flags other than (?i) are not translated")
        else:
            out.append(c)
        i += 1
    if in_class:
        raise ValueError("unterminated class")
    return "".join(out)


_compiled: dict[str, Callable[[str], object] | None] = {}


def matcher(pattern: str) -> Callable[[str], object] | None:
    """`search` of the translated pattern, or None (pattern skipped, reason in SKIPPED)."""
    if pattern not in _compiled:
        try:
            _compiled[pattern] = re.compile(translate(pattern)).search
        except (ValueError, re.error) as error:
            SKIPPED[pattern] = f"pattern not checked: {error}"
            _compiled[pattern] = None
    return _compiled[pattern]


def _byte(value: str) -> bool:
    # Go's base64.StdEncoding, which skips CR and LF.
    try:
        base64.b64decode(value.replace("\r", "").replace("\n", ""), validate=True)
        return True
    except (binascii.Error, ValueError):
        return False


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _date_time(value: str) -> bool:
    return bool(_DATE_TIME.match(value))


# The string formats of these schemas (`int32`/`int64` sit on integers: the server checks
# string formats only). Others are accepted unchecked and listed in SKIPPED.
FORMATS: dict[str, Callable[[str], bool]] = {
    "byte": _byte,
    "date-time": _date_time,
    "datetime": _date_time,
    "date": lambda value: bool(_DATE.match(value)),
}
NOT_STRING_FORMATS = {"int32", "int64", "float", "double"}


def format_check(name: str) -> Callable[[str], bool] | None:
    if name in FORMATS:
        return FORMATS[name]
    if name not in NOT_STRING_FORMATS:
        SKIPPED[name] = "format not checked"
    return None
