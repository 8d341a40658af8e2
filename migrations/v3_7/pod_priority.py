"""pod-priority: the workflow spec's integer `podPriority` is no longer read (v3.7).

Its replacement, `podPriorityClassName`, names a PriorityClass; only the user knows which
class stands for the number, so this is reported, never dropped.
"""
from __future__ import annotations

from argoconvert.changes import Finding, Scope
from .. import Rule

rule = Rule(
    name="pod-priority",
    summary="workflow spec podPriority is ignored; use podPriorityClassName",
    available_since="3.0",
    removed_in="3.7",
    fixable=False,
    scopes=(Scope.WORKFLOW_SPEC,),
    keys=("podPriority",),
)


@rule
def check(spec: dict):
    if "podPriority" in spec:
        yield Finding(("podPriority",), f"{{path}}: {spec['podPriority']!r} is ignored since v3.7; set "
                                        "podPriorityClassName to a PriorityClass with that value")
