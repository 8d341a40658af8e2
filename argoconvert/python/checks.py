"""What each edited node must hold afterwards, checked on the output text.

Every call, dict literal, string literal and attribute write a scan edits leaves a check:
its span in the input and what it must become. The verifier finds each one's text in the
output (the input span moved by the edits before it), parses that snippet alone, compares it
with the expectation and runs the same analysis on it again, which must find nothing more to
change. The rest of the output is the input's bytes, so names need not be resolved again.
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from typing import Callable

import libcst as cst

from ..source import Edit, apply_edits
from ..changes import same
from .literals import read_again, with_code_as
from .symbols import Envelope, Signature
from .text import Positions

Span = tuple[int, int]


class Shift:
    """Input offsets and spans seen in the output of non-overlapping `edits`."""

    def __init__(self, text: str, edits: list[Edit]):
        self.text = text
        self.edits = sorted(edits, key=lambda e: (e.start, e.end))  # no overlap: ends are sorted too
        self.starts = [e.start for e in self.edits]
        self.ends = [e.end for e in self.edits]
        self.deltas = list(itertools.accumulate((len(e.text) - (e.end - e.start) for e in self.edits), initial=0))

    def offset(self, offset: int) -> int:
        """Where an input offset is in the output (after the edits that end at or before it)."""
        return offset + self.deltas[bisect.bisect_right(self.ends, offset)]

    def expected(self, span: Span) -> str:
        """The input text of `span` with the edits inside it (those of nested calls)."""
        start, end = span
        candidates = self.edits[bisect.bisect_left(self.starts, start):bisect.bisect_right(self.starts, end)]
        inside = [Edit(e.start - start, e.end - start, e.text) for e in candidates
                  if e.end <= end and not (e.start == e.end and e.start in (start, end))]
        return apply_edits(self.text[start:end], inside)


Expected = Callable[[Span], str]


@dataclass
class Check:
    """An edited node: its span in the input, what it must hold in the output (`holds`, given
    its node there and the expected text of input spans), and the analysis to run on it again,
    which must find nothing more to change (`scan_again`, given a codemod.Scan of the output)."""

    start: int
    end: int

    def holds(self, node: cst.CSTNode, at: Positions, expected: Expected) -> bool:
        raise NotImplementedError

    def scan_again(self, scan, node: cst.CSTNode) -> None:
        """Nothing that could change again (an attribute write's new name is not a legacy one)."""


@dataclass
class CallCheck(Check):
    """An edited call: afterwards its arguments must be `args`, (keyword, star, value) each,
    the value as ("code", span) or ("list", [item spans]) of input spans (see Shift.expected)."""

    func: str
    args: list[list]
    signature: Signature

    def holds(self, node: cst.CSTNode, at: Positions, expected: Expected) -> bool:
        if not isinstance(node, cst.Call) or at.code(node.func) != self.func or len(node.args) != len(self.args):
            return False
        for arg, (keyword, star, (kind, value)) in zip(node.args, self.args):
            if (arg.keyword.value if arg.keyword else None) != keyword or arg.star != star:
                return False
            if kind == "code":
                if at.code(arg.value) != expected(value):
                    return False
            elif not isinstance(arg.value, cst.List) or [at.code(e.value) for e in arg.value.elements] != \
                    [expected(span) for span in value]:
                return False
        return True

    def scan_again(self, scan, node: cst.Call) -> None:
        scan.call(node, self.signature)


@dataclass
class DictCheck(Check):
    """An edited dict literal: afterwards its data must be `data` (in its envelope, if typed)."""

    data: dict
    typed: tuple[Envelope, str | None] | None  # the envelope and label of a dict passed to an Argo class

    def holds(self, node: cst.CSTNode, at: Positions, expected: Expected) -> bool:
        if not isinstance(node, cst.Dict):
            return False
        data = read_again(node, at, self.typed[0] if self.typed else None)
        return same(with_code_as(self.data, lambda code: expected(code.span)),
                    with_code_as(data, lambda code: code.text))

    def scan_again(self, scan, node: cst.Dict) -> None:
        scan.dict_literal(node, self.typed)


@dataclass
class StringCheck(Check):
    """A string literal holding a manifest: afterwards it must hold the converted one."""

    value: str

    def holds(self, node: cst.CSTNode, at: Positions, expected: Expected) -> bool:
        return isinstance(node, cst.SimpleString) and node.evaluated_value == self.value

    def scan_again(self, scan, node: cst.SimpleString) -> None:
        scan.strings.literal(node)


@dataclass
class WriteCheck(Check):
    """An attribute write `obj.singular = X` rewritten: afterwards `obj.plural = [X]`."""

    target: Span
    value: Span

    def holds(self, node: cst.CSTNode, at: Positions, expected: Expected) -> bool:
        return (isinstance(node, cst.Assign) and len(node.targets) == 1
                and at.code(node.targets[0].target) == expected(self.target)
                and isinstance(node.value, cst.List) and at.code(node.value) == f"[{expected(self.value)}]")
