"""crd-invalid-value: a value of the wrong type, pattern, enum or bounds, at the value."""
from __future__ import annotations

from acceptance_case import WORKFLOW, submitted, with_spec
from argoconvert.changes import Finding
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import crd_invalid_value
from rulecase import ANY, check, selected

def test_a_valid_v4_object_is_accepted():
    assert check(crd_invalid_value, submitted(WORKFLOW)) == []


def test_below_v4_nothing_is_checked():
    assert not crd_invalid_value.rule.applies_at(version("3.7")) and not selected(crd_invalid_value, "3.7")
    assert selected(crd_invalid_value, "4.0")


def test_a_string_where_an_integer_is_wanted():
    assert check(crd_invalid_value, submitted(with_spec(parallelism="3"))) == [Finding(("spec", "parallelism"), ANY)]


def test_a_number_as_a_parameter_value():
    found = check(crd_invalid_value, submitted(with_spec(arguments={"parameters": [{"name": "n", "value": 3}]})))
    assert found == [Finding(("spec", "arguments", "parameters", 0, "value"), ANY)]


def test_a_cron_pattern_and_the_version_that_rejects_it():
    cron = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "metadata": {"name": "c"},
            "spec": {"schedules": ["0 9 * * MON-FRI"], "workflowSpec": WORKFLOW["spec"]}}
    assert check(crd_invalid_value, submitted(cron, "CronWorkflow"), target_version="4.0") == []
    assert check(crd_invalid_value, submitted(cron, "CronWorkflow"), target_version="4.0.3") == [
        Finding(("spec", "schedules", 0), ANY)]
    six = {**cron, "spec": {**cron["spec"], "schedules": ["0 0 9 * * *"]}}
    assert check(crd_invalid_value, submitted(six, "CronWorkflow")) == [Finding(("spec", "schedules", 0), ANY)]
