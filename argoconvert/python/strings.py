"""YAML manifests held in Python string literals: converted by the YAML engine and re-emitted
in the same literal; f-strings, concatenations, `.format()` / `%` templates and strings with
escapes are reported, not touched. Docstrings are documentation, never data.
"""
from __future__ import annotations

import re
from dataclasses import replace

import libcst as cst

from ..records import Record
from ..source import Edit, Source
from ..textscan import LegacyKeys
from .checks import StringCheck
from .planned import Planned

ARGO_KIND = re.compile(r"\bkind:\s*[\"']?(?:(?:Cluster)?Workflow(?:Template)?|CronWorkflow|Sensor|List)\b")


def may_hold_manifest(text: str) -> bool:
    return "argoproj.io/" in text and bool(ARGO_KIND.search(text))


class YamlStrings:
    """The string literals of one scan (codemod.Scan, which owns this helper); the scan's
    visitor calls these as it meets them."""

    def __init__(self, scan):
        self.scan = scan
        self.left_as_written: set[int] = set()  # ids of docstrings and parts of a concatenation
        self.templates: dict[int, str] = {}  # strings filled in by .format() or %: id -> how

    def statement(self, node: cst.Expr) -> None:
        if isinstance(node.value, cst.SimpleString):
            self.left_as_written.add(id(node.value))  # documentation, not data

    def attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "format" and isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self.templates[id(node.value)] = "a string filled in by .format()"

    def operation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Modulo) and isinstance(node.left, (cst.SimpleString, cst.ConcatenatedString)):
            self.templates[id(node.left)] = "a string filled in by %"

    def formatted(self, node: cst.FormattedString) -> None:
        if id(node) not in self.left_as_written:
            self._unconvertible(node, "an f-string")

    def concatenated(self, node: cst.ConcatenatedString) -> None:
        if id(node) in self.left_as_written:
            return
        parts, pending = [], [node.left, node.right]
        while pending:  # "a" "b" "c" nests as left, right
            part = pending.pop()
            if isinstance(part, cst.ConcatenatedString):
                pending += [part.left, part.right]
            parts.append(part)
        self.left_as_written.update(id(part) for part in parts)
        self._unconvertible(node, self.templates.get(id(node), "a concatenation of strings"))

    def _unconvertible(self, node: cst.CSTNode, what: str) -> None:
        """A manifest in a string that cannot be converted in place: its legacy keys reported."""
        at = self.scan.at
        code = at.code(node)
        value = getattr(node, "evaluated_value", None) if "\\" in code else None
        text = value if isinstance(value, str) else code  # escapes resolved: keys found, placed at the string
        if not may_hold_manifest(text):
            return
        start = at.start(node)
        for key_at, key, rule in LegacyKeys(list(self.scan.context.rules)).find(text):
            offset = start + key_at if text is code else start
            line = at.line_of(offset)
            self.scan.planned.append(Planned(Record(
                rule=rule.name, line=line, column=offset - at.line_starts[line - 1] + 1, path=key,
                message=f"{key} in a manifest held in {what}: convert it by hand ({rule.summary})")))

    def literal(self, node: cst.SimpleString) -> None:
        if id(node) in self.left_as_written:
            return
        if id(node) in self.templates:
            self._unconvertible(node, self.templates[id(node)])
            return
        scan, at = self.scan, self.scan.at
        prefix, quote, content = node.prefix, node.quote, node.raw_value
        if set(prefix) - {"r", "u"}:
            return  # bytes
        if "\\" in content:
            self._unconvertible(node, "a string with escapes")
            return
        if not may_hold_manifest(content):
            return
        start = at.offset(at.positions[node].start) + len(prefix) + len(quote)  # inside parentheses, if any
        inner = Source("<string>", content)
        result = scan.context.convert_yaml(inner, list(scan.context.rules))
        if result.error is not None or result.skipped or not result.records:
            return  # not a manifest (or nothing to do): the string stays as it is
        new = result.output.decode("utf-8") if result.output is not None else None
        problem = None
        if new is not None and (quote in new or new.endswith(quote[0]) or "\\" in new
                                or (len(quote) == 1 and ("\n" in new or "\r" in new))):
            problem = "the converted text would need escapes in this string"
        changes = []
        for record in result.records:
            offset = start + inner.line_starts[record.line - 1] + record.column - 1
            line = at.line_of(offset)
            column = offset - at.line_starts[line - 1] + 1
            moved = replace(record, line=line, column=column, document=0, item=None,
                            new_path=record.new_path if record.applied else None,
                            message=f"{record.message} (in a YAML string)")
            planned = Planned(moved, [] if record.applied else None)
            if record.applied and (new is None or problem):
                planned.left(f"; not fixed: {problem or 'not converted'}")
            if planned.edits is not None:
                changes.append(planned)
            scan.planned.append(planned)
        if changes:
            changes[0].edits = [Edit(start, start + len(content), new)]
            scan.checks.append(StringCheck(at.start(node), at.end(node), new))
