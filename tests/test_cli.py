"""The command-line contract of SPEC 4 and the JSON report of SPEC 5."""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess

import pytest
import yaml

import argoconvert
from argoconvert.migrations import REGISTRY, version
from conftest import run_cli

CRON = """\
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  # keep this comment
  schedule: "0 2 * * *"   # and this one
  workflowSpec:
    entrypoint: main
"""
CRON_V4 = CRON.replace('  schedule: "0 2 * * *"   # and this one\n',
                       '  schedules:\n    - "0 2 * * *"   # and this one\n')
PRIORITY = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: prio
spec:
  entrypoint: main
  podPriority: 10
"""
MULTI = """\
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: multi
spec:
  schedule: "0 2 * * *"
  workflowSpec:
    entrypoint: main
    podPriority: 10
    ttlSecondsAfterFinished: 60
    arguments:
      parameters:
        - {name: n, value: 3}
    synchronization:
      mutex:
        name: wf-lock
    templates:
      - name: main
        priority: 5
        resubmitPendingPods: true
        arguments: {}
        memoize:
          key: k
          cache: {configMap: {name: memo, key: k}}
        synchronization:
          semaphore:
            configMapKeyRef: {name: sem, key: k}
        steps:
          - - name: s
              templateRef: {name: t, template: t, runtimeResolution: true}
