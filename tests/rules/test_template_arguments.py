"""template-arguments: the `arguments` of a template (in `templates[]`, `templateDefaults`,
inline templates) are removed: a template takes `inputs`, and were never read. The `arguments`
of a step, a DAG task, a hook and the workflow are what callers pass: never touched (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Remove, Scope, expected_data
from argoconvert.migrations import LATEST, Settings, select_rules, version
from argoconvert.migrations.v3_0 import template_arguments
from argoconvert.migrations.v4_0 import param_string_values
from rulecase import ANY, check, convert, selected

OLD = ("arguments",)


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("template", [
    {"name": "main", "inputs": {"parameters": [{"name": "a"}]}, "container": {"image": "alpine"}},  # v4
    {"name": "main", "steps": [[{"name": "s", "template": "t", "arguments": {"parameters": []}}]]},  # a step's
    {"name": "main", "dag": {"tasks": [{"name": "t", "template": "t", "arguments": {}}]}},  # a task's
    {"name": "main", "argumentsX": {}, "metadata": {"annotations": {"arguments": "x"}}},
])
def test_v4_and_lookalikes_are_left_alone(template):
    assert check(template_arguments, template) == []


# -- changes --------------------------------------------------------------------------------
@pytest.mark.parametrize("arguments", [
    {"parameters": [{"name": "a", "value": "1"}]},
    {"artifacts": [{"name": "x", "path": "/x"}]},
    {}, None, [],
])
def test_a_templates_own_arguments_are_removed(arguments):
    template = {"name": "main", "arguments": arguments, "container": {"image": "alpine"}}
    [change] = check(template_arguments, template)
    assert change == Remove(OLD, ANY) and "never read" in change.message and "inputs" in change.message
    assert expected_data(template, [change]) == {"name": "main", "container": {"image": "alpine"}}


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_3_0_on_templates_only():
    assert not template_arguments.rule.applies_at(version("2.12"))
    assert template_arguments.rule.applies_at(version("3.0"))
    assert not selected(template_arguments, "2.12") and selected(template_arguments, "3.0")
    assert template_arguments.rule.scopes == (Scope.TEMPLATE,)
    assert not template_arguments.rule.key_is_legacy  # `arguments` alone is not legacy syntax


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: args-
spec:
  entrypoint: main
  arguments:  # the workflow's: kept
    parameters:
    - name: n
      value: 3
  hooks:
    exit:
      template: main
      arguments: {parameters: [{name: h, value: 1}]}  # a hook's: kept
  templateDefaults:
    arguments:
      parameters: [{name: unused, value: 1}]
  templates:
  - name: main
    arguments:  # the template's own: removed
      parameters:
      - name: x
        value: yes
    inputs:
      parameters:
      - name: n
    steps:
    - - name: call
        template: work
        arguments:  # a step's: kept
          parameters:
          - name: n
            value: 4
      - name: inline
        inline:
          arguments: {parameters: [{name: y, value: 2}]}
          container: {image: alpine}
  - name: work
    dag:
      tasks:
      - name: t
        template: main
        arguments: {parameters: [{name: n, value: 5}]}  # a task's: kept
        hooks:
          exit: {template: main, arguments: {parameters: [{name: e, value: 6}]}}
      - name: nested
        inline:
          steps:
          - - name: deeper
              inline:
                arguments: {}
                container: {image: alpine}
"""

EXPECTED = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: args-
spec:
  entrypoint: main
  arguments:  # the workflow's: kept
    parameters:
    - name: n
      value: 3
  hooks:
    exit:
      template: main
      arguments: {parameters: [{name: h, value: 1}]}  # a hook's: kept
  templateDefaults: {}
  templates:
  - name: main
    inputs:
      parameters:
      - name: n
    steps:
    - - name: call
        template: work
        arguments:  # a step's: kept
          parameters:
          - name: n
            value: 4
      - name: inline
        inline:
          container: {image: alpine}
  - name: work
    dag:
      tasks:
      - name: t
        template: main
        arguments: {parameters: [{name: n, value: 5}]}  # a task's: kept
        hooks:
          exit: {template: main, arguments: {parameters: [{name: e, value: 6}]}}
      - name: nested
        inline:
          steps:
          - - name: deeper
              inline:
                container: {image: alpine}
"""


def test_end_to_end_templates_only_not_steps_tasks_hooks_or_the_workflow():
    output, records = convert(template_arguments, WORKFLOW)
    assert output == EXPECTED
    assert [(r.line, r.column, r.path, r.applied) for r in records] == [
        (16, 5, "spec.templateDefaults.arguments", True),
        (20, 5, "spec.templates[0].arguments", True),
        (36, 11, "spec.templates[0].steps[0][1].inline.arguments", True),
        (51, 17, "spec.templates[1].dag.tasks[1].inline.steps[0][0].inline.arguments", True)]


def _convert_with(modules, text: str):
    from argoconvert.pipeline import Converter
    from argoconvert.source import Source

    names = [module.rule.name for module in modules]
    result = Converter(select_rules(names, None, LATEST), settings=Settings()).convert(
        Source.from_bytes("x.yaml", text.encode()))
    assert result.error is None, result.error
    return result.output.decode(), result.records


def test_end_to_end_parameters_inside_removed_arguments_are_not_reported():
    output, records = _convert_with([template_arguments, param_string_values], WORKFLOW)
    assert output == EXPECTED.replace("value: 3\n", 'value: "3"\n').replace("value: 4\n", 'value: "4"\n').replace(
        "value: 1}", 'value: "1"}').replace("value: 5}", 'value: "5"}').replace("value: 6}", 'value: "6"}')
    assert [(r.rule, r.path) for r in records if r.rule == "param-string-values"] == [
        ("param-string-values", "spec.arguments.parameters[0].value"),
        ("param-string-values", "spec.hooks.exit.arguments.parameters[0].value"),
        ("param-string-values", "spec.templates[0].steps[0][0].arguments.parameters[0].value"),
        ("param-string-values", "spec.templates[1].dag.tasks[0].arguments.parameters[0].value"),
        ("param-string-values", "spec.templates[1].dag.tasks[0].hooks.exit.arguments.parameters[0].value")]


def test_end_to_end_workflow_template_in_json():
    text = ('{\n  "apiVersion": "argoproj.io/v1alpha1",\n  "kind": "WorkflowTemplate",\n  "metadata": {"name": "j"},\n'
            '  "spec": {\n    "templates": [\n      {\n        "name": "main",\n'
            '        "arguments": {"parameters": [{"name": "a", "value": "1"}]},\n'
            '        "container": {"image": "alpine"}\n      }\n    ]\n  }\n}\n')
    output, [record] = convert(template_arguments, text, name="t.json")
    assert output == text.replace('        "arguments": {"parameters": [{"name": "a", "value": "1"}]},\n', "")
    assert (record.line, record.column, record.path) == (9, 9, "spec.templates[0].arguments")


@pytest.mark.parametrize("text", [
    WORKFLOW.replace("argoproj.io/v1alpha1", "example.com/v1"),  # another API group
    EXPECTED,  # already converted: the arguments left are the callers'
    "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b}\nspec:\n"
    "  submit:\n    workflowTemplateRef: {name: t}\n    arguments:\n      parameters: [{name: a, value: x}]\n",
])
def test_end_to_end_lookalikes_are_left_alone(text):
    assert convert(template_arguments, text) == (text, [])
