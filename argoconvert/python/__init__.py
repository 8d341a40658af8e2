"""Python code that builds Argo workflows (SPEC 2.3): Hera and the old `argo_workflows` SDK,
and manifests held as dict literals or YAML strings, get the YAML rules under the same names,
applied with libcst where the code provably is an Argo object; dependency pins too old for
the rewritten code are reported.

    convert_python(source, rules, settings, convert_yaml)   for *.py files

`convert_yaml(source, rules)` converts a YAML string's manifests: the pipeline hands it in, so
this package never imports the YAML side.

A file that does not import hera or argo_workflows and holds no manifest shape is returned
as it is without being parsed; libcst is imported only for the files that are.
"""
from __future__ import annotations

import os
import re
from typing import Callable

from ..migrations import Rule, Settings
from ..pins import pin_records
from ..records import FileResult, Problem
from ..source import Source

# hera, argo_workflows (the old SDK) and argo.workflows (argo-python-dsl, reported only)
IMPORTS = re.compile(r"(?:^|;)[ \t]*(?:from|import)[ \t][^\n]*?\b(?:hera|argo_workflows|argo\.workflows)\b", re.M)
ARGO_KIND = re.compile(r"\b(?:(?:Cluster)?Workflow(?:Template)?|CronWorkflow|Sensor)\b")


def may_hold_argo(text: str) -> bool:
    """The text imports hera or an argo SDK, or mentions an Argo group with an Argo kind."""
    return bool(IMPORTS.search(text)) or ("argoproj.io/" in text and bool(ARGO_KIND.search(text)))


def convert_python(source: Source, rules: list[Rule], settings: Settings,
                   convert_yaml: Callable[[Source, list[Rule]], FileResult]) -> FileResult:
    """The converted Python file; unchanged (not even parsed) when it cannot hold Argo objects.
    A `setup.py` is also checked for dependency pins."""
    pins = os.path.basename(source.path) == "setup.py"
    if not may_hold_argo(source.text):
        return FileResult(source.path, source.original, records=pin_records(source, rules) if pins else [])
    try:
        from .codemod import convert
    except ImportError as exc:  # libcst missing
        result = FileResult(source.path, source.original)
        result.error = Problem(f"cannot convert Python code: {exc}")
        return result
    result = convert(source, rules, settings, convert_yaml)
    if pins and result.error is None:
        result.records = sorted(result.records + pin_records(source, rules), key=lambda r: (r.line, r.column, r.rule))
    return result
