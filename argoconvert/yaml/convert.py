"""A YAML or JSON input to its result: a text that cannot need a rule is not parsed, a large
export goes item by item (exports.py), a Go template is skipped (templated.py), anything else
is one run (run.py)."""
from __future__ import annotations

from typing import Callable

from ..errors import InputError
from ..records import FileResult, Problem
from ..source import Source
from .exports import convert_items
from .run import RuleSet, parse_manifests, run_text
from .segments import document_segments, list_items
from .templated import Templated, skipped

VALIDATE_LIMIT = 1_000_000  # bytes: a smaller file is parsed whole (its errors reported); a larger one only where
# it may need a change, a List item by item, without decoding the whole of it


class YamlConverter:
    def __init__(self, ruleset: RuleSet):
        self.ruleset = ruleset
        # Told the bytes of the current input done so far while a large export is converted item by item.
        self.progress: Callable[[int], None] | None = None

    def convert(self, source: Source) -> FileResult:
        raw = source.original
        try:
            if len(raw) > VALIDATE_LIMIT:
                if not self.ruleset.prescan.may_need(raw):
                    return FileResult(source.path, raw)  # a large text that cannot need a change is not even decoded
                segments = list_items(raw) or document_segments(raw)
                if segments is not None:
                    return convert_items(self.ruleset, source, segments, self.progress)
            relevant = self.ruleset.prescan.may_need(source.text)
            parsed = parse_manifests(source, relevant)
        except Templated as exc:
            return skipped(source, exc, self.ruleset.legacy_keys)
        except InputError as exc:
            return FileResult(source.path, raw, error=Problem(exc.message, exc.line, exc.column))
        if not relevant:
            return FileResult(source.path, raw)
        outcome = run_text(self.ruleset, source, parsed)
        converted = source.encode(outcome.new_text) if outcome.new_text is not None else None
        return FileResult(source.path, raw, converted, list(outcome.records), outcome.error,
                          semantic=list(outcome.semantic))
