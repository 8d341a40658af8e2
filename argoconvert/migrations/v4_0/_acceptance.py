"""What the four crd-* rules share: the v4 acceptance check of one submitted object against
the target version's CRD schema (argoconvert.schema), made once for the four of them."""
from __future__ import annotations

from argoconvert.changes import Finding, Scope, Submitted
from argoconvert.schema import Scope as SchemaScope
from argoconvert.schema import schema_for, shipped_versions

# What the four rules declare alike: they judge every Argo object as the API server receives it.
DECLARED = dict(available_since="4.0", removed_in="4.0", fixable=False, scopes=(Scope.SUBMITTED,), keys=(),
                pattern=r"argoproj\.io/|workflowDefaults", key_is_legacy=False, settings=("target_version",))

_last: tuple = (None, None, None)  # (the object's data, the target version, its violations)


def violations(submitted: Submitted, target_version: str | None):
    global _last
    data, version, found = _last
    if data is not submitted.data or version != target_version:
        schemas = schema_for(target_version or shipped_versions()[-1])
        scope = SchemaScope.TYPES if submitted.partial else SchemaScope.FULL
        found = schemas.check(submitted.kind, submitted.data, scope) if schemas is not None else []
        _last = (submitted.data, target_version, found)
    return found


def findings(submitted: Submitted, target_version: str | None, kind: str):
    """The violations of one kind (unknown-field, invalid-value, missing-field, rule) as findings
    at the field they name."""
    for violation in violations(submitted, target_version):
        if violation.kind == kind:
            missing = (violation.field,) if violation.field and kind == "missing-field" else ()
            yield Finding(violation.path + missing, violation.message)
