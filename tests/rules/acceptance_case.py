"""What the crd-* rule tests share: a valid v4 Workflow, and an object as the API server receives it."""
from __future__ import annotations

from argoconvert.changes import Submitted

WORKFLOW = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "w"},
            "spec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine"}}]}}


def submitted(data, kind="Workflow", partial=False) -> Submitted:
    return Submitted(kind, data, partial)


def with_spec(**fields) -> dict:
    return {**WORKFLOW, "spec": {**WORKFLOW["spec"], **fields}}
