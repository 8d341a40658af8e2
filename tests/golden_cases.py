"""The golden cases: `golden/<group>/<case>.in.<ext>` converts to `<case>.out.<ext>`; an input
without an .out file must come out byte-identical. A YAML or JSON input's records (what is
changed and reported) are pinned in `<case>.records` (`<case>.json.records` for a JSON input),
one line a record as in golden/python (`line:column rule [applied|not-applied|manual] object
path: message`); an input with no record has no such file. golden/python keeps its own
records, written by tests/test_python.py.

    python tests/golden_cases.py   # (re)writes the .out and .records files from the current converter
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import GOLDEN, run_cli  # noqa: E402


INPUT_SUFFIXES = {".yaml", ".yml", ".json", ".py"}
# Groups converted with options: `golden/<group>/` for an opt-in rule runs with it on.
GROUP_OPTIONS = {"strip-server-fields": ("--strip-server-fields",),
                 "priority-class": ("--priority-class", "100=high", "--priority-class", "50=medium",
                                    "--priority-class", "1000=critical")}


def options(path: Path) -> tuple[str, ...]:
    """The command-line options a golden file (or its copy under a tree of the same shape) is converted with."""
    return next((GROUP_OPTIONS[part] for part in path.parts if part in GROUP_OPTIONS), ())


def inputs() -> list[Path]:
    return sorted(p for p in GOLDEN.rglob("*") if p.is_file() and ".in." in p.name and p.suffix in INPUT_SUFFIXES)


def expected(path: Path) -> Path:
    out = path.with_name(path.name.replace(".in.", ".out.", 1))
    return out if out.exists() else path


def has_records(path: Path) -> bool:
    """Whether the records of an input are pinned here (golden/python pins its own)."""
    return path.suffix != ".py"


def records_file(path: Path) -> Path:
    """`<case>.in.yaml` -> `<case>.records`; another extension stays in the name (`<case>.json.records`),
    as a case may have both a YAML and a JSON input."""
    case, ext = path.name.split(".in.", 1)
    return path.with_name(f"{case}.records" if ext == "yaml" else f"{case}.{ext}.records")


def expected_records(path: Path) -> str:
    file = records_file(path)
    return file.read_text(encoding="utf-8") if file.exists() else ""


def records_text(records: list[dict]) -> str:
    """JSON-report records (SPEC 5) as the lines of a .records file."""
    lines = []
    for r in records:
        state = "applied" if r["applied"] else ("not-applied" if r["fixable"] else "manual")
        lines.append(f"{r['line']}:{r['column']} {r['rule']} [{state}] {r['object']} {r['path']}: {r['message']}\n")
    return "".join(lines)


def convert_tree(paths: list[Path], root: Path) -> tuple[dict[Path, Path], dict[Path, str]]:
    """Copy `paths` under `root`, run `argoconvert --write --format json` over it once per set
    of group options: (original -> copy, original -> its records as a .records file's text)."""
    copies = {path: root / path.relative_to(GOLDEN) for path in paths}
    for path, copy in copies.items():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    by_options: dict[tuple[str, ...], list[Path]] = {}
    for copy in copies.values():
        by_options.setdefault(options(copy.relative_to(root)), []).append(copy)
    originals = {copy.resolve(): path for path, copy in copies.items()}
    records = dict.fromkeys(paths, "")
    for flags, files in by_options.items():
        result = run_cli("--write", "--quiet", "--format", "json", *flags, *files)
        assert result.stdout, result.stderr.decode()  # a file that fails is reported in the JSON, not here
        for entry in json.loads(result.stdout)["files"]:
            records[originals[Path(entry["path"]).resolve()]] = records_text(entry["changes"])
    return copies, records


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copies, records = convert_tree(inputs(), Path(tmp))
        for source, copy in copies.items():
            out = source.with_name(source.name.replace(".in.", ".out.", 1))
            if copy.read_bytes() != source.read_bytes():
                out.write_bytes(copy.read_bytes())
            elif out.exists():
                out.unlink()
            if has_records(source):
                if records[source]:
                    records_file(source).write_text(records[source], encoding="utf-8")
                elif records_file(source).exists():
                    records_file(source).unlink()
