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


def _yaml_items(text: str) -> list[Segment] | None:
    if re.search(r"^(?:---|\.\.\.)[ \t]*\S", text, re.M) or re.search(r"\n---(?:[ \t]|\r?$)", text, re.M):
        return None  # several documents, or content on a marker line
    items = _YAML_ITEMS.search(text)
    if items is None or ("\nkind: List" not in text and not _YAML_LIST_KIND.search(text)):
        return None
    first = re.compile(r"^( *)- ", re.M).search(text, items.end())
    if first is None or text[items.end():first.start()].strip(" \t\r\n"):
        return None
    indent = first.group(1)
    # The items end at the first line, after them, that holds something at a smaller column.
    closing = re.compile(r"^ {0,%d}[^ \t\r\n#-]" % max(len(indent) - 1, 0) if indent else r"^[^ \t\r\n#-]", re.M)
    end_match = closing.search(text, first.start())
    end = end_match.start() if end_match else len(text)
    starts = [m.start() for m in re.compile(r"^%s-(?:[ \t]|\r?$)" % indent, re.M).finditer(text, first.start(), end)]
    return [Segment(start, stop, index) for index, (start, stop) in enumerate(zip(starts, starts[1:] + [end]))]


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
