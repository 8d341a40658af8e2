"""Where libcst nodes sit in the text, and the text edits the codemods make there.

libcst finds the nodes; the edits are made in the text at their offsets, as the YAML engine
does, so every byte outside a changed keyword, key or value stays as it was.
"""
from __future__ import annotations

import bisect
import re

import libcst as cst
from libcst.metadata import CodePosition

from ..errors import Unrenderable
from ..source import Edit

class Positions:
    """Text offsets of nodes, from libcst's 1-based lines and 0-based columns (code points;
    lines end at LF, CRLF or a lone CR, as in libcst)."""

    def __init__(self, text: str, positions):
        self.text = text
        self.positions = positions  # PositionProvider metadata of the module
        starts = [0]
        for match in re.finditer(r"\r\n|\r|\n", text):
            starts.append(match.end())
        self.line_starts = starts

    def offset(self, position: CodePosition) -> int:
        return self.line_starts[position.line - 1] + position.column

    def start(self, node: cst.CSTNode) -> int:
        """Where the node starts, its opening parentheses included."""
        first = node.lpar[0] if getattr(node, "lpar", None) else node
        return self.offset(self.positions[first].start)

    def end(self, node: cst.CSTNode) -> int:
        """Where the node ends, its closing parentheses included."""
        last = node.rpar[-1] if getattr(node, "rpar", None) else node
        return self.offset(self.positions[last].end)

    def span(self, node: cst.CSTNode) -> tuple[int, int]:
        return self.start(node), self.end(node)

    def code(self, node: cst.CSTNode) -> str:
        return self.text[self.start(node):self.end(node)]

    def snippet(self, node: cst.CSTNode, width: int = 40) -> str:
        """The node's code on one line, for messages: parentheses and comments left out."""
        text = self.text[self.offset(self.positions[node].start):self.offset(self.positions[node].end)]
        text = " ".join(line.split("#", 1)[0].strip() if "#" in line and "'" not in line and '"' not in line
                        else line.strip() for line in text.splitlines())
        return text if len(text) <= width else text[:width - 3] + "..."

    def line_col(self, node: cst.CSTNode) -> tuple[int, int]:
        """1-based line and column of the node (reports)."""
        first = node.lpar[0] if getattr(node, "lpar", None) else node
        position = self.positions[first].start
        return position.line, position.column + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def indentation(self, offset: int) -> str | None:
        """The whitespace from the start of the offset's line to it, None if other text precedes."""
        line_start = self.line_starts[self.line_of(offset) - 1]
        before = self.text[line_start:offset]
        return before if before.strip() == "" else None


def arg_start(positions: Positions, arg: cst.Arg) -> int:
    if arg.keyword is not None:
        return positions.offset(positions.positions[arg.keyword].start)
    if arg.star:
        return positions.offset(positions.positions[arg].start)
    return positions.start(arg.value)


def element_start(positions: Positions, element) -> int:
    if isinstance(element, cst.DictElement):
        return positions.start(element.key)
    return positions.offset(positions.positions[element].start)  # `**spread`


def wrap(positions: Positions, value: cst.BaseExpression) -> list[Edit]:
    """`X` -> `[X]`, parentheses of X included."""
    return [Edit(positions.start(value), positions.start(value), "["),
            Edit(positions.end(value), positions.end(value), "]")]


def removals(text: str, items: list[tuple[int, int]], removed: set[int], open_end: int, close_start: int) -> list[Edit]:
    """Edits that remove the items (arguments of a call, elements of a dict) at the indices
    `removed`, with their separating commas. `items`: (start, end of value) of every item;
    `open_end`/`close_start`: just inside the brackets. An item before a kept one goes with
    the text up to the next item; trailing items go with the text from the last kept one's end,
    so the last item's own trailing comma stays where it was."""
    kept = [index for index in range(len(items)) if index not in removed]
    if not removed:
        return []
    if not kept:
        inside = text[open_end:close_start]
        if "#" in inside:
            raise Unrenderable("removing every item would drop a comment")
        return [Edit(open_end, close_start, "")]
    last_kept = kept[-1]
    edits = [Edit(items[index][0], items[index + 1][0], "") for index in sorted(removed) if index < last_kept]
    trailing = [index for index in removed if index > last_kept]
    if trailing:
        edits.append(Edit(items[last_kept][1], items[max(trailing)][1], ""))
    return edits


def plain_string(node: cst.CSTNode) -> tuple[str, str, str] | None:
    """(prefix, quote, body) of a str literal whose body is its value (no escapes) and whose
    code is the literal alone (no parentheses, not a concatenation); None for other nodes."""
    if not isinstance(node, cst.SimpleString) or node.lpar or "\\" in node.raw_value \
            or set(node.prefix) - {"r", "u"}:
        return None
    return node.value[:len(node.prefix)], node.quote, node.raw_value


def string_like(model: cst.CSTNode, value: str) -> str:
    """`value` as a string literal quoted like `model` (a plain string literal)."""
    parts = plain_string(model)
    if parts is None:
        raise Unrenderable("the string is not a plain literal")
    prefix, quote, _ = parts
    if "\\" in value or quote[0] in value or any(ord(c) < 32 for c in value):
        raise Unrenderable("the new string would need escapes")
    return f"{prefix}{quote}{value}{quote}"
