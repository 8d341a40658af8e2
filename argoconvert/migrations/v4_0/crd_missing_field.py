"""crd-missing-field: a field the v4 CRD requires is absent.

v4 installs full CRDs, so the API server validates every Argo object against a schema (SPEC
2.4); this reports, at the offending key or value, what it would reject in the object as
converted. Nothing is changed: a person decides.
"""
from __future__ import annotations

from argoconvert.changes import Submitted
from ..rule import Rule
from ._acceptance import DECLARED, findings

rule = Rule(
    name="crd-missing-field",
    summary="a field the v4 CRD requires is absent",
    **DECLARED,
)


@rule
def check(submitted: Submitted, target_version=None):
    return findings(submitted, target_version, "missing-field")
