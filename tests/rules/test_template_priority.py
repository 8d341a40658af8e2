"""template-priority: a template's integer `priority` is ignored since v3.7; it is reported,
or with `--priority-class N=NAME` replaced by `priorityClassName: NAME`. The workflow spec's
own `priority` is still valid (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, Remove, Rename, Scope
from argoconvert.migrations import version
from argoconvert.migrations.v3_7 import template_priority
from rulecase import ANY, check, convert, selected

OLD = ("priority",)
CLASSES = {5: "batch", 100: "high"}


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("template", [
    {"name": "main", "priorityClassName": "high"},  # already v4
    {"name": "main", "podPriority": 3},  # pod-priority's key, not a template's
    {"name": "main", "script": {"source": "priority: 5\n"}},  # text in a script
])
def test_v4_and_lookalikes_are_left_alone(template):
    assert check(template_priority, template) == check(template_priority, template, priority_classes=CLASSES) == []


# -- findings ---------------------------------------------------------------------------------
def test_an_integer_is_reported_with_the_option_that_maps_it():
    [finding] = check(template_priority, {"name": "main", "priority": 5})
    assert finding == Finding(OLD, ANY)
    assert "priorityClassName" in finding.message and "--priority-class 5=NAME" in finding.message


def test_a_quoted_number_is_reported_not_mapped():
    [finding] = check(template_priority, {"priority": "5"}, priority_classes=CLASSES)
    assert finding == Finding(OLD, ANY) and "--priority-class" not in finding.message


def test_a_class_already_set_is_not_enough():
    assert check(template_priority, {"priority": 5, "priorityClassName": "batch"}) == [Finding(OLD, ANY)]


# -- --priority-class -------------------------------------------------------------------------
def test_a_mapped_number_becomes_the_class_name():
    assert check(template_priority, {"name": "main", "priority": 5}, priority_classes=CLASSES) == [
        Rename(OLD, ANY, new_key="priorityClassName", value="batch")]


def test_a_mapped_number_next_to_a_class():
    assert check(template_priority, {"priority": 100, "priorityClassName": "high"}, priority_classes=CLASSES) == [
        Remove(OLD, ANY)]
    assert check(template_priority, {"priority": 100, "priorityClassName": "low"}, priority_classes=CLASSES) == [
        Finding(OLD, ANY)]


# -- versions and places ----------------------------------------------------------------------
def test_reported_from_3_7_on_templates_only():
    assert not template_priority.rule.applies_at(version("3.6"))
    assert template_priority.rule.applies_at(version("3.7"))
    assert not selected(template_priority, "3.6") and selected(template_priority, "4.0")
    assert template_priority.rule.scopes == (Scope.TEMPLATE,)


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: prio
spec:
  priority: 3
  templateDefaults:
    priority: 100
  templates:
  - name: main
    priority: 5
    dag:
      tasks:
      - name: inline
        inline:
          priority: 7
          container: {image: alpine}
"""


def test_end_to_end_templates_are_reported_the_spec_is_not():
    output, records = convert(template_priority, WORKFLOW)
    assert output == WORKFLOW
    assert [(r.line, r.path, r.applied) for r in records] == [
        (8, "spec.templateDefaults.priority", False), (11, "spec.templates[0].priority", False),
        (16, "spec.templates[0].dag.tasks[0].inline.priority", False)]


def test_end_to_end_with_priority_class():
    output, records = convert(template_priority, WORKFLOW, priority_classes=CLASSES)
    assert output == WORKFLOW.replace("    priority: 100", "    priorityClassName: high").replace(
        "    priority: 5", "    priorityClassName: batch")
    assert [(r.line, r.applied) for r in records] == [(8, True), (11, True), (16, False)]
