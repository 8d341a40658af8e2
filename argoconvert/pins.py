"""Dependency pin files (SPEC 2.3): requirements*.txt / *.in, pyproject.toml, setup.cfg and
setup.py. The rules that read a pin file's text (Scope.PINS: sdk-pins) report on it; the
file is never changed."""
from __future__ import annotations

import os

from .changes import Scope
from .migrations import Rule
from .records import FileResult, Record
from .source import Source


def pin_records(source: Source, rules: list[Rule]) -> list[Record]:
    name = os.path.basename(source.path)
    records = []
    for rule in rules:
        if Scope.PINS in rule.scopes:
            for finding in rule.check(source.text, name):
                line, column = source.line_col(finding.offset)
                records.append(Record.of(rule.name, finding, line=line, column=column))
    return records


def convert_pins(source: Source, rules: list[Rule]) -> FileResult:
    return FileResult(source.path, source.original, records=pin_records(source, rules))
