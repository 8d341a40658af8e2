"""crd-unknown-field: a key v4's CRD does not have (misspelled, removed, or of another kind): the
API server rejects it under strict field validation and prunes it otherwise.

v4 installs full CRDs, so the API server validates every Argo object against a schema (SPEC
2.4); this reports, at the offending key or value, what it would reject in the object as
converted. Nothing is changed: a person decides.
"""
from __future__ import annotations

from argoconvert.changes import Submitted
from ..rule import Rule
from ._acceptance import DECLARED, findings

rule = Rule(
    name="crd-unknown-field",
    summary="a key the v4 CRD does not know (rejected by kubectl, pruned by Helm)",
    **DECLARED,
)


@rule
def check(submitted: Submitted, target_version=None):
    return findings(submitted, target_version, "unknown-field")
