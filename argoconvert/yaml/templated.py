"""Go-templated files (Helm charts) that are not YAML until rendered: found by a directive
outside YAML strings and comments, skipped, and their legacy keys reported from a text scan
where the file mentions Argo objects."""
from __future__ import annotations

import bisect
import re

from ..errors import InputError
from ..locate import ARGO_GROUP, SCOPE_KINDS
from ..records import FileResult, Problem, Record
from ..source import Source
from ..textscan import LegacyKeys
from .tree import Document, Scalar, Sequence

# Go templates as Helm writes them: `{{ .Values.x }}`, `{{- if ... }}`, `{{ include ... }}`.
# Argo's own `{{inputs.parameters.x}}` and `{{=expr}}` are not directives.
HELM_DIRECTIVE = re.compile(r"\{\{-?\s*(?:[.$(\"`]|-|/\*|(?:if|else|end|range|with|include|template|define|"
                            r"toYaml|tpl|printf|quote|default|required|block|fail|lookup)\b)")
# In a template's text: a `kind:` line (at any depth: a Sensor's resource) or a controller's workflowDefaults key.
KIND_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:kind:[ \t]*[\"']?([A-Za-z]+)|(workflowDefaults):)", re.M)
DOCUMENT_MARKER = re.compile(r"^---(?=[ \t\r\n]|$)", re.M)


class Templated(InputError):
    """The text is a Go template rather than YAML: where it shows."""


def has_directive(text: str) -> bool:
    return HELM_DIRECTIVE.search(text) is not None


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


def skipped(source: Source, reason: InputError, legacy: LegacyKeys) -> FileResult:
    """A templated file, skipped: its legacy keys, found by a text scan, reported in the
    documents whose kind holds them (a CronJob's or a calendar's `schedule` is not one)."""
    records = []
    text = source.text
    if ARGO_GROUP in text:
        starts = [0] + [marker.start() for marker in DOCUMENT_MARKER.finditer(text)]
        kinds = [{kind or key for kind, key in KIND_LINE.findall(text, start, end)}
                 for start, end in zip(starts, starts[1:] + [len(text)])]
        for offset, key, rule in legacy.find(text):
            if not kinds[bisect.bisect_right(starts, offset) - 1] & set().union(
                    *(SCOPE_KINDS.get(scope, ()) for scope in rule.scopes)):
                continue
            line, column = source.line_col(offset)
            records.append(Record(rule=rule.name, line=line, column=column, path=key, fixable=rule.fixable,
                                  message=f"{key} in a templated file: convert it by hand ({rule.summary})"))
    problem = Problem(f"templated file (not YAML until rendered): {reason.message}", reason.line, reason.column)
    return FileResult(source.path, source.original, records=records, error=problem, skipped=True)
