"""argoconvert.schema: an Argo object's data checked as the v4 API server checks it (structural
schema, strict field validation, CEL rules), per shipped version and scope."""
from __future__ import annotations

import copy
import gzip
import json

import pytest
import yaml

from argoconvert.schema import Scope, Violation, check, choose_version, notes, schema_for, shipped_versions
from argoconvert.schema import build, celrules, hints, patterns
from conftest import GOLDEN, ROOT

SHARED_SCHEMAS = ROOT.parent / "shared" / "data" / "crd-schemas"
ARGO_KINDS = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"}


class _Loader(yaml.SafeLoader):
    """YAML 1.1 as kubectl reads it into JSON: timestamps stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(text: str):
    return yaml.load(text, Loader=_Loader)


def argo_objects(path):
    text = path.read_text(encoding="utf-8")
    documents = [json.loads(text)] if path.suffix == ".json" else list(yaml.load_all(text, Loader=_Loader))
    for document in documents:
        if not isinstance(document, dict):
            continue
        items = document.get("items") if document.get("kind") == "List" else [document]
        for item in items or []:
            if isinstance(item, dict) and item.get("kind") in ARGO_KINDS:
                yield item


def rules(violations):
    return [(v.kind, v.path) for v in violations]


V41 = schema_for("4.1")

WORKFLOW = load("""
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: all-features-
  labels: {team: data}
  annotations: {note: "anything goes here: metadata is not this schema's"}
spec:
  entrypoint: main
  serviceAccountName: argo-workflow
  parallelism: 3
  activeDeadlineSeconds: 3600
  arguments:
    parameters:
    - name: message
      value: "1000"
    - name: flag
      value: "true"
      enum: ["true", "false"]
  podGC: {strategy: OnPodSuccess}
  ttlStrategy: {secondsAfterCompletion: 600}
  synchronization:
    mutexes:
    - name: one-at-a-time
  hooks:
    exit:
      template: notify
  metrics:
    prometheus:
    - name: duration_seconds
      help: how long
      labels: [{key: team, value: data}]
      gauge: {realtime: true, value: "{{workflow.duration}}"}
  volumeClaimTemplates:
  - metadata: {name: work}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
  templates:
  - name: main
    dag:
      tasks:
      - name: build
        template: compile
        arguments: {parameters: [{name: target, value: app}]}
      - name: test
        template: pytest
        depends: build.Succeeded
        arguments:
          artifacts:
          - name: binary
            from: "{{tasks.build.outputs.artifacts.binary}}"
      - name: loop
        template: echo
        depends: test
        withItems: [1, two, {three: 3}]
      - name: inline-step
        depends: test
        inline:
          container: {image: alpine, anyField: is not checked here}
  - name: compile
    inputs:
      parameters: [{name: target}]
    outputs:
      artifacts:
      - name: binary
        path: /out/bin
        s3: {key: "bin/{{workflow.name}}", bucket: b, endpoint: "s3.example.com"}
        archive: {none: {}}
    retryStrategy: {limit: "3", retryPolicy: OnFailure, backoff: {duration: 10s, factor: 2}}
    memoize:
      key: "{{inputs.parameters.target}}"
      maxAge: 1h
      cache: {configMap: {name: build-cache}}
    container:
      image: golang:1.22
      command: [go, build]
      env:
      - {name: CGO_ENABLED, value: "0"}
      - name: TOKEN
        valueFrom: {secretKeyRef: {name: s, key: token}}
      ports:
      - {containerPort: 8080}
      - {containerPort: 8080, protocol: UDP}
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {cpu: 2, memory: 1Gi}
      volumeMounts: [{name: work, mountPath: /work}]
  - name: pytest
    inputs:
      artifacts:
      - name: binary
        path: /bin/app
      - name: repo
        path: /src
        git: {repo: "https://github.com/example/repo.git", revision: main}
      - name: data
        path: /data
        gcs: {bucket: b, key: k}
      - name: blob
        path: /blob
        azure: {container: c, blob: b, endpoint: "https://x.blob.core.windows.net"}
      - name: page
        path: /page
        http: {url: "https://example.com"}
    script:
      image: python:3.12
      command: [python]
      source: |
        print("hello")
  - name: echo
    steps:
    - - name: say
        template: notify
        arguments: {parameters: [{name: text, value: "{{item}}"}]}
      - name: inline
        inline:
          script: {image: alpine, source: echo, notAField: 1}
  - name: notify
    inputs: {parameters: [{name: text, default: done}]}
    http:
      url: https://hooks.example.com
      method: POST
      body: "{{inputs.parameters.text}}"
  - name: apply
    resource:
      action: apply
      manifest: |
        apiVersion: v1
        kind: ConfigMap
  - name: wait
    suspend: {duration: "10m"}
    timeout: 1h
  - name: plugin
    plugin:
      slack: {channel: x, anything: [1, 2]}
  - name: set
    containerSet:
      containers:
      - {name: a, image: alpine}
      - {name: b, image: alpine, dependencies: [a]}
  - name: data
    data:
      source: {artifactPaths: {name: in, s3: {key: k}}}
      transformation: [{expression: "filter(data, {# > 0})"}]
