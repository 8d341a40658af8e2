"""One input through the pipeline: prescan, parse, locate, apply rules, render, verify.

The engine knows rules only by their declared scopes and legacy keys; what a rule changes
it learns from the changes the rule yields.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, replace
from typing import Callable

from .changes import Change, Finding, Insert, Remove, SetString, ToList, dotted, get
from .yaml.values import Builder
from .yaml.edits import Editor
from .errors import InputError, Unrenderable, VerificationError
from .locate import ARGO_GROUP, SCOPE_KINDS, ArgoObject, Embedded, embedded, identify, json_patch_object, targets
from .migrations import Rule, Settings
from .records import FileResult, Problem, Record
from .yaml.segments import Segment, document_segments, list_items
from .source import Edit, Source, Spliced, apply_edits
from .yaml.verify import MAX_EXPANDED_NODES, semantic_changes, verify
from .yaml.tree import Document, Scalar, Sequence, compose

# Go templates as Helm writes them: `{{ .Values.x }}`, `{{- if ... }}`, `{{ include ... }}`.
# Argo's own `{{inputs.parameters.x}}` and `{{=expr}}` are not directives.
HELM_DIRECTIVE = re.compile(r"\{\{-?\s*(?:[.$(\"`]|-|/\*|(?:if|else|end|range|with|include|template|define|"
                            r"toYaml|tpl|printf|quote|default|required|block|fail|lookup)\b)")
# In a template's text: a `kind:` line (at any depth: a Sensor's resource) or a controller's workflowDefaults key.
KIND_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:kind:[ \t]*[\"']?([A-Za-z]+)|(workflowDefaults):)", re.M)
DOCUMENT_MARKER = re.compile(r"^---(?=[ \t\r\n]|$)", re.M)
VALIDATE_LIMIT = 1_000_000  # bytes: a smaller file is parsed whole (its errors reported); a larger one only where
# it may need a change, a List item by item, without decoding the whole of it
def parse(source: Source) -> tuple[list[Document], Builder, list]:
    """A text's documents, the builder that made their data, and the data. Raises InputError."""
    try:
        documents = compose(source.text)
        builder = Builder(source)
        return documents, builder, [builder.build(document.root) for document in documents]
    except RecursionError:
        raise InputError("nesting too deep to process") from None


def _word_char(char: str | bytes) -> bool:
    """`char`: one character, or none at the start or end of the text."""
    return char.isalnum() or char in ("_", b"_")


