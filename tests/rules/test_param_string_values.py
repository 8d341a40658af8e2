"""param-string-values: a parameter's `value`, `default`, `enum[]` item or `valueFrom.default`
that is not a string becomes the string the v3 controller made of it (SPEC 2.2, "param-string-values
in detail"): plain scalars resolved as goyaml.v2 does (YAML 1.1), numbers printed as Go's shortest
float64, booleans as true/false."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, Scope, SetValue
from argoconvert.migrations import Settings, version
from argoconvert.migrations.v4_0 import param_string_values
from rulecase import ANY, check, convert, selected

VALUE = ("value",)


def run(parameter: dict, texts: dict | None = None, style: str = "") -> list:
    """The check shown the parameter's data (as goyaml.v2 reads it) and the file's text: `texts`
    maps a path to the scalar's text there, as written; other paths: not known. (`style`, the
    scalar's quoting, is what the data already tells: a quoted scalar is a string.)"""
    texts = texts or {}
    return list(param_string_values.rule.run(parameter, Settings(), texts.get))


def plain(text: str, data) -> list:
    """The outcomes for one parameter whose value is the plain scalar `text`, which goyaml.v2 reads as `data`."""
    return run({"name": "p", "value": data}, {VALUE: text})


# -- the SPEC table, row by row ---------------------------------------------------------------
@pytest.mark.parametrize("text, data, string", [
    ("3", 3, "3"), ("-7", -7, "-7"),  # quote the text
    ("1.5", 1.5, "1.5"),
    ("true", True, "true"), ("false", False, "false"),
])
def test_a_number_or_boolean_is_quoted_as_written(text, data, string):
    [change] = plain(text, data)
    assert change == SetValue(VALUE, ANY, value=string)
    assert change.message == f"{{path}}: {text} -> {string!r}" and "v3 read" not in change.message


@pytest.mark.parametrize("text, data, string", [
    ("1_000", 1000, "1000"),
    (".5", 0.5, "0.5"),
    ("1.0", 1.0, "1"), ("1.10", 1.1, "1.1"), ("1e3", 1000.0, "1000"), ("0755", 493, "493"), ("0x1F", 31, "31"),
    ("yes", True, "true"), ("y", True, "true"), ("on", True, "true"), ("off", False, "false"), ("N", False, "false"),
    ("-0.0", -0.0, "-0"),  # Go prints -0
])
def test_the_v3_string_differs_from_the_text_and_the_message_says_so(text, data, string):
    [change] = plain(text, data)
    assert change == SetValue(VALUE, ANY, value=string)
    assert change.message.endswith(f"(v3 read {text} as {string})")


@pytest.mark.parametrize("text, data", [
    ("1:30", "1:30"), ("2024-01-01", "2024-01-01"), ("abc", "abc"),  # goyaml.v2 reads these as strings
    ("null", None), ("~", None), ("", None),  # the API server drops nulls
    ("1e400", "1e400"),  # out of float64's range: goyaml.v2 keeps it a string
])
def test_what_goyaml_reads_as_a_string_or_null_is_left_alone(text, data):
    assert plain(text, data) == []


@pytest.mark.parametrize("value", [["a", "b"], {"a": 1}, []])
def test_a_list_or_mapping_is_left_to_a_person(value):
    [finding] = run({"name": "p", "value": value})  # not a scalar: the text does not say, the data does
    assert finding == Finding(VALUE, ANY) and "v3 read it as an empty string" in finding.message


@pytest.mark.parametrize("text", ["9007199254740993", "-9007199254740993", "18446744073709551615"])
def test_an_integer_above_2_53_is_left_to_a_person(text):
    [finding] = plain(text, int(text))
    assert finding == Finding(VALUE, ANY)
    assert f"{text} is not a string" in finding.message and "rounded it to a float64" in finding.message


def test_2_53_itself_is_exact():
    assert plain("9007199254740992", 2 ** 53) == [SetValue(VALUE, ANY, value="9007199254740992")]


@pytest.mark.parametrize("style", ['"', "'", "|", ">"])
def test_a_quoted_or_block_number_is_a_string_already(style):
    assert run({"name": "p", "value": "3"}, {VALUE: "3"}, style=style) == []


