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
    namespace: argo
  spec:
    schedule: "0 1 * * *"
"""


def test_an_item_that_fails_verification_is_reported_and_left_alone(monkeypatch):
    text = "apiVersion: v1\nitems:\n" + "".join(ITEM.format(name=n) for n in ("one", "bad", "three")) + "kind: List\n"
    real_verify = engine.verify

    def failing_verify(source, new_text, *args, **options):
        if "name: bad" in new_text:
            raise VerificationError("simulated")
        return real_verify(source, new_text, *args, **options)

    monkeypatch.setattr(engine, "VALIDATE_LIMIT", 0)
    monkeypatch.setattr(engine, "verify", failing_verify)
    result = CONVERTER.convert(Source.from_bytes("export.yaml", text.encode()))
    out = result.output.decode()
    assert out.count("schedules:") == 2 and 'name: bad\n    namespace: argo\n  spec:\n    schedule: "0 1 * * *"' in out
    bad = [r for r in result.records if not r.applied]
    assert len(bad) == 1 and bad[0].item == 1 and "item 1 (CronWorkflow/argo/bad)" in bad[0].message
    assert result.status == "changed" and result.error is None


SERVER_FIELDS = ("managedFields", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def test_strip_server_fields_leaves_objects_that_apply_cleanly(cli, tmp_path):
    import yaml

    source = GOLDEN / "kinds" / "list-with-status.in.yaml"
    copy = tmp_path / "export.yaml"
    copy.write_bytes(source.read_bytes())
    converted = cli("--strip-server-fields", "--write", copy)
    assert converted.returncode in (0, 1) and b"error" not in converted.stderr, converted.stderr
    plain = cli(source)  # without the option: converted, nothing stripped
    stripped_items = yaml.safe_load(copy.read_bytes())["items"]
    plain_items = yaml.safe_load(plain.stdout)["items"]
    assert any("status" in item for item in plain_items)
    for stripped, full in zip(stripped_items, plain_items):
        assert "status" not in stripped
        assert not set(SERVER_FIELDS) & set(stripped["metadata"])
        assert LAST_APPLIED not in (stripped["metadata"].get("annotations") or {})
        full.pop("status", None)
        for field in SERVER_FIELDS:
            full["metadata"].pop(field, None)
        (full["metadata"].get("annotations") or {}).pop(LAST_APPLIED, None)
        assert stripped == full


def test_strip_server_fields_is_opt_in():
    rules = {rule.name for rule in engine.select_rules(None, None, engine.LATEST)}
    assert "strip-server-fields" not in rules
    assert "strip-server-fields" in {r.name for r in engine.select_rules(None, None, "4.0", ("strip-server-fields",))}


def test_parallel_workers_give_the_same_files_and_report(cli, tmp_path):
    trees = []
    for name in ("serial", "parallel"):
        tree = tmp_path / name
        tree.mkdir()
        for index in range(40):
            (tree / f"cron-{index:02d}.yaml").write_text(ITEM.format(name=f"c{index}")[2:].replace("\n  ", "\n"))
        trees.append(tree)
    serial = cli("--write", "-j", "1", trees[0])
    parallel = cli("--write", "-j", "2", trees[1])
    assert serial.returncode == parallel.returncode == 0
    assert serial.stderr.replace(bytes(trees[0]), b"X") == parallel.stderr.replace(bytes(trees[1]), b"X")
    for path in trees[0].iterdir():
        assert path.read_bytes() == (trees[1] / path.name).read_bytes()
        assert b"schedules:" in path.read_bytes()


def test_output_format_json_and_yaml(cli):
    import json

    import yaml

    as_json = cli("-o", "json", GOLDEN / "cron-schedules" / "cron-tz-prefix.in.yaml")
    data = json.loads(as_json.stdout)
    assert data["spec"]["schedules"] == ["0 2 * * *"] and data["spec"]["timezone"] == "America/New_York"
    as_yaml = cli("-o", "yaml", GOLDEN / "format" / "crlf.in.json")
    assert yaml.safe_load(as_yaml.stdout)["spec"]["schedules"] == ["0 6 * * *"]
    same = cli("-o", "yaml", GOLDEN / "cron-schedules" / "plain.in.yaml")
    assert same.stdout == (GOLDEN / "cron-schedules" / "plain.out.yaml").read_bytes()
