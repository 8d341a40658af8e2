"""crd-rule: a validation rule of v4's CRD (CEL, x-kubernetes-validations) is false."""
from __future__ import annotations

from acceptance_case import WORKFLOW, submitted, with_spec
from argoconvert.changes import Finding
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import crd_rule
from rulecase import ANY, check, selected

def test_a_valid_v4_object_is_accepted():
    assert check(crd_rule, submitted(WORKFLOW)) == []


def test_below_v4_nothing_is_checked():
    assert not crd_rule.rule.applies_at(version("3.7")) and not selected(crd_rule, "3.7")
    assert selected(crd_rule, "4.0")


def test_depends_and_dependencies_on_one_task():
    dag = {"name": "main", "dag": {"tasks": [{"name": "a", "template": "x"},
                                             {"name": "b", "template": "x", "depends": "a", "dependencies": ["a"]}]}}
    found = check(crd_rule, submitted(with_spec(templates=[dag])))
    assert found == [Finding(("spec", "templates", 0, "dag", "tasks", 1), ANY)]
    assert "cannot use both 'depends' and 'dependencies'" in found[0].message


def test_two_template_types_in_one_template():
    template = {"name": "main", "container": {"image": "alpine"}, "script": {"image": "alpine", "source": "x"}}
    assert check(crd_rule, submitted(with_spec(templates=[template]))) == [Finding(("spec", "templates", 0), ANY)]


def test_a_partial_object_is_not_held_to_rules():
    template = {"name": "main", "container": {"image": "alpine"}, "script": {"image": "alpine", "source": "x"}}
    assert check(crd_rule, submitted({"spec": {"templates": [template]}}, partial=True)) == []
