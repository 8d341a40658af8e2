"""ttl-seconds-after-finished: the workflow spec's `ttlSecondsAfterFinished` is removed (ignored
since v3.0, so removing it keeps what runs today); with `--unsafe-fixes` an integer moves to
`ttlStrategy.secondsAfterCompletion` instead, which turns deletion back on (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Remove, Rename, Scope, expected_data
from argoconvert.migrations import version
from argoconvert.migrations.v3_0 import ttl_seconds_after_finished
from rulecase import ANY, check, convert, selected

OLD = ("ttlSecondsAfterFinished",)
MOVED = "ttlStrategy.secondsAfterCompletion"


def moved(seconds: int) -> Rename:
    return Rename(OLD, ANY, new_key="ttlStrategy", value={"secondsAfterCompletion": seconds})


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("spec", [
    {"entrypoint": "main", "ttlStrategy": {"secondsAfterCompletion": 300}},  # already v4
    {"ttlStrategy": {"secondsAfterFinished": 300}},
    {"templates": [{"name": "main", "ttlSecondsAfterFinished": 5}]},  # not the workflow spec's
    {"ttlSecondsAfterFinishedX": 5, "podGC": {"strategy": "OnPodCompletion"}},
])
def test_v4_and_lookalikes_are_left_alone(spec):
    assert check(ttl_seconds_after_finished, spec) == check(ttl_seconds_after_finished, spec, unsafe_fixes=True) == []


# -- changes --------------------------------------------------------------------------------
@pytest.mark.parametrize("seconds", [300, 0])
def test_removed_and_the_message_names_the_unsafe_alternative(seconds):
    spec = {"entrypoint": "main", "ttlSecondsAfterFinished": seconds}
    [change] = check(ttl_seconds_after_finished, spec)
    assert change == Remove(OLD, ANY)
    assert "ignored since v3.0" in change.message and "nothing that runs changes" in change.message
    assert f"--unsafe-fixes moves it to {MOVED} instead" in change.message and f"after {seconds} s" in change.message
    assert expected_data(spec, [change]) == {"entrypoint": "main"}


@pytest.mark.parametrize("seconds", ["300", True, None, 1.5, [300]])
def test_what_is_not_an_integer_is_removed_without_an_alternative(seconds):
    for unsafe in (False, True):
        [change] = check(ttl_seconds_after_finished, {"ttlSecondsAfterFinished": seconds}, unsafe_fixes=unsafe)
        assert change == Remove(OLD, ANY) and "--unsafe-fixes" not in change.message


def test_a_spec_holding_only_the_field_becomes_empty():
    spec = {"ttlSecondsAfterFinished": 60}
    assert expected_data(spec, check(ttl_seconds_after_finished, spec)) == {}


# -- settings: --unsafe-fixes -----------------------------------------------------------------
@pytest.mark.parametrize("seconds", [300, 0, 86400])
def test_unsafe_fixes_move_the_number_to_the_ttl_strategy(seconds):
    spec = {"entrypoint": "main", "ttlSecondsAfterFinished": seconds, "podGC": {"strategy": "OnWorkflowSuccess"}}
    [change] = check(ttl_seconds_after_finished, spec, unsafe_fixes=True)
    assert change == moved(seconds)
    assert "unsafe fix" in change.message and f"deleted after {seconds} s again" in change.message
    assert expected_data(spec, [change]) == {"entrypoint": "main", "ttlStrategy": {"secondsAfterCompletion": seconds},
                                             "podGC": {"strategy": "OnWorkflowSuccess"}}


def test_unsafe_fixes_never_overwrite_a_completion_ttl():
    spec = {"ttlStrategy": {"secondsAfterCompletion": 10}, "ttlSecondsAfterFinished": 60}
    [change] = check(ttl_seconds_after_finished, spec, unsafe_fixes=True)
    assert change == Remove(OLD, ANY) and "--unsafe-fixes" not in change.message
    assert expected_data(spec, [change]) == {"ttlStrategy": {"secondsAfterCompletion": 10}}


def test_unsafe_fixes_fill_an_unset_completion_ttl_in_an_existing_strategy():
    spec = {"ttlStrategy": {"secondsAfterFailure": 10}, "ttlSecondsAfterFinished": 60}
    outcomes = check(ttl_seconds_after_finished, spec, unsafe_fixes=True)
    assert expected_data(spec, outcomes) == {"ttlStrategy": {"secondsAfterFailure": 10, "secondsAfterCompletion": 60}}


def test_the_rule_takes_the_setting():
    assert ttl_seconds_after_finished.rule.settings == ("unsafe_fixes",)


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_3_0_on_workflow_specs():
    assert not ttl_seconds_after_finished.rule.applies_at(version("2.12"))
    assert ttl_seconds_after_finished.rule.applies_at(version("3.0"))
    assert not selected(ttl_seconds_after_finished, "2.12") and selected(ttl_seconds_after_finished, "3.0")
    assert ttl_seconds_after_finished.rule.scopes == (Scope.WORKFLOW_SPEC,)


# -- through the pipeline ---------------------------------------------------------------------
WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: ttl-
spec:
  entrypoint: main
  ttlSecondsAfterFinished: 300  # keep for five minutes
  templates:
  - name: main
    container: {image: alpine}
"""


