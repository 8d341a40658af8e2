"""crd-rule: a CEL validation rule of the v4 CRD (x-kubernetes-validations) is false.

v4 installs full CRDs, so the API server validates every Argo object against a schema (SPEC
2.4); this reports, at the offending key or value, what it would reject in the object as
converted. Nothing is changed: a person decides.
"""
from __future__ import annotations

from argoconvert.changes import Submitted
from ..rule import Rule
from ._acceptance import DECLARED, findings

rule = Rule(
    name="crd-rule",
    summary="a validation rule of the v4 CRD is broken",
    **DECLARED,
)


@rule
def check(submitted: Submitted, target_version=None):
    return findings(submitted, target_version, "rule")
