"""What processing one input produced: the records every report format is written from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .source import Spliced

CHANGED, UNCHANGED, MANUAL, SKIPPED, ERROR = "changed", "unchanged", "manual", "skipped", "error"


@dataclass(frozen=True)
class Record:
    """One change or finding, with where it is and what it is about."""

    rule: str
    line: int  # 1-based, in the input
    column: int
    document: int
    item: int | None  # index in a kind: List
    object: str  # Kind/name
    path: str  # the field, relative to the object
    new_path: str | None  # where the field's value went (None for findings)
    fixable: bool
    applied: bool  # the change is in the output (False for findings)
    message: str


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
