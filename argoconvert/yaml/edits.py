"""Declared changes to text edits on the original text, in the file's own style.

The parse tree gives each node's offsets; an edit replaces exactly the span of the key and
value it concerns, so every other byte (comments, blank lines, quoting, line endings) stays.
New text follows what the document already does: its indentation width, whether its block
lists are indented under their key or not, JSON layout in flow collections, the quoting of
the sibling keys. Edits are applied back to front so that earlier offsets stay valid.
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass

from ..changes import Change, Insert, MoveToList, Path, Remove, Rename, SetValue, ToList
from ..errors import Unrenderable
from ..source import Edit, Source
from .tree import Alias, Document, Mapping, Node, Scalar, Sequence, deref
from .values import Builder, resolve_plain


@dataclass(frozen=True)
class Step:
    container: Node
    key: Node | None  # None for a list index
    value: Node


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "="}
# What YAML 1.1 readers other than Kubernetes' take for a number (base 60): quoted, to be safe.
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_PLAIN_FIRST = set("-?:,[]{}#&*!|>'\"%@` \t")
_FLOW_INDICATORS = set(",[]{}")


def emit_scalar(value: str, style: str, flow: bool) -> str:
    """A string as a YAML scalar that reads back as the same string, in `style` when safe."""
    if style == "" and value and value == value.strip() and value[0] not in _PLAIN_FIRST \
            and "\n" not in value and ": " not in value and " #" not in value and not value.endswith(":") \
            and not (flow and _FLOW_INDICATORS & set(value)) \
            and value.lower() not in _YAML_WORDS and resolve_plain(value) == value and not _SEXAGESIMAL.fullmatch(value):
        return value
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def flow_text(data) -> str:
    """Plain data in YAML flow style."""
    if isinstance(data, dict):
        return "{" + ", ".join(f"{flow_text(k)}: {flow_text(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(flow_text(v) for v in data) + "]"
    if isinstance(data, str):
        return emit_scalar(data, "", flow=True)
    return json.dumps(data)


def shift_lines(text: str, delta: int) -> str:
    """Move every line but the first `delta` columns right (left when negative)."""
    if delta == 0 or "\n" not in text:
        return text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        line = lines[i]
        if delta > 0:
            if line.strip():
                lines[i] = " " * delta + line
        else:
            spaces = len(line) - len(line.lstrip(" "))
            lines[i] = line[min(spaces, -delta):]
    return "\n".join(lines)


class Layout:
    """How a document writes nested collections, learned from its own text."""

    SAMPLE = 400  # observations: enough for the mode, bounded on a large text

    def __init__(self, editor: "Editor", document: Document):
        indents, dashes, items, quotes = Counter(), Counter(), Counter(), Counter()
        mappings = (node for node in document.collections if isinstance(node, Mapping))
        for node in mappings:
            for key, value in node.pairs:
                editor.observe(key, value, indents, dashes, items)
                if isinstance(value, Scalar) and value.style in ("'", '"'):
                    quotes[value.style] += 1
            if indents.total() + dashes.total() >= self.SAMPLE:
                break
        self.indent = _mode(indents, 2)
        self.dash_offset = _mode(dashes, self.indent)
        self.item_offset = _mode(items, 2)
        # For a value that becomes a string: JSON's quotes in JSON (a flow document), else the file's.
        self.quote = '"' if getattr(document.root, "flow", False) or quotes["'"] <= quotes['"'] else "'"


def _mode(counter: Counter, default: int) -> int:
    return counter.most_common(1)[0][0] if counter else default


def _not_merged(mapping: Node, builder: Builder) -> None:
    """A key of a mapping that `<<` merges elsewhere changes there too, unseen by the rule that
    changed it here: such a change is left to a person."""
    if id(mapping) in builder.merged:
        raise Unrenderable("this mapping is merged into others with <<: change it and them by hand")


class Editor:
    """Renders changes on one file's text."""

    def __init__(self, source: Source, documents: list[Document]):
        self.source = source
        self.text = source.text
        self.nl = source.newline
        self.documents = documents
        self._removed: dict[int, set[int]] = {}  # mapping -> indices of its pairs removed so far
        self._flow_removals: dict[int, Mapping] = {}  # flow mappings with pairs to remove, by id
        self._layouts: dict[int, Layout] = {}  # by id of the document's root
        self.layout: Layout | None = None  # the rendered change's document's

    def _layout(self, root: Node) -> Layout:
        """The layout of the document `root` belongs to: each document of a stream is its own,
        as when a large stream is converted document by document."""
        if id(root) not in self._layouts:
            document = next(doc for doc in self.documents if doc.root is root)
            self._layouts[id(root)] = Layout(self, document)
        return self._layouts[id(root)]

    # -- text geometry --------------------------------------------------------------------
    # Every helper is O(log n) or proportional to the indentation, never to the line's length:
    # a one-line JSON file of megabytes gets thousands of edits.
    def line_index(self, offset: int) -> int:
        return bisect.bisect_right(self.source.line_starts, offset) - 1

    def line_start(self, offset: int) -> int:
        return self.source.line_starts[self.line_index(offset)]

    def col(self, offset: int) -> int:
        return offset - self.line_start(offset)

    def line_indent(self, offset: int) -> int:
        start = position = self.line_start(offset)
        while position < offset and self.text[position] == " ":
            position += 1
        return position - start

    def first_on_line(self, offset: int) -> bool:
        start = self.line_start(offset)
        while offset > start and self.text[offset - 1] in " \t":
            offset -= 1
        return offset == start

    def same_line(self, a: int, b: int) -> bool:
        return self.line_index(a) == self.line_index(b)

    def content_end(self, node: Node) -> int:
        end = node.end
        while end > node.start and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def after_line(self, offset: int) -> int:
        """Offset of the start of the line after the one holding `offset` (or the end)."""
        starts = self.source.line_starts
        index = self.line_index(offset)
        return starts[index + 1] if index + 1 < len(starts) else len(self.text)

    def observe(self, key: Node, value: Node, indents: Counter, dashes: Counter, items: Counter) -> None:
        if value.anchor or value.tag or isinstance(value, (Scalar, Alias)):
            return
        children = value.items if isinstance(value, Sequence) else [k for k, _ in value.pairs]
        if not children or self.same_line(key.start, children[0].start):
            return
        step = self.line_indent(children[0].start) - self.line_indent(key.start)
        if isinstance(value, Sequence) and not value.flow:
            dashes[self.col(value.start) - self.col(key.start)] += 1
            if self.same_line(value.start, children[0].start):
                items[self.col(children[0].start) - self.col(value.start)] += 1
        elif step > 0:
            indents[step] += 1

    # -- locating ---------------------------------------------------------------------------
    @staticmethod
    def steps(root: Node, path: Path, builder: Builder) -> list[Step]:
        steps, node = [], root
        for key in path:
            container = deref(node)
            if isinstance(container, Sequence) and isinstance(key, int):
                steps.append(Step(container, None, container.items[key]))
            elif isinstance(container, Mapping):
                for key_node, value_node in container.pairs:
                    if builder.key(key_node) == key:
                        steps.append(Step(container, key_node, value_node))
                        break
                else:
                    raise Unrenderable(f"{key!r} comes from a YAML merge key (<<): edit its anchor by hand")
            else:
                raise Unrenderable(f"no node at {key!r}")
            node = steps[-1].value
        return steps

    # -- rendering ----------------------------------------------------------------------------
    def render(self, change: Change, root: Node, builder: Builder) -> list[Edit]:
        self.layout = self._layout(root)
        if isinstance(change, Insert):
            steps = self.steps(root, change.path[:-1], builder)
            _not_merged(deref(steps[-1].value) if steps else root, builder)
            return [self._insert(change, steps, builder)]
        steps = self.steps(root, change.path, builder)
        _not_merged(steps[-1].container, builder)
        if isinstance(change, ToList):
            return [self._to_list(change, steps[-1])]
        if isinstance(change, Remove):
            return self._remove(steps)
        if isinstance(change, Rename):
            return self._rename(change, steps[-1])
        if isinstance(change, SetValue):
            return [self._set_value(change, steps[-1])]
        if isinstance(change, MoveToList):
            target = deref(self.steps(root, change.into, builder)[-1].value)
            moved = builder.build(steps[-1].value)
            return self._remove(steps) + [self._append(target, steps[-1], moved)]
        raise TypeError(change)

    def _key_text(self, like: Node, name: str, flow: bool) -> str:
        if not isinstance(like, Scalar) or like.tag or like.anchor:
            raise Unrenderable("the key has a tag or anchor")
        return emit_scalar(name, like.style, flow)

    def _block_item(self, key: Node, value: Node, value_text: str, dash: int) -> str:
        """`value` (which stood under `key`) as a block list item whose dash is at column `dash`."""
        if self.same_line(key.start, value.start):
            return " " * dash + "- " + shift_lines(value_text, dash - self.col(key.start))
        content = dash + self.layout.item_offset
        pad = " " * max(0, content - dash - 2)
        return " " * dash + "- " + pad + shift_lines(value_text, content - self.col(value.start))

    def _flow_item_list(self, key: Node, value_text: str) -> str:
        if not self.first_on_line(key.start):
            return "[" + value_text + "]"
        start = self.line_start(key.start)
        lead = self.text[start:key.start]
        if "\t" in lead:
            unit = "\t"
            moved = "\n".join(unit + line if i and line.strip() else line
                              for i, line in enumerate(value_text.split("\n")))
        else:
            unit = " " * self.layout.indent
            moved = shift_lines(value_text, self.layout.indent)
        return "[" + self.nl + lead + unit + moved + self.nl + lead + "]"

    def _rename(self, change: Rename, step: Step) -> list[Edit]:
        mapping, key, value = step.container, step.key, step.value
        if not isinstance(value, Scalar) or value.anchor or value.tag or value.style in ("|", ">"):
            raise Unrenderable("only a one-line scalar value can be replaced")
        # A number turning into a string in JSON takes JSON's quotes.
        style = value.style if value.style else ('"' if mapping.flow and key.style == '"' else "")
        if isinstance(change.value, dict):
            new_value = json.dumps(change.value) if style == '"' else flow_text(change.value)
        else:
            new_value = emit_scalar(change.value, style, mapping.flow)
        return [Edit(key.start, key.end, self._key_text(key, change.new_key, mapping.flow)),
                Edit(value.start, value.end, new_value)]

    def _set_value(self, change: SetValue, step: Step) -> Edit:
        value = step.value
        if not isinstance(value, Scalar) or value.anchor or value.tag or value.style in ("|", ">"):
            raise Unrenderable("only a one-line scalar without anchor or tag is replaced")
        return Edit(value.start, value.end, emit_scalar(change.value, self.layout.quote, step.container.flow))

    def _to_list(self, change: ToList, step: Step) -> Edit:
        mapping, key, value = step.container, step.key, step.value
        key_text = self._key_text(key, change.new_key, mapping.flow)
        if change.replace_value:
            if not isinstance(value, Scalar):
                raise Unrenderable("only a scalar value can be replaced")
            value_text = emit_scalar(str(change.value), value.style if value.style in ("", "'", '"') else '"',
                                     mapping.flow)
            end = self.content_end(value)  # a block scalar's line break stays
        else:
            value_text = self.text[value.start:value.end]
            end = value.end
        between = self.text[key.end:value.start]
        if not between.lstrip(" \t").startswith(":"):
            raise Unrenderable("an explicit key (? key) is not rewritten")
        if mapping.flow:
            new = key_text + between + self._flow_item_list(key, value_text)
        elif isinstance(value, (Mapping, Sequence)) and value.flow:
            new = key_text + between + "[" + value_text + "]"
        elif self.same_line(key.start, value.start):
            dash = self.col(key.start) + self.layout.dash_offset
            new = key_text + ":" + self.nl + self._block_item(key, value, value_text, dash)
        else:
            dash = self.col(key.start) + self.layout.dash_offset
            head = self.text[key.end:self.line_start(value.start)]
            new = key_text + head + self._block_item(key, value, value_text, dash)
        return Edit(key.start, end, new)

    def _remove(self, steps: list[Step]) -> list[Edit]:
        mapping, key, value = steps[-1].container, steps[-1].key, steps[-1].value
        index = next(i for i, (k, _) in enumerate(mapping.pairs) if k is key)
        end = self.content_end(value)
        removed = self._removed.setdefault(id(mapping), set())
        removed.add(index)
        if mapping.flow:
            self._flow_removals[id(mapping)] = mapping
            return []  # see flow_removals
        if len(removed) == len(mapping.pairs):  # the mapping stays, empty: `parent: {}`
            parent = steps[-2] if len(steps) > 1 else None
            colon = self.text.find(":", parent.key.end, key.start) if parent and parent.key else -1
            if colon == -1 or not self.first_on_line(key.start):
                return [Edit(key.start, end, "{}")]
            return [Edit(colon + 1, colon + 1, " {}"), Edit(self.line_start(key.start), self.after_line(end), "")]
        if self.first_on_line(key.start):
            return [Edit(self.line_start(key.start), self.after_line(end), "")]
        return [Edit(key.start, mapping.pairs[index + 1][0].start, "")]

    def flow_removals(self) -> list[Edit]:
        """The removals from flow mappings (JSON), rendered once every rule has run: pairs
        next to each other share the commas between them."""
        edits = []
        for mapping in self._flow_removals.values():
            removed, pairs = sorted(self._removed[id(mapping)]), mapping.pairs
            if len(removed) == len(pairs):
                edits.append(Edit(self.text.find("{", mapping.start) + 1, mapping.end - 1, ""))
                continue
            runs: list[list[int]] = []  # [first, last] index of each run of removed pairs
            for index in removed:
                if runs and runs[-1][1] == index - 1:
                    runs[-1][1] = index
                else:
                    runs.append([index, index])
            for first, last in runs:
                if last + 1 < len(pairs):  # the pairs and the comma after them
                    edits.append(Edit(pairs[first][0].start, pairs[last + 1][0].start, ""))
                else:  # at the end: the comma before them
                    edits.append(Edit(self.content_end(pairs[first - 1][1]), self.content_end(pairs[last][1]), ""))
        self._flow_removals.clear()
        return edits

    def _insert(self, change: Insert, steps: list[Step], builder: Builder) -> Edit:
        mapping = deref(steps[-1].value) if steps else None
        if not isinstance(mapping, Mapping):
            raise Unrenderable("no mapping to insert into")
        beside = next(((k, v) for k, v in mapping.pairs if builder.key(k) == change.beside), None)
        if beside is None:
            raise Unrenderable(f"{change.beside!r} comes from a YAML merge key (<<)")
        sibling, sibling_value = beside
        key_text = self._key_text(sibling, change.path[-1], mapping.flow)
        value_style = '"' if mapping.flow else ("" if sibling.style == "" else sibling.style)
        colon = self.text[sibling.end:sibling_value.start]
        colon = colon if colon.strip() == ":" and "\n" not in colon else ": "
        value = emit_scalar(change.value, value_style, mapping.flow) if isinstance(change.value, str) \
            else json.dumps(change.value)  # a number
        entry = f"{key_text}{colon}{value}"
        if mapping.flow:
            if self.first_on_line(sibling.start):
                return Edit(sibling.start, sibling.start, entry + "," + self.nl + " " * self.line_indent(sibling.start))
            return Edit(sibling.start, sibling.start, entry + self._flow_comma(mapping))
        line = " " * self.col(sibling.start) + entry
        if self.first_on_line(sibling.start):
            start = self.line_start(sibling.start)
            return Edit(start, start, line + self.nl)
        after = self.after_line(self.content_end(sibling_value))
        lead = "" if after and self.text[after - 1] == "\n" else self.nl
        return Edit(after, after, lead + line + self.nl)

    def _as_flow(self, value: Node, data) -> str:
        """A block value rewritten in flow style, for a flow list; refused where that would
        lose comments or anchors."""
        text = self.text[value.start:value.end]
        if "#" in text or "&" in text or "*" in text or "!" in text:
            raise Unrenderable("a block value with comments, anchors or tags cannot join a flow list")
        return flow_text(data)

    def _flow_comma(self, collection: Mapping) -> str:
        """The separator a one-line flow collection uses between entries: ", " or ","."""
        if len(collection.pairs) > 1:
            gap = self.text[self.content_end(collection.pairs[0][1]):collection.pairs[1][0].start]
            if gap == ",":
                return ","
        return ", "

    def _append(self, target: Node, source: Step, data) -> Edit:
        if not isinstance(target, Sequence):
            raise Unrenderable("the list to append to is not a list")
        key, value = source.key, source.value
        value_text = self.text[value.start:value.end]
        block_value = isinstance(value, (Mapping, Sequence)) and not value.flow
        if target.flow:
            if block_value:
                value_text = self._as_flow(value, data)
            if not target.items:
                return Edit(target.start, target.end, "[" + value_text + "]")
            last = target.items[-1]
            if self.first_on_line(last.start):
                indent = self.line_indent(last.start)
                moved = shift_lines(value_text, indent - self.line_indent(key.start))
                return Edit(self.content_end(last), self.content_end(last), "," + self.nl + " " * indent + moved)
            return Edit(self.content_end(last), self.content_end(last), ", " + value_text)
        last = target.items[-1]
        dash_offset = self.text.rfind("-", self.line_start(last.start), last.start + 1)
        dash = self.col(dash_offset) if dash_offset != -1 else self.col(target.start)
        item = self._block_item(key, value, value_text, dash)
        after = self.after_line(self.content_end(last))
        if after and self.text[after - 1] == "\n":
            return Edit(after, after, item + ("" if item.endswith("\n") else self.nl))
        return Edit(after, after, self.nl + item)  # at the end of a file without a final newline

    # -- manifests held in strings ------------------------------------------------------------
    def _literal_lines(self, node: Scalar) -> tuple[list[int], int] | None:
        """Where each line of a literal block scalar's value starts in the text, and the
        block's indentation; None when the lines do not map one to one."""
        if node.style != "|" or node.tag:
            return None
        first = self.after_line(node.start)
        lines = self.text[first:node.end].split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        indents = [len(l) - len(l.lstrip(" ")) for l in lines if l.strip()]
        if not indents:
            return None
        indent = min(indents)
        starts, offset = [], first
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        rebuilt = "".join(line.rstrip("\r")[indent:] + "\n" for line in lines)
        if rebuilt.rstrip("\n") != node.value.rstrip("\n"):
            return None
        return starts, indent

    def _outer(self, offset: int, inner: Source, starts: list[int], indent: int, node: Scalar) -> int:
        line, column = inner.line_col(offset)
        if line > len(starts):
            return self.content_end(node)
        return starts[line - 1] + indent + column - 1

    def embedded_position(self, node: Scalar, inner: Source, line: int, column: int) -> tuple[int, int]:
        """A position in a string's value as a 1-based position in this text."""
        mapped = self._literal_lines(node)
        if mapped is None or line > len(mapped[0]):
            return self.source.line_col(node.start)
        starts, indent = mapped
        return self.source.line_col(starts[line - 1] + indent + column - 1)

    def embed(self, node: Scalar, inner: Source, inner_edits: list[Edit], new_value: str) -> list[Edit]:
        """Edits turning the string `node` into `new_value`: in a literal block scalar, the
        edits made on the value, line by line; elsewhere the string written anew in its style."""
        mapped = self._literal_lines(node)
        if mapped is None:
            if node.style == "'" and "\n" not in new_value:
                return [Edit(node.start, node.end, "'" + new_value.replace("'", "''") + "'")]
            return [Edit(node.start, node.end, json.dumps(new_value, ensure_ascii=False))]
        starts, indent = mapped
        newline = self.nl + " " * indent
        return [Edit(self._outer(e.start, inner, starts, indent, node), self._outer(e.end, inner, starts, indent, node),
                     e.text.replace("\n", newline)) for e in inner_edits]