# -- goyaml.v2's reading, beyond the table ----------------------------------------------------
@pytest.mark.parametrize("text, data, string", [
    ("+3", 3, "3"), ("0o17", 15, "15"), ("0b101", 5, "5"), ("-0x10", -16, "-16"),
    ("08", 8.0, "8"),  # not octal: goyaml.v2 falls back to a float
    ("1e-7", 1e-7, "0.0000001"), ("1e22", 1e22, "10000000000000000000000"), ("3.", 3.0, "3"),
    ("-.5", -0.5, "-0.5"), ("TRUE", True, "true"), ("No", False, "false"), ("0", 0, "0"), ("-0", 0, "0"),
])
def test_other_numbers_and_booleans(text, data, string):
    assert plain(text, data) == [SetValue(VALUE, ANY, value=string)]


@pytest.mark.parametrize("text", ["1.2.3", "0x", "1_000abc", "n/a", "Y2K", "0755abc", "+", "-", "."])
def test_other_strings(text):
    assert plain(text, text) == []


@pytest.mark.parametrize("data, string", [(3, "3"), (1.0, "1"), (True, "true"), (False, "false"), (-0.0, "-0"),
                                           (0.1, "0.1"), (1e21, "1000000000000000000000")])
def test_without_the_text_the_data_decides(data, string):
    assert check(param_string_values, {"name": "p", "value": data}) == [SetValue(VALUE, ANY, value=string)]


@pytest.mark.parametrize("data", ["3", None, "yes", 2 ** 53 + 1])
def test_without_the_text_a_string_null_or_big_integer_is_no_fix(data):
    assert [type(o) for o in check(param_string_values, {"name": "p", "value": data})] == (
        [Finding] if isinstance(data, int) else [])


# -- the fields of a parameter ----------------------------------------------------------------
def test_value_default_enum_items_and_value_from_default():
    parameter = {"name": "p", "value": 3, "default": True, "enum": [1.0, "two", 31],
                 "valueFrom": {"default": 0, "path": "/tmp/x"}}
    texts = {("value",): "3", ("default",): "true", ("enum", 0): "1.0", ("enum", 1): "two", ("enum", 2): "0x1F",
             ("valueFrom", "default"): "0", ("valueFrom", "path"): "/tmp/x"}
    assert run(parameter, texts) == [
        SetValue(("value",), ANY, value="3"), SetValue(("default",), ANY, value="true"),
        SetValue(("enum", 0), ANY, value="1"), SetValue(("enum", 2), ANY, value="31"),
        SetValue(("valueFrom", "default"), ANY, value="0")]


@pytest.mark.parametrize("parameter", [
    {"name": "p", "value": "3", "default": "yes", "enum": ["1", "2"], "valueFrom": {"default": "0"}},  # already v4
    {"name": "p", "description": 3, "globalName": 5},  # other fields are not the rule's
    {"name": 3},
    {"name": "p", "valueFrom": {"path": 3, "jsonPath": True, "supplied": {}}},  # only valueFrom.default
    {"name": "p", "enum": "3"},  # not a list
    {"name": "p", "valueFrom": 3},
    {"name": "p", "values": 3, "defaults": True},  # look-alike keys
])
def test_v4_and_lookalikes_are_left_alone(parameter):
    assert check(param_string_values, parameter) == []


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_4_0_where_the_crds_say_string():
    assert not param_string_values.rule.applies_at(version("3.7"))
    assert param_string_values.rule.applies_at(version("4.0"))
    assert not selected(param_string_values, "3.7") and selected(param_string_values, "4.0")
    assert param_string_values.rule.scopes == (Scope.PARAMETER,) and param_string_values.rule.reads_text


# -- through the pipeline ---------------------------------------------------------------------
TEMPLATE = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: table
spec:
  templates:
  - name: main
    inputs:
      parameters:
{parameters}    container:
      image: alpine
