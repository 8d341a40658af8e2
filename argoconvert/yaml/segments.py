"""The items of a large `kind: List`, or the documents of a large YAML stream, found in its
bytes without parsing or decoding it.

`kubectl get -o yaml|json` prints one List whose items start on lines of their own: `- ` at a
fixed column in YAML, `{` at a fixed indentation in JSON. Each item is valid YAML on its own,
so the engine can parse, convert and verify only the items that may hold a legacy field and
copy the rest as bytes. Anything that does not look exactly like that returns None, and the
file is processed whole. Item boundaries are ASCII, so byte offsets are found the same way
in any UTF-8 text; bytes.find scans tens of megabytes in milliseconds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # byte offset of the first character of the item's first line
    end: int  # byte offset after the item (YAML: up to the next item; JSON: after its closing brace)
    item: int | None  # index in the List; None for a document of a stream
    document: int = 0

    @property
    def name(self) -> str:
        return f"document {self.document}" if self.item is None else f"item {self.item}"


_JSON_START = re.compile(rb"[ \t\r\n]*\{")
_YAML_ITEMS = re.compile(rb"^items:[ \t]*\r?\n", re.M)
_YAML_LIST_KIND = re.compile(rb"^kind:[ \t]*[\"']?List[\"']?[ \t]*\r?$", re.M)
_YAML_FIRST_ITEM = re.compile(rb"^( *)- ", re.M)
_JSON_ITEMS = re.compile(rb'^([ \t]*)"items":[ \t]*\[[ \t]*\r?\n', re.M)
_JSON_LIST_KIND = re.compile(rb'^[ \t]*"kind":[ \t]*"List",?[ \t]*\r?$', re.M)
_JSON_FIRST_ITEM = re.compile(rb"^([ \t]*)\{[ \t]*\r?$", re.M)
_JSON_SEPARATOR = re.compile(rb",[ \t]*\r?\n")
_LINE_END = (b"", b" ", b"\t", b"\r", b"\n")


def list_items(raw: bytes) -> list[Segment] | None:
    """The item segments of a single-document List, or None."""
    start = len(BOM) if raw.startswith(BOM) else 0
    if _JSON_START.match(raw, start):
        return _json_items(raw)
    return _yaml_items(raw, start)


def _marker_line(raw: bytes, marker: bytes, start: int) -> bool:
    """Whether a line at or after `start` starts with the document marker `marker` (`---` or `...`)."""
    if raw.startswith(marker, start) and raw[start + 3:start + 4] in _LINE_END:
        return True
    position = raw.find(b"\n" + marker, start)
    while position != -1:
        if raw[position + 4:position + 5] in _LINE_END:
            return True
        position = raw.find(b"\n" + marker, position + 4)
    return False


def _yaml_items(raw: bytes, start: int) -> list[Segment] | None:
    body = start + 4 if raw.startswith(b"---\n", start) else start
    if _marker_line(raw, b"---", body) or _marker_line(raw, b"...", body):
        return None  # several documents
    items = _YAML_ITEMS.search(raw)
    if items is None or (b"\nkind: List" not in raw and not _YAML_LIST_KIND.search(raw)):
        return None
    first = _YAML_FIRST_ITEM.search(raw, items.end())
    if first is None or raw[items.end():first.start()].strip(b" \t\r\n"):
        return None
    indent = len(first.group(1))
    needle = b"\n" + first.group(1) + b"-"
    starts, position = [first.start()], raw.find(needle, first.start())
    while position != -1:
        if raw[position + len(needle):position + len(needle) + 1] in (b" ", b"\t", b"\r", b"\n"):
            starts.append(position + 1)
        position = raw.find(needle, position + len(needle))
    end = _items_end(raw, starts[-1], indent)
    starts = [start for start in starts if start < end]
    return [Segment(start, stop, index) for index, (start, stop) in enumerate(zip(starts, starts[1:] + [end]))]


def _items_end(raw: bytes, last: int, indent: int) -> int:
    """Where the items end: the first line after the last item's first line that holds
    something (not a comment) left of the items' column, or at it and not an item."""
    after = raw.find(b"\n", last)
    if after == -1:
        return len(raw)
    left_of = rb" {0,%d}[^ \r\n#]|" % (indent - 1) if indent else b""
    outside = re.compile(rb"^(?:%s {%d}[^ \r\n#-])" % (left_of, indent), re.M).search(raw, after + 1)
    return outside.start() if outside else len(raw)


def _json_items(raw: bytes) -> list[Segment] | None:
    items = _JSON_ITEMS.search(raw)
    if items is None or (b'"kind": "List"' not in raw and not _JSON_LIST_KIND.search(raw)):
        return None
    first = _JSON_FIRST_ITEM.search(raw, items.end())
    if first is None or raw[items.end():first.start()].strip():
        return None
    indent = first.group(1)
    opening = re.compile(re.escape(indent) + rb"\{[ \t]*\r?\n")
    closing = b"\n" + indent + b"}"
    segments, position = [], first.start()
    while True:
        start = opening.match(raw, position)
        if start is None:
            break
        stop = raw.find(closing, start.end() - 1)
        if stop == -1:
            return None
        stop += len(closing)
        segments.append(Segment(start.start(), stop, len(segments)))
        separator = _JSON_SEPARATOR.match(raw, stop)
        if separator is None:
            break
        position = separator.end()
    return segments


_DOCUMENT_START = re.compile(rb"^---(?=[ \t\r\n]|$)", re.M)
_DIRECTIVE = re.compile(rb"^%", re.M)
_CONTENT = re.compile(rb"^(?!\.\.\.(?:[ \t\r\n]|$))[ \t]*[^ \t\r\n#]", re.M)  # not a comment, not `...`


def document_segments(raw: bytes) -> list[Segment] | None:
    """The documents of a YAML stream of several, each from its `---` line to the next (an
    end marker `...` stays in its document's segment: only comments may follow it); None for a
    single document or a stream with `%` directives, which hold for the documents after them."""
    start = len(BOM) if raw.startswith(BOM) else 0
    body = memoryview(raw)[start:]  # a view, so that `^` matches right after a BOM too
    if _DIRECTIVE.search(body):
        return None
    starts = [start + match.start() for match in _DOCUMENT_START.finditer(body)]
    if starts and starts[0] != start and _CONTENT.search(body[:starts[0] - start]):
        starts.insert(0, start)  # a first document without a marker
    if len(starts) < 2:
        return None
    return [Segment(begin, end, None, index) for index, (begin, end) in enumerate(zip(starts, starts[1:] + [len(raw)]))]
