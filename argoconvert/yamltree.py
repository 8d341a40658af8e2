"""YAML text to a tree of nodes that know their exact offsets in the text.

The parser is libyaml through PyYAML's C extension (PyYAML's pure-Python parser where the
extension is missing): its event stream carries the start and end offset of every scalar,
collection and marker. (ruamel.yaml.clib bundles an older libyaml that rejects `:` inside
flow plain scalars, as in `command: [run, alpine:3.19]`, which Kubernetes accepts.) The tree is only a map of the text:
edits are made on the original text (see edits.py), never by dumping the tree, so comments,
quoting and layout survive untouched. Composition is iterative (no recursion limit) and
aliases are kept as references to their anchor's node (never expanded).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from yaml.events import (AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # only its event stream is used

from .errors import InputError

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


def _error(exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    context = f" {exc.context}" if exc.context and exc.problem else ""
    message = f"invalid YAML:{context} {problem}".replace("\n", " ")
    if mark is None:
        return InputError(message)
    return InputError(message, mark.line + 1, mark.column + 1)


def compose(text: str) -> list[Document]:
    """Parse a YAML stream into documents of positioned nodes. Raises InputError."""
    try:
        return _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise _error(exc) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}".replace("\n", " ")) from None


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
                    raise InputError(f"unknown alias *{event.anchor}",
                                     event.start_mark.line + 1, event.start_mark.column + 1)
                doc.aliases += 1
                node = Alias(event.start_mark.index, event.end_mark.index, target)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise InputError(f"nesting deeper than {MAX_DEPTH} levels",
                                 event.start_mark.line + 1, event.start_mark.column + 1)
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
