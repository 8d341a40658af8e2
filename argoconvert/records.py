"""What processing one input produced: the records every report format is written from.

A record is made in one place for what a rule said (`Record.of`), and by keyword elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .changes import Finding, Outcome, Path, dotted
from .source import Spliced

CHANGED, UNCHANGED, MANUAL, SKIPPED, ERROR = "changed", "unchanged", "manual", "skipped", "error"


@dataclass(frozen=True, kw_only=True)
class Record:
    """One change or finding, with where it is and what it is about."""

    rule: str
    line: int  # 1-based, in the input
    column: int
    document: int = 0
    item: int | None = None  # index in a kind: List
    object: str = "?"  # Kind/name
    path: str  # the field, relative to the object
    new_path: str | None = None  # where the field's value went (None for findings)
    fixable: bool = False
    applied: bool = False  # the change is in the output (False for findings)
    message: str

    @classmethod
    def of(cls, rule: str, outcome: Outcome, *, cut: Path = (), shown: Path = (), message: str | None = None,
           **where) -> "Record":
        """What a rule said about a field, as reports name it: paths from `cut` (the object's
        place) on, after `shown` (a keyword a Python dict is passed to); the message's
        `{path}` and `{new}` filled in. `where`: line, column, object, applied, ... by keyword."""

        def name(path: Path) -> str:
            return dotted(shown + path[len(cut):])

        change = not isinstance(outcome, Finding)
        where.setdefault("fixable", change)
        where.setdefault("new_path", name(outcome.new_path) if change else None)
        # Not str.format: the values a message quotes may hold braces.
        text = (message or outcome.message).replace("{path}", name(outcome.path)).replace("{new}", name(outcome.destination))
        return cls(rule=rule, path=name(outcome.path), message=text, **where)


@dataclass(frozen=True)
class Problem:
    message: str
    line: int = 0
    column: int = 0


@dataclass
class FileResult:
    path: str
    original: bytes
    converted: bytes | Spliced | None = field(default=None, repr=False)  # see `output`
    records: list[Record] = field(default_factory=list)
    error: Problem | None = None  # why the file failed (status error) or was skipped
    skipped: bool = False
    semantic: list[str] = field(default_factory=list)  # data-level changes, with --verbose

    @property
    def output(self) -> bytes | None:
        """The converted bytes, when they differ from the original."""
        return None if self.converted is None else bytes(self.converted)

    @output.setter
    def output(self, value: bytes | Spliced | None) -> None:
        self.converted = value

    def output_chunks(self) -> Iterable[bytes | memoryview]:
        """The converted bytes in pieces, to be written out without joining them."""
        if isinstance(self.converted, Spliced):
            return self.converted.chunks()
        return [] if self.converted is None else [self.converted]

    def release(self) -> None:
        """Drop the bytes once written or printed, keeping what reports need: a run over many
        large exports holds one of them at a time."""
        self.original = b""
        if self.converted is not None:
            self.converted = b""

    @property
    def changes(self) -> list[Record]:
        return [r for r in self.records if r.applied]

    @property
    def findings(self) -> list[Record]:
        return [r for r in self.records if not r.applied]

    @property
    def status(self) -> str:
        if self.skipped:
            return SKIPPED
        if self.error is not None:
            return ERROR
        if self.converted is not None:
            return CHANGED
        if self.findings:
            return MANUAL
        return UNCHANGED
