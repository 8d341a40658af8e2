"""YAML text to a tree of nodes that know their exact offsets in the text.

The parser is libyaml through PyYAML's C extension (PyYAML's pure-Python parser where the
extension is missing): its event stream carries the start and end offset of every scalar,
collection and marker. (ruamel.yaml.clib bundles an older libyaml that rejects `:` inside
flow plain scalars, as in `command: [run, alpine:3.19]`, which Kubernetes accepts.) The tree is only a map of the text:
edits are made on the original text (see edits.py), never by dumping the tree, so comments,
quoting and layout survive untouched. Composition is iterative (no recursion limit) and
aliases are kept as references to their anchor's node (never expanded).

libyaml rejects each half of a UTF-16 surrogate pair written as two escapes (`"\\ud83d\\udd53"`,
what JSON encoders that escape non-ASCII write for a character beyond U+FFFF), which JSON and
Kubernetes read as one character. Such a text is parsed with each pair shortened to the
equivalent `\\U0001F553`, and every offset is then moved back to the original text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

import yaml

from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # only its event stream is used

from ..errors import InputError

MAX_DEPTH = 500  # far beyond any manifest; keeps recursive walks of the tree under Python's limit


class Node:
    __slots__ = ("start", "end", "anchor", "tag", "size")

    def __init__(self, start: int, end: int, anchor: str | None, tag: str | None):
        self.start = start  # offset of the node, its anchor or tag included
        self.end = end  # offset just after its last character (block collections: see close)
        self.anchor = anchor
        self.tag = tag
        self.size = 1  # nodes in the expanded tree, aliases counted at their full size


class Scalar(Node):
    __slots__ = ("value", "style")

    def __init__(self, start, end, anchor, tag, value: str, style: str):
        # Assigned here rather than through Node.__init__: millions are made for an export.
        self.start, self.end, self.anchor, self.tag, self.size = start, end, anchor, tag, 1
        self.value = value
        self.style = style  # "" plain, "'", '"', "|", ">"


class Mapping(Node):
    __slots__ = ("pairs", "flow")

    def __init__(self, start, end, anchor, tag, flow: bool):
        self.start, self.end, self.anchor, self.tag, self.size = start, end, anchor, tag, 1
        self.pairs: list[tuple[Node, Node]] = []
        self.flow = flow


class Sequence(Node):
    __slots__ = ("items", "flow")

    def __init__(self, start, end, anchor, tag, flow: bool):
        self.start, self.end, self.anchor, self.tag, self.size = start, end, anchor, tag, 1
        self.items: list[Node] = []
        self.flow = flow


class Alias(Node):
    __slots__ = ("target",)

    def __init__(self, start, end, target: Node):
        super().__init__(start, end, None, None)
        self.target = target
        self.size = target.size


def deref(node: Node) -> Node:
    return node.target if isinstance(node, Alias) else node


@dataclass
class Document:
    index: int
    root: Node | None
    start: int  # offset of the document (its `---` marker when explicit)
    end: int  # offset after its last node, or after its `...` marker
    aliases: int = 0
    collections: list[Node] = field(default_factory=list)  # every collection, in text order


class _ComposeError(Exception):
    """An error the composer finds at a parser mark; compose() makes it an InputError at the
    mark's place in the original text."""

    def __init__(self, message: str, mark):
        super().__init__(message)
        self.message = message
        self.mark = mark


# A high then a low surrogate escape, in either case.
_SURROGATE_PAIR = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_SHORTENED_BY = len(r"\ud83d\udd53") - len(r"\U0001F553")


class _Shortened:
    """A text whose surrogate pairs are each written as one `\\U` escape, and the way back from
    its offsets to the original text's."""

    def __init__(self, text: str, pairs: list[re.Match]):
        pieces, position = [], 0
        self.ends: list[int] = []  # where each replacement ends in the shortened text, in order
        for pair in pairs:
            code = 0x10000 + ((int(pair[1], 16) - 0xD800) << 10) + (int(pair[2], 16) - 0xDC00)
            pieces += (text[position:pair.start()], f"\\U{code:08X}")
            position = pair.end()
            self.ends.append(position - _SHORTENED_BY * (len(self.ends) + 1))
        pieces.append(text[position:])
        self.text = "".join(pieces)

    def replaced_before(self, index: int) -> int:
        """How many replacements end at or before `index` of the shortened text."""
        return bisect.bisect_right(self.ends, index)

    def original(self, index: int) -> int:
        return index + _SHORTENED_BY * self.replaced_before(index)


def _escapes(text: str, pairs: Iterable[re.Match]) -> list[re.Match]:
    """The pairs whose first backslash starts an escape: it is not itself escaped by an odd
    run of backslashes before it (`"\\\\ud83d..."` is a backslash and text)."""
    found = []
    for pair in pairs:
        before = pair.start()
        while before and text[before - 1] == "\\":
            before -= 1
        if (pair.start() - before) % 2 == 0:
            found.append(pair)
    return found


def _line_column(mark, shortened: _Shortened | None) -> tuple[int, int]:
    """A mark's 1-based place in the original text (a pair never spans lines: same line)."""
    if shortened is None:
        return mark.line + 1, mark.column + 1
    line_start = mark.index - mark.column
    return mark.line + 1, shortened.original(mark.index) - shortened.original(line_start) + 1


