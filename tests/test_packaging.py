"""The wheel ships the whole package, the rule catalog included, and nothing at the top level
but it; every rule module registers one rule with a check."""
from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import zipfile

import argoconvert.migrations as migrations
from argoconvert.migrations import REGISTRY, version
from conftest import ROOT


def test_wheel_ships_the_package_and_its_rules(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("argoconvert-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name for name in names if name.endswith(".py")}
    for module in (ROOT / "argoconvert").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in shipped
    for rule in REGISTRY.values():  # the rule modules are in the package
        assert rule.check.__module__.replace(".", "/") + ".py" in shipped
    assert {name.split("/")[0] for name in names if "dist-info" not in name} == {"argoconvert"}


def rule_modules() -> list[str]:
    return [module.name for group in pkgutil.iter_modules(migrations.__path__, migrations.__name__ + ".")
            if group.ispkg for module in pkgutil.iter_modules(importlib.import_module(group.name).__path__,
                                                               group.name + ".")
            if not module.name.rsplit(".", 1)[1].startswith("_")]


def test_every_rule_module_registers_one_rule_with_a_check():
    modules = rule_modules()
    assert len(modules) == len(REGISTRY)
    for name in modules:
        rule = importlib.import_module(name).rule
        assert REGISTRY[rule.name] is rule
        assert rule.check is not None and rule.scopes
        assert version(rule.available_since) <= version(rule.removed_in)
        assert rule.keys or rule.marks or rule.pattern or rule.dependency  # else every text would need it
