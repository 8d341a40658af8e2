"""Large Lists (cluster exports) are converted item by item: the same result as converting
the whole file, and an item that cannot be converted safely is reported and left alone."""
from __future__ import annotations

import pytest

import argoconvert.yaml.convert as yaml_convert
import argoconvert.yaml.run as yaml_run
from argoconvert.errors import InputError
from argoconvert.pipeline import Converter
from argoconvert.errors import VerificationError
from argoconvert.migrations import LATEST, select_rules
from argoconvert.yaml.segments import document_segments, list_items
from argoconvert.source import Source
from conftest import GOLDEN

# The items here are minimal CronWorkflows, which v4's CRDs would reject for what they lack: the
# crd-* checks are left out (tests/test_acceptance.py covers them, item by item too).
CONVERTER = Converter(select_rules(None, ["crd"], LATEST))
LISTS = sorted(p for p in GOLDEN.rglob("*.in.*") if list_items(p.read_bytes()))
STREAMS = sorted(p for p in GOLDEN.rglob("*.in.y*ml") if document_segments(p.read_bytes()))


def summary(result):
    return result.output, [(r.rule, r.line, r.column, r.item, r.object, r.path, r.applied) for r in result.records]


def test_golden_has_yaml_and_json_lists_and_streams():
    assert {p.suffix for p in LISTS} == {".yaml", ".json"} and len(STREAMS) >= 2


STRIPPING = Converter(select_rules(None, ["crd"], LATEST, ("strip-server-fields",)))


@pytest.mark.parametrize("converter", [CONVERTER, STRIPPING], ids=["default", "strip-server-fields"])
@pytest.mark.parametrize("path", LISTS + STREAMS, ids=[str(p.relative_to(GOLDEN)) for p in LISTS + STREAMS])
def test_item_by_item_equals_whole_file(monkeypatch, path, converter):
    source = Source.from_bytes(str(path), path.read_bytes())
    whole = converter.convert(source)
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    assert summary(converter.convert(Source.from_bytes(str(path), path.read_bytes()))) == summary(whole)


def _bom(raw: bytes) -> bytes:
    return b"\xef\xbb\xbf" + raw


def _crlf(raw: bytes) -> bytes:
    return raw.replace(b"\n", b"\r\n")


def _no_final_newline(raw: bytes) -> bytes:
    return raw.rstrip(b"\n")


def _non_ascii(raw: bytes) -> bytes:
    """Multi-byte characters in every item: byte offsets are no longer character offsets."""
    return raw.replace(b"name: ", "name: \u00e9t\u00e9-\U0001f680-".encode()).replace(
        b'"name": "', '"name": "\u00e9t\u00e9-\U0001f680-'.encode())


VARIANTS = {"bom": _bom, "crlf": _crlf, "no-final-newline": _no_final_newline, "non-ascii": _non_ascii,
            "all": lambda raw: _bom(_crlf(_no_final_newline(_non_ascii(raw))))}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("path", LISTS + STREAMS, ids=[str(p.relative_to(GOLDEN)) for p in LISTS + STREAMS])
def test_item_by_item_equals_whole_file_in_every_encoding_detail(monkeypatch, path, variant):
    raw = VARIANTS[variant](path.read_bytes())
    assert list_items(raw) or document_segments(raw), "the variant is still seen as a List or a stream"
    whole = CONVERTER.convert(Source.from_bytes(str(path), raw))
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    by_item = CONVERTER.convert(Source.from_bytes(str(path), raw))
    assert summary(by_item) == summary(whole)
    if by_item.converted is not None:
        assert b"".join(by_item.output_chunks()) == by_item.output


def test_a_large_list_is_neither_decoded_whole_nor_copied_for_output(monkeypatch):
    raw = ("apiVersion: v1\nitems:\n" + "".join(ITEM.format(name=f"n{i}") for i in range(3)) + "kind: List\n").encode()
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    source = Source.from_bytes("export.yaml", raw)
    result = CONVERTER.convert(source)
    assert source._text is None  # only the items were decoded
    chunks = list(result.output_chunks())
    assert any(isinstance(chunk, memoryview) and chunk.obj is raw for chunk in chunks)
    assert b"".join(chunks).count(b"schedules:") == 3


def test_an_item_that_is_not_utf8_is_reported_at_its_line(monkeypatch):
    raw = ("apiVersion: v1\nitems:\n" + "".join(ITEM.format(name=f"n{i}") for i in range(3)) + "kind: List\n").encode()
    raw = raw.replace(b"name: n1", b"name: n\xff1")
    with pytest.raises(InputError) as error:
        Source.from_bytes("export.yaml", raw)
    assert (error.value.line, error.value.column) == (13, 12)


@pytest.mark.parametrize("step", [1, 2, 3, 5, 1 << 20])
def test_utf8_is_checked_in_steps_without_splitting_a_character(monkeypatch, step):
    import argoconvert.source as source_module

    monkeypatch.setattr(source_module, "_VALIDATE_STEP", step)
    text = "a: \u00e9\U0001f680\u4e2d\nb: x\n"
    assert Source.from_bytes("x.yaml", text.encode()).text == text
    cut_short = text.encode() + b"c: \xe4\xb8"  # a character cut by the end of the file
    for bad, where in ((cut_short, (3, 4)), (b"a: \xc3(\n", (1, 4))):
        with pytest.raises(InputError) as error:
            Source.from_bytes("x.yaml", bad)
        assert (error.value.line, error.value.column) == where


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
    real_verify = yaml_run.verify

    def failing_verify(source, new_text, *args, **options):
        if "name: bad" in new_text:
            raise VerificationError("simulated")
        return real_verify(source, new_text, *args, **options)

    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    monkeypatch.setattr(yaml_run, "verify", failing_verify)
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
    rules = {rule.name for rule in select_rules(None, None, LATEST)}
    assert "strip-server-fields" not in rules
    assert "strip-server-fields" in {r.name for r in select_rules(None, None, "4.0", ("strip-server-fields",))}