"""
INVALID = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: [unclosed\n"
# What a default run applies to manifests (not opt-in, not dependency pins): MULTI holds a legacy field for each.
MANIFEST_RULES = {name for name, rule in REGISTRY.items()
                  if not rule.opt_in and not rule.dependency and not name.startswith("crd-")}


def write(directory, name, text, mtime_ns=10**18) -> os.PathLike:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def report(result) -> dict:
    return json.loads(result.stdout)


def rules_reported(result) -> set[str]:
    return {change["rule"] for f in report(result)["files"] for change in f["changes"]}


# -- modes ----------------------------------------------------------------------------------

def test_default_mode_prints_the_converted_manifests_and_leaves_files_alone(tmp_path):
    cron = write(tmp_path, "cron.yaml", CRON)
    result = run_cli("cron.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == CRON_V4
    assert cron.read_text() == CRON and cron.stat().st_mtime_ns == 10**18
    assert b"cron.yaml:7:3: cron-schedules" in result.stderr


def test_default_mode_prints_unchanged_files_as_they_are(tmp_path):
    write(tmp_path, "v4.yaml", CRON_V4)
    result = run_cli("v4.yaml", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.decode() == CRON_V4


def test_default_mode_keeps_the_manifests_of_several_files_apart(tmp_path):
    write(tmp_path, "a.yaml", CRON.replace("nightly", "a").rstrip("\n"))  # no final newline
    write(tmp_path, "b.yaml", CRON.replace("nightly", "b"))
    write(tmp_path, "c.yaml", CRON_V4.replace("nightly", "c"))  # unchanged, printed as it is
    result = run_cli("a.yaml", "b.yaml", "c.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    documents = [d for d in yaml.safe_load_all(result.stdout) if d]
    assert [d["metadata"]["name"] for d in documents] == ["a", "b", "c"]
    assert all(d["spec"]["schedules"] == ["0 2 * * *"] for d in documents)


def test_write_rewrites_atomically_and_keeps_the_mode(tmp_path):
    path = write(tmp_path, "cron.yaml", CRON)
    path.chmod(0o640)
    inode = path.stat().st_ino
    result = run_cli("--write", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text() == CRON_V4
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # a new file renamed over the old one
    assert sorted(os.listdir(tmp_path)) == ["cron.yaml"]  # no temporary file left behind
    assert result.stdout == b""


def test_write_does_not_touch_an_unchanged_file(tmp_path):
    path = write(tmp_path, "v4.yaml", CRON_V4)
    inode = path.stat().st_ino
    result = run_cli("-w", "v4.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.stat().st_mtime_ns == 10**18 and path.stat().st_ino == inode


def test_write_twice_changes_nothing_the_second_time(tmp_path):
    path = write(tmp_path, "cron.yaml", CRON)
    run_cli("--write", "cron.yaml", cwd=tmp_path)
    os.utime(path, ns=(10**18, 10**18))
    result = run_cli("--check", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 0 and path.stat().st_mtime_ns == 10**18


def test_write_cannot_be_combined_with_check(tmp_path):
    path = write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--write", "--check", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 2 and path.read_text() == CRON


@pytest.mark.parametrize("files, expected", [
    ({"v4.yaml": CRON_V4}, 0),
    ({"cron.yaml": CRON}, 1),
    ({"prio.yaml": PRIORITY}, 1),  # manual finding only
    ({"bad.yaml": INVALID}, 2),
    ({"bad.yaml": INVALID, "cron.yaml": CRON}, 2),  # an error wins over changes
], ids=["nothing-to-do", "would-change", "manual", "error", "error-and-change"])
def test_check_exit_status(tmp_path, files, expected):
    for name, text in files.items():
        write(tmp_path, name, text)
    result = run_cli("--check", *files, cwd=tmp_path)
    assert result.returncode == expected, result.stderr
    assert result.stdout == b""
    for name, text in files.items():
        assert (tmp_path / name).read_text() == text and (tmp_path / name).stat().st_mtime_ns == 10**18


def test_check_reports_the_manual_finding_with_its_position(tmp_path):
    write(tmp_path, "prio.yaml", PRIORITY)
    result = run_cli("--check", "prio.yaml", cwd=tmp_path)
    assert re.search(rb"^prio\.yaml:7:3: pod-priority .*10", result.stderr, re.M), result.stderr


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    path = write(tmp_path, "sub/cron.yaml", CRON)
    result = run_cli("--diff", "sub/cron.yaml", cwd=tmp_path)
    out = result.stdout.decode()
    assert out.startswith("--- a/sub/cron.yaml\n+++ b/sub/cron.yaml\n@@ ")
    assert '-  schedule: "0 2 * * *"   # and this one\n' in out and "+  schedules:\n" in out
    assert "keep this comment" not in [line[1:].strip() for line in out.splitlines() if line[:1] in "+-"]
    assert path.read_text() == CRON and path.stat().st_mtime_ns == 10**18
    assert result.returncode == 1  # SPEC 4: 1 for --diff with a diff


def test_diff_with_check(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    write(tmp_path, "v4.yaml", CRON_V4)
    changed = run_cli("--check", "--diff", "cron.yaml", "v4.yaml", cwd=tmp_path)
    assert changed.returncode == 1 and changed.stdout.count(b"--- a/") == 1
    unchanged = run_cli("--check", "--diff", "v4.yaml", cwd=tmp_path)
    assert unchanged.returncode == 0 and unchanged.stdout == b""


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_applied_with_git_apply_gives_the_write_result(tmp_path):
    files = {
        "lf.yaml": CRON.encode(),
        "crlf.yaml": CRON.replace("\n", "\r\n").encode(),
        "no-final-newline.yaml": b"apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n"
                                 b"  name: x\nspec:\n  workflowSpec: {entrypoint: main}\n  schedule: '0 1 * * *'",
        "dir/bom.yaml": b"\xef\xbb\xbf" + CRON.encode(),
        "v4.yaml": CRON_V4.encode(),
    }
    patched, written = tmp_path / "patched", tmp_path / "written"
    for root in (patched, written):
        for name, data in files.items():
            write(root, name, data)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "core.autocrlf=false"]
    subprocess.run([*git, "init", "-q", "."], cwd=patched, check=True)
    diff = run_cli("--diff", ".", cwd=patched)
    assert diff.returncode == 1 and b"--- a/crlf.yaml" in diff.stdout, diff.stderr
    (tmp_path / "changes.diff").write_bytes(diff.stdout)
    applied = subprocess.run([*git, "apply", "--whitespace=nowarn", str(tmp_path / "changes.diff")], cwd=patched,
                             capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert run_cli("--write", ".", cwd=written).returncode == 0
    for name in files:
        assert (patched / name).read_bytes() == (written / name).read_bytes(), name
    assert (written / "crlf.yaml").read_bytes().count(b"\r\n") == (written / "crlf.yaml").read_bytes().count(b"\n")
    assert not (written / "no-final-newline.yaml").read_bytes().endswith(b"\n")
    assert (written / "dir/bom.yaml").read_bytes().startswith(b"\xef\xbb\xbf")


# -- rule selection and target version -------------------------------------------------------

@pytest.mark.parametrize("option, value, expected", [
    ("--select", "cron-schedules", {"cron-schedules"}),
    ("--select", "sync-mutexes,sync-semaphores", {"sync-mutexes", "sync-semaphores"}),
    ("--select", "pod-priority", {"pod-priority"}),
    ("--select", "template-priority", {"template-priority"}),
    ("--ignore", "cron-schedules,pod-priority", MANIFEST_RULES - {"cron-schedules", "pod-priority"}),
    ("--ignore", "sync-mutexes", MANIFEST_RULES - {"sync-mutexes"}),
    ("--select", "sync", {"sync-mutexes", "sync-semaphores"}),  # a prefix that ends at a hyphen
    ("--ignore", "sync-,template", MANIFEST_RULES - {"sync-mutexes", "sync-semaphores", "template-priority",
                                                     "template-arguments"}),
])
def test_select_and_ignore(tmp_path, option, value, expected):
    write(tmp_path, "multi.yaml", MULTI)
    value += ",crd" if option == "--ignore" else ""  # MULTI is not a valid v4 object either way
    result = run_cli("--check", "--format", "json", option, value, "multi.yaml", cwd=tmp_path)
    assert rules_reported(result) == expected
    assert result.returncode == 1


def test_select_applies_only_the_selected_rule(tmp_path):
    path = write(tmp_path, "multi.yaml", MULTI)
    result = run_cli("--write", "--select", "sync-mutexes", "multi.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = path.read_text()
    assert "      mutexes:\n        - name: wf-lock\n" in after
    assert '  schedule: "0 2 * * *"' in after and "semaphore:" in after and "podPriority: 10" in after


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_name_is_a_usage_error(tmp_path, option):
    path = write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--write", option, "cron-schedules,no-such-rule,syn", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert b"no-such-rule, syn" in result.stderr and b"Traceback" not in result.stderr
    assert path.read_text() == CRON and path.stat().st_mtime_ns == 10**18


def test_target_version_2_11_applies_nothing(tmp_path):
    path = write(tmp_path, "multi.yaml", MULTI)
    result = run_cli("--check", "--format", "json", "--target-version", "2.11", "multi.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert report(result)["files"] == [] and report(result)["target_version"] == "2.11"
    assert run_cli("--write", "--target-version", "2.11", "multi.yaml", cwd=tmp_path).returncode == 0
    assert path.read_text() == MULTI and path.stat().st_mtime_ns == 10**18


def test_target_version_3_5_applies_only_the_rules_of_earlier_versions(tmp_path):
    write(tmp_path, "multi.yaml", MULTI)
    result = run_cli("--check", "--format", "json", "--target-version", "3.5", "multi.yaml", cwd=tmp_path)
    assert rules_reported(result) == {name for name in MANIFEST_RULES
                                      if REGISTRY[name].applies_at(version("3.5"))}
    assert {"resubmit-pending-pods", "ttl-seconds-after-finished"} <= rules_reported(result)


def test_target_version_3_6_fixes_but_does_not_yet_report_the_removed_priorities(tmp_path):
    write(tmp_path, "multi.yaml", MULTI)
    result = run_cli("--check", "--format", "json", "--target-version", "3.6", "multi.yaml", cwd=tmp_path)
    earlier = {name for name in MANIFEST_RULES if REGISTRY[name].applies_at(version("3.5"))}
    assert rules_reported(result) - earlier == {"cron-schedules", "sync-mutexes", "sync-semaphores"}
    assert result.returncode == 1
    write(tmp_path, "prio.yaml", PRIORITY)
    assert run_cli("--check", "--target-version", "3.6", "prio.yaml", cwd=tmp_path).returncode == 0
    assert run_cli("--check", "--target-version", "3.7", "prio.yaml", cwd=tmp_path).returncode == 1


def test_invalid_target_version_is_a_usage_error(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--check", "--target-version", "four", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_list_rules(tmp_path):
    result = run_cli("--list-rules", cwd=tmp_path)
    assert result.returncode == 0
    lines = {line.split()[0]: line for line in result.stdout.decode().splitlines() if line.strip()}
    assert set(REGISTRY) <= set(lines)
    assert re.search(r"3\.6.*4\.0.*auto", lines["cron-schedules"])
    assert re.search(r"3\.0.*3\.7.*manual", lines["pod-priority"])
    assert re.search(r"3\.0.*3\.7.*manual", lines["template-priority"])
    assert re.search(r"reported from 3\.6 +manual", lines["sdk-pins"])


def test_version(tmp_path):
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert "argoconvert" in result.stdout.decode() and argoconvert.__version__ in result.stdout.decode()


# -- stdin ------------------------------------------------------------------------------------

def test_stdin(tmp_path):
    result = run_cli("-", stdin=CRON.encode(), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.decode() == CRON_V4
    check = run_cli("--check", "-", stdin=CRON.encode(), cwd=tmp_path)
    assert check.returncode == 1 and check.stdout == b""
    unchanged = run_cli("--check", "-", stdin=CRON_V4.encode(), cwd=tmp_path)
    assert unchanged.returncode == 0
    written = run_cli("--write", "-", stdin=CRON.encode(), cwd=tmp_path)  # nothing to write back to: printed
    assert written.returncode == 0 and written.stdout.decode() == CRON_V4


def test_stdin_with_crlf_and_no_final_newline_round_trips(tmp_path):
    data = CRON.replace("\n", "\r\n").rstrip("\r\n").encode()
    result = run_cli("-", stdin=data, cwd=tmp_path)
    assert result.stdout == CRON_V4.replace("\n", "\r\n").rstrip("\r\n").encode()


# -- JSON report ------------------------------------------------------------------------------

def test_json_report_shape(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    write(tmp_path, "prio.yaml", PRIORITY)
    write(tmp_path, "bad.yaml", INVALID)
    write(tmp_path, "v4.yaml", CRON_V4)
    result = run_cli("--check", "--format", "json", "bad.yaml", "cron.yaml", "prio.yaml", "v4.yaml", cwd=tmp_path)
    assert result.returncode == 2
    doc = report(result)
    assert {"tool", "version", "target_version", "files", "summary"} <= set(doc)
    assert doc["tool"] == "argoconvert" and doc["version"] == argoconvert.__version__
    files = {f["path"]: f for f in doc["files"]}
    assert set(files) == {"bad.yaml", "cron.yaml", "prio.yaml"}  # unchanged files are only counted
    assert {name: f["status"] for name, f in files.items()} == {
        "bad.yaml": "error", "cron.yaml": "changed", "prio.yaml": "manual"}
    assert doc["summary"] == {"files": 4, "changed": 1, "unchanged": 1, "manual": 1, "errors": 1, "changes": 1}

    [change] = files["cron.yaml"]["changes"]
    assert {"rule", "line", "column", "document", "item", "object", "path", "fixable", "applied",
            "message"} <= set(change)
    assert (change["rule"], change["line"], change["column"]) == ("cron-schedules", 7, 3)
    assert (change["document"], change["item"], change["object"], change["path"]) == \
        (0, None, "CronWorkflow/nightly", "spec.schedule")
    assert change["fixable"] is True and change["applied"] is True
    assert files["cron.yaml"]["error"] is None

    [finding] = files["prio.yaml"]["changes"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("pod-priority", 7, 3)
    assert finding["fixable"] is False and finding["applied"] is False and finding["path"] == "spec.podPriority"

    error = files["bad.yaml"]["error"]
    assert set(error) == {"message", "line", "column"} and error["line"] >= 4 and error["column"] >= 1


def test_json_positions_in_a_list_and_a_later_document(tmp_path):
    text = ("# header\n---\nkind: ConfigMap\napiVersion: v1\n---\napiVersion: v1\nkind: List\nitems:\n"
            "- apiVersion: argoproj.io/v1alpha1\n  kind: Workflow\n  metadata: {name: first}\n  spec: {}\n"
            "- apiVersion: argoproj.io/v1alpha1\n  kind: Workflow\n  metadata:\n    name: second\n"
            "  spec:\n    synchronization:\n        mutex: {name: m}\n")
    write(tmp_path, "list.yaml", text)
    [change] = report(run_cli("--check", "--format", "json", "list.yaml", cwd=tmp_path))["files"][0]["changes"]
    assert (change["line"], change["column"], change["document"], change["item"]) == (19, 9, 1, 1)
    assert change["rule"] == "sync-mutexes" and change["object"] == "Workflow/second"


def test_json_report_goes_to_stderr_when_manifests_are_on_stdout(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--format", "json", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == CRON_V4
    doc, _ = json.JSONDecoder().raw_decode(result.stderr.decode())
    assert doc["summary"]["changed"] == 1 and doc["files"][0]["path"] == "cron.yaml"


def test_json_report_to_output_file(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--check", "--format", "json", "--output-file", "report.json", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == b""
    doc = json.loads((tmp_path / "report.json").read_text())
    assert doc["files"][0]["status"] == "changed"


def test_text_report_to_output_file(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--check", "--output-file", "report.txt", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "cron.yaml:7:3: cron-schedules" in (tmp_path / "report.txt").read_text()
    assert b"cron.yaml:7:3" not in result.stderr


# -- exit-zero, quiet -------------------------------------------------------------------------

def test_exit_zero(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    write(tmp_path, "prio.yaml", PRIORITY)
    assert run_cli("--check", "--exit-zero", "cron.yaml", "prio.yaml", cwd=tmp_path).returncode == 0
    assert run_cli("--diff", "--exit-zero", "cron.yaml", cwd=tmp_path).returncode == 0
    write(tmp_path, "bad.yaml", INVALID)
    assert run_cli("--check", "--exit-zero", "cron.yaml", "bad.yaml", cwd=tmp_path).returncode == 2


def test_quiet(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--check", "-q", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == b""
    write(tmp_path, "bad.yaml", INVALID)
    errors = run_cli("--check", "--quiet", "cron.yaml", "bad.yaml", cwd=tmp_path)
    assert errors.returncode == 2
    lines = errors.stderr.decode().splitlines()
    assert lines and all(line.startswith("bad.yaml:") for line in lines), lines


# -- directory walking ------------------------------------------------------------------------

def test_directory_walking(tmp_path):
    json_cron = json.dumps({"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow",
                            "metadata": {"name": "j"},
                            "spec": {"schedule": "0 1 * * *", "workflowSpec": {"entrypoint": "main"}}}, indent=2) + "\n"
    found = ["tree/a.yaml", "tree/b.yml", "tree/c.json", "tree/sub/deep/d.yaml", "tree/kept/keep.yaml"]
    ignored = ["tree/notes.txt", "tree/x.yaml.bak", "tree/script.sh", "tree/.git/config.yaml",
               "tree/sub/.git/e.yaml", "tree/vendor/v.yaml", "tree/gen.out.yaml", "tree/sub/local.yaml",
               "tree/kept/drop.yaml"]
    for name in found + ignored:
        write(tmp_path, name, json_cron if name.endswith(".json") else CRON)
    write(tmp_path, "tree/.gitignore", "vendor/\n*.out.yaml\n")
    write(tmp_path, "tree/sub/.gitignore", "local.yaml\n")
    write(tmp_path, "tree/kept/.gitignore", "*.yaml\n!keep.yaml\n")
    result = run_cli("--write", "tree", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    changed = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")
                     if p.is_file() and p.stat().st_mtime_ns != 10**18)
    assert changed == sorted(found)
    assert '"schedules": [' in (tmp_path / "tree/c.json").read_text()


def test_dependency_pins_are_found_by_name_and_in_a_requirements_folder(tmp_path):
    pinned = {"requirements-dev.txt": "hera==5.16.3\n", "requirements/base.txt": "argo-workflows==6.5.0\n",
              "requirements/dev.in": "hera-workflows<5.19\n",
              "pyproject.toml": '[project]\ndependencies = ["hera<5"]\n'}
    for name, text in {**pinned, "docs/notes.txt": "hera==5.0\n", "requirements/README.md": "hera==5.0\n"}.items():
        write(tmp_path, name, text)
    result = run_cli("--check", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert {f["path"]: [c["rule"] for c in f["changes"]] for f in report(result)["files"]} == \
        {name: ["sdk-pins"] for name in pinned}
    assert all(p.stat().st_mtime_ns == 10**18 for p in tmp_path.rglob("*") if p.is_file())
    ignored = run_cli("--check", "--format", "json", "--ignore", "sdk-pins", ".", cwd=tmp_path)
    assert ignored.returncode == 0 and report(ignored)["files"] == []


def test_gitignore_anchored_pattern(tmp_path):
    write(tmp_path, "tree/.gitignore", "/top.yaml\n")
    top, nested = write(tmp_path, "tree/top.yaml", CRON), write(tmp_path, "tree/sub/top.yaml", CRON)
    assert run_cli("--write", "tree", cwd=tmp_path).returncode == 0
    assert top.read_text() == CRON and nested.read_text() == CRON_V4


def test_write_keeps_a_symlink_inside_the_tree(tmp_path):
    real = write(tmp_path, "tree/real.yaml", CRON)
    os.symlink("real.yaml", tmp_path / "tree/link.yaml")
    result = run_cli("--write", "tree", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert real.read_text() == CRON_V4
    assert os.path.islink(tmp_path / "tree/link.yaml")


def test_explicit_file_is_processed_whatever_its_extension(tmp_path):
    path = write(tmp_path, "manifest.txt", CRON)
    ignored = write(tmp_path, "dir/manifest.txt", CRON)
    result = run_cli("--write", "manifest.txt", "dir", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text() == CRON_V4 and ignored.read_text() == CRON


def test_explicit_file_inside_an_ignored_directory_is_processed(tmp_path):
    write(tmp_path, ".gitignore", "vendor/\n")
    path = write(tmp_path, "vendor/cron.yaml", CRON)
    result = run_cli("--write", "vendor/cron.yaml", cwd=tmp_path)
    assert result.returncode == 0 and path.read_text() == CRON_V4


def test_a_file_named_twice_is_processed_once(tmp_path):
    write(tmp_path, "cron.yaml", CRON)
    result = run_cli("cron.yaml", "./cron.yaml", ".", cwd=tmp_path)
    assert result.stdout.decode() == CRON_V4


def test_missing_path_is_an_error_and_the_others_still_run(tmp_path):
    path = write(tmp_path, "cron.yaml", CRON)
    result = run_cli("--write", "missing.yaml", "cron.yaml", cwd=tmp_path)
    assert result.returncode == 2 and b"missing.yaml" in result.stderr
    assert path.read_text() == CRON_V4


def test_no_path_is_a_usage_error(tmp_path):
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 2 and b"Traceback" not in result.stderr


@pytest.mark.parametrize("value, error", [
    ("x=high", "integer VALUE"),
    ("100=High", "not a PriorityClass name"),
    ("100=", "not a PriorityClass name"),
    ("100=a b", "not a PriorityClass name"),
])
def test_priority_class_values_are_checked(cli, tmp_path, value, error):
    path = write(tmp_path, "w.yaml", "kind: Workflow\napiVersion: argoproj.io/v1alpha1\nspec:\n  podPriority: 100\n")
    result = cli("--priority-class", value, path)
    assert result.returncode == 2 and error in result.stderr.decode()


def test_priority_class_mapped_twice_differently_is_refused(cli, tmp_path):
    path = write(tmp_path, "w.yaml", "kind: Workflow\napiVersion: argoproj.io/v1alpha1\nspec:\n  podPriority: 100\n")
    result = cli("--priority-class", "100=high", "--priority-class", "100=low", path)
    assert result.returncode == 2 and "mapped to both" in result.stderr.decode()
    same = cli("--priority-class", "100=high", "--priority-class", " 100 = high ", "--check", path)
    assert same.returncode == 1 and b"podPriorityClassName: high" in cli("--priority-class", "100=high", path).stdout
