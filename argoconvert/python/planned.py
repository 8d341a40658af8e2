"""What a scan plans: each record paired with the text edits that make its change, before the
edits are verified; and the judgement of a value given to a legacy keyword or attribute
(shared by calls, attribute writes and their reports)."""
from __future__ import annotations

from dataclasses import dataclass, replace

import libcst as cst

from ..migrations import Keyword
from ..records import Record
from ..source import Edit
from .literals import DictLiteral, string_value
from .text import Positions


@dataclass
class Planned:
    """A record as it reads once the file is written, and the edits of its change: None for a
    finding; a change's edits may be carried by another change of the same node."""

    record: Record
    edits: list[Edit] | None = None

    def left(self, why: str) -> None:
        """The change is not made: reported instead, with why (appended to the message)."""
        self.record = replace(self.record, new_path=None, applied=False, message=self.record.message + why)
        self.edits = None

    def written(self, applied: bool) -> Record:
        """The record, once the file's edits are written (or not: then no change is applied)."""
        if applied or self.edits is None:
            return self.record
        return replace(self.record, applied=False, message=f"{self.record.message} (not applied)")


def may_be_none(value: cst.BaseExpression) -> bool:
    """A value that names or looks up something (not a literal, not a constructor call)."""
    if isinstance(value, cst.Name):
        return value.value not in ("True", "False")
    if isinstance(value, (cst.Attribute, cst.Subscript)):
        return True
    if isinstance(value, cst.IfExp):
        return may_be_none(value.body) or may_be_none(value.orelse)
    if isinstance(value, cst.BooleanOperation):
        return may_be_none(value.left) or may_be_none(value.right)
    return False


def value_problem(keyword: Keyword, value: cst.BaseExpression, at: Positions) -> str | None:
    """Why `old=value` cannot become `new=[value]`, if it cannot."""
    if isinstance(value, cst.Name) and value.value == "None":
        return f"{keyword.old}=None: remove it, or pass {keyword.new}=[...]"
    if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        return f"{keyword.old}= is given a collection: write {keyword.new}=[...] by hand"
    literal = DictLiteral(value, at).data if isinstance(value, cst.Dict) else string_value(value)
    if keyword.refuses is not None and literal is not None:
        return keyword.refuses(literal)
    return None


def review_note(at: Positions, value: cst.BaseExpression, keyword: Keyword, spread: cst.Arg | None = None) -> str:
    """What a reviewer of a rewritten value should check, in parentheses; empty if nothing."""
    notes = []
    if may_be_none(value):
        notes.append(f"review: {at.snippet(value)} must not be None at run time")
    if spread is not None:
        notes.append(f"review: **{at.code(spread.value)} must not hold {keyword.new}")
    return f" ({'; '.join(notes)})" if notes else ""


def suggested_fix(keyword: Keyword) -> str:
    """How a person converts a legacy keyword or attribute."""
    return f"use {keyword.new} ({keyword.takes}) instead"
