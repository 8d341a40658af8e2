"""strip-server-fields: drop what the API server set, so an export can be applied again.

`status`, `metadata.managedFields`, `uid`, `resourceVersion`, `generation`,
`creationTimestamp`, `selfLink` and kubectl's `last-applied-configuration` annotation are
written by the cluster; applying them to another cluster fails or resurrects old fields.
Enabled by `--strip-server-fields`.
"""
from __future__ import annotations

from argoconvert.changes import Remove, Scope
from argoconvert.locate import LAST_APPLIED

from ..rule import Rule

SERVER_METADATA = ("managedFields", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink")

rule = Rule(
    name="strip-server-fields",
    summary="remove the fields the API server sets (status, managedFields, uid, ...)",
    available_since="1.0",
    removed_in="1.0",
    fixable=True,
    scopes=(Scope.OBJECT,),
    keys=("status",) + SERVER_METADATA + (LAST_APPLIED,),
    opt_in=True,
    docs="https://kubernetes.io/docs/reference/using-api/api-concepts/#server-side-apply",
)


@rule
def check(obj: dict):
    if "status" in obj:
        yield Remove(("status",), "{path} removed (set by the controller)")
    metadata = obj.get("metadata")
    if not isinstance(metadata, dict):
        return
    for field in SERVER_METADATA:
        if field in metadata:
            yield Remove(("metadata", field), "{path} removed (set by the API server)")
    annotations = metadata.get("annotations")
    if isinstance(annotations, dict) and LAST_APPLIED in annotations:
        if len(annotations) == 1:  # no `annotations: {}` left behind
            yield Remove(("metadata", "annotations"), "{path} removed (only kubectl apply's annotation was there)")
        else:
            yield Remove(("metadata", "annotations", LAST_APPLIED), "{path} removed (written by kubectl apply)")
