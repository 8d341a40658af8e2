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


def select_rules(select: list[str] | None, ignore: list[str] | None, target_version: str,
                 opt_in: tuple[str, ...] = ()) -> list[Rule]:
    """Rules enabled by --select/--ignore that apply when targeting `target_version`; an
    opt-in rule only when selected by name or listed in `opt_in`."""
    unknown = [name for name in (select or []) + (ignore or []) if name not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown rule: {', '.join(unknown)} (see --list-rules)")
    target = version(target_version)
    return [rule for name, rule in REGISTRY.items()
            if (name in (select or []) or name in opt_in or (not select and not rule.opt_in))
            and name not in (ignore or []) and rule.applies_at(target)]
