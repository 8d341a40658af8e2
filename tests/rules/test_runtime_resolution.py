"""runtime-resolution: `templateRef.runtimeResolution` (of a step, a DAG task or a hook) is
removed: ignored since v3.0, rejected by v4's full CRD (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Remove, Scope, expected_data
from argoconvert.migrations import version
from argoconvert.migrations.v3_0 import runtime_resolution
from rulecase import ANY, check, convert, selected

OLD = ("runtimeResolution",)


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("template_ref", [
    {"name": "lib", "template": "echo"},  # already v4
    {"name": "lib", "template": "echo", "clusterScope": True},
    {"name": "lib", "template": "echo", "runtimeResolutionX": True},
])
def test_v4_and_lookalikes_are_left_alone(template_ref):
    assert check(runtime_resolution, template_ref) == []


# -- changes --------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [True, False, None])
def test_the_field_is_removed_whatever_its_value(value):
    ref = {"name": "lib", "template": "echo", "runtimeResolution": value}
    [change] = check(runtime_resolution, ref)
    assert change == Remove(OLD, ANY) and "ignored since v3.0" in change.message
    assert expected_data(ref, [change]) == {"name": "lib", "template": "echo"}


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_3_0_on_template_refs():
    assert not runtime_resolution.rule.applies_at(version("2.12")) and runtime_resolution.rule.applies_at(version("3.0"))
    assert not selected(runtime_resolution, "2.12") and selected(runtime_resolution, "3.0")
    assert runtime_resolution.rule.scopes == (Scope.TEMPLATE_REF,)


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: refs-
spec:
  entrypoint: main
  workflowTemplateRef: {name: base, runtimeResolution: true}  # not a templateRef: left
  hooks:
    exit:
      templateRef:
        name: lib
        template: notify
        runtimeResolution: true  # a workflow hook
  templates:
  - name: main
    steps:
    - - name: step
        runtimeResolution: true  # a step's own key: not the rule's
        templateRef:
          runtimeResolution: true
          name: lib
          template: echo
        hooks:
          running: {expression: "true", templateRef: {name: lib, template: t, runtimeResolution: false}}
      - name: inline
        inline:
          dag:
            tasks:
            - name: t
              templateRef: {runtimeResolution: true}
  - name: dag
    dag:
      tasks:
      - name: t
        templateRef:
          name: lib
          template: echo
          runtimeResolution: true
"""


def test_end_to_end_steps_tasks_hooks_and_inline_templates():
    output, records = convert(runtime_resolution, WORKFLOW)
    assert output == """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: refs-
spec:
  entrypoint: main
  workflowTemplateRef: {name: base, runtimeResolution: true}  # not a templateRef: left
  hooks:
    exit:
      templateRef:
        name: lib
        template: notify
  templates:
  - name: main
    steps:
    - - name: step
        runtimeResolution: true  # a step's own key: not the rule's
        templateRef:
          name: lib
          template: echo
        hooks:
          running: {expression: "true", templateRef: {name: lib, template: t}}
      - name: inline
        inline:
          dag:
            tasks:
            - name: t
              templateRef: {}
  - name: dag
    dag:
      tasks:
      - name: t
        templateRef:
          name: lib
          template: echo
"""
    assert sorted((r.line, r.path) for r in records) == [
        (13, "spec.hooks.exit.templateRef.runtimeResolution"),
        (20, "spec.templates[0].steps[0][0].templateRef.runtimeResolution"),
        (24, "spec.templates[0].steps[0][0].hooks.running.templateRef.runtimeResolution"),
        (30, "spec.templates[0].steps[0][1].inline.dag.tasks[0].templateRef.runtimeResolution"),
        (38, "spec.templates[1].dag.tasks[0].templateRef.runtimeResolution")]
    assert all(r.applied for r in records)


def test_end_to_end_cron_workflow_and_controller_defaults():
    cron = ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n"
            "  schedules: ['0 1 * * *']\n  workflowSpec:\n    templates:\n    - name: main\n      steps:\n"
            "      - - name: s\n          templateRef: {name: lib, template: t, runtimeResolution: true}\n")
    output, [record] = convert(runtime_resolution, cron)
    assert output == cron.replace(", runtimeResolution: true}", "}")
    assert record.path == "spec.workflowSpec.templates[0].steps[0][0].templateRef.runtimeResolution"
    config = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: workflow-controller-configmap\ndata:\n"
              "  workflowDefaults: |\n    spec:\n      hooks:\n        exit:\n          templateRef:\n"
              "            runtimeResolution: true\n            name: lib\n            template: t\n")
    output, [record] = convert(runtime_resolution, config)
    assert output == config.replace("            runtimeResolution: true\n", "")
    assert (record.line, record.applied) == (11, True)


@pytest.mark.parametrize("text", [
    WORKFLOW.replace("argoproj.io/v1alpha1", "example.com/v1"),
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  templates:\n"
    "  - name: main\n    steps:\n    - - name: s\n        templateRef: {name: lib, template: t}\n",
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec: {}\n"
    "status:\n  storedTemplates:\n    x: {steps: [[{templateRef: {runtimeResolution: true}}]]}\n",
])
def test_end_to_end_lookalikes_and_v4_are_left_alone(text):
    assert convert(runtime_resolution, text) == (text, [])
