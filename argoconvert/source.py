"""Bytes to text and back: the BOM, the encoding and the line endings of one input.

The engine edits the decoded text and encodes it back with the same BOM, so everything
the rules do not touch leaves byte for byte as it came in.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .errors import InputError, Unrenderable

BOM = "\ufeff"


@dataclass
class Source:
    """One input: where it came from, its text without BOM, and how to write it back."""

    path: str
    text: str
    bom: bool = False
    newline: str = "\n"
    raw: bytes | None = field(default=None, repr=False)  # the bytes read, when the text came from them
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
        return cls(path=path, text=text, bom=bom, newline=newline, raw=raw)

    @property
    def original(self) -> bytes:
        return self.raw if self.raw is not None else self.encode(self.text)

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8")

    def apply(self, edits: list) -> bytes:
        """The bytes with `edits` (text offsets) applied; the list is consumed. On an ASCII text, offsets are byte
        offsets: the bytes are spliced through memoryviews, without a second copy of the text
        (a cluster export is tens of megabytes)."""
        if self.raw is None or not self.text.isascii():
            return self.encode(apply_edits(self.text, edits))
        shift = 3 if self.bom else 0
        view, pieces, position = memoryview(self.raw), [], 0
        pending = sorted(edits, key=lambda e: (e.start, e.end), reverse=True)
        edits.clear()  # consumed: each new text is freed once encoded
        while pending:
            edit = pending.pop()
            pieces.append(view[position + shift:edit.start + shift])
            pieces.append(edit.text.encode("utf-8"))
            position = edit.end
        pieces.append(view[position + shift:])
        return (b"\xef\xbb\xbf" if self.bom else b"") + b"".join(pieces)

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


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] by `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits in one pass. At one offset, insertions come first, in the
    order they were made, then the replacement that starts there."""
    pieces, position = [], 0
    for _, edit in sorted(enumerate(edits), key=lambda e: (e[1].start, e[1].end, e[0])):
        if edit.start < position:
            raise Unrenderable("two edits overlap")
        pieces.append(text[position:edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)
