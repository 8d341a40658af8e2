"""One YAML or JSON text through the rules: locate the places each rule looks at, take what
it says, render its changes as text edits, verify the edited text, and return an immutable
outcome. Manifests held in the text's strings are converted as texts of their own.

The run knows rules only by their declared scopes and keys; what a rule changes it learns
from the changes the rule yields.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import NamedTuple

from ..changes import Change, Insert, Path, Remove, Scope, SetString, get
from ..errors import InputError, Unrenderable, VerificationError
from ..locate import ArgoObject, embedded, identify, submitted, targets
from ..migrations import Rule, Settings
from ..records import Problem, Record
from ..source import Edit, Source, apply_edits
from ..textscan import LegacyKeys, Prescan
from . import embedded as held
from .edits import Editor
from .templated import Templated, has_directive, unquoted_directive
from .tree import Document, Scalar, compose, deref
from .values import Builder
from .verify import MAX_EXPANDED_NODES, semantic_changes, verify


@dataclass(frozen=True)
class RuleSet:
    """The rules of a run, with what the command line tells them."""

    rules: list[Rule]
    settings: Settings = Settings()
    explain: bool = False  # also describe each output's data-level changes (--verbose)

    @cached_property
    def prescan(self) -> Prescan:
        return Prescan(self.rules)

    @cached_property
    def legacy_keys(self) -> LegacyKeys:
        return LegacyKeys(self.rules)

    @cached_property
    def judges_submissions(self) -> bool:
        """Some rule judges what the API server receives: every Argo object must be read."""
        return any(Scope.SUBMITTED in rule.scopes for rule in self.rules)


class Parsed(NamedTuple):
    documents: list[Document]
    builder: Builder  # what made the data: it knows which mappings `<<` merges
    data: list  # each document's data


def parse(source: Source) -> Parsed:
    """A text's documents and their data. Raises InputError."""
    try:
        documents = compose(source.text)
        builder = Builder(source)
        return Parsed(documents, builder, [builder.build(document.root) for document in documents])
    except RecursionError:
        raise InputError("nesting too deep to process") from None


def parse_manifests(source: Source, relevant: bool = True, line: int = 1, where: str = "") -> Parsed:
    """`source` (a whole input, or one item or document of it starting at `line`) parsed.
    Raises InputError, or Templated when it is a Go template rather than YAML (a directive
    outside strings, looked for where the text is `relevant`); positions count from `line`,
    messages start with `where`."""
    try:
        parsed = parse(source)
    except InputError as exc:
        kind = Templated if has_directive(source.text) else InputError
        raise kind(where + exc.message, exc.line + line - 1 if exc.line else 0, exc.column) from None
    directive = unquoted_directive(source.text, parsed.documents) if relevant else None
    if directive is not None:
        at, column = source.line_col(directive)
        raise Templated(where + "a template directive outside a quoted string", at + line - 1, column)
    return parsed


@dataclass(frozen=True)
class TextOutcome:
    """What one run made of a text: the converted text (None when nothing changes or it
    could not be verified), its edits, the records, and why nothing is written."""

    new_text: str | None = None
    edits: tuple[Edit, ...] = ()
    records: tuple[Record, ...] = ()
    error: Problem | None = None
    semantic: tuple[str, ...] = ()  # data-level changes, with --verbose


WHOLE, PARTIAL = "whole", "partial"  # how the API server receives the text's Argo objects


def run_text(ruleset: RuleSet, source: Source, parsed: Parsed, kind: str | None = None,
             item: int | None = None, submitted_as: str | None = WHOLE) -> TextOutcome:
    """`kind`: what the text holds when it does not say (a controller's workflowDefaults);
    `item`: the text is this one item of a List; `submitted_as`: how the API server receives
    its Argo objects (WHOLE, PARTIAL: completed by something else, or None: not at all)."""
    return _Run(ruleset, source, parsed, kind, item, submitted_as).outcome()


def _templated_value(data, path: Path) -> bool:
    """Whether the value at `path` is a string holding a Helm action, which rendering replaces."""
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, str) and has_directive(data)