def test_end_to_end_removed():
    output, [record] = convert(ttl_seconds_after_finished, WORKFLOW)
    assert output == WORKFLOW.replace("  ttlSecondsAfterFinished: 300  # keep for five minutes\n", "")
    assert (record.rule, record.line, record.column, record.path, record.applied) == \
        ("ttl-seconds-after-finished", 7, 3, "spec.ttlSecondsAfterFinished", True)
    assert "--unsafe-fixes" in record.message


def test_end_to_end_unsafe_fixes_move_it():
    output, [record] = convert(ttl_seconds_after_finished, WORKFLOW, unsafe_fixes=True)
    assert output == WORKFLOW.replace("ttlSecondsAfterFinished: 300", "ttlStrategy: {secondsAfterCompletion: 300}")
    assert (record.line, record.new_path, record.applied) == (7, "spec.ttlStrategy", True)
    assert record.message.startswith("spec.ttlSecondsAfterFinished: 300 -> ttlStrategy.secondsAfterCompletion")


def test_end_to_end_json_unsafe_fixes():
    text = ('{\n    "apiVersion": "argoproj.io/v1alpha1",\n    "kind": "Workflow",\n    "metadata": {"name": "j"},\n'
            '    "spec": {\n        "ttlSecondsAfterFinished": 60,\n        "entrypoint": "main"\n    }\n}\n')
    output, _ = convert(ttl_seconds_after_finished, text, name="w.json", unsafe_fixes=True)
    assert output == text.replace('"ttlSecondsAfterFinished": 60', '"ttlStrategy": {"secondsAfterCompletion": 60}')
    output, _ = convert(ttl_seconds_after_finished, text, name="w.json")
    assert output == text.replace('        "ttlSecondsAfterFinished": 60,\n', "")


def test_end_to_end_cron_workflow_flow_spec_and_emptied_spec():
    cron = ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n"
            "  schedules: ['0 1 * * *']\n  workflowSpec:\n    ttlSecondsAfterFinished: 10\n")
    output, [record] = convert(ttl_seconds_after_finished, cron)
    assert output == cron.replace("  workflowSpec:\n    ttlSecondsAfterFinished: 10\n", "  workflowSpec: {}\n")
    assert record.path == "spec.workflowSpec.ttlSecondsAfterFinished"
    flow = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: f}\nspec: {entrypoint: m, ttlSecondsAfterFinished: 5}\n"
    assert convert(ttl_seconds_after_finished, flow)[0] == flow.replace(", ttlSecondsAfterFinished: 5", "")
    assert convert(ttl_seconds_after_finished, flow, unsafe_fixes=True)[0] == flow.replace(
        "ttlSecondsAfterFinished: 5", "ttlStrategy: {secondsAfterCompletion: 5}")


def test_end_to_end_controller_defaults():
    config = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: workflow-controller-configmap\ndata:\n"
              "  workflowDefaults: |\n    spec:\n      ttlSecondsAfterFinished: 600\n      parallelism: 3\n")
    output, [record] = convert(ttl_seconds_after_finished, config)
    assert output == config.replace("      ttlSecondsAfterFinished: 600\n", "")
    assert (record.line, record.path, record.applied) == (8, "spec.ttlSecondsAfterFinished", True)


@pytest.mark.xfail(strict=True, reason="engine: removing the last line of a manifest held in a `|` string "
                                       "leaves a line of the block's indentation (trailing whitespace)")
def test_end_to_end_controller_defaults_last_line_removed():
    config = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: workflow-controller-configmap\ndata:\n"
              "  workflowDefaults: |\n    spec:\n      parallelism: 3\n      ttlSecondsAfterFinished: 600\n")
    output, _ = convert(ttl_seconds_after_finished, config)
    assert output == config.replace("      ttlSecondsAfterFinished: 600\n", "")


@pytest.mark.parametrize("text", [
    # a Kubernetes Job has its own ttlSecondsAfterFinished
    "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  ttlSecondsAfterFinished: 100\n"
    "  template: {spec: {containers: [{name: c, image: alpine}], restartPolicy: Never}}\n",
    WORKFLOW.replace("argoproj.io/v1alpha1", "example.com/v1"),
    WORKFLOW.replace("ttlSecondsAfterFinished: 300", "ttlStrategy: {secondsAfterCompletion: 300}"),
    # a resource template's manifest is a string
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  templates:\n  - name: r\n"
    "    resource:\n      action: create\n      manifest: |\n        apiVersion: batch/v1\n        kind: Job\n"
    "        spec:\n          ttlSecondsAfterFinished: 100\n",
])
def test_end_to_end_lookalikes_are_left_alone(text):
    assert convert(ttl_seconds_after_finished, text) == (text, [])
    assert convert(ttl_seconds_after_finished, text, unsafe_fixes=True) == (text, [])
