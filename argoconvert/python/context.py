"""What one run's enabled rules make of Python code: the rules that declare a Python side
(`Rule.python`), their keywords (by class, see symbols.py), the text a file must hold to need
them, the settings their checks take, and the function that converts a YAML string."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from ..migrations import Rule, Settings
from ..records import FileResult
from ..source import Source
from .symbols import Legacy, Place, legacy_keywords

# A YAML text converted with the given rules, as the YAML side converts a file.
ConvertYaml = Callable[[Source, list], FileResult]

# Besides the rules' keywords and keys, what may make a text need them: a manifest, a star
# import, the old SDK's positional cron spec, Hera 4's CronWorkflow; a spread given to a class.
CLASSES = (r"argoproj\.io/|import[ \t]*\*|IoArgoprojWorkflowV1alpha1CronWorkflowSpec\b"
           r"|\bfrom[ \t]+hera(?:\.cron_workflow)?[ \t]+import\b|\bhera\.(?:cron_workflow\.)?CronWorkflow\b")
SPREAD_TARGETS = re.compile(r"\b(?:CronWorkflow|Synchronization|CronWorkflowSpec)\b")


@dataclass(frozen=True)
class Context:
    """The Python side of one run's rules, handed to every scan of it (the verifier's too)."""

    rules: tuple[Rule, ...]  # the enabled rules that declare a Python side, in the registry's order
    settings: Settings
    convert_yaml: ConvertYaml  # (source, rules) -> FileResult: a YAML string's manifests converted

    @classmethod
    def of(cls, rules: list[Rule], settings: Settings, convert_yaml: ConvertYaml) -> Context:
        return cls(tuple(rule for rule in rules if rule.python), settings, convert_yaml)

    def legacy(self, places: tuple[Place, ...]) -> dict[str, Legacy]:
        """The legacy keywords of a class modelling `places`, by name."""
        return {found.keyword.old: found for found in legacy_keywords(places, self.rules)}

    @cached_property
    def keywords(self) -> dict[str, Legacy]:
        """Every legacy keyword of the rules, whatever class takes it, by name."""
        return {keyword.old: Legacy(rule, keyword) for rule in self.rules for keyword in rule.python}

    @cached_property
    def lists(self) -> dict[str, Legacy]:
        """The keywords whose value becomes a one-item list, by name."""
        return {old: found for old, found in self.keywords.items() if found.keyword.to_list}

    @cached_property
    def list_keys(self) -> dict[str, Legacy]:
        """The same, by their manifest key."""
        return {found.keyword.key: found for found in self.lists.values()}

    @cached_property
    def plurals(self) -> set[str]:
        """The keywords those lists go to."""
        return {found.keyword.new for found in self.lists.values()}

    @cached_property
    def _relevant(self) -> re.Pattern:
        """A legacy keyword given (`schedule=`), a legacy key quoted (dicts passed to Argo
        classes, assertions' reads), a list keyword read as an attribute (`.schedule`)."""
        keys = {key for rule in self.rules for key in rule.keys}
        found = [rf"\b(?:{_either(self.keywords)})[ \t]*=(?!=)" if self.keywords else "",
                 rf"[\"'](?:{_either(keys)})[\"']" if keys else "",
                 rf"\.(?:{_either(self.lists)})\b" if self.lists else "", CLASSES]
        return re.compile("|".join(part for part in found if part))

    def may_need(self, text: str) -> bool:
        """Whether a text may hold something the rules look at; one that cannot is not parsed
        (libcst's scope analysis costs about half a second per thousand lines)."""
        return bool(self._relevant.search(text)) or ("*" in text and bool(SPREAD_TARGETS.search(text)))


def _either(words) -> str:
    return "|".join(sorted(map(re.escape, words)))
