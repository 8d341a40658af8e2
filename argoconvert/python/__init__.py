"""Python code that builds Argo workflows (SPEC 2.3): Hera and the old `argo_workflows` SDK,
and manifests held as dict literals or YAML strings, get the YAML rules under the same names,
applied with libcst where the code provably is an Argo object; dependency pins too old for
the rewritten code are reported.

    convert_python(source, converter)        for *.py files
    convert_requirements(source, converter)  for requirements*.txt, pyproject.toml, setup.cfg

A file that does not import hera or argo_workflows and holds no manifest shape is returned
as it is without being parsed; libcst is imported only for the files that are.
"""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from ..pins import convert_pins
from ..records import FileResult, Problem
from ..source import Source

if TYPE_CHECKING:  # the engine imports this package
    from ..engine import Converter

# hera, argo_workflows (the old SDK) and argo.workflows (argo-python-dsl, reported only)
IMPORTS = re.compile(r"(?:^|;)[ \t]*(?:from|import)[ \t][^\n]*?\b(?:hera|argo_workflows|argo\.workflows)\b", re.M)
ARGO_KIND = re.compile(r"\b(?:(?:Cluster)?Workflow(?:Template)?|CronWorkflow|Sensor)\b")


def may_hold_argo(text: str) -> bool:
    """The text imports hera or an argo SDK, or mentions an Argo group with an Argo kind."""
    return bool(IMPORTS.search(text)) or ("argoproj.io/" in text and bool(ARGO_KIND.search(text)))


def convert_python(source: Source, converter: Converter) -> FileResult:
    """The converted Python file; unchanged (not even parsed) when it cannot hold Argo objects.
    A `setup.py` is also checked for dependency pins."""
    pins = os.path.basename(source.path) == "setup.py"
    if not may_hold_argo(source.text):
        return convert_requirements(source, converter) if pins else FileResult(source.path, source.original)
    try:
        from .codemod import convert
    except ImportError as exc:  # libcst missing
        result = FileResult(source.path, source.original)
        result.error = Problem(f"cannot convert Python code: {exc}")
        return result
    result = convert(source, converter.rules, converter.settings)
    if pins and result.error is None:
        result.records = sorted(result.records + convert_requirements(source, converter).records,
                                key=lambda r: (r.line, r.column, r.rule))
    return result


def convert_requirements(source: Source, converter: Converter) -> FileResult:
    return convert_pins(source, converter.rules)
