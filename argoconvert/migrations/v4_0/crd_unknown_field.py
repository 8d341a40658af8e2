"""crd-unknown-field: a key v4's CRD does not have (misspelled, removed, or of another kind): the API server rejects it under strict field validation and prunes it otherwise.

v4 installs full CRDs, so the API server validates every Argo object against a schema (SPEC
2.4); this reports, at the offending key or value, what it would reject in the object as
converted. Nothing is changed: a person decides.
"""
from __future__ import annotations

from argoconvert.changes import Scope, Submitted
from ..rule import Rule
from ._acceptance import findings

rule = Rule(
    name="crd-unknown-field",
    summary="a key the v4 CRD does not know (rejected by kubectl, pruned by Helm)",
    available_since="4.0",
    removed_in="4.0",
    fixable=False,
    scopes=(Scope.SUBMITTED,),
    keys=(),
    pattern=r"argoproj\.io/|workflowDefaults",  # every Argo object and controller ConfigMap is checked
    key_is_legacy=False,
    settings=("target_version",),
)


@rule
def check(submitted: Submitted, target_version=None):
    return findings(submitted, target_version, "unknown-field")
