"""param-string-values: a parameter's value that is not a string becomes the string the v3
controller made of it.

v3 read parameters through Kubernetes' YAML (goyaml.v2, YAML 1.1), sent a number or boolean
as JSON and formatted it as a string; v4's full CRD declares these fields `type: string`, so
the API server rejects `value: 3`. The string is the v3 one: numbers as the float64 in Go's
shortest form (`1.0` -> "1", `0755` -> "493"), booleans as true/false (`yes` -> "true").
"""
from __future__ import annotations

import re
from decimal import Decimal

from argoconvert.changes import Finding, Scope, SetValue
from ..rule import Rule

rule = Rule(
    name="param-string-values",
    summary="parameter values, defaults and enums that are not strings become the string v3 made of them",
    available_since="4.0",
    removed_in="4.0",  # full CRDs: `type: string`
    fixable=True,
    scopes=(Scope.PARAMETER,),
    keys=(),
    # A `value:` or `default:` whose scalar may not be a string (a number, a YAML 1.1 boolean, an
    # alias or tag, or something on the next line), or any `enum`; in YAML or JSON.
    pattern=r"""\b(?:value|default)["']?[ \t]*:[ \t]*(?:[-+.0-9*!]|(?:[yYnN]|[yY]es|YES|[nN]o|NO|[tT]rue|TRUE"""
            r"""|[fF]alse|FALSE|[oO]n|ON|[oO]ff|OFF)\b|#|\r?$)|\benum["']?[ \t]*:""",
    key_is_legacy=False,
    reads_text=True,
)

_BOOL = {**{word: True for word in "y Y yes Yes YES true True TRUE on On ON".split()},
         **{word: False for word in "n N no No NO false False FALSE off Off OFF".split()}}
_NULL = {"", "~", "null", "Null", "NULL"}
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INT = ((re.compile(r"0[xX][0-9a-fA-F]+"), 16, 2), (re.compile(r"0[oO][0-7]+"), 8, 2), (re.compile(r"0[bB][01]+"), 2, 2),
        (re.compile(r"0[0-7]+"), 8, 0), (re.compile(r"[0-9]+"), 10, 0))
_SPECIAL = {".nan", ".inf", "+.inf", "-.inf"}
SAFE_INTEGER = 2 ** 53  # above this, float64 (what v3 formatted) rounds


def go_yaml_v2(text: str):
    """The value goyaml.v2 gives a plain scalar (what the v3 controller read)."""
    if text in _BOOL:
        return _BOOL[text]
    if text in _NULL:
        return None
    if text.lower() in _SPECIAL:
        return text  # not a number v3 could send as JSON
    if text[:1] not in "+-.0123456789":
        return text
    plain = text.replace("_", "")
    body, sign = (plain[1:], plain[0]) if plain[:1] in "+-" else (plain, "")
    for pattern, base, skip in _INT:
        if pattern.fullmatch(body):
            value = int(body[skip:], base) * (-1 if sign == "-" else 1)
            if -(2 ** 63) <= value < 2 ** 64:
                return value
            break
    if _FLOAT.fullmatch(plain):
        value = float(plain)
        if value not in (float("inf"), float("-inf")):  # out of float64's range: kept a string
            return value
    return text


def v3_string(value) -> str:
    """How the v3 controller printed a JSON number or boolean (strconv.FormatFloat(v, 'f', -1, 64))."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return text


def _value(parameter: dict, path: tuple, written):
    """What v3 read at `path`: from the text of a plain scalar, as goyaml.v2 resolves it."""
    how = written(path)
    if how is None or how.tagged:
        return _get(parameter, path)
    return go_yaml_v2(how.text) if how.style == "" else how.text


def _get(data, path):
    for step in path:
        data = data[step]
    return data


def _places(parameter: dict):
    """The fields of a parameter that must be strings."""
    for key in ("value", "default"):
        if key in parameter:
            yield (key,)
    if isinstance(parameter.get("enum"), list):
        yield from (("enum", index) for index in range(len(parameter["enum"])))
    value_from = parameter.get("valueFrom")
    if isinstance(value_from, dict) and "default" in value_from:
        yield ("valueFrom", "default")


@rule
def check(parameter: dict, written):
    for path in _places(parameter):
        value = _value(parameter, path, written)
        if isinstance(value, (dict, list)):
            yield Finding(path, "{path} is not a string (v3 read it as an empty string): write the string meant")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
            yield Finding(path, f"{{path}}: {value} is not a string, and v3 rounded it to a float64: quote the "
                                "number meant")
        elif isinstance(value, (bool, int, float)):
            string = v3_string(value)
            how = written(path)
            text = how.text if how is not None else str(value)
            note = "" if string == text else f" (v3 read {text} as {string})"
            yield SetValue(path, f"{{path}}: {text} -> {string!r}{note}", value=string)
