"""Hostile and odd inputs (SPEC 6), each run next to a good legacy file.

Every run must end quickly, print no traceback, name a bad file in one `PATH:LINE:COL: error:`
line (exit 2) and leave it untouched, and still convert the good file of the same run.
"""
from __future__ import annotations

import json
import os
import re
import resource
import time

import pytest

from argoconvert.errors import InputError
from argoconvert.yaml.tree import Mapping, Scalar, compose
from conftest import run_cli

CRON = ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: {name}\n"
        "spec:\n  schedule: \"0 2 * * *\"\n  workflowSpec:\n    entrypoint: main\n"
        "    templates: [{{name: main, container: {{image: alpine}}}}]\n")
GOOD = CRON.format(name="good").encode()
GOOD_CONVERTED = GOOD.replace(b'  schedule: "0 2 * * *"\n', b'  schedules:\n    - "0 2 * * *"\n')
SECONDS = 30  # every run ends within this


def with_good(tmp_path, *args, timeout=SECONDS):
    """Run `--write ARGS good.yaml`: the bad input comes first, so an abort would skip the good file.
    The inputs are minimal objects, which v4's CRDs would reject for what they lack: the crd-*
    checks are left out (tests/test_acceptance.py covers them)."""
    (tmp_path / "good.yaml").write_bytes(GOOD)
    result = run_cli("--write", "--ignore", "crd", *args, "good.yaml", cwd=tmp_path, timeout=timeout)
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert (tmp_path / "good.yaml").read_bytes() == GOOD_CONVERTED, stderr
    return result, stderr


def bad_file(tmp_path, name: str, content: bytes, *, timeout=SECONDS) -> str:
    """A file that must be rejected: exit 2, one error line naming it, bytes and mtime unchanged."""
    path = tmp_path / name
    path.write_bytes(content)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    result, stderr = with_good(tmp_path, name, timeout=timeout)
    assert result.returncode == 2, stderr
    lines = [line for line in stderr.splitlines() if line.startswith(name + ":") and ": error: " in line]
    assert len(lines) == 1 and re.match(rf"{re.escape(name)}:\d+:\d+: error: \S", lines[0]), stderr
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == 1_000_000_000_000_000_000
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".argoconvert")]  # no temp file left
    return lines[0]


def test_invalid_yaml(tmp_path):
    content = CRON.format(name="bad").replace('"0 2 * * *"', "[unclosed").encode()
    line = bad_file(tmp_path, "bad.yaml", content)
    assert "invalid YAML" in line
    lineno = int(line.split(":")[1])
    assert 6 <= lineno <= 7  # the unclosed flow sequence, or the end of the file just after it


def test_invalid_yaml_without_any_legacy_key_is_still_an_error(tmp_path):
    bad_file(tmp_path, "bad.yaml", b"kind: ConfigMap\ndata: {a: [1\n")


def test_invalid_yaml_in_print_mode_is_not_echoed(tmp_path):
    (tmp_path / "bad.yaml").write_bytes(b"kind: CronWorkflow\nspec: {schedule: [1\n")
    result = run_cli("bad.yaml", cwd=tmp_path, timeout=SECONDS)
    assert result.returncode == 2 and b"bad.yaml:" in result.stderr
    assert b"[1" not in result.stdout


def test_duplicate_keys(tmp_path):
    content = CRON.format(name="dup").encode() + b'  schedule: "5 5 * * *"\n'
    line = bad_file(tmp_path, "dup.yaml", content)
    assert "duplicate" in line and line.startswith("dup.yaml:10:3:")


def test_duplicate_keys_outside_legacy_keys(tmp_path):
    content = CRON.format(name="dup").replace("  name: dup\n", "  name: dup\n  name: other\n").encode()
    line = bad_file(tmp_path, "dup.yaml", content)
    assert line.startswith("dup.yaml:5:3:")


def test_binary_file(tmp_path):
    bad_file(tmp_path, "bin.yaml", b"schedule: \x00\x01\x02\xff\xfe" + bytes(range(256)))