@dataclass
class YamlConverter:
    rules: list[Rule]
    explain: bool = False  # also describe each output's data-level changes (--verbose)
    settings: Settings = Settings()
    # Told the bytes of the current input done so far while a large List is converted item by item.
    progress: Callable[[int], None] | None = None

    def __post_init__(self):
        keys = sorted({key for rule in self.rules for key in rule.keys})
        legacy = sorted({key for rule in self.rules if not rule.opt_in for key in rule.keys})
        marks = sorted({mark for rule in self.rules for mark in rule.marks})
        self.words = [(key, True) for key in keys] + [(mark, False) for mark in marks]
        self.byte_words = [(word.encode(), whole) for word, whole in self.words]
        self.key_lines = re.compile(r"^[ \t]*(?:-[ \t]+)?[\"']?(%s)[\"']?[ \t]*:" % "|".join(map(re.escape, legacy)),
                                    re.M) if legacy else None

    def may_need(self, text: str | bytes, start: int = 0, end: int | None = None) -> bool:
        """Whether text[start:end] holds a legacy key as a word (`schedule`, not `schedules`)
        or a mark. str.find scans megabytes far faster than a regular expression."""
        return any(self.may_need_word(text, word, start, end, whole)
                   for word, whole in (self.byte_words if isinstance(text, bytes) else self.words))

    @staticmethod
    def may_need_word(text: str | bytes, word: str | bytes, start: int = 0, end: int | None = None,
                      whole: bool = True) -> bool:
        """Whether text[start:end] holds `word` (as a whole word when `whole`)."""
        end = len(text) if end is None else end
        position = text.find(word, start, end)
        while position != -1:
            after = position + len(word)
            if not whole or (not _word_char(text[position - 1:position]) and not _word_char(text[after:after + 1])):
                return True
            position = text.find(word, after, end)
        return False

    def convert(self, source: Source) -> FileResult:
        """The converted input, its records in the order of their positions (as a reader meets them)."""
        result = self._convert(source)
        result.records.sort(key=lambda record: (record.line, record.column))
        return result

    def _convert(self, source: Source) -> FileResult:
        raw = source.original
        result = FileResult(source.path, raw)
        if len(raw) > VALIDATE_LIMIT:
            if not self.may_need(raw):
                return result  # a large text that cannot need a change is not even decoded
            segments = list_items(raw) or document_segments(raw)
            if segments is not None:
                return self._convert_items(source, segments, result)
        relevant = self.may_need(source.text)
        parsed = self._parse(source, source, result, relevant)
        if isinstance(parsed, FileResult) or not relevant:
            return result
        _FileRun(self, source, *parsed, result).run()
        return result

    def _parse(self, text: Source, whole: Source, result: FileResult, relevant: bool = True, line: int = 1,
               where: str = ""):
        """`text` (the whole input, or one item or document of it starting at `line`) parsed:
        (documents, builder, data); or `result` finished: an error, or skipped because the input
        is a Go template rather than YAML (a directive outside strings, checked where relevant)."""
        try:
            parsed = parse(text)
        except InputError as exc:
            error = InputError(where + exc.message, exc.line + line - 1 if exc.line else 0, exc.column)
            if HELM_DIRECTIVE.search(text.text):
                return self._templated(whole, result, error)
            result.error = Problem(error.message, error.line, error.column)
            return result
        directive = unquoted_directive(text.text, parsed[0]) if relevant else None
        if directive is not None:
            at, column = text.line_col(directive)
            return self._templated(whole, result, InputError(
                where + "a template directive outside a quoted string", at + line - 1, column))
        return parsed

    def _convert_items(self, source: Source, segments: list[Segment], result: FileResult) -> FileResult:
        """A large List item by item, on its bytes: only the items that may need a change are
        decoded and parsed, each on its own; an item that cannot be converted safely is reported
        and left as it was."""
        raw, edits = source.original, []
        line, counted = 1, 0  # line numbers by counting, not by a line table of the whole text
        for segment in segments:
            if not self.may_need(raw, segment.start, segment.end):
                continue
            line += raw.count(b"\n", counted, segment.start)
            counted = segment.start
            piece = raw[segment.start:segment.end]
            chunk = Source(source.path, piece.decode("utf-8"), newline=source.newline)
            parsed = self._parse(chunk, source, result, line=line, where=f"{segment.name}: ")
            if isinstance(parsed, FileResult):
                return result
            data = parsed[2]
            run = _FileRun(self, chunk, *parsed, FileResult(source.path, b""), item=segment.item)
            new_text = run.converted_text()
            for record in run.result.records:
                message = record.message
                if run.result.error is not None:
                    message += (f"; {segment.name} ({identify(data[0] if data else None)}) left as it was: "
                                f"{run.result.error.message}")
                result.records.append(replace(record, line=record.line + line - 1, document=segment.document,
                                              message=message))
            if self.progress is not None:
                self.progress(segment.end)
            if new_text is None:
                continue
            if piece.isascii() and (piece.endswith(b"\n") or not new_text.endswith("\n")):
                # the item's own edits, at byte offsets: a few lines each rather than a copy of the item
                edits += [Edit(segment.start + e.start, segment.start + e.end, e.text) for e in run.edits]
            else:
                edits.append(Edit(segment.start, segment.end, new_text))
        if edits:
            result.converted = Spliced(raw, edits)
        return result

    def _templated(self, source: Source, result: FileResult, exc: InputError) -> FileResult:
        """A Go-templated file that is not YAML: skipped; legacy keys found by a text scan are
        reported where the file mentions Argo objects."""
        result.skipped = True
        result.records.clear()  # those of a large input's items before this one
        result.error = Problem(f"templated file (not YAML until rendered): {exc.message}", exc.line, exc.column)
        if ARGO_GROUP not in source.text or self.key_lines is None:
            return result
        by_key = {key: rule for rule in self.rules if not rule.opt_in for key in rule.keys}
        text = source.text
        starts = [0] + [marker.start() for marker in DOCUMENT_MARKER.finditer(text)]
        kinds = [{kind or key for kind, key in KIND_LINE.findall(text, start, end)}
                 for start, end in zip(starts, starts[1:] + [len(text)])]
        for match in self.key_lines.finditer(text):
            rule = by_key[match.group(1)]
            if not kinds[bisect.bisect_right(starts, match.start()) - 1] & set().union(
                    *(SCOPE_KINDS.get(scope, ()) for scope in rule.scopes)):
                continue  # a key of the same name in another kind's document: a CronJob's or a calendar's schedule
            line, column = source.line_col(match.start(1))
            result.records.append(Record(rule=rule.name, line=line, column=column, path=match.group(1),
                                         fixable=rule.fixable, message=f"{match.group(1)} in a templated file: "
                                                                       f"convert it by hand ({rule.summary})"))
        return result


