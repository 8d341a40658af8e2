"""crd-unknown-field: a key v4's CRD does not have, at the key, with the close known name."""
from __future__ import annotations

from acceptance_case import WORKFLOW, submitted, with_spec
from argoconvert.changes import Finding
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import crd_unknown_field
from rulecase import ANY, check, convert, selected

def test_a_valid_v4_object_is_accepted():
    assert check(crd_unknown_field, submitted(WORKFLOW)) == []


def test_below_v4_nothing_is_checked():
    assert not crd_unknown_field.rule.applies_at(version("3.7")) and not selected(crd_unknown_field, "3.7")
    assert selected(crd_unknown_field, "4.0")


def test_a_misspelled_field_names_the_close_known_one():
    spec = {"entryPoint": "main", "templates": WORKFLOW["spec"]["templates"]}
    found = check(crd_unknown_field, submitted({**WORKFLOW, "spec": spec}))
    assert found == [Finding(("spec", "entryPoint"), ANY)] and "did you mean 'entrypoint'" in found[0].message


def test_a_field_v3_ignored_is_reported():
    template = {"name": "main", "container": {"image": "alpine"}, "resubmitPendingPods": True}
    found = check(crd_unknown_field, submitted(with_spec(templates=[template])))
    assert found == [Finding(("spec", "templates", 0, "resubmitPendingPods"), ANY)]


def test_a_partial_object_is_judged_on_its_fields_only():
    assert check(crd_unknown_field, submitted({"spec": {"podGC": {"strategy": "OnPodCompletion"}}}, partial=True)) == []
    found = check(crd_unknown_field, submitted({"spec": {"activeDeadlineSecond": 3}}, partial=True))
    assert found == [Finding(("spec", "activeDeadlineSecond"), ANY)]


def test_end_to_end_at_the_key():
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: main\n"
            "  templates:\n    - name: main\n      container: {image: alpine, imagePullPolicie: Always}\n")
    output, records = convert(crd_unknown_field, text)
    assert output == text and [(r.line, r.column, r.path, r.applied) for r in records] == [
        (8, 34, "spec.templates[0].container.imagePullPolicie", False)]
