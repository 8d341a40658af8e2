"""template-arguments: the `arguments` of a template are removed.

A template's own `arguments` (in `templates[]`, `templateDefaults` or an inline template) were
never read: a template takes `inputs`, and the caller's step, task or workflow passes
`arguments`. v4's full CRD does not know the field, so the API server rejects it. The
`arguments` of steps, tasks and the workflow are not touched.
"""
from __future__ import annotations

from argoconvert.changes import Remove, Scope
from ..rule import Rule

rule = Rule(
    name="template-arguments",
    summary="a template's own arguments are removed: they were never read",
    available_since="3.0",
    removed_in="3.0",
    fixable=True,
    scopes=(Scope.TEMPLATE,),
    keys=("arguments",),
    key_is_legacy=False,  # a step's or workflow's arguments are not legacy
)


@rule
def check(template: dict):
    if "arguments" in template:
        yield Remove(("arguments",), "{path} removed: a template's own arguments are never read (it takes "
                                     "inputs; the step, task or workflow passes arguments)")