"""

ROWS = [  # (as written, as written afterwards)
    ("3", '"3"'), ("1_000", '"1000"'), ("-7", '"-7"'), ("1.5", '"1.5"'), (".5", '"0.5"'), ("1.0", '"1"'),
    ("1.10", '"1.1"'), ("1e3", '"1000"'), ("0755", '"493"'), ("0x1F", '"31"'), ("true", '"true"'),
    ("yes", '"true"'), ("y", '"true"'), ("on", '"true"'), ("off", '"false"'), ("N", '"false"'),
    ("1:30", "1:30"), ("2024-01-01", "2024-01-01"), ("abc", "abc"), ("null", "null"), ("~", "~"), ("", ""),
    ("[1, 2]", "[1, 2]"), ("{a: 1}", "{a: 1}"), ("9007199254740993", "9007199254740993"),
    ("1e400", "1e400"), ("-0.0", '"-0"'), ('"3"', '"3"'), ("'4'", "'4'"),
]


def _parameters(values) -> str:
    return "".join(f"      - name: p{i}\n        value:{' ' if v else ''}{v}\n" for i, v in enumerate(values))


def test_end_to_end_the_table():
    text = TEMPLATE.format(parameters=_parameters(before for before, _ in ROWS))
    output, records = convert(param_string_values, text)
    assert output == TEMPLATE.format(parameters=_parameters(after for _, after in ROWS))
    changed = [i for i, (before, after) in enumerate(ROWS) if before != after]
    assert [(r.path, r.applied) for r in records if r.fixable] == [
        (f"spec.templates[0].inputs.parameters[{i}].value", True) for i in changed]
    assert [r.path for r in records if not r.fixable] == [
        f"spec.templates[0].inputs.parameters[{i}].value" for i in (22, 23, 24)]
    assert records[0].line == 11 and records[0].column == 9
    messages = {r.path.split(".")[3]: r.message for r in records}
    assert messages["parameters[8]"].endswith("0755 -> '493' (v3 read 0755 as 493)")
    assert "v3 read" not in messages["parameters[0]"]


def test_end_to_end_default_enum_and_value_from_default():
    text = TEMPLATE.format(parameters=(
        "      - name: size\n        default: 1.0  # one\n        enum: [1.0, 2, three, \"4\"]\n"
        "      - name: out\n        valueFrom:\n          default: no\n          path: /tmp/out\n"))
    output, records = convert(param_string_values, text)
    assert output == text.replace("default: 1.0  # one", 'default: "1"  # one').replace(
        '[1.0, 2, three, "4"]', '["1", "2", three, "4"]').replace("default: no", 'default: "false"')
    assert [r.path.rsplit(".", 1)[-1] for r in records] == ["default", "enum[0]", "enum[1]", "default"]


WORKFLOW = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: places-
spec:
  entrypoint: main
  arguments:
    parameters: [{name: a, value: 1}]
  hooks:
    exit:
      template: notify
      arguments: {parameters: [{name: b, value: yes}]}
  templateDefaults:
    inputs: {parameters: [{name: c, default: 3}]}
  templates:
  - name: main
    steps:
    - - name: s
        template: t
        arguments: {parameters: [{name: d, value: 4}]}
      - name: inline
        inline:
          inputs: {parameters: [{name: e, value: 5}]}
          container: {image: alpine}
  - name: dag
    dag:
      tasks:
      - name: t
        template: t
        arguments: {parameters: [{name: f, value: 6}]}
        hooks:
          running: {expression: "true", template: t, arguments: {parameters: [{name: g, value: 7}]}}
    outputs: {parameters: [{name: h, valueFrom: {default: 8, path: /x}}]}
  - name: t
    metadata: {labels: {value: "1"}}
    parameters: [{name: i, value: 9}]  # not under arguments, inputs or outputs
    container: {image: alpine, args: ["{{inputs.parameters.x}}"]}
status:
  nodes: {n: {inputs: {parameters: [{name: j, value: 10}]}}}
"""


def test_end_to_end_every_place_below_the_workflow_spec():
    output, records = convert(param_string_values, WORKFLOW)
    assert [r.path for r in records] == [
        "spec.arguments.parameters[0].value",
        "spec.hooks.exit.arguments.parameters[0].value",
        "spec.templateDefaults.inputs.parameters[0].default",
        "spec.templates[0].steps[0][0].arguments.parameters[0].value",
        "spec.templates[0].steps[0][1].inline.inputs.parameters[0].value",
        "spec.templates[1].dag.tasks[0].arguments.parameters[0].value",
        "spec.templates[1].dag.tasks[0].hooks.running.arguments.parameters[0].value",
        "spec.templates[1].outputs.parameters[0].valueFrom.default",
    ]
    assert output == WORKFLOW.replace("{name: a, value: 1}", '{name: a, value: "1"}').replace(
        "value: yes}", 'value: "true"}').replace("default: 3}", 'default: "3"}').replace(
        "value: 4}", 'value: "4"}').replace("value: 5}", 'value: "5"}').replace("value: 6}", 'value: "6"}').replace(
        "value: 7}", 'value: "7"}').replace("default: 8,", 'default: "8",')
    assert "value: 9}" in output and "value: 10}" in output  # not parameters v3 read; status is the controller's


