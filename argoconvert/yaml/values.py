"""Nodes to plain data (dict, list, str, int, float, bool, None), as a cluster would read them.

Plain scalars resolve as Kubernetes' YAML reader (goyaml.v2) resolves them (`yes` is a
bool, `0x1F` an int, `1:30` a string). An alias yields the very object its anchor built, so an alias bomb
stays as small as its text. Duplicate keys are an error: the cluster would keep only one.
`<<` merge keys are applied as YAML 1.1 says.
"""
from __future__ import annotations

import math
import re

from ..errors import InputError
from ..source import Source
from .tree import Alias, Mapping, Node, Scalar, Sequence

NAN = float("nan")  # one object, so that equal documents holding .nan compare equal

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {**{word: True for word in "y Y yes Yes YES true True TRUE on On ON".split()},
         **{word: False for word in "n N no No NO false False FALSE off Off OFF".split()}}
_SPECIAL_FLOAT = {".nan": NAN, ".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf}
_INT = ((re.compile(r"0[xX][0-9a-fA-F]+"), 16, 2), (re.compile(r"0[oO][0-7]+"), 8, 2), (re.compile(r"0[bB][01]+"), 2, 2),
        (re.compile(r"0[0-7]+"), 8, 0), (re.compile(r"[0-9]+"), 10, 0))
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_MAYBE_NUMBER = set("0123456789+-.")
TAG_PREFIX = "tag:yaml.org,2002:"
MERGE = "<<"


def resolve_plain(text: str):
    """The value of a plain (unquoted, untagged) scalar as goyaml.v2 reads it, which is how
    kubectl and the API server read YAML: `yes` and `y` are booleans, `0755` is octal, `1e3` a
    float, `1:30` and `2024-01-01` strings."""
    if text in _BOOL:
        return _BOOL[text]
    if text in _NULL:
        return None
    if text[0] not in _MAYBE_NUMBER:
        return text
    if text.lower() in _SPECIAL_FLOAT and text[-3:] in ("nan", "NaN", "NAN", "inf", "Inf", "INF"):
        return _SPECIAL_FLOAT[text.lower()]
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
        if value not in (math.inf, -math.inf):  # out of float64's range: strconv fails, a string stays
            return value
    return text


def _tagged(node: Scalar):
    tag = node.tag[len(TAG_PREFIX):] if node.tag.startswith(TAG_PREFIX) else node.tag
    if tag == "str" or tag == "!":
        return node.value
    if tag in ("int", "float", "bool", "null"):
        value = resolve_plain(node.value)
        expected = {"int": int, "float": float, "bool": bool, "null": type(None)}[tag]
        if tag == "float" and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, expected) and not (tag == "int" and isinstance(value, bool)):
            return value
    # Unknown or application tags are never constructed: they are data as written.
    return ("!tag", node.tag, node.value)


def scalar_value(node: Scalar):
    if node.tag:
        return _tagged(node)
    if node.style:
        return node.value
    return resolve_plain(node.value)


def hashable_key(value):
    return value if isinstance(value, (str, int, float, bool, type(None), tuple)) else repr(value)


class Builder:
    """Builds the data of nodes, once per node, so aliases share their anchor's object."""

    def __init__(self, source: Source):
        self.source = source
        self.built: dict[int, object] = {}
        self.merged: set[int] = set()  # ids of the mappings that `<<` merges into others

    def build(self, node: Node | None):
        if node is None:
            return None
        if isinstance(node, Alias):
            node = node.target
        if id(node) in self.built:
            return self.built[id(node)]
        if isinstance(node, Scalar):
            value = scalar_value(node)
        elif isinstance(node, Sequence):
            value = []
            self.built[id(node)] = value
            value.extend(self.build(item) for item in node.items)
        else:
            value = {}
            self.built[id(node)] = value
            self._fill_mapping(node, value)
        self.built[id(node)] = value
        return value

    def _fill_mapping(self, node: Mapping, value: dict) -> None:
        merged: dict = {}
        for key_node, value_node in node.pairs:
            key = self.key(key_node)
            if key == MERGE and isinstance(key_node, Scalar) and not key_node.style and not key_node.tag:
                for source in self._merge_sources(value_node):
                    for k, v in source.items():
                        merged.setdefault(k, v)
                continue
            if key in value:
                line, column = self.source.line_col(key_node.start)
                raise InputError(f"duplicate key {key!r} in a mapping", line, column)
            value[key] = self.build(value_node)
        for k, v in merged.items():
            value.setdefault(k, v)

    def _merge_sources(self, node: Node) -> list[dict]:
        target = node.target if isinstance(node, Alias) else node
        nodes = target.items if isinstance(target, Sequence) else [target]
        self.merged.update(id(item.target if isinstance(item, Alias) else item) for item in nodes)
        sources = [self.build(item) for item in nodes]
        if not all(isinstance(s, dict) for s in sources):
            line, column = self.source.line_col(node.start)
            raise InputError("a merge key (<<) needs a mapping or a list of mappings", line, column)
        return sources

    def key(self, node: Node):
        if node.__class__ is Scalar and not node.tag:  # nearly every key: no memo entry needed
            return node.value if node.style else hashable_key(resolve_plain(node.value))
        return hashable_key(self.build(node))
