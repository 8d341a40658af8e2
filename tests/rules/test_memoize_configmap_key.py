"""memoize-configmap-key: `memoize.cache.configMap.key` and `.optional` are removed; only the
ConfigMap's `name` was ever read, and v4's full CRD holds a LocalObjectReference there (SPEC 2.2)."""
from __future__ import annotations

import pytest

from argoconvert.changes import Remove, Scope, expected_data
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import memoize_configmap_key
from rulecase import ANY, check, convert, selected

CONFIG_MAP = ("memoize", "cache", "configMap")


def memoize(config_map) -> dict:
    return {"name": "main", "memoize": {"key": "{{inputs.parameters.n}}", "maxAge": "1h",
                                        "cache": {"configMap": config_map}}}


# -- no change ------------------------------------------------------------------------------
@pytest.mark.parametrize("template", [
    memoize({"name": "cache"}),  # already v4
    {"name": "main", "memoize": {"key": "k"}},  # memoize.key is the cache key: not this rule's
    {"name": "main", "memoize": None},
    {"name": "main", "memoize": {"key": "k", "cache": None}},
    memoize(None), memoize("cache"),
    {"name": "main", "memoize": {"key": "k", "cache": {"configMapX": {"key": "k"}, "key": "k"}}},
    {"name": "main", "cache": {"configMap": {"name": "c", "key": "k"}}},  # not under memoize
    {"name": "main", "volumes": [{"name": "v", "configMap": {"name": "c", "optional": True}}]},
])
def test_v4_and_lookalikes_are_left_alone(template):
    assert check(memoize_configmap_key, template) == []


# -- changes --------------------------------------------------------------------------------
def test_key_and_optional_are_removed_name_stays():
    template = memoize({"name": "cache", "key": "entries", "optional": True})
    outcomes = check(memoize_configmap_key, template)
    assert outcomes == [Remove(CONFIG_MAP + ("key",), ANY), Remove(CONFIG_MAP + ("optional",), ANY)]
    assert all("only the ConfigMap's name was ever read" in o.message for o in outcomes)
    assert expected_data(template, outcomes) == memoize({"name": "cache"})


@pytest.mark.parametrize("field", ["key", "optional"])
def test_each_alone(field):
    assert check(memoize_configmap_key, memoize({"name": "c", field: None})) == [Remove(CONFIG_MAP + (field,), ANY)]


def test_a_config_map_without_name_becomes_empty():
    template = memoize({"key": "entries"})
    assert expected_data(template, check(memoize_configmap_key, template)) == memoize({})


# -- versions and places ----------------------------------------------------------------------
def test_applies_from_4_0_on_templates():
    assert not memoize_configmap_key.rule.applies_at(version("3.7"))
    assert memoize_configmap_key.rule.applies_at(version("4.0"))
    assert not selected(memoize_configmap_key, "3.7") and selected(memoize_configmap_key, "4.0")
    assert memoize_configmap_key.rule.scopes == (Scope.TEMPLATE,)


# -- through the pipeline ---------------------------------------------------------------------
TEMPLATE = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: memo
spec:
  templateDefaults:
    memoize:
      key: default
      cache:
        configMap:
          key: default-entries
  templates:
  - name: main
    memoize:
      key: "{{inputs.parameters.n}}"  # the cache key: kept
      maxAge: 1h
      cache:
        configMap:
          name: cache  # the ConfigMap
          key: entries
          optional: true
    steps:
    - - name: s
        inline:
          memoize: {key: k, cache: {configMap: {name: c, optional: false}}}
          container: {image: alpine}
    volumes:
    - name: v
      configMap: {name: c, optional: true}
"""


def test_end_to_end_templates_defaults_and_inline():
    output, records = convert(memoize_configmap_key, TEMPLATE)
    assert output == TEMPLATE.replace("        configMap:\n          key: default-entries\n",
                                      "        configMap: {}\n").replace(
        "          key: entries\n          optional: true\n", "").replace(
        "{configMap: {name: c, optional: false}}", "{configMap: {name: c}}")
    assert [(r.line, r.column, r.path) for r in records] == [
        (11, 11, "spec.templateDefaults.memoize.cache.configMap.key"),
        (20, 11, "spec.templates[0].memoize.cache.configMap.key"),
        (21, 11, "spec.templates[0].memoize.cache.configMap.optional"),
        (25, 58, "spec.templates[0].steps[0][0].inline.memoize.cache.configMap.optional")]


def test_end_to_end_json():
    text = ('{"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "j"},\n'
            ' "spec": {"templates": [{"name": "main", "memoize": {"key": "k", "cache": {"configMap":\n'
            '   {"key": "entries", "name": "cache"}}}}]}}\n')
    output, [record] = convert(memoize_configmap_key, text, name="w.json")
    assert output == text.replace('{"key": "entries", "name": "cache"}', '{"name": "cache"}')
    assert record.path == "spec.templates[0].memoize.cache.configMap.key"


@pytest.mark.parametrize("text", [
    TEMPLATE.replace("argoproj.io/v1alpha1", "example.com/v1"),
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes:\n"
    "  - name: v\n    configMap: {name: c, optional: true, items: [{key: k, path: p}]}\n",
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  templates:\n"
    "  - name: main\n    memoize:\n      key: k\n      cache:\n        configMap:\n          name: c\n",
])
def test_end_to_end_lookalikes_and_v4_are_left_alone(text):
    assert convert(memoize_configmap_key, text) == (text, [])
