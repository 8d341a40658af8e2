"""The rule catalog: one module per rule, grouped by the Argo version step that removed the
old form (`v3_7`, `v4_0`, ...). Each module creates a `Rule` (rule.py), which registers it,
and decorates its check with it; importing this package registers every rule once, so
`REGISTRY` holds them all. `select_rules` picks those a run applies.
"""
from __future__ import annotations

import importlib
import pkgutil

from .rule import REGISTRY, Keyword, Rule, Settings, version

__all__ = ["LATEST", "REGISTRY", "Keyword", "Rule", "Settings", "select_rules", "version"]


def _load() -> None:
    for group in pkgutil.iter_modules(__path__, __name__ + "."):
        if not group.ispkg:
            continue
        package = importlib.import_module(group.name)
        for module in pkgutil.iter_modules(package.__path__, group.name + "."):
            if not module.name.rsplit(".", 1)[1].startswith("_"):  # _helpers are not rules
                importlib.import_module(module.name)


_load()

LATEST = max((rule.removed_in for rule in REGISTRY.values()), key=version)  # the newest version a rule knows


def _matching(names: list[str]) -> set[str]:
    """Rule names given by name or by a prefix that ends at a hyphen (`crd` = every `crd-*` rule)."""
    unknown = [name for name in names if name not in REGISTRY and not any(
        rule.startswith(name.rstrip("-") + "-") for rule in REGISTRY)]
    if unknown:
        raise ValueError(f"unknown rule: {', '.join(unknown)} (see --list-rules)")
    return {rule for name in names for rule in REGISTRY if rule == name or rule.startswith(name.rstrip("-") + "-")}


def select_rules(select: list[str] | None, ignore: list[str] | None, target_version: str,
                 opt_in: tuple[str, ...] = ()) -> list[Rule]:
    """Rules enabled by --select/--ignore (names or prefixes) that apply when targeting
    `target_version`; an opt-in rule only when selected by name or listed in `opt_in`."""
    selected, ignored = _matching(select or []), _matching(ignore or [])
    target = version(target_version)
    return [rule for name, rule in REGISTRY.items()
            if (name in (select or []) or name in opt_in or (not rule.opt_in and (not select or name in selected)))
            and name not in ignored and rule.applies_at(target)]
