"""sync-semaphores: `synchronization.semaphore: S` becomes `synchronization.semaphores: [S]`,
on the workflow spec and on every template (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, MoveToList, Remove, Scope, ToList, expected_data
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import sync_semaphores
from rulecase import ANY, check, convert, selected

SEMAPHORE = ("synchronization", "semaphore")
SEMAPHORES = ("synchronization", "semaphores")
REF = {"configMapKeyRef": {"name": "limits", "key": "workflow", "optional": False}}
DATABASE = {"database": {"key": "workflow"}, "namespace": "ops"}


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    {"synchronization": {"semaphores": [REF, DATABASE]}},  # already v4
    {"synchronization": {"mutex": {"name": "m"}}},  # the other rule's
    {"synchronization": None},
    {"semaphore": REF},  # not under synchronization
])
def test_v4_and_lookalikes_are_left_alone(data):
    assert check(sync_semaphores, data) == []


# -- changes --------------------------------------------------------------------------------
@pytest.mark.parametrize("value", [REF, DATABASE])
def test_semaphore_becomes_a_one_item_list_with_its_sub_fields(value):
    data = {"synchronization": {"semaphore": value, "mutexes": [{"name": "m"}]}}
    outcomes = check(sync_semaphores, data)
    assert outcomes == [ToList(SEMAPHORE, "{path} -> {new}", new_key="semaphores")]
    assert expected_data(data, outcomes) == {"synchronization": {"semaphores": [value], "mutexes": [{"name": "m"}]}}


def test_an_empty_semaphore_is_removed():
    [outcome] = check(sync_semaphores, {"synchronization": {"semaphore": None}})
    assert outcome == Remove(SEMAPHORE, ANY) and "empty" in outcome.message


def test_semaphore_is_appended_to_an_existing_list():
    data = {"synchronization": {"semaphore": DATABASE, "semaphores": [REF]}}
    outcomes = check(sync_semaphores, data)
    assert outcomes == [MoveToList(SEMAPHORE, ANY, into=SEMAPHORES)]
    assert expected_data(data, outcomes) == {"synchronization": {"semaphores": [REF, DATABASE]}}


def test_an_identical_item_with_keys_in_another_order_is_just_removed():
    reordered = {"configMapKeyRef": {"optional": False, "key": "workflow", "name": "limits"}}
    assert check(sync_semaphores, {"synchronization": {"semaphores": [reordered], "semaphore": REF}}) == [
        Remove(SEMAPHORE, ANY)]


# -- findings ---------------------------------------------------------------------------------
def test_a_plural_that_is_not_a_list_is_left_to_a_person():
    [finding] = check(sync_semaphores, {"synchronization": {"semaphore": REF, "semaphores": "limits"}})
    assert finding == Finding(SEMAPHORE, ANY) and "synchronization.semaphores is not a list" in finding.message


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_3_6_on_specs_and_templates():
    assert not sync_semaphores.rule.applies_at(version("3.5")) and sync_semaphores.rule.applies_at(version("3.6"))
    assert not selected(sync_semaphores, "3.5") and selected(sync_semaphores, "4.0")
    assert set(sync_semaphores.rule.scopes) == {Scope.WORKFLOW_SPEC, Scope.TEMPLATE}


# -- through the pipeline ---------------------------------------------------------------------
TEMPLATE = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: limited
spec:
  templateDefaults:
    synchronization:
      semaphore:
        configMapKeyRef:
          name: limits
          key: default
  templates:
    - name: main
      steps:
        - - name: inline
            inline:
              synchronization:
                semaphore: {configMapKeyRef: {name: limits, key: inline}}
              container: {image: alpine}
"""


def test_end_to_end_template_defaults_and_inline_templates():
    output, records = convert(sync_semaphores, TEMPLATE)
    assert output == TEMPLATE.replace("      semaphore:\n        configMapKeyRef:\n          name: limits\n"
                                      "          key: default\n",
                                      "      semaphores:\n        - configMapKeyRef:\n            name: limits\n"
                                      "            key: default\n").replace(
        "semaphore: {configMapKeyRef: {name: limits, key: inline}}",
        "semaphores: [{configMapKeyRef: {name: limits, key: inline}}]")
    assert [(r.rule, r.line, r.applied) for r in records] == [("sync-semaphores", 8, True),
                                                              ("sync-semaphores", 18, True)]


def test_end_to_end_already_v4_is_silent():
    v4 = TEMPLATE.replace("semaphore: {configMapKeyRef: {name: limits, key: inline}}",
                          "semaphores: [{configMapKeyRef: {name: limits, key: inline}}]").replace(
        "      semaphore:\n        configMapKeyRef:", "      semaphores:\n      - configMapKeyRef:")
    assert convert(sync_semaphores, v4) == (v4, [])
