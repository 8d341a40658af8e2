"""strip-server-fields (opt-in, `--strip-server-fields`): what the API server set on an exported
object (`status`, `metadata.managedFields`, `uid`, ..., kubectl's last-applied annotation) is removed."""
from __future__ import annotations

import pytest

from argoconvert.changes import Remove, Scope
from argoconvert.migrations import LATEST
from argoconvert.migrations.export import strip_server_fields
from rulecase import ANY, check, convert, selected

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("obj", [
    {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "w", "labels": {"uid": "1"}},
     "spec": {"entrypoint": "main", "status": "not the object's"}},  # look-alikes below the top
    {"kind": "ConfigMap", "metadata": {"annotations": {"example.com/last-applied": "x"}}, "data": {"uid": "1"}},
    {"kind": "Workflow", "metadata": None},
])
def test_an_object_without_server_fields_is_left_alone(obj):
    assert check(strip_server_fields, obj) == []


# -- changes --------------------------------------------------------------------------------
def test_status_and_server_metadata_are_removed():
    metadata = {"name": "w", "uid": "u", "resourceVersion": "1", "generation": 2, "creationTimestamp": "t",
                "selfLink": "/x", "managedFields": [{"manager": "kubectl"}], "labels": {"app": "a"}}
    outcomes = check(strip_server_fields, {"kind": "Workflow", "metadata": metadata, "status": {"phase": "Running"}})
    assert outcomes == [Remove(("status",), ANY)] + [
        Remove(("metadata", field), ANY)
        for field in ("managedFields", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink")]
    assert "set by the controller" in outcomes[0].message


def test_the_last_applied_annotation_is_removed():
    annotations = {LAST_APPLIED: "{}", "team": "data"}
    assert check(strip_server_fields, {"metadata": {"annotations": annotations}}) == [
        Remove(("metadata", "annotations", LAST_APPLIED), ANY)]


def test_annotations_holding_only_last_applied_go_with_it():
    [outcome] = check(strip_server_fields, {"metadata": {"name": "w", "annotations": {LAST_APPLIED: "{}"}}})
    assert outcome == Remove(("metadata", "annotations"), ANY) and "only kubectl apply's" in outcome.message


# -- selection --------------------------------------------------------------------------------
def test_applied_only_when_asked_for():
    assert strip_server_fields.rule.opt_in and strip_server_fields.rule.scopes == (Scope.OBJECT,)
    assert not selected(strip_server_fields, LATEST)
    assert selected(strip_server_fields, LATEST, opt_in=("strip-server-fields",))
    assert selected(strip_server_fields, "3.5", opt_in=("strip-server-fields",))  # not tied to an Argo version


# -- through the pipeline ---------------------------------------------------------------------
EXPORT = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"kind": "Workflow"}
  name: done
  uid: 0f6e
spec:
  entrypoint: main
status:
  phase: Succeeded
"""


def test_end_to_end_an_export_is_stripped():
    output, records = convert(strip_server_fields, EXPORT)
    assert output == ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: done\n"
                      "spec:\n  entrypoint: main\n")
    assert [(r.line, r.path) for r in records] == [(4, "metadata.annotations"), (8, "metadata.uid"), (11, "status")]
