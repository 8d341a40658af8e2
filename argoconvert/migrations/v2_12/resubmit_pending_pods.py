"""resubmit-pending-pods: a template's `resubmitPendingPods` is removed.

Since v2.12 pending pods are always resubmitted and the field is not read; v4's full CRD does
not know it, so the API server rejects it.
"""
from __future__ import annotations

from argoconvert.changes import Remove, Scope
from ..rule import Rule

rule = Rule(
    name="resubmit-pending-pods",
    summary="template resubmitPendingPods is removed: pending pods are always resubmitted",
    available_since="2.12",
    removed_in="2.12",
    fixable=True,
    scopes=(Scope.TEMPLATE,),
    keys=("resubmitPendingPods",),
)


@rule
def check(template: dict):
    if "resubmitPendingPods" in template:
        yield Remove(("resubmitPendingPods",), "{path} removed: pending pods are always resubmitted since v2.12")
