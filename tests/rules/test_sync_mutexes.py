"""sync-mutexes: `synchronization.mutex: M` becomes `synchronization.mutexes: [M]`, on the
workflow spec and on every template (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, MoveToList, Remove, Scope, ToList, expected_data
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import sync_mutexes
from rulecase import ANY, check, convert, selected

MUTEX = ("synchronization", "mutex")
MUTEXES = ("synchronization", "mutexes")


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    {"synchronization": {"mutexes": [{"name": "a"}]}},  # already v4
    {"synchronization": {"semaphore": {"configMapKeyRef": {"name": "s", "key": "k"}}}},  # the other rule's
    {"synchronization": "mutex"},  # not a mapping
    {"mutex": {"name": "a"}},  # not under synchronization
    {"name": "main", "container": {"image": "alpine"}},
])
def test_v4_and_lookalikes_are_left_alone(data):
    assert check(sync_mutexes, data) == []


# -- changes --------------------------------------------------------------------------------
def test_mutex_becomes_a_one_item_list_with_its_sub_fields():
    data = {"synchronization": {"mutex": {"name": "lock", "namespace": "ops", "database": True}}}
    outcomes = check(sync_mutexes, data)
    assert outcomes == [ToList(MUTEX, "{path} -> {new}", new_key="mutexes")]
    assert expected_data(data, outcomes) == {
        "synchronization": {"mutexes": [{"name": "lock", "namespace": "ops", "database": True}]}}


@pytest.mark.parametrize("sync", [{"mutex": None}, {"mutex": None, "mutexes": [{"name": "a"}]}])
def test_an_empty_mutex_is_removed(sync):
    assert check(sync_mutexes, {"synchronization": sync}) == [Remove(MUTEX, ANY)]


def test_an_empty_mutexes_is_replaced():
    assert check(sync_mutexes, {"synchronization": {"mutexes": None, "mutex": {"name": "a"}}}) == [
        Remove(MUTEXES, ANY), ToList(MUTEX, ANY, new_key="mutexes")]


@pytest.mark.parametrize("existing", [[], [{"name": "a"}], [{"name": "b", "namespace": "x"}]])
def test_mutex_is_appended_to_an_existing_list(existing):
    data = {"synchronization": {"mutexes": existing, "mutex": {"name": "b"}}}  # same name, other namespace: kept
    outcomes = check(sync_mutexes, data)
    assert outcomes == [MoveToList(MUTEX, ANY, into=MUTEXES)]
    assert expected_data(data, outcomes) == {"synchronization": {"mutexes": existing + [{"name": "b"}]}}


def test_a_mutex_already_in_the_list_is_just_removed():
    [outcome] = check(sync_mutexes, {"synchronization": {"mutexes": [{"name": "a"}], "mutex": {"name": "a"}}})
    assert outcome == Remove(MUTEX, ANY) and "already in synchronization.mutexes" in outcome.message


# -- findings ---------------------------------------------------------------------------------
def test_a_plural_that_is_not_a_list_is_left_to_a_person():
    [finding] = check(sync_mutexes, {"synchronization": {"mutexes": {"name": "a"}, "mutex": {"name": "b"}}})
    assert finding == Finding(MUTEX, ANY) and "by hand" in finding.message


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_3_6_on_specs_and_templates():
    assert not sync_mutexes.rule.applies_at(version("3.5")) and sync_mutexes.rule.applies_at(version("3.6"))
    assert not selected(sync_mutexes, "3.5") and selected(sync_mutexes, "4.0")
    assert set(sync_mutexes.rule.scopes) == {Scope.WORKFLOW_SPEC, Scope.TEMPLATE}


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: locked
spec:
  synchronization:
    mutex: {name: wf}
  templates:
  - name: main
    synchronization:
      mutex:
        name: step  # a comment
status:
  synchronization:
    mutex: {holding: []}
"""


def test_end_to_end_spec_and_template_but_not_status():
    output, records = convert(sync_mutexes, WORKFLOW)
    assert output == WORKFLOW.replace("    mutex: {name: wf}", "    mutexes: [{name: wf}]").replace(
        "      mutex:\n        name: step", "      mutexes:\n      - name: step")
    assert [(r.line, r.column, r.path, r.applied) for r in records] == [
        (7, 5, "spec.synchronization.mutex", True), (11, 7, "spec.templates[0].synchronization.mutex", True)]


def test_end_to_end_other_api_groups_are_not_touched():
    text = WORKFLOW.replace("argoproj.io/v1alpha1", "example.com/v1")
    assert convert(sync_mutexes, text) == (text, [])
