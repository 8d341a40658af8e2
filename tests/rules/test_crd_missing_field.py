"""crd-missing-field: a field v4's CRD requires is absent; never for partial objects."""
from __future__ import annotations

from acceptance_case import WORKFLOW, submitted
from argoconvert.changes import Finding
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import crd_missing_field
from rulecase import ANY, check, convert, selected

def test_a_valid_v4_object_is_accepted():
    assert check(crd_missing_field, submitted(WORKFLOW)) == []


def test_below_v4_nothing_is_checked():
    assert not crd_missing_field.rule.applies_at(version("3.7")) and not selected(crd_missing_field, "3.7")
    assert selected(crd_missing_field, "4.0")


def test_a_cron_workflow_without_its_workflow_spec():
    cron = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "metadata": {"name": "c"},
            "spec": {"schedules": ["0 3 * * *"]}}
    assert check(crd_missing_field, submitted(cron, "CronWorkflow")) == [Finding(("spec", "workflowSpec"), ANY)]


def test_a_partial_object_lacks_nothing():
    assert check(crd_missing_field, submitted({"spec": {"parallelism": 2}}, partial=True)) == []


def test_end_to_end_at_the_mapping_that_lacks_it():
    text = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: c}\nspec:\n  schedules: [\"0 3 * * *\"]\n"
    _, records = convert(crd_missing_field, text)
    assert [(r.line, r.path) for r in records] == [(4, "spec.workflowSpec")]
