"""v4 acceptance in a run (SPEC 2.4): every Argo object, as converted, is checked as the target
version's API server would check it; what it would reject is a finding where the input holds it."""
from __future__ import annotations

import pytest

import argoconvert.yaml.convert as yaml_convert
from argoconvert.migrations import LATEST, Settings, select_rules
from argoconvert.pipeline import Converter
from argoconvert.source import Source
from conftest import GOLDEN

ALL = Converter(select_rules(None, None, LATEST))
ACCEPTED = sorted((GOLDEN / "v4-accepted").glob("*.in.*"))


def records(text: str, converter: Converter = ALL, name: str = "x.yaml"):
    return converter.convert(Source.from_bytes(name, text.encode())).records


def crd(found) -> list[tuple[str, int, str]]:
    return [(r.rule, r.line, r.path) for r in found if r.rule.startswith("crd-")]


@pytest.mark.parametrize("path", ACCEPTED, ids=[p.name for p in ACCEPTED])
def test_correct_v4_manifests_get_no_finding(path):
    for target in ("4.0", "4.1"):
        converter = Converter(select_rules(None, None, target), settings=Settings(target_version=target))
        result = converter.convert(Source.from_bytes(str(path), path.read_bytes()))
        assert result.records == [] and result.output is None, target


def test_named_days_are_rejected_by_4_0_0_only():
    path = GOLDEN / "v4-accepted" / "cronworkflow-named-days-v4.0.10.in.yaml"
    early = Converter(select_rules(None, None, "4.0.3"), settings=Settings(target_version="4.0.3"))
    found = early.convert(Source.from_bytes(str(path), path.read_bytes())).records
    assert found and {r.rule for r in found} == {"crd-invalid-value"}


BASE = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: w
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"spec": {"entryPoint": "x"}}'
spec:
  entrypoint: main
  podPriority: 5
  templates:
    - name: main
      container: {image: alpine, imagePullPolicie: Always}
"""


def test_findings_land_on_the_input_and_are_not_repeated():
    found = records(BASE)
    # podPriority: the pod-priority rule says what to do, no second finding for the same field;
    # the last-applied annotation is a string to the API server: not checked.
    assert crd(found) == [("crd-unknown-field", 12, "spec.templates[0].container.imagePullPolicie")]
    assert [r.rule for r in found if r.path == "spec.podPriority"] == ["pod-priority"]


def test_ignore_crd_leaves_only_the_migration_rules():
    assert crd(records(BASE, Converter(select_rules(None, ["crd"], LATEST)))) == []


def test_a_value_a_helm_action_fills_in_is_not_judged():
    text = BASE.replace("imagePullPolicie: Always", 'imagePullPolicy: "{{ .Values.pull }}"')
    assert crd(records(text)) == []


def test_a_large_list_is_checked_item_by_item_as_whole(monkeypatch):
    item = BASE.replace("\n", "\n    ")
    items = "".join("  - " + item.replace("name: w\n", f"name: w{n}\n").rstrip(" ") for n in range(3))
    text = "apiVersion: v1\nkind: List\nitems:\n" + items
    whole = crd(records(text))
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    assert crd(records(text)) == whole and len(whole) == 3
