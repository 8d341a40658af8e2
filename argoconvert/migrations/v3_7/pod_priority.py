"""pod-priority: the workflow spec's integer `podPriority` is no longer read (v3.7).

Its replacement, `podPriorityClassName`, names a PriorityClass: reported, never dropped,
unless `--priority-class` says which class stands for the number.
"""
from __future__ import annotations

from argoconvert.changes import Scope
from ..rule import Keyword, Rule
from ._priority_class import to_class_name

rule = Rule(
    name="pod-priority",
    summary="workflow spec podPriority is ignored; use podPriorityClassName",
    available_since="3.0",
    removed_in="3.7",
    fixable=False,
    scopes=(Scope.WORKFLOW_SPEC,),
    keys=("podPriority",),
    settings=("priority_classes",),
    python=(Keyword("pod_priority", "pod_priority_class_name", takes="a PriorityClass with that value"),),
)


@rule
def check(spec: dict, priority_classes=None):
    yield from to_class_name(spec, "podPriority", "podPriorityClassName", priority_classes or {})
