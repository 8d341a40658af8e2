"""Schema nodes compiled into a tree of small checkers, once per (version, kind, scope).

Each checker knows its constraints up front; checking an object is a walk of the data (not of
the schema) in which a plain scalar that has the right type costs one `type(v) is T` test in
its parent's loop. Checkers of identical schema nodes are shared (the table of build.py
stores each sub-schema once), and built on first use.

What the API server does, in its order: unknown fields are reported (strict field validation)
and pruned; defaults fill missing or null fields; nulls of non-nullable fields without a
default are pruned (so neither is an error); then the OpenAPI checks (type, enum, pattern,
format, bounds, lengths, counts, required), the uniqueness of `map` and `set` lists, and the
CEL rules. A CEL rule that cannot be evaluated is an error unless the object already has a
"blocking" error (wrong type, required, enum, too long, too many), as the server then skips
the rules altogether.
"""
from __future__ import annotations

import json
import math
from datetime import date
from typing import Any, Callable

from .celrules import RuleError, compile_rule
from .patterns import format_check, matcher

UNKNOWN = "unknown-field"
INVALID = "invalid-value"
MISSING = "missing-field"
RULE = "rule"


class Options:
    """What a scope checks."""

    __slots__ = ("name", "values", "counts", "required", "unique", "rules", "directives")

    def __init__(self, name: str, values: bool, whole: bool):
        self.name = name
        self.values = values  # enum, pattern, format, bounds, string lengths
        self.counts = whole  # minItems/maxItems, minProperties/maxProperties
        self.required = whole
        self.unique = whole  # x-kubernetes-list-type map/set
        self.rules = whole  # CEL
        self.directives = not whole  # strategic-merge-patch keys ($patch, $setElementOrder/x) are not fields


class Issue:
    """A violation before the public type is made (kept light: made only on a problem)."""

    __slots__ = ("path", "kind", "message", "at_key", "suggestion", "field", "blocking")

    def __init__(self, path, kind, message, at_key=False, suggestion=None, field=None, blocking=False):
        self.path, self.kind, self.message, self.at_key = path, kind, message, at_key
        self.suggestion, self.field, self.blocking = suggestion, field, blocking


class Context:
    __slots__ = ("issues", "rule_errors", "unknown")

    def __init__(self, unknown: Callable[[Any, tuple, Any, dict], Issue]):
        self.issues: list[Issue] = []
        self.rule_errors: list[Issue] = []
        self.unknown = unknown  # (object checker, path of the object, key, the object) -> Issue


# ----------------------------------------------------------------------------------------------
# text helpers

def path_text(path: tuple) -> str:
    out = []
    for part in path:
        if type(part) is int:
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out) or "(object)"


