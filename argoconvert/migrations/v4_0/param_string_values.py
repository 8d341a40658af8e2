"""param-string-values: a parameter's value that is not a string becomes the string the v3
controller made of it.

v3 read parameters through Kubernetes' YAML (goyaml.v2, YAML 1.1; the data rules see is read
the same way), sent a number or boolean as JSON and formatted it as a string; v4's full CRD
declares these fields `type: string`, so the API server rejects `value: 3`. The string is the v3 one: numbers as the float64 in Go's
shortest form (`1.0` -> "1", `0755` -> "493"), booleans as true/false (`yes` -> "true").
"""
from __future__ import annotations

import json
from decimal import Decimal

from argoconvert.changes import Finding, Scope, SetValue, get
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
    # alias, anchor or tag, a flow collection, or something on the next line), or any `enum`.
    pattern=r"""\b(?:value|default)["']?[ \t]*:[ \t]*(?:[-+.0-9*!&\[{]|(?:[yYnN]|[yY]es|YES|[nN]o|NO|[tT]rue|TRUE"""
            r"""|[fF]alse|FALSE|[oO]n|ON|[oO]ff|OFF)\b|#|\r?$)|\benum["']?[ \t]*:""",
    key_is_legacy=False,
    reads_text=True,
)

SAFE_INTEGER = 2 ** 53  # above this, float64 (what v3 formatted) rounds


def v3_string(value) -> str:
    """How the v3 controller printed a JSON number or boolean (strconv.FormatFloat(v, 'f', -1, 64))."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return format(Decimal(repr(float(value))).normalize(), "f")


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
        value = get(parameter, path)  # as Kubernetes' YAML reader (goyaml.v2) read it, like the v3 controller
        if isinstance(value, (dict, list)):
            yield Finding(path, "{path} is not a string (v3 read it as an empty string): write the string meant")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > SAFE_INTEGER:
            yield Finding(path, f"{{path}}: {value} is not a string, and v3 rounded it to a float64: quote the "
                                "number meant")
        elif isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            yield Finding(path, f"{{path}}: {value} is not a string, nor a number v3 could send: quote what is meant")
        elif isinstance(value, (bool, int, float)):
            string = v3_string(value)
            text = written(path)  # None where the text does not hold it there (a `<<` merge)
            text = text if text is not None else json.dumps(value)
            note = "" if string == text else f" (v3 read {text} as {string})"
            yield SetValue(path, f"{{path}}: {text} -> {string!r}{note}", value=string)
