"""runtime-resolution: `templateRef.runtimeResolution` is removed.

The field was ignored from v3.0 on (references are always resolved when the step runs) and
v4's full CRD does not know it, so the API server rejects it. Steps, DAG tasks and hooks.
"""
from __future__ import annotations

from argoconvert.changes import Remove, Scope
from ..rule import Rule

rule = Rule(
    name="runtime-resolution",
    summary="templateRef.runtimeResolution is removed: it is ignored",
    available_since="3.0",
    removed_in="3.0",
    fixable=True,
    scopes=(Scope.TEMPLATE_REF,),
    keys=("runtimeResolution",),
)


@rule
def check(template_ref: dict):
    if "runtimeResolution" in template_ref:
        yield Remove(("runtimeResolution",), "{path} removed: it has been ignored since v3.0")