def test_non_utf8_file(tmp_path):
    content = CRON.format(name="caf\xe9").encode("latin-1")
    line = bad_file(tmp_path, "latin1.yaml", content)
    assert line.startswith("latin1.yaml:4:")


def test_utf8_bom_is_fine_and_kept(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + CRON.format(name="bom").encode())
    result, stderr = with_good(tmp_path, "bom.yaml")
    assert result.returncode == 0, stderr
    assert path.read_bytes() == b"\xef\xbb\xbf" + CRON.format(name="bom").encode().replace(
        b'  schedule: "0 2 * * *"\n', b'  schedules:\n    - "0 2 * * *"\n')
    assert "bom.yaml:6:3: cron-schedules" in stderr  # the BOM does not shift the column


def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_bytes(CRON.format(name="secret").encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read a mode-000 file (root)")
        result, stderr = with_good(tmp_path, "secret.yaml")
        assert result.returncode == 2
        assert re.search(r"^secret\.yaml:(\d+:\d+:)? error: ", stderr, re.M), stderr
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == CRON.format(name="secret").encode()


def test_symlink_loop_named_explicitly(tmp_path):
    os.symlink("b.yaml", tmp_path / "a.yaml")
    os.symlink("a.yaml", tmp_path / "b.yaml")
    result, stderr = with_good(tmp_path, "a.yaml")
    assert result.returncode == 2
    assert len([line for line in stderr.splitlines() if line.startswith("a.yaml:")]) == 1, stderr


def test_symlink_loop_in_a_walked_tree(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    os.symlink("b.yaml", tree / "a.yaml")
    os.symlink("a.yaml", tree / "b.yaml")
    result, stderr = with_good(tmp_path, "tree", timeout=10)
    assert result.returncode == 2 and "loop" in stderr, stderr  # SPEC 6: a one-line message naming the file
    assert re.search(r"^tree/a\.yaml:(\d+:\d+:)? error: ", stderr, re.M), stderr


def test_symlinks_out_of_the_walked_tree_are_not_followed(tmp_path):
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (outside / "out.yaml").write_bytes(CRON.format(name="out").encode())
    os.symlink("../outside/out.yaml", tree / "link.yaml")
    os.symlink("../outside", tree / "linked-dir")
    os.symlink(tree, tree / "self")  # a directory link back into the tree: no endless walk
    result, stderr = with_good(tmp_path, "tree", timeout=10)
    assert result.returncode == 0, stderr
    assert (outside / "out.yaml").read_bytes() == CRON.format(name="out").encode()
    assert os.path.islink(tree / "link.yaml")
    assert "out.yaml" not in stderr and "link.yaml" not in stderr


def test_fifo_in_a_walked_tree_does_not_hang(tmp_path):
    (tmp_path / "tree").mkdir()
    os.mkfifo(tmp_path / "tree" / "pipe.yaml")
    result, stderr = with_good(tmp_path, "tree", timeout=10)
    assert result.returncode in (0, 2), stderr


def test_folder_named_like_a_yaml_file(tmp_path):
    folder = tmp_path / "tree" / "folder.yaml"
    folder.mkdir(parents=True)
    (folder / "inner.yaml").write_bytes(CRON.format(name="inner").encode())
    result, stderr = with_good(tmp_path, "tree", "tree/folder.yaml")
    assert result.returncode == 0, stderr
    assert b"schedules:" in (folder / "inner.yaml").read_bytes()
    assert "error" not in stderr


def billion_laughs() -> bytes:
    lines = ["apiVersion: argoproj.io/v1alpha1", "kind: CronWorkflow", "metadata:", "  name: lol",
             "  annotations:", '    a0: &a0 "lol"']
    lines += [f"    a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines += ["spec:", '  schedule: "0 1 * * *"', "  workflowSpec:", "    arguments:", "      parameters:",
              "        - name: p", "          value: *a9"]
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb(tmp_path):
    content = billion_laughs()
    path = tmp_path / "bomb.yaml"
    path.write_bytes(content)
    started = time.monotonic()
    result, stderr = with_good(tmp_path, "bomb.yaml", timeout=20)
    assert time.monotonic() - started < 10
    if result.returncode == 2:  # refused with a clear message, untouched
        lines = [line for line in stderr.splitlines() if line.startswith("bomb.yaml:") and ": error: " in line]
        assert len(lines) == 1 and "alias" in lines[0], stderr
        assert path.read_bytes() == content
    else:  # converted without expanding the aliases
        assert result.returncode == 0, stderr
        after = path.read_bytes()
        assert b"schedules:" in after and len(after) < 2 * len(content)
        assert after.count(b"*a8") == content.count(b"*a8")


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_nesting_5000_levels(tmp_path, shape):
    depth = 5000
    if shape == "flow":
        deep = "  x: " + "[" * depth + "]" * depth + "\n"
    else:
        deep = "  x:\n" + "".join("  " * (i + 2) + f"k{i}:\n" for i in range(depth))
    content = (CRON.format(name="deep") + deep).encode()
    path = tmp_path / "deep.yaml"
    path.write_bytes(content)
    started = time.monotonic()
    result, stderr = with_good(tmp_path, "deep.yaml", timeout=20)
    assert time.monotonic() - started < 10
    if result.returncode == 2:
        lines = [line for line in stderr.splitlines() if line.startswith("deep.yaml:")]
        assert len(lines) == 1 and re.match(r"deep\.yaml:\d+:\d+: error: ", lines[0]), stderr
        assert path.read_bytes() == content
    else:
        assert result.returncode == 0, stderr
        assert path.read_bytes() == content.replace(b'  schedule: "0 2 * * *"\n',
                                                    b'  schedules:\n    - "0 2 * * *"\n')


def test_python_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    content = CRON.format(name="tag").replace("  name: tag\n", f"  name: tag\n  annotations:\n    x: {tag}\n")
    path = tmp_path / "tag.yaml"
    path.write_text(content)
    (tmp_path / "plain.yaml").write_text(f"kind: ConfigMap\nschedule: {tag}\nobj: !!python/object:os.system {{}}\n")
    for mode in ([], ["--check"], ["--diff"]):
        assert run_cli(*mode, "tag.yaml", "plain.yaml", cwd=tmp_path, timeout=SECONDS).returncode in (0, 1)
    result, stderr = with_good(tmp_path, "tag.yaml", "plain.yaml")
    assert not marker.exists()
    assert result.returncode == 0, stderr
    assert f"    x: {tag}\n".encode() in path.read_bytes()  # carried byte for byte
    assert b"schedules:" in path.read_bytes()


@pytest.mark.parametrize("content", [b"", b"\n\n", b"# schedule: '0 1 * * *'\n# mutex: x\n", b"---\n...\n"],
                         ids=["empty", "blank-lines", "comments-only", "markers-only"])
def test_empty_and_comment_only_files(tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    os.utime(path, ns=(10**18, 10**18))
    result, stderr = with_good(tmp_path, "empty.yaml")
    assert result.returncode == 0, stderr
    assert path.read_bytes() == content and path.stat().st_mtime_ns == 10**18
    assert "empty.yaml" not in stderr


def test_a_10_mb_single_line(tmp_path):
    value = "x" * (10 * 1024 * 1024)
    content = CRON.format(name="long").replace("  name: long\n", f"  name: long\n  annotations:\n    big: {value}\n")
    path = tmp_path / "long.yaml"
    path.write_text(content)
    started = time.monotonic()
    result, stderr = with_good(tmp_path, "long.yaml", timeout=60)
    assert time.monotonic() - started < 20
    assert result.returncode == 0, stderr
    assert path.read_text() == content.replace('  schedule: "0 2 * * *"\n', '  schedules:\n    - "0 2 * * *"\n')


def test_a_10_mb_single_line_flow_document(tmp_path):
    """The whole file on one line (as `kubectl -o json | jq -c` prints it), a 10 MB value first."""
    items = ",".join('{"apiVersion":"argoproj.io/v1alpha1","kind":"CronWorkflow","metadata":{"name":"c%d"},'
                     '"spec":{"schedule":"0 1 * * *"}}' % i for i in range(10_000))
    content = ('{"apiVersion":"v1","kind":"List","metadata":{"annotations":{"big":"' + "x" * 10_000_000
               + '"}},"items":[' + items + "]}")
    path = tmp_path / "line.json"
    path.write_text(content)
    started = time.monotonic()
    result, stderr = with_good(tmp_path, "-q", "line.json", timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, stderr
    after = path.read_text()
    assert "\n" not in after and after.count('"schedules":["0 1 * * *"]') == 10_000 and '"schedule":' not in after
    assert elapsed < 8, f"{elapsed:.1f} s"


def test_a_50_mb_cron_workflow_list(tmp_path):
    body = "".join(f"              echo step {k} {'x' * 60}\n" for k in range(25))
    item = ("- apiVersion: argoproj.io/v1alpha1\n  kind: CronWorkflow\n  metadata:\n    name: cron-{i}\n"
            "  spec:\n    schedule: \"{m} 2 * * *\"\n    workflowSpec:\n      entrypoint: main\n"
            "      templates:\n        - name: main\n          script:\n            image: alpine:3.19\n"
            "            source: |\n" + body)
    parts, size, count = ["apiVersion: v1\nkind: List\nitems:\n"], 0, 0
    while size < 50 * 1024 * 1024:
        parts.append(item.format(i=count, m=count % 60))
        size += len(parts[-1])
        count += 1
    path = tmp_path / "export.yaml"
    path.write_text("".join(parts))
    del parts
    started = time.monotonic()
    result, stderr = with_good(tmp_path, "-q", "export.yaml", timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, stderr
    after = path.read_bytes()
    assert after.count(b"    schedules:\n      - \"") == count and b"    schedule:" not in after
    assert len(after) == path.stat().st_size and len(after) > 50 * 1024 * 1024
    assert elapsed < 60, f"{elapsed:.0f} s for 50 MB"
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kb < 2 * 1024 * 1024, f"peak memory {peak_kb // 1024} MB for a 50 MB input"


def test_tabs_used_as_indentation(tmp_path):
    content = CRON.format(name="tabs").replace('  schedule: "0 2 * * *"', '\tschedule: "0 2 * * *"').encode()
    line = bad_file(tmp_path, "tabs.yaml", content)
    assert line.startswith("tabs.yaml:6:")


def test_tabs_inside_flow_json_are_fine(tmp_path):
    path = tmp_path / "tabs.json"
    path.write_text('{\n\t"apiVersion": "argoproj.io/v1alpha1",\n\t"kind": "CronWorkflow",\n'
                    '\t"metadata": {"name": "t"},\n\t"spec": {\n\t\t"schedule": "0 1 * * *"\n\t}\n}\n')
    result, stderr = with_good(tmp_path, "tabs.json")
    assert result.returncode == 0, stderr
    assert '\t\t"schedules": [' in path.read_text()


# -- UTF-16 surrogate-pair escapes (`json.dumps` of an emoji) ---------------------------------

CLOCK = r"\ud83d\udd53"  # 🕓 as `json.dumps` writes it


def scalars(text: str) -> list[tuple[str, str]]:
    """(value, the text at the node's offsets) of every scalar, in text order."""
    found = []
    for document in compose(text):
        for collection in document.collections:
            children = ([n for pair in collection.pairs for n in pair] if isinstance(collection, Mapping)
                        else collection.items)
            found += [n for n in children if isinstance(n, Scalar)]
    return [(n.value, text[n.start:n.end]) for n in sorted(found, key=lambda n: n.start)]


def test_surrogate_pairs_are_one_character_at_offsets_of_the_original_text():
    text = ('{"args": ["%s hello"],\n "after": {"schedule": "0 2 * * *", "n": 1}}\n' % CLOCK)
    assert scalars(text) == [("args", '"args"'), ("\U0001F553 hello", f'"{CLOCK} hello"'), ("after", '"after"'),
                             ("schedule", '"schedule"'), ("0 2 * * *", '"0 2 * * *"'), ("n", '"n"'), ("1", "1")]
    document, = compose(text)
    assert (document.start, document.end) == (0, len(text) - 1)
    assert text[document.root.start:document.root.end] == text.rstrip("\n")


def test_several_surrogate_pairs_on_one_line_and_in_keys():
    upper = r"\uD83D\uDE80"  # 🚀, in upper case as some encoders write it
    text = '{"%s%s": "%s-%s%s", "k%s": ["%s", x]}\n' % (CLOCK, upper, upper, CLOCK, CLOCK, CLOCK, upper)
    assert scalars(text) == [("\U0001F553\U0001F680", f'"{CLOCK}{upper}"'),
                             ("\U0001F680-\U0001F553\U0001F553", f'"{upper}-{CLOCK}{CLOCK}"'),
                             ("k\U0001F553", f'"k{CLOCK}"'), ("\U0001F680", f'"{upper}"'), ("x", "x")]


def test_a_surrogate_pair_outside_double_quotes_is_text():
    text = (f"plain: {CLOCK}\nsingle: '{CLOCK}'\nblock: |\n  {CLOCK}\nescaped: \"\\\\ud83d\\\\udd53\"\n"
            f"quoted: \"{CLOCK}\"  # {CLOCK}\nlast: x\n")
    assert scalars(text) == [("plain", "plain"), (CLOCK, CLOCK), ("single", "single"), (CLOCK, f"'{CLOCK}'"),
                             ("block", "block"), (CLOCK + "\n", f"|\n  {CLOCK}\n"), ("escaped", "escaped"),
                             (CLOCK, '"\\\\ud83d\\\\udd53"'), ("quoted", "quoted"), ("\U0001F553", f'"{CLOCK}"'),
                             ("last", "last"), ("x", "x")]


@pytest.mark.parametrize("text, at", [
    ('{"a": "%s %s",\n "b": "%s \\ud83d x"}' % (CLOCK, CLOCK, CLOCK), "d83d x"),  # a lone high half
    ('{"a": "%s\\udd53"}' % CLOCK, "dd53\"}"),  # a low half too many
    ('{"a": "%s", "b": *nowhere}' % CLOCK, "*nowhere"),  # an error of the composer itself
    ('{"a": "%s", "b": [}' % CLOCK, "}"),
])
def test_errors_after_a_surrogate_pair_are_placed_in_the_original_text(text, at):
    offset = text.index(at)
    line_start = text.rfind("\n", 0, offset) + 1
    with pytest.raises(InputError) as caught:
        compose(text)
    assert (caught.value.line, caught.value.column) == (text.count("\n", 0, offset) + 1, offset - line_start + 1)


def test_a_lone_surrogate_escape_is_an_error_at_its_place(tmp_path):
    content = CRON.format(name="lone").replace('"0 2 * * *"', f'"{CLOCK} \\ud83d 0 2 * * *"').encode()
    line = bad_file(tmp_path, "lone.yaml", content)
    column = content.split(b"\n")[5].index(b"\\ud83d 0") + 3  # 1-based, at the hex digits of the lone `\ud83d`
    assert line.startswith(f"lone.yaml:6:{column}: error: ") and "Unicode" in line


def test_json_with_surrogate_pairs_converts(tmp_path):
    manifest = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "metadata": {"name": "\U0001F553"},
                "spec": {"schedule": "* * * * *", "workflowSpec": {"entrypoint": "say", "templates": [
                    {"name": "say", "container": {"image": "alpine", "args": ["\U0001F553 hello"]}}]}}}
    path = tmp_path / "cron.json"
    path.write_text(json.dumps(manifest, indent=2))
    assert CLOCK in path.read_text()
    result, stderr = with_good(tmp_path, "cron.json")
    assert result.returncode == 0, stderr
    manifest["spec"]["schedules"] = [manifest["spec"].pop("schedule")]
    assert json.loads(path.read_text()) == manifest
    assert path.read_text().count(CLOCK) == 2  # the escapes are kept as written