def test_end_to_end_json_numbers_become_json_strings():
    text = ('{"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "j"},\n'
            ' "spec": {"arguments": {"parameters": [{"name": "a", "value": 3}, {"name": "b", "value": true},\n'
            '   {"name": "c", "value": 1.0, "enum": [1.0, "x"]}, {"name": "d", "value": "4"}]}}}\n')
    output, records = convert(param_string_values, text, name="w.json")
    assert output == text.replace('"value": 3}', '"value": "3"}').replace('"value": true}', '"value": "true"}') \
        .replace('"value": 1.0,', '"value": "1",').replace('[1.0, "x"]', '["1", "x"]')
    assert len(records) == 4 and all(r.applied for r in records)


def test_end_to_end_a_single_quoted_file_gets_single_quotes():
    text = TEMPLATE.format(parameters="      - name: 'a'\n        value: 3\n      - name: 'b'\n        value: 'x'\n")
    output, _ = convert(param_string_values, text)
    assert output == text.replace("value: 3", "value: '3'")


def test_end_to_end_cron_workflow_and_controller_defaults():
    cron = ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n"
            "  schedules: ['0 1 * * *']\n  timezone: 'UTC'\n  workflowSpec:\n    arguments:\n      parameters:\n"
            "      - name: n\n        value: 0x10\n")
    output, [record] = convert(param_string_values, cron)
    assert output == cron.replace("value: 0x10", "value: '16'")  # the file's mapping values are single-quoted
    assert record.path == "spec.workflowSpec.arguments.parameters[0].value" and record.line == 12
    config = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: workflow-controller-configmap\ndata:\n"
              "  workflowDefaults: |\n    spec:\n      arguments:\n        parameters:\n"
              "        - name: env\n          value: 1.10\n      parallelism: 2\n")
    output, [record] = convert(param_string_values, config)
    assert output == config.replace("value: 1.10", 'value: "1.1"')
    assert record.line == 11 and record.applied


def test_end_to_end_anchors_tags_and_merge_keys_are_reported_not_edited():
    text = TEMPLATE.format(parameters=(
        "      - name: a\n        value: !!int \"7\"\n      - name: b\n        value: &n 9\n"
        "      - name: c\n        value: *n\n      - name: d\n        value: !!str 8\n"))
    output, records = convert(param_string_values, text)
    assert output == text
    assert [(r.path.rsplit(".", 2)[-2], r.fixable, r.applied) for r in records] == [
        ("parameters[0]", True, False), ("parameters[1]", True, False), ("parameters[2]", True, False)]
    assert all("not fixed" in r.message for r in records)


def test_end_to_end_already_v4_is_left_alone():
    text = TEMPLATE.format(parameters=(
        "      - name: a\n        value: \"3\"\n        enum: [\"3\", \"yes\"]\n"
        "      - name: b\n        default: '0755'\n        valueFrom: {default: \"true\"}\n"
        "      - name: c\n        value: |\n          3\n"))
    assert convert(param_string_values, text) == (text, [])


# -- the prescan and merged values ------------------------------------------------------------
@pytest.mark.parametrize("value", ["[1, 2]", "{a: 1}", "&n 3"])
def test_end_to_end_a_file_whose_only_non_string_is_a_flow_collection_or_anchored(value):
    text = TEMPLATE.format(parameters=f"      - name: a\n        value: {value}\n")
    output, records = convert(param_string_values, text)
    assert output == text and [r.path for r in records] == ["spec.templates[0].inputs.parameters[0].value"]


def test_end_to_end_a_merged_boolean_is_quoted_as_yaml_writes_it():
    text = TEMPLATE.format(parameters="      - &base\n        name: a\n        value: true\n"
                                      "      - <<: *base\n        name: b\n")
    _, records = convert(param_string_values, text)
    assert len(records) == 2 and "True" not in records[1].message and "v3 read" not in records[1].message
