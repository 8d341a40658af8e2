"""pod-priority: the workflow spec's integer `podPriority` is ignored since v3.7; it is
reported, or with `--priority-class N=NAME` replaced by `podPriorityClassName: NAME` (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, Remove, Rename, Scope
from argoconvert.migrations import version
from argoconvert.migrations.v3_7 import pod_priority
from rulecase import ANY, check, convert, selected

OLD = ("podPriority",)
HIGH = {100: "high"}


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", [
    {"podPriorityClassName": "high"},  # already v4
    {"priority": 3, "entrypoint": "main"},  # the workflow spec's priority orders workflows: still valid
    {"templates": [{"name": "main", "priority": 5}]},  # template-priority's, not this rule's
])
def test_v4_and_lookalikes_are_left_alone(spec):
    assert check(pod_priority, spec) == check(pod_priority, spec, priority_classes=HIGH) == []


# -- findings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [10, 0, -5])
def test_an_integer_is_reported_with_the_option_that_maps_it(value):
    [finding] = check(pod_priority, {"podPriority": value})
    assert finding == Finding(OLD, ANY)
    assert "podPriorityClassName" in finding.message and f"--priority-class {value}=NAME" in finding.message


@pytest.mark.parametrize("value", ["10", True])
def test_what_is_not_an_integer_is_reported_without_the_option(value):
    [finding] = check(pod_priority, {"podPriority": value}, priority_classes={10: "high", 1: "low"})
    assert finding == Finding(OLD, ANY) and "--priority-class" not in finding.message


def test_a_class_already_set_is_not_enough():
    assert check(pod_priority, {"podPriority": 10, "podPriorityClassName": "high"}) == [Finding(OLD, ANY)]


# -- --priority-class -------------------------------------------------------------------------
def test_a_mapped_number_becomes_the_class_name():
    [change] = check(pod_priority, {"podPriority": 100}, priority_classes=HIGH)
    assert change == Rename(OLD, ANY, new_key="podPriorityClassName", value="high")
    assert "(--priority-class)" in change.message


def test_a_mapped_number_next_to_the_same_class_is_removed():
    assert check(pod_priority, {"podPriority": 100, "podPriorityClassName": "high"}, priority_classes=HIGH) == [
        Remove(OLD, ANY)]


def test_a_mapped_number_next_to_another_class_is_left_to_a_person():
    [finding] = check(pod_priority, {"podPriority": 100, "podPriorityClassName": "low"}, priority_classes=HIGH)
    assert finding == Finding(OLD, ANY) and "'low'" in finding.message and "'high'" in finding.message


def test_an_unmapped_number_is_still_reported():
    assert check(pod_priority, {"podPriority": 50}, priority_classes=HIGH) == [Finding(OLD, ANY)]


# -- versions and places ----------------------------------------------------------------------
def test_reported_from_3_7_where_the_field_stopped_being_read():
    assert not pod_priority.rule.applies_at(version("3.6")) and pod_priority.rule.applies_at(version("3.7"))
    assert not selected(pod_priority, "3.5") and not selected(pod_priority, "3.6") and selected(pod_priority, "4.0")
    assert pod_priority.rule.scopes == (Scope.WORKFLOW_SPEC,)


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: prio
spec:
  entrypoint: main
  podPriority: 100  # urgent
"""


def test_end_to_end_reported_never_dropped():
    output, [record] = convert(pod_priority, WORKFLOW)
    assert output == WORKFLOW
    assert (record.rule, record.line, record.column, record.path, record.fixable, record.applied) == \
        ("pod-priority", 7, 3, "spec.podPriority", False, False)


def test_end_to_end_with_priority_class():
    output, [record] = convert(pod_priority, WORKFLOW, priority_classes=HIGH)
    assert output == WORKFLOW.replace("podPriority: 100", "podPriorityClassName: high")
    assert (record.line, record.fixable, record.applied) == (7, True, True)