def test_parallel_workers_give_the_same_files_and_report(cli, tmp_path):
    trees = []
    for name in ("serial", "parallel"):
        tree = tmp_path / name
        tree.mkdir()
        for index in range(40):
            (tree / f"cron-{index:02d}.yaml").write_text(ITEM.format(name=f"c{index}")[2:].replace("\n  ", "\n"))
        trees.append(tree)
    serial = cli("--write", "--ignore", "crd", "-j", "1", trees[0])
    parallel = cli("--write", "--ignore", "crd", "-j", "2", trees[1])
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


def test_progress_is_told_how_far_a_large_list_has_come(monkeypatch):
    raw = ("apiVersion: v1\nitems:\n" + "".join(ITEM.format(name=f"n{i}") for i in range(3)) + "kind: List\n").encode()
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    told = []
    converter = Converter(CONVERTER.rules)
    converter.progress = told.append
    converter.convert(Source.from_bytes("export.yaml", raw))
    assert len(told) == 3 and told == sorted(told) and told[-1] == raw.index(b"kind: List")


def test_progress_bar_on_a_terminal_counts_bytes(monkeypatch, tmp_path):
    import io

    import argoconvert.runner as runner
    from argoconvert.discover import Input

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(runner.sys, "stderr", Terminal())
    monkeypatch.setattr(runner, "PROGRESS_FROM_BYTES", 10)
    paths = []
    for name in ("a", "b"):
        paths.append(tmp_path / f"{name}.yaml")
        paths[-1].write_text(ITEM.format(name=name)[2:].replace("\n  ", "\n"))
    inputs = [Input(str(path)) for path in paths]
    converter = Converter(CONVERTER.rules)
    seen = []

    def results():
        for found in inputs:
            seen.append(converter.progress is not None)
            yield runner.process(converter, found.path)

    pairs = list(runner._progress(inputs, results(), converter, quiet=False))
    assert [found for found, _ in pairs] == inputs and all(r.status == "changed" for _, r in pairs)
    assert seen == [True, True] and converter.progress is None
    quiet = list(runner._progress(inputs, (runner.process(converter, f.path) for f in inputs), converter, quiet=True))
    assert len(quiet) == 2


@pytest.mark.parametrize("text, starts", [
    ("a: 1\n---\nb: 2\n", [0, 5]),
    ("# only a comment\n---\na: 1\n---\nb: 2\n", [17, 26]),
    ("\ufeff---\na: 1\n--- # two\nb: 2\n", [3, 12]),
    ("---\na: |\n  ---\n  text\n---\nb: 2\n", [0, 22]),  # `---` inside a block scalar is indented
    ("---\na: 1\n", None),  # one document
    ("a: 1\n...\n---\nb: 2\n...\n", [0, 9]),  # an end marker stays with its document
    ("# c\n...\n---\na: 1\n---\nb: 2\n", [8, 17]),  # an end marker alone is no document
    ("%YAML 1.1\n---\na: 1\n---\nb: 2\n", None),  # directives: whole
    ("a: 1\n----\n", None),  # not a marker
])
def test_document_segments(text, starts):
    segments = document_segments(text.encode())
    assert (None if segments is None else [s.start for s in segments]) == starts
    if segments:
        assert [s.document for s in segments] == list(range(len(segments)))


def test_a_large_stream_converts_document_by_document_and_reports_the_document(monkeypatch):
    cron = ITEM.replace("- apiVersion", "apiVersion").replace("\n  ", "\n")
    text = "".join("---\n" + cron.format(name=f"n{i}") for i in range(3))
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    result = CONVERTER.convert(Source.from_bytes("stream.yaml", text.encode()))
    assert result.output.decode().count("schedules:") == 3
    assert [(r.document, r.item, r.line) for r in result.records] == [(0, None, 8), (1, None, 16), (2, None, 24)]
    broken = text.replace("name: n1", "name: [n1").encode()
    result = CONVERTER.convert(Source.from_bytes("stream.yaml", broken))
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", len(broken))
    whole = CONVERTER.convert(Source.from_bytes("stream.yaml", broken))
    assert result.error.message == "document 1: " + whole.error.message
    assert (result.error.line, result.error.column) == (whole.error.line, whole.error.column) == (14, 12)


def test_a_stream_of_every_golden_manifest_converts_the_same_document_by_document(monkeypatch):
    parts = []
    for path in sorted(GOLDEN.rglob("*.in.y*ml")):
        raw = path.read_bytes()
        if b"\r" in raw or raw.startswith(b"\xef\xbb\xbf") or b"\n%" in raw or raw.startswith(b"%"):
            continue  # one stream has one BOM, one kind of line break; directives hold for the whole stream
        if CONVERTER.convert(Source.from_bytes(str(path), raw)).error is None:
            parts.append(raw if raw.endswith(b"\n") else raw + b"\n")
    stream = b"---\n".join(parts)
    whole = CONVERTER.convert(Source.from_bytes("stream.yaml", stream))
    assert whole.error is None and len(parts) > 100
    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    assert len(document_segments(stream)) > 100
    by_document = CONVERTER.convert(Source.from_bytes("stream.yaml", stream))
    assert summary(by_document) == summary(whole)
