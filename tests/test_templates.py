"""Helm templates and other inputs that are not plain manifests: what is skipped, what is
reported, and that none of it fails a run."""
from __future__ import annotations

import pytest

from argoconvert.pipeline import Converter
from argoconvert.migrations import LATEST, REGISTRY, select_rules
from argoconvert.source import Source
from conftest import GOLDEN

CONVERTER = Converter(select_rules(None, None, LATEST))


def findings(path) -> tuple[bool, list[tuple[str, int, str]]]:
    result = CONVERTER.convert(Source.from_bytes(str(path), path.read_bytes()))
    return result.skipped, [(r.rule, r.line, r.path) for r in result.records]


@pytest.mark.parametrize("name, skipped, expected", [
    ("helm-not-yaml", True, None),  # any findings; checked below to be Argo keys
    ("helm-escaped-braces", True, [("sync-mutexes", 7, "mutex")]),
    ("helm-eventsource-calendar", True, []),
    ("helm-cronjob-beside-argo", True, []),
])
def test_templated_files_are_skipped_and_their_argo_keys_reported(name, skipped, expected):
    is_skipped, records = findings(GOLDEN / "templated" / f"{name}.in.yaml")
    assert is_skipped == skipped
    if expected is not None:
        assert records == expected
    else:
        manifest_rules = {rule.name for rule in REGISTRY.values() if not rule.dependency and not rule.opt_in}
        assert records and all(rule in manifest_rules for rule, _, _ in records)


def test_a_templated_cron_workflow_schedule_is_reported(tmp_path):
    path = tmp_path / "cron.yaml"
    path.write_text("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: {{ .Values.name }}\n"
                    "spec:\n  schedule: {{ .Values.schedule | quote }}\n")
    assert findings(path) == (True, [("cron-schedules", 6, "schedule")])


@pytest.mark.parametrize("output_format", ["yaml", "json"])
def test_output_format_passes_templates_through(cli, output_format):
    for name in ("helm-not-yaml", "helm-unquoted", "helm-escaped-braces"):
        path = GOLDEN / "templated" / f"{name}.in.yaml"
        result = cli("-o", output_format, path)
        assert b"Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr
        assert result.stdout == path.read_bytes()


def test_a_mapping_merged_elsewhere_is_left_to_a_person(cli, tmp_path):
    path = tmp_path / "merged.yaml"
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: lock-\nspec:\n"
            "  templates:\n  - name: a\n    synchronization: &lock\n      semaphore:\n"
            "        configMapKeyRef: {name: sem, key: a}\n  - name: b\n    synchronization:\n      <<: *lock\n")
    path.write_text(text)
    result = cli("--check", path)
    assert result.returncode == 1 and b"error" not in result.stderr
    assert result.stderr.count(b"[manual]") == 2 and b"merged into others with <<" in result.stderr
    assert cli("--write", path).returncode == 1 and path.read_text() == text


def test_a_whole_template_merged_still_converts(tmp_path):
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: lock-\nspec:\n"
            "  templates:\n  - &base\n    name: a\n    synchronization:\n      mutex: {name: m}\n"
            "  - <<: *base\n    name: b\n")
    result = CONVERTER.convert(Source.from_bytes("w.yaml", text.encode()))
    assert result.error is None and b"mutexes: [{name: m}]" in result.output


def test_an_unreadable_manifest_in_a_string_is_reported():
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: nightly\n  annotations:\n"
            "    kubectl.kubernetes.io/last-applied-configuration: '{\"spec\": {\"schedule\": [}'\n"
            "spec:\n  schedules: [\"0 2 * * *\"]\n  workflowSpec: {entrypoint: main}\n")
    result = CONVERTER.convert(Source.from_bytes("c.yaml", text.encode()))
    assert result.output is None and result.error is None
    [record] = result.records
    assert (record.rule, record.line, record.applied, record.object) == ("cron-schedules", 6, False, "CronWorkflow/nightly")
    assert "could not be read" in record.message


def test_kustomize_inline_patches_are_reported_not_edited():
    path = GOLDEN / "kinds" / "kustomization-patches.in.yaml"
    result = CONVERTER.convert(Source.from_bytes(str(path), path.read_bytes()))
    assert result.output is None and result.error is None
    assert [(r.rule, r.line, r.applied, r.fixable) for r in result.records] == [
        ("cron-schedules", 13, False, False), ("sync-mutexes", 16, False, False),
        ("sync-semaphores", 33, False, False), ("cron-schedules", 44, False, False)]


def test_a_kustomization_without_kind_and_json_pointer_escapes():
    text = ("patches:\n- target: {kind: Workflow}\n  patch: |\n    - op: add\n      path: /spec/templates/0/priority\n"
            "      value: 5\n    - op: remove\n      path: /spec/synchronization/semaphore\n"
            "    - op: replace\n      path: /metadata/annotations/a~1b\n      value: x\n")
    result = CONVERTER.convert(Source.from_bytes("kustomization.yaml", text.encode()))
    assert [(r.rule, r.line) for r in result.records] == [("template-priority", 5), ("sync-semaphores", 8)]
