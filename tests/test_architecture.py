"""The shape issue 9 asks for, checked on the source: no import cycle (imports inside functions
and under TYPE_CHECKING count), the Python side never imports the YAML side, and nothing but a
rule's own module names the rule or spells its fields."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from argoconvert.migrations import REGISTRY
from conftest import ROOT

PACKAGE = ROOT / "argoconvert"
# The locator's map of where Argo objects and templates live, in YAML (locate.py) and in
# Python code (python/symbols.py: which classes model which place, and their positional
# parameters), may name fields.
LOCATOR_MAPS = {"argoconvert.locate", "argoconvert.python.symbols"}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _imports(name: str) -> set[str]:
    """The argoconvert modules `name` imports, wherever the import statement stands."""
    package = name if MODULES[name].name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {candidate for candidate in candidates if candidate in MODULES and candidate != name}
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from `start` back to it, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        name, path = stack.pop()
        for imported in GRAPH[name]:
            if imported == start:
                return path + [start]
            if imported not in seen:
                seen.add(imported)
                stack.append((imported, path + [imported]))
    return None


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_cycle(name):
    assert _cycle_from(name) is None


def test_the_python_side_is_handed_the_yaml_converter_instead_of_importing_it():
    python = {name for name in MODULES if name.startswith("argoconvert.python")}
    outside = {"argoconvert.yaml", "argoconvert.pipeline", "argoconvert.runner", "argoconvert.cli"}
    for name in python:
        assert not {m for m in GRAPH[name] if m.split(".")[:2] == ["argoconvert", "yaml"] or m in outside}, name


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """String constants, docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def _rule_module(rule) -> str:
    return rule.check.__module__


@pytest.mark.parametrize("rule", sorted(REGISTRY), ids=str)
def test_only_its_own_module_names_a_rule_or_spells_its_fields(rule):
    rule = REGISTRY[rule]
    own = _rule_module(rule)
    words = {rule.name} | {keyword.old for keyword in rule.python} | {keyword.new for keyword in rule.python}
    if not rule.opt_in:  # an opt-in rule's keys (status, uid) are every object's
        words |= set(rule.keys)
    for name, tree in TREES.items():
        if name == own or name in LOCATOR_MAPS or name.startswith("argoconvert.migrations.") and \
                name.rsplit(".", 1)[1].startswith("_"):
            continue
        spelled = sorted({node.value for node in _strings(tree) if node.value in words
                          or rule.name in node.value})
        assert not spelled, f"{name} spells {spelled}"