def _in_comment(text: str, offset: int) -> bool:
    line = text[text.rfind("\n", 0, offset) + 1:offset]
    return line.lstrip().startswith("#") or " #" in line or "\t#" in line


def unquoted_directive(text: str, documents: list[Document]) -> int | None:
    """Offset of a Helm directive that YAML read neither as part of a string nor as a comment."""
    offsets = [m.start() for m in HELM_DIRECTIVE.finditer(text) if not _in_comment(text, m.start())]
    if not offsets:
        return None
    strings = sorted((child.start, child.end) for document in documents for node in document.collections
                     for child in (node.items if isinstance(node, Sequence) else [v for _, v in node.pairs])
                     if isinstance(child, Scalar) and child.style)
    starts = [start for start, _ in strings]
    for offset in offsets:
        at = bisect.bisect_right(starts, offset) - 1
        if at < 0 or strings[at][1] <= offset:
            return offset
    return None


class _FileRun:
    """The rules over one parsed text (a file, or a manifest held in one of its strings),
    then rendering and verification."""

    def __init__(self, converter, source, documents, builder, data, result, kind: str | None = None,
                 item: int | None = None):
        self.converter: Converter = converter
        self.source = source
        self.documents: list[Document] = documents
        self.builder: Builder = builder
        self.data = data
        self.result: FileResult = result
        self.kind = kind  # what the text holds when it does not say (a controller's workflowDefaults)
        self.item = item  # the text is this one item of a List
        self.editor = Editor(source, documents)
        self.edits = []
        self.applied: dict[int, list[Change]] = {}
        self.seen: set = set()

    def run(self) -> None:
        new_text = self.converted_text()
        if new_text is not None:
            self.result.output = self.source.encode(new_text)

    def converted_text(self) -> str | None:
        """The text with every change applied and verified; None when nothing changes or
        verification failed (then the result holds the error)."""
        for index, (document, data) in enumerate(zip(self.documents, self.data)):
            for target in targets(data, self.kind, self.item):
                for rule in self.converter.rules:
                    if target.scope in rule.scopes:
                        for outcome in rule.run(target.data, self.converter.settings):
                            self._take(rule, index, document, target.obj, outcome.rebased(target.path))
            if self.kind is None:
                for found in embedded(data, self.item):
                    self._embedded(index, document, found)
            elif isinstance(data, list):  # a JSON patch of an object of that kind (kustomize)
                for op_index, op in enumerate(data):
                    self._json_patch_op(index, document, op_index, op)
        self.edits.extend(self.editor.flow_removals())
        if not self.edits:
            return None
        bombs = {i for i, d in enumerate(self.documents) if d.aliases and d.root.size > MAX_EXPANDED_NODES}
        for index in bombs & self.applied.keys():
            root = self.documents[index].root
            line, column = self.source.line_col(root.start)
            self.result.error = Problem(f"YAML aliases in this document expand to {root.size} nodes "
                                        "(an alias bomb?); not converted", line, column)
            self._unapply()
            return None
        try:
            new_text = apply_edits(self.source.text, self.edits)
            if not self.source.text.endswith("\n") and new_text.endswith("\n"):
                new_text = new_text[:-len(self.source.newline)]  # a missing final newline stays missing
            after = verify(self.source, new_text, self.data, self.applied, bombs, keep_before=self.converter.explain)
        except (VerificationError, Unrenderable) as exc:
            self.result.error = Problem(f"internal error, nothing written: {exc}")
            self._unapply()
            return None
        if self.converter.explain:
            for index, data in after.items():
                prefix = f"document {index}: " if len(self.documents) > 1 else ""
                self.result.semantic += [prefix + line for line in semantic_changes(self.data[index], data)]
        return new_text

    def _unapply(self) -> None:
        """Nothing of this text is written: its changes become findings."""
        self.result.records[:] = [replace(r, applied=False, message=f"{r.message} (not applied)") if r.applied else r
                                  for r in self.result.records]

    def _embedded(self, index: int, document: Document, found: Embedded) -> None:
        """Convert the manifest held in a string and write it back into the string."""
        try:
            node = self.editor.steps(document.root, found.path, self.builder)[-1].value
        except (Unrenderable, IndexError):
            return
        if not isinstance(node, Scalar) or not self.converter.may_need(node.value):
            return
        if any(isinstance(c, Remove) and found.path[:len(c.path)] == c.path for c in self.applied.get(index, [])):
            return  # the string, or what holds it, is removed (--strip-server-fields)
        inner = Source(self.source.path, node.value)
        try:
            documents, builder, data = parse(inner)
        except InputError as exc:
            self._unreadable(index, document, found, node, exc)
            return
        run = _FileRun(self.converter, inner, documents, builder, data, FileResult(inner.path, b""), found.kind)
        new_value = run.converted_text()
        where = next(step for step in reversed(found.path) if isinstance(step, str))
        if found.report_only:
            new_value = None
        for record in run.result.records:
            line, column = self.editor.embedded_position(node, inner, record.line, record.column)
            message = f"{record.message} (in {where})"
            if run.result.error is not None:
                message += f"; not converted: {run.result.error.message}"
            if found.report_only and record.applied:
                message += f"; {where} is not converted: change it by hand with what it patches"
            self.result.records.append(replace(record, line=line, column=column, document=index,
                                               item=found.item, applied=record.applied and new_value is not None,
                                               fixable=record.fixable and not found.report_only, message=message))
        if new_value is None:
            return
        self.edits.extend(self.editor.embed(node, inner, run.edits, new_value))
        self.applied.setdefault(index, []).append(SetString(found.path, "", value=new_value))

    def _unreadable(self, index: int, document: Document, found: Embedded, node: Scalar, exc: InputError) -> None:
        """A string that should hold a manifest and mentions a legacy key, but cannot be read:
        it stays as it is, and a person is told."""
        line, column = self.source.line_col(node.start)
        for rule in self.converter.rules:
            key = next((key for key in rule.keys if not rule.opt_in and self.converter.may_need_word(node.value, key)),
                       None)
            if key is not None:
                self.result.records.append(Record(
                    rule=rule.name, line=line, column=column, document=index, item=found.item,
                    object=identify(self._object_of(index, found.item)), path=dotted(found.path),
                    message=f"{found.path[-1]} could not be read ({exc.message}); its {key} is not converted: "
                            "convert it by hand"))

    def _json_patch_op(self, index: int, document: Document, op_index: int, op) -> None:
        """The rules shown what one JSON patch op writes; what they find is reported at the op:
        a patch names fields by path, so a person changes it along with the manifests."""
        if not isinstance(op, dict) or not isinstance(op.get("path"), str):
            return
        obj = json_patch_object(self.kind, op["path"], op.get("value"))
        if obj is None:
            return
        line, column = self._position(document, (op_index, "path"))
        for target in targets(obj):
            for rule in self.converter.rules:
                if target.scope not in rule.scopes:
                    continue
                for outcome in rule.run(target.data, self.converter.settings):
                    self.result.records.append(Record.of(
                        rule.name, outcome.rebased(target.path), cut=target.obj.path, line=line, column=column,
                        document=index, object=f"{self.kind} (JSON patch)", fixable=False, new_path=None,
                        message=f"the patch's `{op.get('op')} {op['path']}` writes a legacy field "
                                f"({outcome.message}): change the op by hand"))

    def _object_of(self, index: int, item: int | None):
        """The object of document `index`, or its List item `item` (a List converted item by
        item shows each item as a document of its own)."""
        data = self.data[index]
        items = data.get("items") if isinstance(data, dict) and data.get("kind") == "List" else None
        return items[item] if isinstance(items, list) and item is not None and item < len(items) else data

    def _take(self, rule: Rule, index: int, document: Document, obj: ArgoObject, outcome) -> None:
        position_path = outcome.path[:-1] + (outcome.beside,) if isinstance(outcome, Insert) else outcome.path
        try:
            anchor = self.editor.steps(document.root, position_path, self.builder)[-1].key
        except (Unrenderable, IndexError):
            anchor = None
        # The same field reached again through an alias or a merge key is the same data object.
        parent = get(self.data[index], outcome.path[:-1])
        identity = (rule.name, type(outcome).__name__, id(parent), outcome.path[-1])
        if identity in self.seen:
            return
        self.seen.add(identity)
        applied, message = False, outcome.message
        if isinstance(outcome, Change):
            try:
                self.edits.extend(self.editor.render(outcome, document.root, self.builder))
                self.applied.setdefault(index, []).append(outcome)
                applied = True
            except Unrenderable as exc:
                message = f"{message}; not fixed: {exc}"
        line, column = self.source.line_col(anchor.start) if anchor else self._position(document, position_path)
        self.result.records.append(Record.of(rule.name, outcome, cut=obj.path, message=message, line=line,
                                             column=column, document=index, item=obj.item, object=obj.label,
                                             applied=applied))

    def _position(self, document: Document, path) -> tuple[int, int]:
        """Where the deepest node on `path` that the text holds starts (a key reached through a
        merge key is not in the text at its path)."""
        node = document.root
        for depth in range(len(path), 0, -1):
            try:
                step = self.editor.steps(document.root, path[:depth], self.builder)[-1]
            except (Unrenderable, IndexError):
                continue
            node = step.key or step.value
            break
        return self.source.line_col(node.start if node else document.start)
