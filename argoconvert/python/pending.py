"""The records a scan makes before the edits are verified, and the judgement of a value given
to a legacy keyword or attribute (shared by calls, attribute writes and their reports)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from ..records import Record
from ..source import Edit
from .literals import string_value
from .symbols import PRIORITY_CLASS, RENAMES, Rename
from .text import Positions

TZ_PREFIX = re.compile(r"^\s*(?:CRON_TZ|TZ)=(\S+)\s")


@dataclass
class Pending:
    """A record to be: a finding (`edits` None) or a change with its text edits."""

    rule: str
    line: int
    column: int
    object: str
    path: str
    new_path: str | None
    fixable: bool
    message: str
    edits: list[Edit] | None = None  # None for a finding; a change's edits may be carried by another change

    def record(self, applied: bool) -> Record:
        change = self.edits is not None
        return Record(rule=self.rule, line=self.line, column=self.column, object=self.object, path=self.path,
                      new_path=self.new_path if change else None, fixable=self.fixable, applied=applied and change,
                      message=f"{self.message} (not applied)" if change and not applied else self.message)

    def unfixed(self, reason: str) -> None:
        self.edits, self.new_path, self.message = None, None, f"{self.message}; not fixed: {reason}"


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


def value_problem(rename: Rename, value: cst.BaseExpression) -> str | None:
    """Why `singular=value` cannot be rewritten, if it cannot."""
    if isinstance(value, cst.Name) and value.value == "None":
        return f"{rename.singular}=None: remove it, or pass {rename.plural}=[...]"
    if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.ListComp, cst.SetComp, cst.GeneratorExp)):
        return f"{rename.singular}= is given a collection: write {rename.plural}=[...] by hand"
    if rename.singular == "schedule":
        if isinstance(value, cst.Dict):
            return "schedule= is not a cron expression: write schedules=[...] by hand"
        text = string_value(value)
        if text is not None and not text.strip():
            return "schedule= is empty: remove it, or pass schedules=[...]"
        prefix = TZ_PREFIX.match(text or "")
        if prefix:
            return (f"schedule= starts with a time zone prefix ({prefix.group(1)}), which v4 rejects: "
                    f"pass timezone={prefix.group(1)!r} and schedules=[...] without it by hand")
    return None


def review_note(at: Positions, value: cst.BaseExpression, rename: Rename, spread: cst.Arg | None = None) -> str:
    """What a reviewer of a rewritten value should check, in parentheses; empty if nothing."""
    notes = []
    if may_be_none(value):
        notes.append(f"review: {at.snippet(value)} must not be None at run time")
    if spread is not None:
        notes.append(f"review: **{at.code(spread.value)} must not hold {rename.plural}")
    return f" ({'; '.join(notes)})" if notes else ""


def suggested_fix(keyword: str) -> str:
    """How a person converts a legacy keyword or attribute."""
    if keyword in RENAMES:
        return f"use {RENAMES[keyword].plural} (a list) instead"
    return f"use {PRIORITY_CLASS[keyword]} (a PriorityClass with that value) instead"