def _error(exc: yaml.MarkedYAMLError, shortened: _Shortened | None) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    context = f" {exc.context}" if exc.context and exc.problem else ""
    message = f"invalid YAML:{context} {problem}".replace("\n", " ")
    if mark is None:
        return InputError(message)
    return InputError(message, *_line_column(mark, shortened))


def compose(text: str) -> list[Document]:
    """Parse a YAML stream into documents of positioned nodes. Raises InputError."""
    first = _SURROGATE_PAIR.search(text)
    pairs = _escapes(text, _SURROGATE_PAIR.finditer(text, first.start())) if first else []
    if not pairs:
        return _parse(text, None)[0]
    documents, literal = _parse(text, _Shortened(text, pairs))
    if literal:
        # In a plain, single-quoted or block scalar a pair is text, not an escape: parse again
        # with those left as written, so that the values hold them unchanged.
        kept = [pair for number, pair in enumerate(pairs) if number not in literal]
        documents, _ = _parse(text, _Shortened(text, kept) if kept else None)
    return documents


def _parse(text: str, shortened: _Shortened | None) -> tuple[list[Document], set[int]]:
    """The documents of `text`, parsed as `shortened` when given, with their offsets in `text`;
    and the numbers of the replaced pairs that lie in scalars other than double-quoted ones."""
    try:
        if shortened is None:
            return _compose(text), set()
        documents = _compose(shortened.text)
        return documents, _to_original(documents, shortened)
    except _ComposeError as exc:
        raise InputError(exc.message, *_line_column(exc.mark, shortened)) from None
    except yaml.MarkedYAMLError as exc:
        raise _error(exc, shortened) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}".replace("\n", " ")) from None


def _to_original(documents: list[Document], shortened: _Shortened) -> set[int]:
    """Move every offset from the shortened text to the original one. Returns the numbers of
    the replacements inside plain, single-quoted and block scalars."""
    original, replaced_before = shortened.original, shortened.replaced_before
    literal: set[int] = set()
    for doc in documents:
        doc.start, doc.end = original(doc.start), original(doc.end)
        leaves = [doc.root] if doc.root is not None and not isinstance(doc.root, (Mapping, Sequence)) else []
        for collection in doc.collections:
            collection.start, collection.end = original(collection.start), original(collection.end)
            children = ([n for pair in collection.pairs for n in pair] if collection.__class__ is Mapping
                        else collection.items)
            leaves.extend(n for n in children if n.__class__ is Scalar or n.__class__ is Alias)
        for node in leaves:
            first, last = replaced_before(node.start), replaced_before(node.end)
            if last > first and node.__class__ is Scalar and node.style != '"':
                literal.update(range(first, last))
            node.start += _SHORTENED_BY * first
            node.end += _SHORTENED_BY * last
    return literal


def _compose(text: str) -> list[Document]:
    parser = Parser(text)
    get = parser.get_event
    documents: list[Document] = []
    anchors: dict[str, Node] = {}
    stack: list[Node] = []  # open collections
    keys: list[Node | None] = []  # per open collection: a mapping's key waiting for its value
    doc: Document | None = None
    parent: Node | None = None

    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent or kind is AliasEvent:
            if kind is ScalarEvent:
                anchor = event.anchor
                node = Scalar(event.start_mark.index, event.end_mark.index, anchor, event.tag,
                              event.value, event.style or "")
                if anchor:
                    anchors[anchor] = node
            else:
                target = anchors.get(event.anchor)
                if target is None:
                    raise _ComposeError(f"unknown alias *{event.anchor}", event.start_mark)
                doc.aliases += 1
                node = Alias(event.start_mark.index, event.end_mark.index, target)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _ComposeError(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            cls = Mapping if kind is MappingStartEvent else Sequence
            node = cls(event.start_mark.index, event.end_mark.index, event.anchor, event.tag, bool(event.flow_style))
            if event.anchor:
                anchors[event.anchor] = node
            stack.append(node)
            keys.append(None)
            doc.collections.append(node)
            parent = node
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            node = stack.pop()
            keys.pop()
            parent = stack[-1] if stack else None
            if node.flow:
                node.end = event.end_mark.index
            else:
                last = node.pairs[-1][1] if kind is MappingEndEvent else (node.items[-1] if node.items else None)
                node.end = last.end if last is not None else event.start_mark.index
        elif kind is DocumentStartEvent:
            doc = Document(len(documents), None, event.start_mark.index, event.end_mark.index)
            anchors = {}
            continue
        elif kind is DocumentEndEvent:
            doc.end = event.end_mark.index if event.explicit else (doc.root.end if doc.root else doc.start)
            documents.append(doc)
            continue
        elif kind is StreamEndEvent:
            return documents
        else:
            continue
        # attach the finished node to its parent
        if parent is None:
            doc.root = node
        else:
            parent.size += node.size
            if parent.__class__ is Mapping:
                key = keys[-1]
                if key is None:
                    keys[-1] = node
                else:
                    parent.pairs.append((key, node))
                    keys[-1] = None
            else:
                parent.items.append(node)