status:
  phase: Succeeded
  anything: {goes: here}
""")

CRON = load("""
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: weekdays}
spec:
  schedules: ["0 9 * * MON-FRI", "@hourly", "@every 1h30m", "*/15 0-5 1,15 * ?"]
  timezone: Europe/Paris
  concurrencyPolicy: Replace
  startingDeadlineSeconds: 0
  successfulJobsHistoryLimit: 3
  stopStrategy: {expression: "cronworkflow.failed >= 3"}
  workflowMetadata: {labels: {a: b}}
  workflowSpec:
    entrypoint: main
    templates:
    - name: main
      container: {image: alpine}
""")

TEMPLATE = {"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate", "metadata": {"name": "t"},
            "spec": {"entrypoint": "main", "templates": [{"name": "main", "container": {"image": "alpine"}}]}}


def workflow(**spec):
    data = copy.deepcopy(TEMPLATE)
    data["kind"] = "Workflow"
    data["spec"].update(spec)
    return data


def template(**fields):
    return workflow(templates=[{"name": "main", **fields}])


# --- valid objects ---------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["4.0.0", "4.0.10", "4.1.2"])
def test_valid_objects_of_every_kind_pass(version):
    schemas = schema_for(version)
    assert schemas.check("Workflow", WORKFLOW) == []
    cluster = dict(copy.deepcopy(WORKFLOW), kind="ClusterWorkflowTemplate")
    del cluster["status"]
    for kind in ("WorkflowTemplate", "ClusterWorkflowTemplate"):
        assert schemas.check(kind, dict(cluster, kind=kind)) == []
    cron = copy.deepcopy(CRON)
    if version == "4.0.0":  # its pattern has no letters: named days were rejected up to 4.0.5
        cron["spec"]["schedules"][0] = "0 9 * * 1-5"
    assert schemas.check("CronWorkflow", cron) == []


def test_golden_v4_accepted_inputs_pass():
    """golden/v4-accepted: correct v4 manifests of every kind and template type."""
    paths = sorted((GOLDEN / "v4-accepted").glob("*.in.*"))
    seen = 0
    for path in paths:
        for item in argo_objects(path):
            seen += 1
            assert V41.check(item["kind"], item) == [], path.name
            older = check(item["kind"], item, target_version="4.0.3")
            if "named-days" in path.name:  # 4.0.0 to 4.0.5 rejected named days
                assert {v.path[:2] for v in older} == {("spec", "schedules")}
            else:
                assert older == [], path.name
    assert seen >= len(paths)


def test_golden_v4_inputs_pass():
    seen = 0
    for path in sorted((GOLDEN / "v4").glob("*.in.*")) + [GOLDEN / "kinds" / "list-all-v4.in.yaml"]:
        for item in argo_objects(path):
            seen += 1
            found = V41.check(item["kind"], item)
            if path.name == "tz-prefix-left-in-schedules.in.yaml":  # a manual finding of cron-schedules
                assert rules(found) == [("invalid-value", ("spec", "schedules", 0))]
                assert "CRON_TZ=Asia/Tokyo" in found[0].message
            else:
                assert found == [], (path.name, found)
    assert seen >= 9


# --- each rule ------------------------------------------------------------------------------

def test_unknown_field_with_a_close_spelling():
    data = workflow(entryPoint="main")
    del data["spec"]["entrypoint"]
    found = V41.check("Workflow", data)
    assert found == [Violation(("spec", "entryPoint"), "unknown-field",
                               "spec.entryPoint: unknown field 'entryPoint' (did you mean 'entrypoint'?)",
                               at_key=True, suggestion="entrypoint", field="entryPoint")]
    data = template(outputs={"parameters": [{"name": "p", "valueFrom": {"jqfilter": ".a"}}]})
    [violation] = V41.check("Workflow", data)
    assert violation.path == ("spec", "templates", 0, "outputs", "parameters", 0, "valueFrom", "jqfilter")
    assert violation.suggestion == "jqFilter" and violation.at_key
    assert "did you mean 'jqFilter'" in violation.message


def test_unknown_field_hints_without_a_rename():
    # both spellings set: renaming would make a duplicate key
    [both] = V41.check("Workflow", workflow(entryPoint="x"))  # entrypoint is set too
    assert both.suggestion is None and "also set" in both.message
    # a CronWorkflow field on a WorkflowTemplate
    data = copy.deepcopy(TEMPLATE)
    data["spec"]["schedules"] = ["0 * * * *"]
    [cron_field] = V41.check("WorkflowTemplate", data)
    assert cron_field.path == ("spec", "schedules") and "a CronWorkflow field" in cron_field.message
    # a workflow field straight under a CronWorkflow's spec
    cron = copy.deepcopy(CRON)
    cron["spec"]["entrypoint"] = "main"
    [misplaced] = V41.check("CronWorkflow", cron)
    assert "belongs under spec.workflowSpec" in misplaced.message
    # a DAG task's field on a step
    data = template(steps=[[{"name": "a", "template": "main", "dependencies": ["b"]}]])
    [step] = V41.check("Workflow", data)
    assert step.path[-1] == "dependencies" and "dag.tasks[]" in step.message and step.suggestion is None
    # fields removed in v4 are unknown
    [gone] = V41.check("Workflow", workflow(podPriority=1))
    assert gone.kind == "unknown-field" and gone.path == ("spec", "podPriority")


def test_unknown_fields_at_the_root_and_in_maps():
    data = workflow()
    data["extra"] = 1
    data["spec"]["templates"][0]["container"]["resources"] = {"limits": {"cpu": "1"}, "limitz": {}}
    assert rules(V41.check("Workflow", data)) == [  # in the order of the data
        ("unknown-field", ("spec", "templates", 0, "container", "resources", "limitz")),
        ("unknown-field", ("extra",))]


@pytest.mark.parametrize("spec, path, words", [
    ({"parallelism": "3"}, ("spec", "parallelism"), "must be of type integer, not string"),
    ({"parallelism": 2.5}, ("spec", "parallelism"), "must be of type integer, not number"),
    ({"arguments": {"parameters": [{"name": "n", "value": 3}]}}, ("spec", "arguments", "parameters", 0, "value"),
     "must be of type string, not integer"),
    ({"arguments": {"parameters": [{"name": "n", "value": True}]}},
     ("spec", "arguments", "parameters", 0, "value"), "must be of type string, not boolean"),
    ({"suspend": "yes"}, ("spec", "suspend"), "must be of type boolean"),
    ({"templates": {"name": "main"}}, ("spec", "templates"), "must be of type array, not object"),
    ({"podGC": "OnPodSuccess"}, ("spec", "podGC"), "must be of type object, not string"),
    ({"arguments": {"parameters": [None]}}, ("spec", "arguments", "parameters", 0), "must be of type object, not null"),
])
def test_wrong_type(spec, path, words):
    [violation] = V41.check("Workflow", workflow(**spec))
    assert (violation.kind, violation.path, violation.at_key) == ("invalid-value", path, False)
    assert words in violation.message


def test_integers_int_or_string_and_nulls():
    # YAML's 3.0 reaches the server as the JSON number 3: an integer
    assert V41.check("Workflow", workflow(parallelism=3.0)) == []
    # int-or-string: retryStrategy.limit, quantities
    assert V41.check("Workflow", template(container={"image": "a", "resources": {"limits": {"cpu": 2}}},
                                          retryStrategy={"limit": 3})) == []
    [fraction] = V41.check("Workflow", template(container={"image": "a", "resources": {"limits": {"cpu": 0.5}}}))
    assert "integer or string" in fraction.message  # a CRD's quantity is int-or-string: quote 0.5
    [quantity] = V41.check("Workflow", template(container={"image": "a", "resources": {"limits": {"cpu": "lots"}}}))
    assert quantity.path[-1] == "cpu" and "does not match the pattern" in quantity.message
    # nulls of fields are pruned (or defaulted) by the server: no error, also not a missing field there
    assert V41.check("Workflow", workflow(parallelism=None, podGC=None)) == []


@pytest.mark.parametrize("version, schedule, accepted", [
    ("4.1", "0 9 * * MON-FRI", True),
    ("4.0", "0 9 * * MON-FRI", True),
    ("4.0.3", "0 9 * * MON-FRI", False),
    ("4.0.3", "0 9 * * 1-5", True),
    ("4.1", "0 0 9 * * 1-5", False),  # six fields
    ("4.0.3", "0 0 9 * * 1-5", False),
    ("4.1", "CRON_TZ=Asia/Tokyo 0 9 * * *", False),
    ("4.1", "TZ=UTC 0 9 * * *", False),
    ("4.1", "@daily", True),
    ("4.1", "@every 90s", True),
    ("4.1", "0 9 * * *\n", False),  # Go's $ is the end of the text
])
def test_schedules_pattern_by_version(version, schedule, accepted):
    cron = copy.deepcopy(CRON)
    cron["spec"]["schedules"] = [schedule]
    found = check("CronWorkflow", cron, target_version=version)
    assert (found == []) is accepted, found
    if not accepted:
        assert rules(found) == [("invalid-value", ("spec", "schedules", 0))]
        assert "does not match the pattern" in found[0].message


def test_enum_bounds_lengths_counts():
    found = V41.check("Workflow", workflow(
        podGC={"strategy": "OnSuccess"}, parallelism=0,
        arguments={"parameters": [{"name": "bad name", "enum": []}]},
        templates=[{"name": "x" * 129, "container": {"image": "a"}}]))
    assert sorted(rules(found)) == [
        ("invalid-value", ("spec", "arguments", "parameters", 0, "enum")),  # minItems 1
        ("invalid-value", ("spec", "arguments", "parameters", 0, "name")),  # pattern
        ("invalid-value", ("spec", "parallelism")),  # minimum 1
        ("invalid-value", ("spec", "podGC", "strategy")),  # enum
        ("invalid-value", ("spec", "templates", 0, "name"))]  # maxLength 128
    messages = " | ".join(v.message for v in found)
    assert 'unsupported value "OnSuccess": must be one of "", "OnPodCompletion"' in messages
    assert "spec.parallelism: 0 must be greater than or equal to 1" in messages
    assert "spec.arguments.parameters[0].enum: must have at least 1 items, has 0" in messages
    assert "spec.templates[0].name: must have at most 128 characters, has 129" in messages
    assert '"bad name" does not match the pattern ^[-a-zA-Z0-9_]+$' in messages


def test_missing_required_field():
    # (a template's name is not required by the v4 schema; a parameter's, a task's, an action are)
    data = workflow(arguments={"parameters": [{"value": "x"}]},
                    templates=[{"name": "main", "dag": {"tasks": [{"template": "r"}]}},
                               {"name": "r", "resource": {"manifest": "x"}}])
    found = V41.check("Workflow", data)
    assert Violation(("spec", "arguments", "parameters", 0), "missing-field",
                     "spec.arguments.parameters[0]: missing required field 'name'", field="name") in found
    assert sorted((v.path, v.field) for v in found) == [
        (("spec", "arguments", "parameters", 0), "name"),
        (("spec", "templates", 0, "dag", "tasks", 0), "name"), (("spec", "templates", 1, "resource"), "action")]
    assert V41.check("Workflow", template(container={"image": "a"})) == []
    assert rules(V41.check("Workflow", {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow"})) == [
        ("missing-field", ()), ("missing-field", ())]
    cron = copy.deepcopy(CRON)
    del cron["spec"]["schedules"]
    [schedules] = V41.check("CronWorkflow", cron)
    assert schedules.field == "schedules" and schedules.path == ("spec",)


def test_duplicate_keys_of_map_and_set_lists():
    env = [{"name": "A", "value": "1"}, {"name": "B"}, {"name": "A", "value": "2"}]
    [duplicate] = V41.check("Workflow", template(container={"image": "a", "env": env}))
    assert duplicate.kind == "invalid-value"
    assert duplicate.path == ("spec", "templates", 0, "container", "env", 2, "name")
    assert 'duplicate entry (name="A")' in duplicate.message and "item 0" in duplicate.message
    # the server defaults protocol to TCP before it compares the keys of ports
    ports = [{"containerPort": 80}, {"containerPort": 80, "protocol": "TCP"}]
    assert rules(V41.check("Workflow", template(container={"image": "a", "ports": ports}))) == [
        ("invalid-value", ("spec", "templates", 0, "container", "ports", 1))]
    # a set: restartPolicyRules[].exitCodes.values (4.1)
    rule = {"action": "Restart", "exitCodes": {"operator": "In", "values": [1, 2, 1]}}
    container = {"name": "main", "image": "a", "restartPolicy": "Always", "restartPolicyRules": [rule]}
    found = V41.check("Workflow", template(container=container))
    assert ("invalid-value", ("spec", "templates", 0, "container", "restartPolicyRules", 0, "exitCodes",
                                  "values", 2)) in rules(found)


def test_cel_rules():
    tasks = [{"name": "a", "template": "main"},
             {"name": "b", "template": "main", "depends": "a", "dependencies": ["a"]},
             {"name": "c", "template": "main", "depends": "a", "continueOn": {"failed": True}},
             {"name": "1d", "template": "main", "dependencies": ["a"]}]
    data = workflow(templates=[{"name": "main", "container": {"image": "a"}}, {"name": "dag", "dag": {"tasks": tasks}},
                               {"name": "two", "container": {"image": "a"}, "script": {"image": "a", "source": "x"}},
                               {"name": "late", "steps": [[]], "timeout": "1m", "activeDeadlineSeconds": 5}])
    found = [(v.path, v.message.split(": ", 1)[1]) for v in V41.check("Workflow", data)]
    dag = ("spec", "templates", 1, "dag", "tasks")
    assert found == [
        (dag + (1,), "cannot use both 'depends' and 'dependencies'"),
        (dag + (2,), "cannot use 'continueOn' when using 'depends'"),
        (dag + (3,), "task name cannot begin with a digit when using 'depends' or 'dependencies'"),
        (("spec", "templates", 2), "template must have at most one template type"),
        (("spec", "templates", 3), "timeout cannot be applied to steps or dag templates"),
        (("spec", "templates", 3), "activeDeadlineSeconds is only valid for leaf templates"),
    ]
    assert {v.kind for v in V41.check("Workflow", data)} == {"rule"}
    # artifacts: at most one location; metrics; withSequence; resource manifest
    artifact = {"name": "a", "path": "/a", "s3": {"key": "k"}, "git": {"repo": "r"}}
    more = template(container={"image": "a"}, inputs={"artifacts": [artifact]},
                    metrics={"prometheus": [{"name": "m", "help": "h",
                                             "gauge": {"realtime": True, "value": "{{resourcesDuration.cpu}}"}}]})
    assert sorted(v.message.split(": ", 1)[1] for v in V41.check("Workflow", more)) == [
        "'resourcesDuration.*' metrics cannot be used in real-time gauges",
        "at most one artifact location can be specified"]
    # an empty timeout is allowed on a DAG
    empty_timeout = {"name": "d", "dag": {"tasks": [{"name": "a"}]}, "timeout": ""}
    assert V41.check("Workflow", workflow(templates=[empty_timeout])) == []


def test_rule_errors_are_dropped_when_the_object_has_blocking_errors():
    # a task name that is not a string: a type error; the server then skips every rule
    data = workflow(templates=[{"name": "d", "dag": {"tasks": [{"name": 5, "template": "x", "depends": "y"}]}}])
    assert rules(V41.check("Workflow", data)) == [
        ("invalid-value", ("spec", "templates", 0, "dag", "tasks", 0, "name"))]


def test_preserve_unknown_fields_status_and_metadata_are_not_checked():
    data = template(steps=[[{"name": "a", "inline": {"container": {"image": 1, "bogus": True}, "name": 7}}]])
    data["status"] = {"phase": 3, "whatever": [1]}
    data["metadata"] = {"name": "x", "unknownMetadataField": 1, "labels": {"a": 1}}
    assert V41.check("Workflow", data) == []
    assert rules(V41.check("Workflow", dict(data, metadata="x"))) == [("invalid-value", ("metadata",))]
    # plugin: an object whose content is preserved
    assert V41.check("Workflow", template(plugin={"any": {"thing": [1]}})) == []
    assert rules(V41.check("Workflow", template(plugin="x"))) == [
        ("invalid-value", ("spec", "templates", 0, "plugin"))]


def test_types_scope_checks_only_types_and_unknown_fields():
    partial = {"spec": {"templates": [{"container": {"image": "a"}, "script": {"image": "b"}}],
                        "podGC": {"strategy": "Nope"}, "parallelism": 0, "entrypointt": "x",
                        "activeDeadlineSeconds": "1"}}
    assert rules(V41.check("Workflow", partial, Scope.TYPES)) == [
        ("unknown-field", ("spec", "entrypointt")),
        ("invalid-value", ("spec", "activeDeadlineSeconds"))]
    # VALUES also checks each value's constraints, still no required fields, counts or rules
    assert rules(V41.check("Workflow", partial, Scope.VALUES)) == [
        ("invalid-value", ("spec", "podGC", "strategy")),
        ("invalid-value", ("spec", "parallelism")),
        ("unknown-field", ("spec", "entrypointt")),
        ("invalid-value", ("spec", "activeDeadlineSeconds"))]
    full = {rule for rule, _ in rules(V41.check("Workflow", partial, Scope.FULL))}
    assert full == {"unknown-field", "invalid-value", "missing-field", "rule"}
    # strategic-merge-patch directives are not fields in a patch
    patch = {"spec": {"templates": [{"name": "a", "$patch": "delete"}], "$setElementOrder/templates": []}}
    assert V41.check("Workflow", patch, Scope.TYPES) == []
    assert len(V41.check("Workflow", patch, Scope.FULL)) == 3  # 2 unknown fields, missing metadata


# --- versions -------------------------------------------------------------------------------

@pytest.mark.parametrize("target, chosen", [
    ("4.0.3", "4.0.0"), ("4.0.0", "4.0.0"), ("4.0.9", "4.0.0"), ("4.0.10", "4.0.10"), ("4.0", "4.0.10"),
    ("4.1", "4.1.2"), ("4", "4.1.2"), ("v4.1", "4.1.2"), ("4.1.0", "4.0.10"), ("4.1.2", "4.1.2"),
    ("4.2", "4.1.2"), ("5", "4.1.2"), ("3.7", None), ("3.5.2", None), ("v3", None),
])
def test_version_choice(target, chosen):
    assert choose_version(target) == chosen
    assert (schema_for(target).version if schema_for(target) else None) == chosen


def test_version_choice_rejects_non_versions_and_below_4_checks_nothing():
    with pytest.raises(ValueError):
        choose_version("latest")
    assert check("Workflow", workflow(entryPoint="x"), target_version="3.7") == []
    assert shipped_versions() == ("4.0.0", "4.0.10", "4.1.2")
    with pytest.raises(ValueError):
        V41.check("Sensor", {})


def test_fields_new_in_4_1_are_unknown_to_4_0():
    data = template(container={"image": "a"}, podResources={"limits": {"cpu": "1"}})
    assert check("Workflow", data, target_version="4.1") == []
    assert rules(check("Workflow", data, target_version="4.0")) == [
        ("unknown-field", ("spec", "templates", 0, "podResources"))]


# --- pieces ---------------------------------------------------------------------------------

def test_close_names():
    known = ["entrypoint", "jqFilter", "arguments", "args", "dependencies"]
    assert hints.close_name("entryPoint", known) == "entrypoint"
    assert hints.close_name("jqfilter", known) == "jqFilter"
    assert hints.close_name("argumnets", known) == "arguments"  # swapped neighbours
    assert hints.close_name("dependencie", known) == "dependencies"
    assert hints.close_name("arg", known) == "args"
    assert hints.close_name("xyz", known) is None
    assert hints.close_name("dependancy", known) is None  # two edits: a hint, not a rename


def test_go_patterns_are_translated():
    assert patterns.translate(r"^a\s+b$") == r"^a[\t\n\f\r ]+b\Z"
    assert patterns.translate(r"[\s\d]$") == r"[\t\n\f\r 0-9]\Z"
    assert patterns.translate("[$]") == "[$]"
    assert patterns.translate("[[:alpha:]]") == "[A-Za-z]"
    assert patterns.matcher(r"^[a-z]+$")("abc\n") is None
    with pytest.raises(ValueError):
        patterns.translate(r"(?m)^a$")
    assert patterns.matcher(r"\pL") is None and r"\pL" in patterns.SKIPPED
    assert patterns.FORMATS["byte"]("aGVsbG8=") and not patterns.FORMATS["byte"]("hello!")
    assert patterns.FORMATS["date-time"]("2024-01-01T00:00:00Z") and not patterns.FORMATS["date-time"]("2024-01-01")


def test_cel_projection_is_only_used_where_it_cannot_change_the_outcome():
    assert celrules.footprint("!has(self.depends) || !has(self.dependencies)", False) == {"depends", "dependencies"}
    assert celrules.footprint('self.all(t, !(has(t.timeout) && t.timeout != ""))', True) == {"all", "timeout"}
    assert celrules.footprint("self.all(t, has(t.x))", False) is None  # self is a map: all() sees every key
    assert celrules.footprint("size(self) <= 2", False) is None
    assert celrules.footprint("self.a == self.b", False) is None
    assert celrules.footprint("'x' in self", False) is None
    # a rule that sees the whole object gets the whole (pruned) object
    whole = celrules.compile_rule({"rule": "size(self) <= 2", "message": "too many"}, False)
    assert whole.keys is None
    assert whole.holds({"a": 1, "b": None, "c": 2}) and not whole.holds({"a": 1, "b": 2, "c": 3})
    projected = celrules.compile_rule({"rule": "!has(self.a) || !has(self.b)"}, False)
    assert projected.holds({"a": 1, "b": None}) and not projected.holds({"a": 1, "b": {"deep": [1]}})
    assert projected.message == "failed rule: !has(self.a) || !has(self.b)"
    each = celrules.compile_rule({"rule": "self.all(t, has(t.a))"}, True)
    assert each.each and not celrules.compile_rule({"rule": "self.all(t, has(t.a)) && size(self) > 0"}, True).each


def test_cel_messages_transition_rules_and_uncompilable_rules():
    expression = celrules.compile_rule({"rule": "self.n < 3", "messageExpression": "'n is ' + string(self.n)"},
                                       False)
    assert not expression.holds({"n": 5}) and expression.message_for({"n": 5}) == "n is 5"
    assert celrules.compile_rule({"rule": "self == oldSelf"}, False) is None
    assert celrules.compile_rule({"rule": "self.a +"}, False) is None
    found = celrules.notes()
    assert "transition rule" in found["self == oldSelf"] and "cannot compile" in found["self.a +"]
    with pytest.raises(celrules.RuleError):
        celrules.compile_rule({"rule": "self.name.matches('^[0-9]')"}, False).holds({"name": 5})


def test_every_shipped_rule_pattern_and_format_is_checked():
    found = notes()
    data = json.loads(gzip.decompress(build.DATA.read_bytes()))
    shipped = {entry["rule"] for node in data["nodes"] for entry in node.get("x-kubernetes-validations", ())}
    shipped |= {node["pattern"] for node in data["nodes"] if "pattern" in node}
    shipped |= {node["format"] for node in data["nodes"] if "format" in node}
    assert len(shipped) > 10 and not shipped & set(found), found


def test_shipped_data_is_regenerated_from_shared(tmp_path):
    if not SHARED_SCHEMAS.is_dir():
        pytest.skip("../shared is not here")
    target = tmp_path / "crd-schemas.json.gz"
    assert build.main([str(SHARED_SCHEMAS), "--output", str(target)]) == 0
    assert target.read_bytes() == build.DATA.read_bytes()
    assert build.DATA.stat().st_size < 64_000


def test_shipped_data_expands_to_the_upstream_schemas():
    if not SHARED_SCHEMAS.is_dir():
        pytest.skip("../shared is not here")
    data = json.loads(gzip.decompress(build.DATA.read_bytes()))
    nodes = data["nodes"]

    def expand(node_id):
        node = dict(nodes[node_id])
        if "properties" in node:
            node["properties"] = {k: expand(v) for k, v in node["properties"].items()}
        if "items" in node:
            node["items"] = expand(node["items"])
        if type(node.get("additionalProperties")) is int:
            node["additionalProperties"] = expand(node["additionalProperties"])
        return node

    def strip(schema):
        out = {}
        for key, value in schema.items():
            if key in build.DROPPED or key == "anyOf" or (key == "x-kubernetes-list-type" and value == "atomic"):
                continue
            if key == "properties":
                value = {k: strip(v) for k, v in value.items()}
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                value = strip(value)
            out[key] = value
        return out

    for path in sorted(SHARED_SCHEMAS.glob("v*/*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        root = data["versions"][path.parent.name[1:]][document["kind"]]
        assert expand(root) == strip(document["openAPIV3Schema"]), path


def test_wheel_ships_the_schema_data(tmp_path):
    import subprocess
    import sys
    import zipfile
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    names = zipfile.ZipFile(next(tmp_path.glob("argoconvert-*.whl"))).namelist()
    assert "argoconvert/schema/data/crd-schemas.json.gz" in names
