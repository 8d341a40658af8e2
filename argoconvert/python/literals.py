"""Dict literals that provably are Argo objects: their data, and their changes as text edits.

A dict literal is an Argo object when it holds a literal `"apiVersion": "argoproj.io/..."`
and a literal Argo `"kind"`, or when it is passed to an Argo class whose keyword or parser
says what it is (then the rules see it inside a manifest built around it, its Envelope).
Its data is read through dict, list and tuple literals only;
anything else it holds (a name, a call, an f-string) is code, whose value cannot be known.
The YAML rules run on the data unchanged (argoconvert.locate.targets and each rule's
`check`); their changes become edits of the dict's keys and values, keeping the key's
quotes. A change is made only where what the rule read is literal (see `blocker`); else it
is reported.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import libcst as cst

from ..changes import Change, Insert, MoveToList, Path, Remove, Rename, ToList, get
from ..errors import Unrenderable
from ..locate import ARGO_GROUP, CRON_KIND, SENSOR_KIND, WORKFLOW_KINDS
from ..source import Edit
from .symbols import Envelope
from .text import Positions, element_start, plain_string, removals, string_like, wrap

ARGO_KINDS = WORKFLOW_KINDS | {CRON_KIND, SENSOR_KIND}


class Code:
    """A value the program computes: not known to the converter. Equal to code of the same
    text (the verifier compares the edited dict's data with the expected one)."""

    def __init__(self, node: cst.CSTNode, span: tuple[int, int], text: str):
        self.node, self.span, self.text = node, span, text

    def __eq__(self, other) -> bool:
        return isinstance(other, Code) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __str__(self) -> str:  # a name in a report label
        return "?"

    def __repr__(self) -> str:  # a value in a report message
        return self.text


def string_value(node) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def is_argo_dict(node: cst.Dict) -> bool:
    """A literal `apiVersion: argoproj.io/...` and a literal Argo kind among the dict's keys."""
    found = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_value(element.key)
            if key in ("apiVersion", "kind"):
                found[key] = string_value(element.value)
    api, kind = found.get("apiVersion"), found.get("kind")
    return isinstance(api, str) and api.startswith(ARGO_GROUP) and kind in ARGO_KINDS


@dataclass
class DictLiteral:
    """One Argo dict literal read as data, with the nodes of every dict and list in it. Paths
    are from the root of the data: the dict itself, or the manifest of its envelope."""

    node: cst.Dict
    positions: Positions
    envelope: Envelope | None = None
    data: dict = None
    open: dict[Path, cst.CSTNode] = field(default_factory=dict)  # dicts with a **spread or a computed key
    dicts: dict[Path, cst.Dict] = field(default_factory=dict)
    lists: dict[Path, cst.BaseExpression] = field(default_factory=dict)  # List or Tuple nodes

    def __post_init__(self):
        if self.envelope is None:
            self.data = self._read(self.node, ())
        else:
            self.data = self.envelope.wrap(self._read(self.node, self.envelope.prefix))

    def _read(self, node: cst.BaseExpression, path: Path):
        if isinstance(node, cst.Dict):
            self.dicts[path] = node
            out = {}
            for element in node.elements:
                if not isinstance(element, cst.DictElement):
                    self.open.setdefault(path, element)  # **spread
                    continue
                key = self._scalar(element.key)
                if isinstance(key, Code) or key in out:
                    self.open.setdefault(path, element.key)  # a computed or repeated key
                if isinstance(key, Code):
                    continue
                out.pop(key, None)  # a repeated key: Python keeps the last
                out[key] = self._read(element.value, path + (key,))
            return out
        if isinstance(node, (cst.List, cst.Tuple)):
            self.lists[path] = node
            out = []
            for element in node.elements:
                if isinstance(element, cst.StarredElement):
                    out.append(self._code(element))
                    continue
                out.append(self._read(element.value, path + (len(out),)))
            return out
        return self._scalar(node)

    def _scalar(self, node: cst.BaseExpression):
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
            value = string_value(node)
            if value is not None:
                return value
        elif isinstance(node, cst.Name) and node.value in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.value]
        elif isinstance(node, (cst.Integer, cst.Float)) or (
                isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus))
                and isinstance(node.expression, (cst.Integer, cst.Float)) and not node.expression.lpar):
            return ast.literal_eval(cst.Module([]).code_for_node(node).strip())
        return self._code(node)

    def _code(self, node: cst.CSTNode) -> Code:
        at = self.positions
        if isinstance(node, cst.StarredElement):
            span = (at.offset(at.positions[node].start), at.offset(at.positions[node].end))
        else:
            span = at.span(node)
        return Code(node, span, at.text[span[0]:span[1]])

    def blocker(self, change: Change, reads: tuple[str, ...]) -> str | None:
        """Why a change cannot be made safely, if it cannot: a **spread or computed key beside
        it (it may hold the new key), or code in a key beside it that the rule reads (`reads`)."""
        at = self.positions
        parent_path = change.path[:-1]
        if parent_path in self.open:
            node = self.open[parent_path]
            return f"{at.snippet(node)} (line {at.line_col(node)[0]}) beside it may hold the same keys"
        parent = self.data
        for step in parent_path:
            parent = parent[step]
        for key in reads:
            if isinstance(parent.get(key), Code):
                node = parent[key].node
                return f"{key} is code, not a literal ({at.snippet(node)}, line {at.line_col(node)[0]})"
        return None

    def unknown_keys(self, holder: Path, keys: tuple[str, ...]) -> cst.CSTNode | None:
        """The first **spread or computed key of the dict literal at `holder` when it holds none
        of `keys`: it may carry them."""
        node = self.dicts.get(holder)
        if node is None or any(key in get(self.data, holder) for key in keys):
            return None
        return next((element.key if isinstance(element, cst.DictElement) else element for element in node.elements
                     if not isinstance(element, cst.DictElement) or isinstance(self._scalar(element.key), Code)), None)

    # -- rendering -------------------------------------------------------------------
    def element(self, path: Path) -> tuple[cst.Dict, int, cst.DictElement]:
        parent = self.dicts.get(path[:-1])
        if parent is None:
            raise Unrenderable("not inside a dict literal")
        for index in range(len(parent.elements) - 1, -1, -1):  # a repeated key: the last one counts
            element = parent.elements[index]
            if isinstance(element, cst.DictElement) and string_value(element.key) == path[-1]:
                return parent, index, element
        raise Unrenderable("the key is not in the dict literal")

    def render(self, change: Change, positions: Positions,
               removals: list[Edit] = ()) -> tuple[list[Edit], set[tuple[Path, int]]]:
        """Edits for one change, and the (dict path, element index) pairs it removes (their
        edits are made together, see `removal_edits`); an Insert is rendered after those."""
        text = positions.text
        if isinstance(change, Remove):
            _, index, _ = self.element(change.path)
            return [], {(change.path[:-1], index)}
        if isinstance(change, Rename):
            _, _, element = self.element(change.path)
            if not isinstance(element.value, (cst.Integer, cst.SimpleString)):
                raise Unrenderable("the value is not a number or string literal")
            new = string_like(element.key, change.value)
            return [_renamed_key(element, change, positions),
                    Edit(positions.start(element.value), positions.end(element.value), new)], set()
        if isinstance(change, ToList):
            _, _, element = self.element(change.path)
            key_edit = _renamed_key(element, change, positions)
            if change.replace_value:
                if not isinstance(change.value, str) or not isinstance(element.value, cst.SimpleString):
                    raise Unrenderable("the value is not a plain string literal")
                new = string_like(element.value, change.value)
                return [key_edit, Edit(positions.start(element.value), positions.end(element.value), f"[{new}]")], set()
            return [key_edit, *wrap(positions, element.value)], set()
        if isinstance(change, MoveToList):
            _, index, element = self.element(change.path)
            target = self.lists.get(change.into)
            if not isinstance(target, cst.List):
                raise Unrenderable(f"{change.into[-1]} is not a list literal")
            moved = positions.code(element.value)
            if target.elements:
                at = positions.end(target.elements[-1].value)
                insert = Edit(at, at, f", {moved}")
            else:
                at = positions.offset(positions.positions[target.lbracket].end)
                insert = Edit(at, at, moved)
            return [insert], {(change.path[:-1], index)}
        if isinstance(change, Insert):
            _, _, beside = self.element(change.path[:-1] + (change.beside,))
            if not isinstance(change.value, str):
                raise Unrenderable("only strings are inserted")
            key = string_like(beside.key, change.path[-1])
            value = string_like(beside.key, change.value)
            return self._insert_after(beside, f"{key}: {value}", positions, text, list(removals)), set()
        raise Unrenderable(f"{type(change).__name__} is not rendered in Python literals")

    def _insert_after(self, beside: cst.DictElement, entry: str, positions: Positions, text: str,
                      removals: list[Edit]) -> list[Edit]:
        """A new entry after `beside`: on a line of its own, indented like it, when `beside`
        ends its line (a comment may follow); else on the same line. When the text after
        `beside` is removed (the keys after it go), the entry comes right after its value."""
        end = positions.end(beside.value)
        indent = positions.indentation(positions.start(beside.key))
        comma = isinstance(beside.comma, cst.Comma)
        after = positions.offset(positions.positions[beside.comma].end) if comma else end
        line_break = _line_break(text, after)
        if indent is None or line_break is None:
            return [Edit(end, end, f", {entry}")]
        position, newline = line_break
        next_line = position + len(newline)
        if any(edit.start <= end < edit.end or edit.start < next_line < edit.end for edit in removals):
            return [Edit(end, end, f",{newline}{indent}{entry}")]
        edits = [] if comma else [Edit(end, end, ",")]
        return edits + [Edit(next_line, next_line, f"{indent}{entry}{',' if comma else ''}{newline}")]

    def removal_edits(self, removed: set[tuple[Path, int]], positions: Positions) -> list[Edit]:
        edits = []
        for path in {path for path, _ in removed}:
            node = self.dicts[path]
            items = [(element_start(positions, e), positions.end(e.value) if isinstance(e, cst.DictElement)
                      else positions.offset(positions.positions[e].end)) for e in node.elements]
            open_end = positions.offset(positions.positions[node.lbrace].end)
            close_start = positions.offset(positions.positions[node.rbrace].start)
            edits += removals(positions.text, items, {i for p, i in removed if p == path}, open_end, close_start)
        return edits


