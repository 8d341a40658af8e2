"""Bytes to text and back: the BOM, the encoding and the line endings of one input.

The engine edits the decoded text and encodes it back with the same BOM, so everything
the rules do not touch leaves byte for byte as it came in. A large export is never decoded
whole: the engine edits its bytes item by item and writes them out as a `Spliced`.
"""
from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass
from typing import Iterator

from .errors import InputError, Unrenderable

BOM = "\ufeff"
BOM_BYTES = BOM.encode("utf-8")
_VALIDATE_STEP = 1 << 20  # bytes decoded at a time to check UTF-8 without a copy of the whole text


class Source:
    """One input: where it came from, its text without BOM, and how to write it back.
    Made from bytes, the text is decoded when first asked for."""

    def __init__(self, path: str, text: str | None = None, bom: bool = False, newline: str = "\n",
                 raw: bytes | None = None):
        self.path = path
        self._text = text
        self.bom = bom
        self.newline = newline
        self.raw = raw  # the bytes read, when the text came from them
        self._line_starts: list[int] | None = None

    @classmethod
    def from_bytes(cls, path: str, raw: bytes) -> "Source":
        """Raises InputError for a binary or non-UTF-8 input."""
        if b"\x00" in raw[:8192]:
            raise InputError("binary file (NUL byte)", *_line_col_of_byte(raw, raw.index(b"\x00")))
        if not raw.isascii():
            _check_utf8(raw)
        first_break = raw.find(b"\n")
        newline = "\r\n" if first_break > 0 and raw[first_break - 1] == 0x0D else "\n"
        return cls(path, bom=raw.startswith(BOM_BYTES), newline=newline, raw=raw)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = str(memoryview(self.raw)[len(BOM_BYTES) if self.bom else 0:], "utf-8")
        return self._text

    @property
    def original(self) -> bytes:
        return self.raw if self.raw is not None else self.encode(self.text)

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


def _check_utf8(raw: bytes) -> None:
    """Raise InputError at the first byte that is not UTF-8, decoding a step at a time."""
    view, position, step = memoryview(raw), 0, max(_VALIDATE_STEP, 4)  # 4: a whole character per step
    while position < len(raw):
        last = position + step >= len(raw)  # a sequence cut short by the end is an error
        try:
            position += codecs.utf_8_decode(view[position:position + step], "strict", last)[1]
        except UnicodeDecodeError as exc:
            at = position + exc.start
            raise InputError(f"not UTF-8 (byte 0x{raw[at]:02x})", *_line_col_of_byte(raw, at)) from None


def _line_col_of_byte(raw: bytes, index: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, index) + 1
    return raw.count(b"\n", 0, index) + 1, index - line_start + 1


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] by `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str


def _in_order(edits: list[Edit]) -> Iterator[Edit]:
    """Non-overlapping edits by position; at one offset, insertions first, in the order they
    were made, then the replacement that starts there."""
    position = 0
    for _, edit in sorted(enumerate(edits), key=lambda e: (e[1].start, e[1].end, e[0])):
        if edit.start < position:
            raise Unrenderable("two edits overlap")
        yield edit
        position = edit.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with the edits applied in one pass."""
    pieces, position = [], 0
    for edit in _in_order(edits):
        pieces.append(text[position:edit.start])
        pieces.append(edit.text)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


class Spliced:
    """An input's bytes with edits at byte offsets, produced piece by piece: a converted
    export of tens of megabytes is written out without a second copy of it in memory."""

    def __init__(self, raw: bytes, edits: list[Edit]):
        self.raw = raw
        self.edits = list(_in_order(edits))

    def chunks(self) -> Iterator[bytes | memoryview]:
        view, position = memoryview(self.raw), 0
        for edit in self.edits:
            yield view[position:edit.start]
            yield edit.text.encode("utf-8")
            position = edit.end
        yield view[position:]

    def __bytes__(self) -> bytes:
        return b"".join(self.chunks())
