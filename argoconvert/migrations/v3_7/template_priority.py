"""template-priority: a template's integer `priority` is no longer read (v3.7).

Its replacement, `priorityClassName`, names a PriorityClass: reported, never dropped, unless
`--priority-class` says which class stands for the number. The workflow spec's own
`priority` (workflow ordering) is still valid and is not looked at.
"""
from __future__ import annotations

from argoconvert.changes import Scope
from ..rule import Keyword, Rule
from ._priority_class import to_class_name

rule = Rule(
    name="template-priority",
    summary="template priority is ignored; use priorityClassName",
    available_since="3.0",
    removed_in="3.7",
    fixable=False,
    scopes=(Scope.TEMPLATE,),
    keys=("priority",),
    settings=("priority_classes",),
    python=(Keyword("priority", "priority_class_name", takes="a PriorityClass with that value"),),
)


@rule
def check(template: dict, priority_classes=None):
    yield from to_class_name(template, "priority", "priorityClassName", priority_classes or {})
