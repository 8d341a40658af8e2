"""sync-semaphores: `synchronization.semaphore: S` became `synchronization.semaphores: [S]`.

v4.0 removed the singular field (the list exists since v3.6), on the workflow spec and on
every template; a cluster that ignores it runs the workflow without its limit.
"""
from __future__ import annotations

from argoconvert.changes import Scope
from ..rule import Keyword, Rule
from ._plural import singular_to_list

rule = Rule(
    name="sync-semaphores",
    summary="synchronization.semaphore became the list synchronization.semaphores",
    available_since="3.6",
    removed_in="4.0",
    fixable=True,
    scopes=(Scope.WORKFLOW_SPEC, Scope.TEMPLATE),
    keys=("semaphore",),
    python=(Keyword("semaphore", "semaphores", to_list=True, holder=("synchronization",), append=True),),
)


@rule
def check(spec_or_template: dict):
    return singular_to_list(spec_or_template, "semaphore", "semaphores")
