"""sdk-pins: a dependency pin that allows only Hera < 5.19 or argo-workflows < 6.6, which cannot
write the rewritten `schedules=`/`mutexes=`/`semaphores=`, is reported at its name (SPEC 2.3).
The check reads a pin file's text and gives each finding's offset; files are never changed."""
from __future__ import annotations

import pytest

from argoconvert.changes import Finding, Scope
from argoconvert.migrations import version
from argoconvert.migrations.v4_0 import sdk_pins
from rulecase import ANY, convert, selected


def findings(text: str, file_name: str = "requirements.txt") -> list[tuple[str, int]]:
    """(name as written, offset) of each pin reported."""
    outcomes = list(sdk_pins.check(text, file_name))
    assert all(type(o) is Finding and text.startswith(o.path[0], o.offset) for o in outcomes)
    return [(o.path[0], o.offset) for o in outcomes]


# -- no finding -------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "hera>=5.19\n", "hera==5.19.0\n", "hera-workflows~=5.18\n",  # ~=5.18 allows 5.19
    "hera\n", "argo-workflows>=6.0,!=6.1\n", "hera<6\n", "argo-workflows==6.*\n",
    "# hera==5.0 used to be here\n", "requests  # hera==5.0\n",  # comments
    "hera-workflows-extras==1.0\n", "myhera==1.0\n", "argo==0.1\n",  # other packages
    'hera = "~5.18"\n',  # Poetry's syntax outside pyproject.toml
])
def test_pins_that_allow_new_enough_versions_or_other_packages_are_silent(text):
    assert findings(text) == []


@pytest.mark.parametrize("text", ['[tool.poetry.dependencies]\nhera = "^5.18"\n',  # ^5.18 allows 5.19
                                  '[project]\ndependencies = ["hera>=5"]\n'])
def test_pyproject_pins_that_allow_new_enough_versions_are_silent(text):
    assert findings(text, "pyproject.toml") == []


# -- findings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name, spec", [
    ("hera", "==5.18.1"), ("hera", "<5.19"), ("hera", "<=5.18.9"), ("hera", "~=5.18.0"), ("hera", "==5.18.*"),
    ("hera", "[yaml]==5.16.3"), ("hera", " (==5.18.1)"), ("hera", ">=5,<5.19"), ("hera_workflows", " ==5.0"),
    ("argo-workflows", "<6.6"), ("argo_workflows", "==6.5.0"),
])
def test_a_pin_below_the_minimum_is_reported_at_its_name(name, spec):
    assert findings(f"flask==2.0\n{name}{spec}  # pinned\n") == [(name, len("flask==2.0\n"))]


def test_the_message_names_the_minimum():
    [finding] = sdk_pins.check("argo-workflows==6.5.0\n", "requirements.txt")
    assert finding == Finding(("argo-workflows",), ANY, offset=0)
    assert "argo-workflows==6.5.0" not in finding.message and "argo-workflows>=6.6" in finding.message
    assert "pinned to ==6.5.0" in finding.message


@pytest.mark.parametrize("file_name, text, name", [
    ("pyproject.toml", '[tool.poetry.dependencies]\nhera = "~5.18"\n', "hera"),
    ("pyproject.toml", '[tool.poetry.dependencies]\nhera-workflows = {version = "5.18.1", extras = ["yaml"]}\n',
     "hera-workflows"),
    ("pyproject.toml", '[project]\ndependencies = ["requests", "hera==5.16"]\n', "hera"),
    ("setup.py", 'setup(install_requires=["argo-workflows==6.5.0"])\n', "argo-workflows"),
    ("setup.cfg", "[options]\ninstall_requires =\n    hera<5.19\n", "hera"),
])
def test_pyproject_tables_and_setup_files(file_name, text, name):
    assert findings(text, file_name) == [(name, text.index(name))]


# -- versions ---------------------------------------------------------------------------------
def test_reported_from_3_6_where_the_rewrites_start():
    assert not sdk_pins.rule.applies_at(version("3.5")) and sdk_pins.rule.applies_at(version("3.6"))
    assert not selected(sdk_pins, "3.5") and selected(sdk_pins, "4.0")
    assert sdk_pins.rule.scopes == (Scope.PINS,) and sdk_pins.rule.dependency


# -- through the pipeline ---------------------------------------------------------------------
def test_end_to_end_a_requirements_file_is_reported_not_changed():
    text = "flask==2.0\n  hera==5.16.3\nhera>=5.19\n"
    output, [record] = convert(sdk_pins, text, name="requirements-dev.txt")
    assert output == text
    assert (record.rule, record.line, record.column, record.applied, record.fixable) == ("sdk-pins", 2, 3, False, False)
    assert record.path == "hera" and "hera>=5.19" in record.message


def test_end_to_end_manifests_are_not_pin_files():
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  requirements: hera==5.0\n"
    assert convert(sdk_pins, text, name="requirements.yaml") == (text, [])
