"""The rule catalog: one module per rule, grouped by the Argo version step that removed the
old form (`v3_7`, `v4_0`, ...). Each module creates a `Rule`, which registers it, and
decorates its check with it; importing this package registers every rule once. A rule with
no scope in manifests (sdk-pins, for dependency files) has no check.

Installed as `argoconvert.migrations`.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Iterator, Mapping

from argoconvert.changes import Change, Finding, Scope

DOCS = "https://argo-workflows.readthedocs.io/en/latest/upgrading/"


def version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        raise ValueError(f"not a version: {text!r} (expected e.g. 4.0)") from None


@dataclass(frozen=True)
class Settings:
    """What the command line tells the rules that ask for it (a rule's `settings` names the
    fields its check takes as keywords)."""

    priority_classes: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))  # --priority-class


@dataclass
class Rule:
    name: str  # stable kebab-case name used in reports, --select and --ignore
    summary: str
    available_since: str  # first Argo version that reads the new form
    removed_in: str  # first Argo version whose controller no longer reads the old form
    fixable: bool
    scopes: tuple[Scope, ...]
    keys: tuple[str, ...]  # legacy keys; a text without any of them (or of `marks`) cannot need this rule
    marks: tuple[str, ...] = ()  # other text the rule looks for (a legacy value under a new key)
    opt_in: bool = False  # applied only when asked for (--select, or its own option)
    dependency: bool = False  # checks the SDK pins that write the new form, not manifests: reported from removed_in on
    docs: str = DOCS
    settings: tuple[str, ...] = ()  # fields of Settings the check takes as keywords
    check: Callable[..., Iterator[Change | Finding]] | None = field(default=None, repr=False)

    def __post_init__(self):
        REGISTRY[self.name] = self

    def __call__(self, check):
        self.check = check
        return check

    def run(self, data: dict, settings: Settings) -> Iterator[Change | Finding]:
        return self.check(data, **{name: getattr(settings, name) for name in self.settings})

    def applies_at(self, target: tuple[int, ...]) -> bool:
        if self.fixable:
            return version(self.available_since) <= target
        return version(self.removed_in) <= target


REGISTRY: dict[str, Rule] = {}


def _load() -> None:
    for group in pkgutil.iter_modules(__path__, __name__ + "."):
        if not group.ispkg:
            continue
        package = importlib.import_module(group.name)
        for module in pkgutil.iter_modules(package.__path__, group.name + "."):
            if not module.name.rsplit(".", 1)[1].startswith("_"):  # _helpers are not rules
                importlib.import_module(module.name)


_load()
