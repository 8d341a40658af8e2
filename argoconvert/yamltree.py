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
        super().__init__(start, end, anchor, tag)
        self.value = value
        self.style = style  # "" plain, "'", '"', "|", ">"


class Mapping(Node):
    __slots__ = ("pairs", "flow")

    def __init__(self, start, end, anchor, tag, flow: bool):
        super().__init__(start, end, anchor, tag)
        self.pairs: list[tuple[Node, Node]] = []
        self.flow = flow


class Sequence(Node):
    __slots__ = ("items", "flow")

    def __init__(self, start, end, anchor, tag, flow: bool):
        super().__init__(start, end, anchor, tag)
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
    pending_key: list[Node | None] = []  # per open mapping: the key waiting for its value
    doc: Document | None = None

    def attach(node: Node) -> None:
        if not stack:
            doc.root = node
            return
        parent = stack[-1]
        parent.size += node.size
        if isinstance(parent, Mapping):
            key = pending_key[-1]
            if key is None:
                pending_key[-1] = node
            else:
                parent.pairs.append((key, node))
                pending_key[-1] = None
        else:
            parent.items.append(node)

    while True:
        event = get()
        name = type(event).__name__
        if name == "ScalarEvent":
            node = Scalar(event.start_mark.index, event.end_mark.index, event.anchor, event.tag,
                          event.value, event.style or "")
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif name == "MappingStartEvent" or name == "SequenceStartEvent":
            if len(stack) >= MAX_DEPTH:
                raise InputError(f"nesting deeper than {MAX_DEPTH} levels",
                                 event.start_mark.line + 1, event.start_mark.column + 1)
            flow = bool(event.flow_style)
            cls = Mapping if name == "MappingStartEvent" else Sequence
            node = cls(event.start_mark.index, event.end_mark.index, event.anchor, event.tag, flow)
            if event.anchor:
                anchors[event.anchor] = node
            stack.append(node)
            pending_key.append(None)
            doc.collections.append(node)
        elif name == "MappingEndEvent" or name == "SequenceEndEvent":
            node = stack.pop()
            pending_key.pop()
            if node.flow:
                node.end = event.end_mark.index
            else:
                children = [v for _, v in node.pairs] if isinstance(node, Mapping) else node.items
                node.end = children[-1].end if children else event.start_mark.index
            attach(node)
        elif name == "AliasEvent":
            target = anchors.get(event.anchor)
            if target is None:
                raise InputError(f"unknown alias *{event.anchor}",
                                 event.start_mark.line + 1, event.start_mark.column + 1)
            doc.aliases += 1
            attach(Alias(event.start_mark.index, event.end_mark.index, target))
        elif name == "DocumentStartEvent":
            doc = Document(len(documents), None, event.start_mark.index, event.end_mark.index)
            anchors = {}
        elif name == "DocumentEndEvent":
            doc.end = event.end_mark.index if event.explicit else (doc.root.end if doc.root else doc.start)
            documents.append(doc)
        elif name == "StreamEndEvent":
            return documents
