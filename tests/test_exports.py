"""Large Lists (cluster exports) are converted item by item: the same result as converting
the whole file, and an item that cannot be converted safely is reported and left alone."""
from __future__ import annotations

import pytest

import argoconvert.engine as engine
from argoconvert.errors import VerificationError
from argoconvert.segments import list_items
from argoconvert.source import Source
from conftest import GOLDEN

CONVERTER = engine.Converter(engine.select_rules(None, None, engine.LATEST))
LISTS = sorted(p for p in GOLDEN.rglob("*.in.*") if list_items(p.read_text(encoding="utf-8-sig")))


def summary(result):
    return result.output, [(r.rule, r.line, r.column, r.item, r.object, r.path, r.applied) for r in result.records]


def test_golden_has_yaml_and_json_lists():
    assert {p.suffix for p in LISTS} == {".yaml", ".json"}


@pytest.mark.parametrize("path", LISTS, ids=[p.name for p in LISTS])
def test_item_by_item_equals_whole_file(monkeypatch, path):
    source = Source.from_bytes(str(path), path.read_bytes())
    whole = CONVERTER.convert(source)
    monkeypatch.setattr(engine, "VALIDATE_LIMIT", 0)
    assert summary(CONVERTER.convert(Source.from_bytes(str(path), path.read_bytes()))) == summary(whole)


ITEM = """- apiVersion: argoproj.io/v1alpha1
  kind: CronWorkflow
  metadata:
    name: {name}
  spec:
    schedule: "0 1 * * *"
"""


def test_an_item_that_fails_verification_is_reported_and_left_alone(monkeypatch):
    text = "apiVersion: v1\nitems:\n" + "".join(ITEM.format(name=n) for n in ("one", "bad", "three")) + "kind: List\n"
    real_verify = engine.verify

    def failing_verify(source, new_text, *args):
        if "name: bad" in new_text:
            raise VerificationError("simulated")
        return real_verify(source, new_text, *args)

    monkeypatch.setattr(engine, "VALIDATE_LIMIT", 0)
    monkeypatch.setattr(engine, "verify", failing_verify)
    result = CONVERTER.convert(Source.from_bytes("export.yaml", text.encode()))
    out = result.output.decode()
    assert out.count("schedules:") == 2 and 'name: bad\n  spec:\n    schedule: "0 1 * * *"' in out
    bad = [r for r in result.records if not r.applied]
    assert len(bad) == 1 and bad[0].item == 1 and "CronWorkflow/bad" in bad[0].message
    assert result.status == "changed" and result.error is None
