"""Benchmark: argoconvert on cluster exports against a baseline measured in the same run.

    python benchmarks/exports.py                 # the goals of the README, about six minutes
    python benchmarks/exports.py --quick         # smaller inputs, for a smoke test

Generates `kubectl get ... -o yaml|json`-style Lists (sorted keys, two-space indent,
indentless lists, status and managedFields; JSON with four-space indent), then times
`argoconvert FILE > out` (a fresh process, as a user runs it) against PyYAML's C loader merely
loading the same YAML, or `json.load` for JSON, each in a process of its own. Prints the ratio
of the times and argoconvert's peak memory as a multiple of the input size.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

import yaml

MEASURE = r"""
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if kind == "yaml":
    import yaml
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
elif kind == "json":
    with open(path, "rb") as handle:
        json.load(handle)
else:
    import io
    from contextlib import redirect_stdout
    from argoconvert.cli import main
    startup = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    sys.argv = ["argoconvert", "--quiet", *sys.argv[3:], path]
    sink = open("/dev/null", "wb")
    sys.stdout = io.TextIOWrapper(sink)
    try:
        main()
    except SystemExit:
        pass
    sys.stdout.flush()
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "startup": locals().get("startup", 0)}), file=sys.stderr)
"""


def workflow(index: int, legacy: bool) -> dict:
    kind = ("CronWorkflow", "Workflow", "WorkflowTemplate")[index % 3]
    name = f"{kind.lower()}-{index:06d}"
    template = {
        "name": "main",
        "inputs": {"parameters": [{"name": "message", "value": f"hello {index}"}]},
        "container": {"image": "alpine:3.19", "command": ["sh", "-c"],
                      "args": ["echo {{inputs.parameters.message}} && sleep 1"],
                      "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}},
    }
    workflow_spec = {"entrypoint": "main", "serviceAccountName": "argo-workflow", "templates": [template],
                     "arguments": {"parameters": [{"name": "run", "value": str(index)}]}}
    if legacy:
        template["synchronization"] = {"mutex": {"name": f"lock-{index % 17}"}}
    spec = {"workflowSpec": workflow_spec, "concurrencyPolicy": "Replace"} if kind == "CronWorkflow" else workflow_spec
    if kind == "CronWorkflow":
        spec["schedule" if legacy else "schedules"] = "0 2 * * *" if legacy else ["0 2 * * *"]
    fields = {f"f:{key}": {} for key in sorted(spec)}
    meta = {
        "name": name, "namespace": f"team-{index % 7}", "uid": f"5f0c{index:08x}-1b2c-4d5e-8f90-a1b2c3d4e5f6",
        "resourceVersion": str(1000000 + index), "generation": 1, "creationTimestamp": "2026-01-01T00:00:00Z",
        "labels": {"app.kubernetes.io/name": "pipeline", "team": f"team-{index % 7}"},
        "annotations": {"kubectl.kubernetes.io/last-applied-configuration": json.dumps(
            {"apiVersion": "argoproj.io/v1alpha1", "kind": kind, "metadata": {"name": name}, "spec": spec},
            separators=(",", ":"), sort_keys=True) + "\n"},
        "managedFields": [{"apiVersion": "argoproj.io/v1alpha1", "fieldsType": "FieldsV1", "manager": "kubectl",
                           "operation": "Update", "time": "2026-01-01T00:00:00Z",
                           "fieldsV1": {"f:metadata": {"f:labels": {"f:team": {}}}, "f:spec": fields}}],
    }
    item = {"apiVersion": "argoproj.io/v1alpha1", "kind": kind, "metadata": meta, "spec": spec}
    if kind == "Workflow":
        item["status"] = {"phase": "Succeeded", "startedAt": "2026-01-01T00:00:00Z",
                          "finishedAt": "2026-01-01T00:01:00Z", "progress": "1/1",
                          "nodes": {f"{name}-{n}": {"id": f"{name}-{n}", "name": f"{name}[{n}]", "phase": "Succeeded",
                                                    "type": "Pod", "templateName": "main",
                                                    "outputs": {"exitCode": "0"}} for n in range(40)}}
    return item


def generate(path: str, items: int, legacy_fraction: float, as_json: bool) -> int:
    step = max(1, round(1 / legacy_fraction)) if legacy_fraction else 0
    objects = [workflow(i, bool(step) and i % step == 0) for i in range(items)]
    document = {"apiVersion": "v1", "items": objects, "kind": "List", "metadata": {"resourceVersion": ""}}
    with open(path, "w", encoding="utf-8") as handle:
        if as_json:
            json.dump(document, handle, indent=4, sort_keys=True)
            handle.write("\n")
        else:
            yaml.dump(document, handle, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=True,
                      default_flow_style=False, width=10**9)
    return os.path.getsize(path)


REPEAT = 3  # runs of each measurement: the fastest counts (as timeit does), the others met interference


def measure(kind: str, path: str, *args: str) -> dict:
    runs = []
    for _ in range(REPEAT):
        run = subprocess.run([sys.executable, "-c", MEASURE, kind, path, *args], capture_output=True, text=True)
        runs.append(json.loads(run.stderr.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def case(folder: str, label: str, items: int, fraction: float, as_json: bool, goal: float, *options: str) -> float:
    """Prints one row of the table (argoconvert run with `options`); returns argoconvert's time."""
    path = os.path.join(folder, f"export-{items}-{fraction}.{'json' if as_json else 'yaml'}")
    # Generated in a child process: Linux carries a process's peak memory over fork and exec,
    # so a parent that built the export would inflate every measurement after it.
    subprocess.run([sys.executable, __file__, "--generate", path, str(items), str(fraction),
                    "json" if as_json else "yaml"], check=True)
    size = os.path.getsize(path)
    baseline = measure("json" if as_json else "yaml", path)
    ours = measure("argoconvert", path, *options)
    ratio = ours["seconds"] / baseline["seconds"]
    net = (ours["peak"] - ours["startup"]) / size
    print(f"| {label} | {size / 1e6:.1f} MB | {baseline['seconds']:.2f} s | {ours['seconds']:.2f} s | "
          f"{ratio:.3f} (goal <= {goal}) | {ours['peak'] / size:.1f}x ({net:.1f}x above startup) | "
          f"{means_the_reference(path) if not options else ''} |", flush=True)
    return ours["seconds"]


JUDGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools", "migration_check.py")


def means_the_reference(path: str) -> str:
    """In a child process (see `case`): `--judge PATH`."""
    run = subprocess.run([sys.executable, __file__, "--judge", path], capture_output=True, text=True)
    return run.stdout.strip() or run.stderr.strip().splitlines()[-1]


def judge_output(path: str) -> str:
    """Convert `path` and compare the output's data with the outside judge's reference
    conversion (its semantic half, loaded with PyYAML's C loader: its own is too slow here)."""
    if not os.path.exists(JUDGE):
        return "judge not found"
    import copy
    import importlib.util

    spec = importlib.util.spec_from_file_location("migration_check", JUDGE)
    judge = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(judge)
    converted = subprocess.run([sys.executable, "-m", "argoconvert", "--quiet", path], capture_output=True).stdout
    load = lambda data: [judge.expand_last_applied(d) for d in yaml.load_all(data, Loader=yaml.CSafeLoader)]
    with open(path, "rb") as handle:
        expected = load(handle.read())
    for document in expected:
        judge.reference_convert(document)
    return "same as the reference" if load(converted) == expected else "DIFFERS from the reference"


def tree_check(folder: str, files: int) -> None:
    tree = os.path.join(folder, "repo")
    os.makedirs(tree, exist_ok=True)
    for index in range(files):
        with open(os.path.join(tree, f"manifest-{index:04d}.yaml"), "w", encoding="utf-8") as handle:
            yaml.safe_dump(workflow(index, False), handle, sort_keys=False)
    ours = subprocess.run(["/usr/bin/time", "-f", "%e", sys.executable, "-m", "argoconvert", "--check", "--quiet",
                           tree], capture_output=True, text=True)
    lint = subprocess.run(["/usr/bin/time", "-f", "%e", sys.executable, "-m", "yamllint", "-d", "relaxed", tree],
                          capture_output=True, text=True)
    ours_s, lint_s = float(ours.stderr.split()[-1]), float(lint.stderr.split()[-1])
    print(f"| --check, {files} files without legacy fields | | yamllint {lint_s:.2f} s | {ours_s:.2f} s | "
          f"{ours_s / lint_s:.3f} (goal < 0.2) | | |")


def main() -> None:
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="inputs ten times smaller")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per measurement; the fastest counts")
    parser.add_argument("--generate", nargs=4, metavar=("PATH", "ITEMS", "FRACTION", "FORMAT"),
                        help="only write one export")
    parser.add_argument("--judge", metavar="PATH", help="only compare one conversion with the reference")
    options = parser.parse_args()
    if options.judge:
        print(judge_output(options.judge))
        return
    if options.generate:
        path, items, fraction, form = options.generate
        generate(path, int(items), float(fraction), form == "json")
        return
    REPEAT = max(1, options.repeat)
    scale = 10 if options.quick else 1
    print("| case | input | baseline | argoconvert | ratio | peak memory / input | output |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        case(folder, "YAML List, 2% legacy", 10000 // scale, 0.02, False, 0.05)
        single = case(folder, "YAML List, every item legacy", 1500 // scale, 1.0, False, 1.0)
        double = case(folder, "YAML List, every item legacy, x2", 3000 // scale, 1.0, False, 1.0)
        print(f"| time with twice the items | | | x{double / single:.2f} | (goal <= x2.2) | | |", flush=True)
        case(folder, "`--diff`, every item legacy", 1500 // scale, 1.0, False, 2.0, "--diff")
        case(folder, "JSON List, 2% legacy", 10200 // scale, 0.02, True, 2.0)
        tree_check(folder, 2000 // scale)


if __name__ == "__main__":
    main()
