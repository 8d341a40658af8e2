"""v4 acceptance: an Argo object's data checked as the Kubernetes API server checks it against
the full CRD of Argo Workflows v4 (structural schema, strict field validation, CEL rules).

    from argoconvert.schema import Scope, schema_for
    schemas = schema_for("4.1")            # None below 4.0
    for v in schemas.check("Workflow", data, Scope.FULL):
        print(v.kind, v.path, v.message, v.suggestion)

The schemas ship in `data/crd-schemas.json.gz` (regenerate: `python -m argoconvert.schema.build
../shared/data/crd-schemas`). Not checked: `metadata` (the server validates it as ObjectMeta;
here it must only be an object), `status`, anything below `x-kubernetes-preserve-unknown-fields`
(steps' and tasks' `inline` templates, `withItems` items), transition rules (`oldSelf`).
"""
from .schemas import KINDS, Schemas, Scope, Violation, check, choose_version, notes, schema_for, shipped_versions

__all__ = ["KINDS", "Schemas", "Scope", "Violation", "check", "choose_version", "notes", "schema_for",
           "shipped_versions"]
