"""Bytes to text and back: the BOM, the encoding and the line endings of one input.

The engine edits the decoded text and encodes it back with the same BOM, so everything
the rules do not touch leaves byte for byte as it came in.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .errors import InputError

BOM = "\ufeff"


@dataclass
class Source:
    """One input: where it came from, its text without BOM, and how to write it back."""

    path: str
    text: str
    bom: bool = False
    newline: str = "\n"
    _line_starts: list[int] | None = field(default=None, repr=False)

    @classmethod
    def from_bytes(cls, path: str, raw: bytes) -> "Source":
        if b"\x00" in raw[:8192]:
            raise InputError("binary file (NUL byte)", *_line_col_of_byte(raw, raw.index(b"\x00")))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 (byte 0x{raw[exc.start]:02x})", *_line_col_of_byte(raw, exc.start)) from None
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        first_break = text.find("\n")
        newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
        return cls(path=path, text=text, bom=bom, newline=newline)

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")

    # -- positions -------------------------------------------------------------------
    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a text offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


def _line_col_of_byte(raw: bytes, index: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, index) + 1
    return raw.count(b"\n", 0, index) + 1, index - line_start + 1
