"""The machine-read reports (SPEC 5): SARIF valid against the official 2.1.0 schema, GitHub
workflow commands that parse and round-trip their escapes, the step summary, and all formats
agreeing on what they count."""
from __future__ import annotations

import collections
import json
import os
import re
from pathlib import Path

import pytest

from argoconvert.migrations import REGISTRY
from conftest import ROOT, run_cli

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

CRON = """\
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedule: "0 2 * * *"
  workflowSpec:
    entrypoint: main
    synchronization:
      mutex:
        name: db
    templates:
      - name: main
        container: {image: alpine}
"""
POD_PRIORITY = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: prio-
spec:
  podPriority: 10
  entrypoint: main
  templates:
    - name: main
      container: {image: alpine}
"""
V4 = """\
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: done
spec:
  schedules: ["0 2 * * *"]
  workflowSpec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}
"""
INVALID = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: [unclosed\n"


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


# RFC 3986: a relative reference whose first segment has no ":" (else it would read as a scheme)
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$")


def assert_valid(validator, sarif: dict) -> None:
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    for run in sarif["runs"]:  # jsonschema checks the "uri-reference" format only with extra packages
        locations = [loc for res in run["results"] for loc in res["locations"]]
        locations += [loc for inv in run.get("invocations", []) for n in inv.get("toolExecutionNotifications", [])
                      for loc in n.get("locations", [])]
        for location in locations:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert URI_REFERENCE.match(uri), uri
            assert uri.startswith("file:///") or ":" not in uri.split("/")[0], uri


def test_the_validator_rejects_what_is_not_sarif(validator):
    from argoconvert.report import sarif
    document = sarif.document([], "4.0")
    assert not list(validator.iter_errors(document))
    document["runs"][0]["results"] = [{"ruleId": "x", "level": "fatal", "message": {"text": "m"}}]
    assert list(validator.iter_errors(document))
    del document["version"]
    assert list(validator.iter_errors(document))


def report(fmt: str, *paths, cwd=None, env=None, extra=()):
    result = run_cli("--check", "--format", fmt, *extra, *paths, cwd=cwd, env=env)
    assert result.returncode in (0, 1, 2), result.stderr.decode()
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result


def sarif_of(*paths, cwd=None) -> dict:
    return json.loads(report("sarif", *paths, cwd=cwd).stdout)


@pytest.fixture
def tree(tmp_path):
    """A small work folder: a fixable file, a manual one, a v4 one, an invalid one, and a file
    whose name needs escaping everywhere."""
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "cron.yaml").write_text(CRON)
    (tmp_path / "prio.yaml").write_text(POD_PRIORITY)
    (tmp_path / "v4.yaml").write_text(V4)
    (tmp_path / "broken.yaml").write_text(INVALID)
    (tmp_path / "we:ird, 100% #1.yaml").write_text(CRON)
    return tmp_path


# --- SARIF -------------------------------------------------------------------------------------

def test_schema_is_the_official_one():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"result", "run", "toolComponent", "reportingDescriptor", "notification"} <= set(schema["definitions"])


def test_sarif_of_a_small_tree_is_valid(validator, tree):
    result = report("sarif", ".", cwd=tree)
    assert result.returncode == 2  # broken.yaml
    sarif = json.loads(result.stdout)
    assert_valid(validator, sarif)
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "argoconvert" and driver["version"] and driver["informationUri"].startswith("https://")
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert set(REGISTRY) <= set(rule_ids)  # the whole catalog
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["helpUri"].startswith("https://")
        assert rule["defaultConfiguration"]["level"] in ("warning", "error")
    by_uri = collections.defaultdict(list)
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        location = res["locations"][0]["physicalLocation"]
        by_uri[location["artifactLocation"]["uri"]].append(res)
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert res["message"]["text"]
    assert sorted(by_uri) == ["ci/cron.yaml", "prio.yaml", "we%3Aird,%20100%25%20%231.yaml"]
    assert {(r["ruleId"], r["level"]) for r in by_uri["ci/cron.yaml"]} == {("cron-schedules", "warning"),
                                                                           ("sync-mutexes", "warning")}
    assert [(r["ruleId"], r["level"]) for r in by_uri["prio.yaml"]] == [("pod-priority", "error")]
    schedule = next(r for r in by_uri["ci/cron.yaml"] if r["ruleId"] == "cron-schedules")
    assert schedule["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 3}
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.yaml"
    assert "broken.yaml" in notification["message"]["text"]


def test_sarif_uris_are_relative_with_forward_slashes_even_for_absolute_arguments(validator, tree):
    sarif = sarif_of(tree / "ci" / "cron.yaml", "prio.yaml", cwd=tree)
    assert_valid(validator, sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"ci/cron.yaml", "prio.yaml"}
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_of_stdin(validator):
    result = run_cli("--check", "--format", "sarif", "-", stdin=CRON.encode())
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    assert_valid(validator, sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"stdin"}


def test_sarif_of_the_golden_folder_is_valid(validator):
    result = report("sarif", "golden", cwd=ROOT)
    sarif = json.loads(result.stdout)
    assert_valid(validator, sarif)
    results = sarif["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("golden/")
                           for r in results)
    assert {r["level"] for r in results} == {"warning", "error"}


@pytest.mark.parametrize("content", [None, V4], ids=["no-files", "nothing-to-do"])
def test_an_empty_run_is_a_valid_sarif_document(validator, tmp_path, content):
    if content is not None:
        (tmp_path / "v4.yaml").write_text(content)
    result = report("sarif", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    sarif = json.loads(result.stdout)
    assert_valid(validator, sarif)
    run = sarif["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_render_of_no_results_is_valid(validator):
    from argoconvert.report import sarif
    assert_valid(validator, json.loads(sarif.render([], "4.0")))


# --- JSON and SARIF agree ----------------------------------------------------------------------

def _json_records(doc: dict) -> collections.Counter:
    return collections.Counter((f["path"], c["rule"], c["line"], c["column"], "warning" if c["applied"] else "error")
                               for f in doc["files"] for c in f["changes"])


def _sarif_records(doc: dict) -> collections.Counter:
    out = collections.Counter()
    for res in doc["runs"][0]["results"]:
        location = res["locations"][0]["physicalLocation"]
        out[(location["artifactLocation"]["uri"], res["ruleId"], location["region"]["startLine"],
             location["region"]["startColumn"], res["level"])] += 1
    return out


@pytest.mark.parametrize("where", ["tree", "golden"])
def test_json_and_sarif_agree_on_counts(tree, where):
    cwd, path = (tree, ".") if where == "tree" else (ROOT, "golden")
    as_json = json.loads(report("json", path, cwd=cwd).stdout)
    as_sarif = json.loads(report("sarif", path, cwd=cwd).stdout)
    summary = as_json["summary"]
    results = as_sarif["runs"][0]["results"]
    levels = collections.Counter(r["level"] for r in results)
    records = [c for f in as_json["files"] for c in f["changes"]]
    assert len(results) == len(records)
    assert levels["warning"] == summary["changes"] == sum(c["applied"] for c in records)
    assert levels["error"] == sum(not c["applied"] for c in records)
    notifications = as_sarif["runs"][0]["invocations"][0].get("toolExecutionNotifications", [])
    assert sum(n["level"] == "error" for n in notifications) == summary["errors"]
    assert sum(n["level"] == "note" for n in notifications) == sum(f["status"] == "skipped" for f in as_json["files"])
    # the same records, file for file (paths here are plain, so URI and path coincide)
    if where == "golden":
        assert _json_records(as_json) == _sarif_records(as_sarif)


# --- GitHub workflow commands ------------------------------------------------------------------

COMMAND = re.compile(r"^::(?P<kind>warning|error|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")
PROPERTY = re.compile(r"^(?P<key>file|line|col|endLine|endColumn|title)=(?P<value>[^,]*)$")


def unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]],
                  text)


def parse_commands(output: str) -> list[dict]:
    commands = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        assert match, f"not a workflow command: {line!r}"
        assert "\r" not in line
        props = {}
        for part in (match["props"] or "").split(","):
            if part:
                prop = PROPERTY.match(part)
                assert prop, f"bad property {part!r} in {line!r}"
                props[prop["key"]] = unescape(prop["value"])
        commands.append({"kind": match["kind"], "message": unescape(match["message"]), **props})
    return commands


def test_escapes_round_trip():
    from argoconvert.report.github import command, escape_data, escape_property
    nasty = "100% done:\r\nline two, with %0A literal and ::"
    assert unescape(escape_data(nasty)) == nasty
    assert unescape(escape_property(nasty)) == nasty
    assert not set(escape_property(nasty)) & set(":,\r\n")
    [parsed] = parse_commands(command("error", nasty, file="a:b,c%.yaml", line=3, col=4, title="t: x, y"))
    assert parsed == {"kind": "error", "message": nasty, "file": "a:b,c%.yaml", "line": "3", "col": "4",
                      "title": "t: x, y"}


def test_every_github_line_parses(tree):
    result = report("github", ".", cwd=tree)
    assert result.returncode == 2
    commands = parse_commands(result.stdout.decode())
    as_json = json.loads(report("json", ".", cwd=tree).stdout)
    records = [(f["path"], c) for f in as_json["files"] for c in f["changes"]]
    errors = [f for f in as_json["files"] if f["status"] == "error"]
    assert len(commands) == len(records) + len(errors)
    files = {c["file"] for c in commands}
    assert files == {"ci/cron.yaml", "prio.yaml", "broken.yaml", "we:ird, 100% #1.yaml"}
    for c in commands:
        if c["file"] == "broken.yaml":
            assert c["kind"] == "error" and c["title"] == "argoconvert (error)"
            continue
        assert int(c["line"]) >= 1 and int(c["col"]) >= 1
        assert re.fullmatch(r"argoconvert \([a-z-]+\)", c["title"])
    kinds = collections.Counter((c["file"], c["kind"]) for c in commands)
    assert kinds[("prio.yaml", "error")] == 1
    assert kinds[("ci/cron.yaml", "warning")] == 2 and kinds[("we:ird, 100% #1.yaml", "warning")] == 2
    # the message is the record's, with the object it is about
    schedule = next(c for c in commands if c["file"] == "ci/cron.yaml" and "cron-schedules" in c["title"])
    message = next(c["message"] for p, c in records if p == "ci/cron.yaml" and c["rule"] == "cron-schedules")
    assert schedule["message"] == f"CronWorkflow/nightly: {message}"
    assert (schedule["line"], schedule["col"]) == ("6", "3")


def test_every_github_line_parses_on_golden():
    result = report("github", "golden", cwd=ROOT)
    commands = parse_commands(result.stdout.decode())
    as_json = json.loads(report("json", "golden", cwd=ROOT).stdout)
    records = [c for f in as_json["files"] for c in f["changes"]]
    skipped = [f for f in as_json["files"] if f["status"] == "skipped"]
    assert len(commands) == len(records) + len(skipped)
    assert collections.Counter(c["kind"] for c in commands) == {
        "warning": sum(c["applied"] for c in records), "error": sum(not c["applied"] for c in records),
        "notice": len(skipped)}
    assert all(c["file"].startswith("golden/") for c in commands)


def test_github_stdin_has_no_file_property():
    result = run_cli("--check", "--format", "github", "-", stdin=POD_PRIORITY.encode())
    [parsed] = parse_commands(result.stdout.decode())
    assert "file" not in parsed and parsed["kind"] == "error"


# --- step summary ------------------------------------------------------------------------------

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_step_summary_is_appended_when_the_variable_is_set(tree, tmp_path_factory):
    summary_file = tmp_path_factory.mktemp("gh") / "summary.md"
    summary_file.write_text("earlier step\n")
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary_file))
    result = report("github", ".", cwd=tree, env=env)
    text = summary_file.read_text()
    assert text.startswith("earlier step\n## argoconvert\n")
    assert "5 files examined" in text and "1 failed" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    header, counts, table_header, *entries = rows
    assert len(UNESCAPED_PIPE.findall(table_header)) == 6
    assert len(entries) == len(parse_commands(result.stdout.decode()))
    for row in entries:
        assert len(UNESCAPED_PIPE.findall(row)) == 6, row
    assert entries[0].startswith("| broken.yaml |")  # failures first, then manual findings
    assert any("prio.yaml" in row and "pod-priority" in row and "manual" in row for row in entries[:2])
    assert any(r"we:ird, 100% \#1.yaml" in row for row in entries)


def test_step_summary_escapes_cells():
    from argoconvert.report.github import step_summary
    from argoconvert.records import FileResult, Record
    record = Record(rule="cron-schedules", line=3, column=5, object="CronWorkflow/a|b", path="spec.schedule",
                    fixable=True, message="value 'x | y' <b>kept</b>\nnext")
    text = step_summary([FileResult("dir/p|q.yaml", b"", records=[record])])
    row = text.splitlines()[-2]
    assert len(UNESCAPED_PIPE.findall(row)) == 6, row
    assert "<b>" not in row and "\n" not in row

