"""resubmit-pending-pods: a template's `resubmitPendingPods` is removed; pending pods are always
resubmitted since v2.12 and v4's full CRD rejects the field (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Remove, Scope, expected_data
from argoconvert.migrations import version
from argoconvert.migrations.v2_12 import resubmit_pending_pods
from rulecase import ANY, check, convert, selected

OLD = ("resubmitPendingPods",)


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("template", [
    {"name": "main", "container": {"image": "alpine"}},  # already v4
    {"name": "main", "retryStrategy": {"limit": 3, "resubmitPendingPods": True}},  # not the template's own
    {"name": "main", "podSpecPatch": "resubmitPendingPods: true"},  # text in a string
    {"name": "main", "resubmitPendingPodsX": True, "metadata": {"labels": {"resubmitPendingPods": "true"}}},
])
def test_v4_and_lookalikes_are_left_alone(template):
    assert check(resubmit_pending_pods, template) == []


# -- changes --------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [True, False, None, "true"])
def test_the_field_is_removed_whatever_its_value(value):
    template = {"name": "main", "resubmitPendingPods": value, "container": {"image": "alpine"}}
    [change] = check(resubmit_pending_pods, template)
    assert change == Remove(OLD, ANY) and "always resubmitted since v2.12" in change.message
    assert expected_data(template, [change]) == {"name": "main", "container": {"image": "alpine"}}


def test_a_template_holding_only_the_field_becomes_empty():
    assert expected_data({"resubmitPendingPods": True}, check(resubmit_pending_pods, {"resubmitPendingPods": True})) \
        == {}


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_2_12_on_templates():
    assert not resubmit_pending_pods.rule.applies_at(version("2.11"))
    assert resubmit_pending_pods.rule.applies_at(version("2.12"))
    assert not selected(resubmit_pending_pods, "2.11") and selected(resubmit_pending_pods, "2.12")
    assert selected(resubmit_pending_pods, "3.7") and selected(resubmit_pending_pods, "4.0")
    assert resubmit_pending_pods.rule.scopes == (Scope.TEMPLATE,)


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: pending-
spec:
  entrypoint: main
  templateDefaults:
    resubmitPendingPods: true
  templates:
  - name: main
    resubmitPendingPods: true  # gone
    steps:
    - - name: inline
        inline:
          container: {image: alpine}
          resubmitPendingPods: false
      - name: plain
        template: work
        resubmitPendingPods: true
  - name: work
    # a comment above the field
    resubmitPendingPods: true
    dag:
      tasks:
      - name: t
        inline: {resubmitPendingPods: true, container: {image: alpine}}
"""


def test_end_to_end_every_template_but_not_a_step():
    output, records = convert(resubmit_pending_pods, WORKFLOW)
    assert output == """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: pending-
spec:
  entrypoint: main
  templateDefaults: {}
  templates:
  - name: main
    steps:
    - - name: inline
        inline:
          container: {image: alpine}
      - name: plain
        template: work
        resubmitPendingPods: true
  - name: work
    # a comment above the field
    dag:
      tasks:
      - name: t
        inline: {container: {image: alpine}}
"""
    assert [(r.line, r.column, r.path, r.applied) for r in records] == [
        (8, 5, "spec.templateDefaults.resubmitPendingPods", True),
        (11, 5, "spec.templates[0].resubmitPendingPods", True),
        (16, 11, "spec.templates[0].steps[0][0].inline.resubmitPendingPods", True),
        (22, 5, "spec.templates[1].resubmitPendingPods", True),
        (26, 18, "spec.templates[1].dag.tasks[0].inline.resubmitPendingPods", True)]


def test_end_to_end_cron_workflow_template_and_sensor_resource():
    cron = ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n"
            "  schedules: ['0 1 * * *']\n  workflowSpec:\n    templates:\n    - name: main\n"
            "      resubmitPendingPods: true\n      container: {image: alpine}\n")
    output, [record] = convert(resubmit_pending_pods, cron)
    assert output == cron.replace("      resubmitPendingPods: true\n", "")
    assert record.path == "spec.workflowSpec.templates[0].resubmitPendingPods"
    sensor = ("apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: s\nspec:\n  triggers:\n"
              "  - template:\n      name: t\n      argoWorkflow:\n        source:\n          resource:\n"
              "            apiVersion: argoproj.io/v1alpha1\n            kind: Workflow\n"
              "            metadata: {generateName: s-}\n            spec:\n              templates:\n"
              "              - name: main\n                resubmitPendingPods: true\n"
              "                container: {image: alpine}\n")
    output, [record] = convert(resubmit_pending_pods, sensor)
    assert output == sensor.replace("                resubmitPendingPods: true\n", "")
    assert (record.object, record.line) == ("Workflow/s-", 18)


@pytest.mark.parametrize("text", [
    # workflow spec: not a template field (and not this rule's)
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  resubmitPendingPods: true\n",
    # another API group
    "apiVersion: example.com/v1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  templates:\n"
    "  - name: main\n    resubmitPendingPods: true\n",
    # already v4
    "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: w}\nspec:\n  templates:\n"
    "  - name: main\n    container: {image: alpine}\n",
])
def test_end_to_end_lookalikes_are_left_alone(text):
    assert convert(resubmit_pending_pods, text) == (text, [])