def show(value: Any, limit: int = 80) -> str:
    if type(value) is tuple and len(value) == 3 and value[0] == "!tag":
        value = value[2]
    try:
        text = json.dumps(value, ensure_ascii=False, default=str, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def type_name(value: Any) -> str:
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "boolean"
    if kind is int:
        return "integer"
    if kind is float:
        return "number"
    if kind is str or isinstance(value, date):
        return "string"
    if kind is dict:
        return "object"
    if kind is list:
        return "array"
    return kind.__name__


class _Never:
    """A type no value has: the fast path of a checker with constraints never fires."""


def _is_integer(value: Any) -> bool:
    kind = type(value)
    # kubectl sends YAML's 3.0 as the JSON number 3, which the server reads as an integer.
    return kind is int or (kind is float and math.isfinite(value) and value.is_integer())


def _is_number(value: Any) -> bool:
    kind = type(value)
    return kind is int or (kind is float and math.isfinite(value))


def _is_string(value: Any) -> bool:
    return type(value) is str or isinstance(value, date)  # YAML timestamps reach the server as strings


def _is_int_or_string(value: Any) -> bool:
    return _is_string(value) or _is_integer(value)


TYPE_TESTS: dict[str | None, tuple[Callable[[Any], bool], str, type]] = {
    "string": (_is_string, "string", str),
    "integer": (_is_integer, "integer", int),
    "number": (_is_number, "number", _Never),
    "boolean": (lambda v: type(v) is bool, "boolean", bool),
}


def _tagged(value: Any) -> bool:
    """A scalar with an unknown YAML tag (`!Ref x`): not data this check can judge."""
    return type(value) is tuple


# ----------------------------------------------------------------------------------------------
# checkers

class Checker:
    __slots__ = ("fast", "node_id")

    def run(self, value: Any, path: tuple, ctx: Context) -> None:  # path: of this value
        raise NotImplementedError


class Anything(Checker):
    """No type (`x-kubernetes-preserve-unknown-fields` alone): any value, nothing below checked."""

    __slots__ = ()

    def __init__(self):
        self.fast = _Never

    def run(self, value, path, ctx):
        return None


class TypeOnly(Checker):
    """The root `metadata` (checked by the server as ObjectMeta, not by this schema)."""

    __slots__ = ("expected",)

    def __init__(self, expected: type, name: str):
        self.fast = expected
        self.expected = name

    def run(self, value, path, ctx):
        if not _tagged(value):
            ctx.issues.append(_type_issue(path, value, self.expected))


def _type_issue(path: tuple, value: Any, expected: str) -> Issue:
    return Issue(path, INVALID, f"{path_text(path)}: must be of type {expected}, not {type_name(value)}: "
                                f"{show(value)}", blocking=True)


class Scalar(Checker):
    __slots__ = ("test", "expected", "checks")

    def __init__(self, test: Callable[[Any], bool], expected: str, fast: type,
                 checks: list[Callable[[Any, tuple, Context], None]]):
        self.test, self.expected, self.checks = test, expected, checks
        self.fast = _Never if checks else fast

    def run(self, value, path, ctx):
        if _tagged(value):
            return
        if not self.test(value):
            ctx.issues.append(_type_issue(path, value, self.expected))
            return
        for check in self.checks:
            check(value, path, ctx)


class Object(Checker):
    __slots__ = ("props", "extra", "preserve", "required", "defaults", "rules", "checks", "directives", "node")

    def run(self, value, path, ctx):
        if type(value) is not dict:
            if not _tagged(value):
                ctx.issues.append(_type_issue(path, value, "object"))
            return
        props, extra = self.props, self.extra
        issues = ctx.issues
        for key, item in value.items():
            checker = props.get(key)
            if checker is None:
                if type(key) is not str:  # `1:` or `true:` reach the server as "1" and "true"
                    checker = props.get(_key_text(key))
                if checker is None:
                    if extra is not None:
                        checker = extra
                    elif self.preserve or (self.directives and type(key) is str and key.startswith("$")):
                        continue
                    else:
                        issues.append(ctx.unknown(self, path, key, value))
                        continue
            if item is None or type(item) is checker.fast:
                continue  # a null is pruned or defaulted by the server, never an error
            checker.run(item, path + (key,), ctx)
        if self.required is not None:
            for name in self.required:
                if value.get(name) is None and name not in self.defaults:
                    issues.append(Issue(path, MISSING, f"{path_text(path)}: missing required field {name!r}",
                                        field=name, blocking=True))
        if self.checks is not None:
            for check in self.checks:
                check(value, path, ctx)
        if self.rules is not None:
            _run_rules(self.rules, value, path, ctx)


def _key_text(key: Any) -> str:
    if key is True or key is False:
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


class Array(Checker):
    __slots__ = ("item", "checks", "rules", "map_keys", "map_defaults", "is_set")

    def run(self, value, path, ctx):
        if type(value) is not list:
            if not _tagged(value):
                ctx.issues.append(_type_issue(path, value, "array"))
            return
        item = self.item
        fast = item.fast
        for index, element in enumerate(value):
            if type(element) is fast:
                continue
            if element is None:
                if not isinstance(item, Anything):
                    ctx.issues.append(_type_issue(path + (index,), None, _expected_name(item)))
                continue
            item.run(element, path + (index,), ctx)
        if self.checks is not None:
            for check in self.checks:
                check(value, path, ctx)
        if self.map_keys is not None:
            _unique_map(self, value, path, ctx)
        elif self.is_set:
            _unique_set(value, path, ctx)
        if self.rules is not None:
            _run_rules(self.rules, value, path, ctx)


def _expected_name(checker: Checker) -> str:
    if isinstance(checker, Object):
        return "object"
    if isinstance(checker, Array):
        return "array"
    if isinstance(checker, (Scalar, TypeOnly)):
        return checker.expected
    return "a value"


def _hashable(value: Any) -> Any:
    if type(value) is dict:
        return (dict, tuple((k, _hashable(v)) for k, v in value.items()))
    if type(value) is list:
        return (list, tuple(_hashable(v) for v in value))
    return (type(value) if type(value) is not bool else bool, value)


def _unique_map(checker: Array, value: list, path: tuple, ctx: Context) -> None:
    keys, defaults = checker.map_keys, checker.map_defaults
    seen: dict = {}
    for index, element in enumerate(value):
        if type(element) is not dict:
            continue
        entry = []
        for name in keys:
            found = element.get(name)
            entry.append(defaults.get(name) if found is None else found)
        try:
            signature = tuple(_hashable(v) for v in entry)
            first = seen.setdefault(signature, index)
        except TypeError:
            continue
        if first != index:
            shown = ", ".join(f"{name}={show(v)}" for name, v in zip(keys, entry))
            where = path + (index, keys[0]) if len(keys) == 1 and keys[0] in element else path + (index,)
            ctx.issues.append(Issue(where, INVALID, f"{path_text(path + (index,))}: duplicate entry ({shown}): "
                                    f"{path_text(path)} is keyed by {', '.join(keys)} and item {first} "
                                    f"has the same key"))


def _unique_set(value: list, path: tuple, ctx: Context) -> None:
    seen: dict = {}
    for index, element in enumerate(value):
        try:
            first = seen.setdefault(_hashable(element), index)
        except TypeError:
            continue
        if first != index:
            ctx.issues.append(Issue(path + (index,), INVALID, f"{path_text(path + (index,))}: duplicate value "
                                    f"{show(element)} in a set (same as item {first})"))


def _run_rules(rules: list, value: Any, path: tuple, ctx: Context) -> None:
    for rule in rules:
        if rule.each:
            targets = [([element], path + (index,)) for index, element in enumerate(value)
                       if element is not None]
        else:
            targets = [(value, path)]
        for target, where in targets:
            try:
                if rule.holds(target):
                    continue
                ctx.issues.append(Issue(where, RULE, f"{path_text(where)}: {rule.message_for(target)}"))
            except RuleError as error:
                ctx.rule_errors.append(Issue(where, RULE, f"{path_text(where)}: rule {rule.source!r} could not "
                                             f"be evaluated: {error}"))


# ----------------------------------------------------------------------------------------------
# value checks (closures made once per schema node)

def _enum_check(allowed: list) -> Callable:
    accepted = {_hashable(v) for v in allowed}
    listed = ", ".join(show(v) for v in allowed)

    def check(value, path, ctx):
        try:
            ok = _hashable(value) in accepted
        except TypeError:
            ok = False
        if not ok:
            ctx.issues.append(Issue(path, INVALID, f"{path_text(path)}: unsupported value {show(value)}: "
                                    f"must be one of {listed}", blocking=True))
    return check


def _pattern_check(pattern: str) -> Callable | None:
    search = matcher(pattern)
    if search is None:
        return None

    def check(value, path, ctx):
        if type(value) is not str:
            if not isinstance(value, date):
                return  # an integer of an int-or-string
            value = value.isoformat()
        if search(value) is None:
            ctx.issues.append(Issue(path, INVALID, f"{path_text(path)}: {show(value)} does not match the "
                                    f"pattern {pattern}"))
    return check


def _format_check(name: str) -> Callable | None:
    test = format_check(name)
    if test is None:
        return None

    def check(value, path, ctx):
        if type(value) is str and not test(value):
            ctx.issues.append(Issue(path, INVALID, f"{path_text(path)}: {show(value)} is not a valid {name}"))
    return check


def _bound_check(limit: float, lower: bool, exclusive: bool) -> Callable:
    if lower:
        fails = (lambda v: v <= limit) if exclusive else (lambda v: v < limit)
        words = f"greater than {'' if exclusive else 'or equal to '}{limit}"
    else:
        fails = (lambda v: v >= limit) if exclusive else (lambda v: v > limit)
        words = f"less than {'' if exclusive else 'or equal to '}{limit}"

    def check(value, path, ctx):
        if _is_number(value) and fails(value):
            ctx.issues.append(Issue(path, INVALID, f"{path_text(path)}: {show(value)} must be {words}"))
    return check


def _length_check(limit: int, lower: bool, what: str, measure: Callable[[Any], int], kinds: tuple,
                  blocking: bool) -> Callable:
    def check(value, path, ctx):
        if type(value) not in kinds:
            return
        size = measure(value)
        if (size < limit) if lower else (size > limit):
            bound = "at least" if lower else "at most"
            ctx.issues.append(Issue(path, INVALID, f"{path_text(path)}: must have {bound} {limit} {what}, "
                                    f"has {size}" + (f": {show(value)}" if type(value) is str else ""),
                                    blocking=blocking and not lower))
    return check


# ----------------------------------------------------------------------------------------------
# compiling

class Compiler:
    """Builds the checkers of one scope over the node table; a node's checker is built once."""

    def __init__(self, nodes: list[dict], options: Options):
        self.nodes = nodes
        self.options = options
        self.built: dict[int, Checker] = {}

    def root(self, node_id: int) -> Object:
        """The object's root: `metadata` is only an object here, `status` is not checked."""
        shared = self.checker(node_id)
        if not isinstance(shared, Object):
            raise ValueError(f"schema node {node_id}: the root of an object must be an object")
        checker = Object()
        for slot in Object.__slots__ + Checker.__slots__:
            setattr(checker, slot, getattr(shared, slot))
        checker.props = dict(shared.props)
        if "metadata" in checker.props:
            checker.props["metadata"] = TypeOnly(dict, "object")
        if "status" in checker.props:
            checker.props["status"] = Anything()
        return checker

    def checker(self, node_id: int) -> Checker:
        found = self.built.get(node_id)
        if found is None:
            found = self._build(node_id)
        return found

    def _build(self, node_id: int) -> Checker:
        node = self.nodes[node_id]
        kind = node.get("type")
        if node.get("x-kubernetes-int-or-string"):
            checker = Scalar(_is_int_or_string, "integer or string", str, self._scalar_checks(node))
        elif kind == "object" or (kind is None and ("properties" in node or "additionalProperties" in node)):
            checker = self._object(node, node_id)
        elif kind == "array":
            checker = self._array(node, node_id)
        elif kind in TYPE_TESTS:
            test, expected, fast = TYPE_TESTS[kind]
            checker = Scalar(test, expected, fast, self._scalar_checks(node))
        elif kind is None:
            checker = Anything()
        else:
            raise ValueError(f"schema node {node_id}: type {kind!r} is not supported")
        checker.node_id = node_id
        self.built[node_id] = checker
        return checker

    def _scalar_checks(self, node: dict) -> list:
        if not self.options.values:
            return []
        checks = []
        if "format" in node:
            checks.append(_format_check(node["format"]))
        if "enum" in node:
            checks.append(_enum_check(node["enum"]))
        if "pattern" in node:
            checks.append(_pattern_check(node["pattern"]))
        string = (str,)
        if "minLength" in node:
            checks.append(_length_check(node["minLength"], True, "characters", len, string, False))
        if "maxLength" in node:
            checks.append(_length_check(node["maxLength"], False, "characters", len, string, True))
        if "minimum" in node:
            checks.append(_bound_check(node["minimum"], True, bool(node.get("exclusiveMinimum"))))
        if "maximum" in node:
            checks.append(_bound_check(node["maximum"], False, bool(node.get("exclusiveMaximum"))))
        return [check for check in checks if check is not None]

    def _rules(self, node: dict, is_list: bool) -> list | None:
        if not self.options.rules or not node.get("x-kubernetes-validations"):
            return None
        rules = [compile_rule(entry, is_list) for entry in node["x-kubernetes-validations"]]
        rules = [rule for rule in rules if rule is not None]
        return rules or None

    def _object(self, node: dict, node_id: int) -> Object:
        checker = Object()
        checker.node_id = node_id
        checker.node = node
        checker.fast = _Never
        self.built[node_id] = checker  # before the children: a schema may refer to itself
        checker.props = {}
        for name, child in node.get("properties", {}).items():
            checker.props[name] = self.checker(child)
        extra = node.get("additionalProperties")
        checker.extra = self.checker(extra) if type(extra) is int else (Anything() if extra is True else None)
        checker.preserve = bool(node.get("x-kubernetes-preserve-unknown-fields"))
        checker.directives = self.options.directives
        properties = node.get("properties", {})
        checker.defaults = {name for name, child in properties.items() if "default" in self.nodes[child]}
        checker.required = tuple(node["required"]) if self.options.required and node.get("required") else None
        checks = []
        if self.options.counts:
            if "minProperties" in node:
                checks.append(_length_check(node["minProperties"], True, "fields", len, (dict,), False))
            if "maxProperties" in node:
                checks.append(_length_check(node["maxProperties"], False, "fields", len, (dict,), True))
        checker.checks = checks or None
        checker.rules = self._rules(node, False)
        return checker

    def _array(self, node: dict, node_id: int) -> Array:
        checker = Array()
        checker.node_id = node_id
        checker.fast = _Never
        self.built[node_id] = checker
        checker.item = self.checker(node["items"]) if "items" in node else Anything()
        checks = []
        if self.options.counts:
            if "minItems" in node:
                checks.append(_length_check(node["minItems"], True, "items", len, (list,), False))
            if "maxItems" in node:
                checks.append(_length_check(node["maxItems"], False, "items", len, (list,), True))
        checker.checks = checks or None
        list_type = node.get("x-kubernetes-list-type") if self.options.unique else None
        checker.map_keys = None
        checker.map_defaults = {}
        if list_type == "map" and node.get("x-kubernetes-list-map-keys"):
            checker.map_keys = tuple(node["x-kubernetes-list-map-keys"])
            item = self.nodes[node["items"]] if "items" in node else {}
            for name in checker.map_keys:
                child = item.get("properties", {}).get(name)
                if child is not None and "default" in self.nodes[child]:
                    checker.map_defaults[name] = self.nodes[child]["default"]
        checker.is_set = list_type == "set"
        checker.rules = self._rules(node, True)
        return checker
