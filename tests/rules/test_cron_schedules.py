"""cron-schedules: a CronWorkflow's `spec.schedule: S` becomes `spec.schedules: [S]` (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, Insert, Remove, ToList
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import cron_schedules
from rulecase import ANY, check, convert, selected

TO_LIST = ToList(("schedule",), "{path} -> {new}", new_key="schedules", value="0 2 * * *")


def schedules(value) -> ToList:
    """The schedule becomes a one-item list of `value`, which replaces its text (trimmed, prefix moved)."""
    return ToList(("schedule",), ANY, new_key="schedules", value=value, replace_value=True)


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", [
    {"schedules": ["0 2 * * *"], "timezone": "UTC"},  # already v4
    {"schedules": ["0 2 * * 1,3", "*/5 * * * *"]},
    {"timezone": "CRON_TZ=UTC", "workflowSpec": {"entrypoint": "main"}},  # no schedule at all
    {"schedules": [], "scheduleX": "0 2 * * *"},  # a look-alike key
])
def test_v4_and_lookalike_specs_are_left_alone(spec):
    assert check(cron_schedules, spec) == []


# -- changes --------------------------------------------------------------------------------
def test_schedule_becomes_a_one_item_list():
    assert check(cron_schedules, {"schedule": "0 2 * * *"}) == [TO_LIST]


def test_commas_are_never_split():
    assert check(cron_schedules, {"schedule": "0 2 * * 1,3,5"}) == [
        ToList(("schedule",), ANY, new_key="schedules", value="0 2 * * 1,3,5")]


def test_the_value_is_trimmed():
    assert check(cron_schedules, {"schedule": "  0 2 * * *  "}) == [schedules("0 2 * * *")]


@pytest.mark.parametrize("value", [None, ""])
def test_an_empty_schedule_is_removed(value):
    assert check(cron_schedules, {"schedule": value}) == [Remove(("schedule",), ANY)]


@pytest.mark.parametrize("variable", ["CRON_TZ", "TZ"])
def test_a_prefix_moves_to_timezone(variable):
    outcomes = check(cron_schedules, {"schedule": f"{variable}=Europe/Paris  30 1 * * *"})
    assert outcomes == [Insert(("timezone",), ANY, value="Europe/Paris", beside="schedule"),
                        schedules("30 1 * * *")]
    assert "'Europe/Paris'" in outcomes[0].message


def test_a_prefix_replaces_an_empty_timezone():
    assert check(cron_schedules, {"schedule": "CRON_TZ=UTC 0 2 * * *", "timezone": ""}) == [
        Remove(("timezone",), ANY), Insert(("timezone",), ANY, value="UTC", beside="schedule"),
        schedules("0 2 * * *")]


def test_a_prefix_naming_the_same_timezone_is_dropped():
    [outcome] = check(cron_schedules, {"schedule": "CRON_TZ=America/New_York 30 23 * * *",
                                       "timezone": "America/New_York"})
    assert outcome == schedules("30 23 * * *")
    assert "CRON_TZ= prefix dropped" in outcome.message


def test_the_singular_wins_over_the_plural_and_the_loss_is_named():
    outcomes = check(cron_schedules, {"schedule": "0 2 * * *", "schedules": ["0 3 * * *", "0 4 * * *"]})
    assert outcomes == [Remove(("schedules",), ANY), TO_LIST]
    assert "['0 3 * * *', '0 4 * * *'] dropped" in outcomes[0].message


# -- findings ---------------------------------------------------------------------------------
def test_a_prefix_naming_another_timezone_is_left_to_a_person():
    outcomes = check(cron_schedules, {"schedule": "CRON_TZ=UTC 0 2 * * *", "timezone": "Asia/Tokyo"})
    assert outcomes == [Finding(("schedule",), ANY),  # the prefix stays in the item
                        ToList(("schedule",), ANY, new_key="schedules", value="CRON_TZ=UTC 0 2 * * *")]
    assert "(UTC)" in outcomes[0].message and "'Asia/Tokyo'" in outcomes[0].message


@pytest.mark.parametrize("value", [["0 2 * * *"], {"cron": "0 2 * * *"}])
def test_a_list_or_mapping_is_not_a_cron_expression(value):
    [finding] = check(cron_schedules, {"schedule": value})
    assert finding == Finding(("schedule",), ANY) and "not a cron expression" in finding.message


def test_a_prefix_left_in_the_plural_list_is_reported():
    [finding] = check(cron_schedules, {"schedules": ["0 1 * * *", "TZ=UTC 0 2 * * *"], "timezone": "Asia/Tokyo"})
    assert finding == Finding(("schedules", 1), ANY) and "(UTC)" in finding.message


# -- versions ---------------------------------------------------------------------------------
def test_applies_from_3_6_where_schedules_exists():
    assert not cron_schedules.rule.applies_at(version("3.5"))
    assert cron_schedules.rule.applies_at(version("3.6"))
    assert not selected(cron_schedules, "3.5") and selected(cron_schedules, "4.0")


# -- through the pipeline ---------------------------------------------------------------------
CRON = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: nightly\nspec:\n{spec}"


def test_end_to_end_rename_and_wrap():
    output, [record] = convert(cron_schedules, CRON.format(spec='  schedule: "0 2 * * *"  # nightly\n'))
    assert output == CRON.format(spec='  schedules:\n    - "0 2 * * *"  # nightly\n')
    assert (record.rule, record.line, record.column, record.path, record.applied) == \
        ("cron-schedules", 6, 3, "spec.schedule", True)


def test_end_to_end_prefix_to_timezone():
    output, records = convert(cron_schedules, CRON.format(spec="  schedule: CRON_TZ=UTC 0 2 * * *\n"))
    assert output == CRON.format(spec="  timezone: UTC\n  schedules:\n    - 0 2 * * *\n")
    assert {(r.path, r.line, r.applied) for r in records} == {("spec.schedule", 6, True), ("spec.timezone", 6, True)}


def test_end_to_end_a_kubernetes_cronjob_is_not_touched():
    text = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: '* * * * *'\n"
    assert convert(cron_schedules, text) == (text, [])