@dataclass
class _Run:
    ruleset: RuleSet
    source: Source
    parsed: Parsed
    kind: str | None
    item: int | None
    submitted_as: str | None
    records: list[Record] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    applied: dict[int, list[Change]] = field(default_factory=dict)  # by document
    seen: set = field(default_factory=set)
    reported: set = field(default_factory=set)  # (document, path) of the fields findings already name

    def __post_init__(self):
        self.editor = Editor(self.source, self.parsed.documents)

    def outcome(self) -> TextOutcome:
        for index, (document, data) in enumerate(zip(self.parsed.documents, self.parsed.data)):
            for target in targets(data, self.kind, self.item):
                written = partial(self._written, document, target.path)
                for rule in self.ruleset.rules:
                    if target.scope in rule.scopes:
                        for outcome in rule.run(target.data, self.ruleset.settings, written):
                            self._take(rule, index, document, target.obj, outcome.rebased(target.path))
            if self.kind is None:
                for found in embedded(data, self.item):
                    self._held(index, document, found)
            elif isinstance(data, list):  # a JSON patch of an object of that kind (kustomize)
                for op_index, op in enumerate(data):
                    line, column = self._position(document, (op_index, "path"))
                    self.records += held.patch_op_records(self.ruleset.rules, self.ruleset.settings, self.kind, op,
                                                          index, line, column)
        self.edits.extend(self.editor.flow_removals())
        if not self.edits:
            self._accept(self.parsed.data)
            return TextOutcome(records=tuple(self.records))
        documents = self.parsed.documents
        bombs = {i for i, d in enumerate(documents) if d.aliases and d.root.size > MAX_EXPANDED_NODES}
        for index in sorted(bombs & self.applied.keys()):
            root = documents[index].root
            line, column = self.source.line_col(root.start)
            return self._unapplied(Problem(f"YAML aliases in this document expand to {root.size} nodes "
                                           "(an alias bomb?); not converted", line, column))
        try:
            new_text = apply_edits(self.source.text, self.edits)
            if not self.source.text.endswith("\n") and new_text.endswith("\n"):
                new_text = new_text[:-len(self.source.newline)]  # a missing final newline stays missing
            after = verify(self.source, new_text, self.parsed.data, self.applied, bombs,
                           keep_before=self.ruleset.explain)
        except (VerificationError, Unrenderable) as exc:
            return self._unapplied(Problem(f"internal error, nothing written: {exc}"))
        self._accept([after.get(index, data) for index, data in enumerate(self.parsed.data)])
        semantic = []
        if self.ruleset.explain:
            for index, data in after.items():
                prefix = f"document {index}: " if len(documents) > 1 else ""
                semantic += [prefix + line for line in semantic_changes(self.parsed.data[index], data)]
        return TextOutcome(new_text, tuple(self.edits), tuple(self.records), None, tuple(semantic))

    def _accept(self, results: list) -> None:
        """The rules that judge what the API server receives, shown each Argo object of the
        converted data; their findings placed where the input holds what they name."""
        if not self.ruleset.judges_submissions or self.submitted_as is None:
            return
        rules = [rule for rule in self.ruleset.rules if Scope.SUBMITTED in rule.scopes]
        for index, (document, data) in enumerate(zip(self.parsed.documents, results)):
            for obj, received in submitted(data, self.kind, self.item):
                if self.submitted_as == PARTIAL:
                    received = received._replace(partial=True)
                for rule in rules:
                    for finding in rule.run(received, self.ruleset.settings):
                        finding = finding.rebased(obj.path)
                        if (index, self._in_input(index, finding.path)) in self.reported:
                            continue  # a migration rule already said what to do with this field
                        if _templated_value(data, finding.path):
                            continue  # a Helm action fills it in when rendered (SPEC 2.5)
                        line, column = self._position(document, self._in_input(index, finding.path))
                        self.records.append(Record.of(rule.name, finding, cut=obj.path, line=line, column=column,
                                                      document=index, item=obj.item, object=obj.label))

    def _in_input(self, index: int, path: Path) -> Path:
        """Where a path of the converted data was in the input: through what a change moved."""
        for change in self.applied.get(index, ()):
            if isinstance(change, Remove):
                continue
            for moved in (change.new_path, change.destination):
                if path[:len(moved)] == moved:
                    return change.path + path[len(moved):]
        return path

    def _unapplied(self, error: Problem) -> TextOutcome:
        """Nothing of this text is written: its changes become findings."""
        records = tuple(replace(r, applied=False, message=f"{r.message} (not applied)") if r.applied else r
                        for r in self.records)
        return TextOutcome(records=records, error=error)

    def _held(self, index: int, document: Document, found) -> None:
        """Convert the manifest held in a string and write it back into the string."""
        node = held.string_node(self.editor, document, self.parsed.builder, found, self.applied.get(index, []))
        judged = found.submitted and self.submitted_as is not None and self.ruleset.judges_submissions
        if node is None or not (judged or self.ruleset.prescan.may_need(node.value)):
            return
        inner = Source(self.source.path, node.value)
        try:
            parsed = parse(inner)
        except InputError as exc:
            self.records += held.unreadable_records(self.ruleset.rules, self.source, node, found, index,
                                                    identify(self._object_of(index, found.item)), exc)
            return
        outcome = run_text(self.ruleset, inner, parsed, found.kind,
                           submitted_as=PARTIAL if found.submitted and self.submitted_as else None)
        new_value = None if found.report_only else outcome.new_text
        self.records += held.inner_records(outcome.records, outcome.error, self.editor, node, inner, found, index,
                                           written=new_value is not None)
        if new_value is None:
            return
        self.edits.extend(self.editor.embed(node, inner, list(outcome.edits), new_value))
        self.applied.setdefault(index, []).append(SetString(found.path, "", value=new_value))

    def _written(self, document: Document, base: Path, path: Path) -> str | None:
        """The text of the scalar at base + path as written (None: not a scalar the text holds there)."""
        try:
            node = deref(self.editor.steps(document.root, base + path, self.parsed.builder)[-1].value)
        except (Unrenderable, IndexError):
            return None
        return node.value if isinstance(node, Scalar) else None

    def _object_of(self, index: int, item: int | None):
        """The object of document `index`, or its List item `item` (a List converted item by
        item shows each item as a document of its own)."""
        data = self.parsed.data[index]
        items = data.get("items") if isinstance(data, dict) and data.get("kind") == "List" else None
        return items[item] if isinstance(items, list) and item is not None and item < len(items) else data

    def _take(self, rule: Rule, index: int, document: Document, obj: ArgoObject, outcome) -> None:
        position_path = outcome.path[:-1] + (outcome.beside,) if isinstance(outcome, Insert) else outcome.path
        try:
            anchor = self.editor.steps(document.root, position_path, self.parsed.builder)[-1].key
        except (Unrenderable, IndexError):
            anchor = None
        if any(isinstance(done, Remove) and len(outcome.path) > len(done.path)
               and outcome.path[:len(done.path)] == done.path for done in self.applied.get(index, ())):
            return  # inside what another change removes (a template's arguments): moot
        # The same field reached again through an alias or a merge key is the same data object.
        parent = get(self.parsed.data[index], outcome.path[:-1])
        identity = (rule.name, type(outcome).__name__, id(parent), outcome.path[-1])
        if identity in self.seen:
            return
        self.seen.add(identity)
        applied, message = False, outcome.message
        if isinstance(outcome, Change):
            try:
                self.edits.extend(self.editor.render(outcome, document.root, self.parsed.builder))
                self.applied.setdefault(index, []).append(outcome)
                applied = True
            except Unrenderable as exc:
                message = f"{message}; not fixed: {exc}"
        if not applied:
            self.reported.add((index, outcome.path))
        line, column = self.source.line_col(anchor.start) if anchor else self._position(document, position_path)
        self.records.append(Record.of(rule.name, outcome, cut=obj.path, message=message, line=line, column=column,
                                      document=index, item=obj.item, object=obj.label, applied=applied))

    def _position(self, document: Document, path) -> tuple[int, int]:
        """Where the deepest node on `path` that the text holds starts (a key reached through a
        merge key is not in the text at its path)."""
        node = document.root
        for depth in range(len(path), 0, -1):
            try:
                step = self.editor.steps(document.root, path[:depth], self.parsed.builder)[-1]
            except (Unrenderable, IndexError):
                continue
            node = step.key or step.value
            break
        return self.source.line_col(node.start if node else document.start)