def _line_break(text: str, offset: int) -> tuple[int, str] | None:
    """The line break ending the line at `offset`, when only blanks or a comment come before it."""
    match = re.compile(r"[ \t]*(?:#[^\r\n]*)?(\r\n|\r|\n)").match(text, offset)
    return (match.start(1), match.group(1)) if match else None


def read_again(node: cst.Dict, positions: Positions, envelope: Envelope | None):
    """The data of a dict literal (verification)."""
    return DictLiteral(node, positions, envelope).data


def with_code_as(data, text_of):
    """`data` with each Code replaced by ("<code>", text_of(code)), for comparison."""
    if isinstance(data, dict):
        return {key: with_code_as(value, text_of) for key, value in data.items()}
    if isinstance(data, list):
        return [with_code_as(value, text_of) for value in data]
    if isinstance(data, Code):
        return ("<code>", text_of(data))
    return data


def _renamed_key(element: cst.DictElement, change: ToList | Rename, positions: Positions) -> Edit:
    """The element's key as `change.new_key`, in the key's own quotes and prefix."""
    parts = plain_string(element.key)
    if parts is None or parts[2] != change.path[-1]:
        raise Unrenderable("the key is not a plain string literal")
    prefix, quote, _ = parts
    return Edit(positions.start(element.key), positions.end(element.key), f"{prefix}{quote}{change.new_key}{quote}")
