"""One input through the handler for its kind of file: Python code, dependency pins, or
YAML/JSON manifests (everything else a run is given)."""
from __future__ import annotations

import os
from typing import Callable

from .discover import is_pin_file
from .migrations import Rule, Settings
from .pins import convert_pins
from .python import convert_python
from .records import FileResult
from .source import Source
from .yaml.convert import YamlConverter
from .yaml.run import RuleSet


class Converter:
    def __init__(self, rules: list[Rule], explain: bool = False, settings: Settings = Settings()):
        """`explain`: also describe each output's data-level changes (--verbose)."""
        self.rules, self.settings = rules, settings
        self.yaml = YamlConverter(RuleSet(rules, settings, explain))

    @property
    def progress(self) -> Callable[[int], None] | None:
        """Told the bytes of the current input done so far while a large export is converted item by item."""
        return self.yaml.progress

    @progress.setter
    def progress(self, report: Callable[[int], None] | None) -> None:
        self.yaml.progress = report

    def convert(self, source: Source) -> FileResult:
        """The converted input, its records in the order of their positions (as a reader meets them)."""
        if os.path.basename(source.path).endswith(".py"):
            result = convert_python(source, self.rules, self.settings, self.convert_yaml)
        elif is_pin_file(source.path):
            result = convert_pins(source, self.rules)
        else:
            result = self.yaml.convert(source)
        result.records.sort(key=lambda record: (record.line, record.column))
        return result

    def convert_yaml(self, source: Source, rules: list[Rule]) -> FileResult:
        """A YAML text (a Python string's) converted with `rules`."""
        return YamlConverter(RuleSet(rules, self.settings)).convert(source)
