"""template-priority: a template's integer `priority` is no longer read (v3.7).

Its replacement, `priorityClassName`, names a PriorityClass; only the user knows which class
stands for the number, so this is reported, never dropped. The workflow spec's own
`priority` (workflow ordering) is still valid and is not looked at.
"""
from __future__ import annotations

from argoconvert.changes import Finding, Scope
from .. import Rule

rule = Rule(
    name="template-priority",
    summary="template priority is ignored; use priorityClassName",
    available_since="3.0",
    removed_in="3.7",
    fixable=False,
    scopes=(Scope.TEMPLATE,),
    keys=("priority",),
)


@rule
def check(template: dict):
    if "priority" in template:
        yield Finding(("priority",), f"{{path}}: {template['priority']!r} is ignored since v3.7; set "
                                     "priorityClassName to a PriorityClass with that value")
