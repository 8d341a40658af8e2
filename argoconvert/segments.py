"""The items of a large `kind: List` found in the text, without parsing it.

`kubectl get -o yaml|json` prints one List whose items start on lines of their own: `- ` at a
fixed column in YAML, `{` at a fixed indentation in JSON. Each item is valid YAML on its own,
so the engine can parse, convert and verify only the items that may hold a legacy field and
copy the rest as text. Anything that does not look exactly like that returns None, and the
file is processed whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    start: int  # offset of the first character of the item's first line
    end: int  # offset after the item (YAML: up to the next item; JSON: after its closing brace)
    item: int


_YAML_ITEMS = re.compile(r"^items:[ \t]*\r?\n", re.M)
_YAML_LIST_KIND = re.compile(r"^kind:[ \t]*[\"']?List[\"']?[ \t]*\r?$", re.M)
_JSON_ITEMS = re.compile(r'^([ \t]*)"items":[ \t]*\[[ \t]*\r?\n', re.M)
_JSON_LIST_KIND = re.compile(r'^[ \t]*"kind":[ \t]*"List",?[ \t]*\r?$', re.M)


def list_items(text: str) -> list[Segment] | None:
    """The item segments of a single-document List, or None."""
    if text.lstrip().startswith("{"):
        return _json_items(text)
    return _yaml_items(text)


def _marker_lines(text: str, marker: str) -> bool:
    """Whether a line starts with the document marker `marker` (`---` or `...`)."""
    if text.startswith(marker) and text[len(marker):len(marker) + 1] in ("", " ", "\t", "\r", "\n"):
        return True
    position = text.find("\n" + marker)
    while position != -1:
        if text[position + 4:position + 5] in ("", " ", "\t", "\r", "\n"):
            return True
        position = text.find("\n" + marker, position + 4)
    return False


def _yaml_items(text: str) -> list[Segment] | None:
    body = text[4:] if text.startswith("---\n") else text
    if _marker_lines(body, "---") or _marker_lines(body, "..."):
        return None  # several documents
    items = _YAML_ITEMS.search(text)
    if items is None or ("\nkind: List" not in text and not _YAML_LIST_KIND.search(text)):
        return None
    first = re.compile(r"^( *)- ", re.M).search(text, items.end())
    if first is None or text[items.end():first.start()].strip(" \t\r\n"):
        return None
    indent = first.group(1)
    # Item lines are found with str.find, which scans tens of megabytes in milliseconds.
    needle = "\n" + indent + "-"
    starts, position = [first.start()], text.find(needle, first.start())
    while position != -1:
        if text[position + len(needle):position + len(needle) + 1] in (" ", "\t", "\r", "\n"):
            starts.append(position + 1)
        position = text.find(needle, position + len(needle))
    end = _items_end(text, starts[-1], len(indent))
    starts = [start for start in starts if start < end]
    return [Segment(start, stop, index) for index, (start, stop) in enumerate(zip(starts, starts[1:] + [end]))]


def _items_end(text: str, last: int, indent: int) -> int:
    """Where the items end: the first line after the last item's first line that holds
    something (not a comment) left of the items' column, or at it and not an item."""
    position = text.find("\n", last)
    while position != -1:
        line_start = position + 1
        content = line_start
        while content < len(text) and text[content] == " ":
            content += 1
        if content < len(text) and text[content] not in "\r\n#" and (
                content - line_start < indent or (content - line_start == indent and text[content] != "-")):
            return line_start
        position = text.find("\n", line_start)
    return len(text)


def _json_items(text: str) -> list[Segment] | None:
    items = _JSON_ITEMS.search(text)
    if items is None or ('"kind": "List"' not in text and not _JSON_LIST_KIND.search(text)):
        return None
    first = re.compile(r"^([ \t]*)\{[ \t]*\r?$", re.M).search(text, items.end())
    if first is None or text[items.end():first.start()].strip():
        return None
    indent = first.group(1)
    opening = re.compile(r"%s\{[ \t]*\r?\n" % re.escape(indent))
    closing = "\n" + indent + "}"  # str.find: far faster than a multi-line pattern over megabytes
    segments, position = [], first.start()
    while True:
        start = opening.match(text, position)
        if start is None:
            break
        stop = text.find(closing, start.end() - 1)
        if stop == -1:
            return None
        stop += len(closing)
        segments.append(Segment(start.start(), stop, len(segments)))
        separator = re.compile(r",[ \t]*\r?\n").match(text, stop)
        if separator is None:
            break
        position = separator.end()
    return segments
