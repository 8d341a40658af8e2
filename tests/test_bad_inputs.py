"""Hostile and odd inputs (SPEC 6): each ends quickly with a one-line message naming the
file, exit 2, the file untouched, no traceback, and the other files of the run converted."""
from __future__ import annotations

import os

import pytest

GOOD = (b"apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: ok}\nspec:\n  schedule: '1 * * * *'\n"
        b"  workflowSpec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}\n")
CRON = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: bad}\nspec:\n"


def bomb() -> bytes:
    lines = [CRON + "  schedule: '* * * * *'", "  workflowSpec:", "    arguments:",
             '      a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"      a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines).encode() + b"\n"


BAD = {
    "invalid": (CRON + "  schedule: [unclosed\n").encode(),
    "duplicate-keys": (CRON + "  schedule: a\n  schedule: b\n").encode(),
    "binary": b"\x00\x01schedule\x02",
    "not-utf8": (CRON + "  schedule: caf\xe9\n").encode("latin-1"),
    "alias-bomb": bomb(),
    "deep-flow": b"schedule: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep-block": b"mutex:\n" + b"".join(b" " * i + b"a:\n" for i in range(1, 3000)),
    "tab-indent": b"spec:\n\tschedule: x\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_an_error_and_the_others_still_run(cli, tmp_path, name):
    bad, good = tmp_path / f"{name}.yaml", tmp_path / "good.yaml"
    bad.write_bytes(BAD[name])
    good.write_bytes(GOOD)
    mtime = bad.stat().st_mtime_ns
    result = cli("--write", bad, good)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert f"{bad}:" in stderr and ": error: " in stderr and "Traceback" not in stderr
    assert bad.read_bytes() == BAD[name] and bad.stat().st_mtime_ns == mtime
    assert b"schedules:" in good.read_bytes()


def test_tags_are_never_constructed(cli, tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "tag.yaml"
    path.write_text(CRON + f"  schedule: !!python/object/apply:os.system ['touch {marker}']\n")
    result = cli("--check", path)
    assert result.returncode == 1 and not marker.exists()  # reported for a person, never run


@pytest.mark.parametrize("content", [b"", b"# only a comment\n", b"---\n...\n"])
def test_empty_and_comment_only_files_are_unchanged(cli, tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    assert cli("--check", path).returncode == 0


def test_symlink_loop_is_reported_and_symlinks_out_of_the_tree_are_not_followed(cli, tmp_path):
    tree, outside = tmp_path / "tree", tmp_path / "outside.yaml"
    tree.mkdir()
    outside.write_bytes(GOOD)
    os.symlink(tree / "b.yaml", tree / "a.yaml")
    os.symlink(tree / "a.yaml", tree / "b.yaml")
    os.symlink(outside, tree / "out.yaml")
    (tree / "folder.yaml").mkdir()
    (tree / "good.yaml").write_bytes(GOOD)
    result = cli("--write", tree)
    assert result.returncode == 2 and b"symbolic link loop" in result.stderr
    assert outside.read_bytes() == GOOD
    assert b"schedules:" in (tree / "good.yaml").read_bytes()


def test_a_long_line_and_a_large_file_finish(cli, tmp_path):
    item = ("- apiVersion: argoproj.io/v1alpha1\n  kind: CronWorkflow\n  metadata: {name: c%d}\n"
            "  spec:\n    schedule: '0 1 * * *'\n    workflowSpec: {entrypoint: main}\n")
    big = tmp_path / "big.yaml"
    big.write_text("apiVersion: v1\nkind: List\nitems:\n" + "".join(item % i for i in range(20000)))
    line = tmp_path / "line.yaml"
    line.write_text("data: '" + "x" * 10_000_000 + "'\nschedule: 1\n")
    result = cli("--check", "--quiet", big, line)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
