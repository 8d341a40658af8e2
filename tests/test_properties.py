"""Property tests: on generated manifests in many layouts, the conversion means what the
outside judge's reference conversion means, changes no line outside a migrated field, and
a second conversion changes nothing."""
from __future__ import annotations

import importlib.util

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argoconvert.pipeline import Converter
from argoconvert.migrations import LATEST, select_rules
from argoconvert.source import Source
from conftest import SHARED_JUDGE

CONVERTER = Converter(select_rules(None, None, LATEST))


def _judge():
    spec = importlib.util.spec_from_file_location("migration_check", SHARED_JUDGE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


judge = _judge() if SHARED_JUDGE.exists() else None
needs_judge = pytest.mark.skipif(judge is None, reason="shared/tools/migration_check.py is not beside the repo")

scalar_styles = st.sampled_from(["plain", "single", "double"])
comments = st.lists(st.sampled_from(["# note", "#", "# mutex: old", "# schedule: 1 2 3 4 5"]), max_size=2)


def quoted(value: str, style: str) -> str:
    if style == "single":
        return f"'{value}'"
    if style == "double":
        return f'"{value}"'
    return value


@st.composite
def manifests(draw) -> str:
    """A Workflow or CronWorkflow in one of many layouts: indentation width, indented or
    indentless lists, `- ` or `-   ` items, quoting, comments, trailing comments, flow or
    block lock values, CRLF, with or without a final newline."""
    width = draw(st.sampled_from([2, 4]))
    dash_offset = draw(st.sampled_from([0, width]))
    item_pad = draw(st.sampled_from([2, width]))
    lines: list[str] = []

    def add(column: int, text: str) -> None:
        for comment in draw(comments):
            lines.append(" " * column + comment)
        lines.append(" " * column + text + draw(st.sampled_from(["", "", "  # why"])))

    def lock(column: int, key: str) -> None:
        inner, leaf = column + width, column + 2 * width
        add(column, "synchronization:")
        if draw(st.booleans()):
            if draw(st.booleans()):
                add(inner, f"mutex: {{name: {key}}}")
            else:
                add(inner, "mutex:")
                add(leaf, f"name: {quoted(key, draw(scalar_styles))}")
        elif draw(st.booleans()):
            add(inner, f"semaphore: {{configMapKeyRef: {{name: limits, key: {key}}}}}")
        else:
            add(inner, "semaphore:")
            add(leaf, "configMapKeyRef:")
            add(leaf + width, "name: limits")
            add(leaf + width, f"key: {key}")

    cron = draw(st.booleans())
    add(0, "apiVersion: argoproj.io/v1alpha1")
    add(0, f"kind: {'CronWorkflow' if cron else 'Workflow'}")
    add(0, "metadata:")
    add(width, "name: generated")
    add(0, "spec:")
    column = width
    if cron:
        prefix = draw(st.sampled_from(["", "CRON_TZ=Europe/Paris ", "TZ=UTC "]))
        add(width, f"schedule: {quoted(prefix + '0 2 * * *', draw(st.sampled_from(['single', 'double'])))}")
        add(width, "workflowSpec:")
        column = 2 * width
    add(column, "entrypoint: main")
    if draw(st.booleans()):
        lock(column, "workflow-level")
    add(column, "templates:")
    dash = column + dash_offset
    for index in range(draw(st.integers(1, 3))):
        add(dash, "-" + " " * (item_pad - 1) + f"name: t{index}")
        if draw(st.booleans()):
            lock(dash + item_pad, f"t{index}")
        add(dash + item_pad, "container:")
        add(dash + item_pad + width, "image: alpine:3.19")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + (newline if draw(st.booleans()) else "")


def convert(text: str) -> str:
    result = CONVERTER.convert(Source.from_bytes("generated.yaml", text.encode()))
    assert result.error is None, result.error
    return result.output.decode() if result.output is not None else text


@needs_judge
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests())
def test_means_the_reference_conversion_with_no_collateral_line(text):
    before = judge.load_all(text)
    after = convert(text)
    expected = [judge.expand_last_applied(d) for d in before]
    for document in expected:
        judge.reference_convert(document)
    assert judge.load_all(after) == expected
    assert judge.collateral(text, after) == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests())
def test_a_second_conversion_changes_nothing(text):
    once = convert(text)
    assert once != text or "schedule:" not in text.replace("# schedule:", "")
    assert convert(once) == once
