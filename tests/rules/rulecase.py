"""What the rule tests share: a rule's check run on data (as the locator shows it one object,
spec or template), a whole text through the pipeline with only that rule, and whether the rule
is selected at a target version.

Expected outcomes are written as the objects of `argoconvert.changes`; `ANY` stands for a
message a test does not spell out (check its words with `in`).
"""
from __future__ import annotations

from unittest.mock import ANY

from argoconvert.migrations import LATEST, Settings, select_rules

__all__ = ["ANY", "check", "convert", "selected"]


def check(module, data, **settings) -> list:
    """The outcomes of `module`'s rule on `data`, with `settings` as Settings fields."""
    return list(module.rule.run(data, Settings(**settings)))


def convert(module, text: str, name: str = "x.yaml", **settings):
    """`text` through the pipeline with only `module`'s rule: (output text, records)."""
    from argoconvert.pipeline import Converter
    from argoconvert.source import Source

    converter = Converter(select_rules([module.rule.name], None, LATEST), settings=Settings(**settings))
    result = converter.convert(Source.from_bytes(name, text.encode()))
    assert result.error is None, result.error
    return (text if result.output is None else result.output.decode()), result.records


def selected(module, target_version: str, opt_in: tuple[str, ...] = ()) -> bool:
    """Whether a default run (no --select/--ignore) at `target_version` applies the rule."""
    return module.rule in select_rules(None, None, target_version, opt_in)
