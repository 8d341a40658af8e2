"""The golden pairs: `golden/<group>/<case>.in.<ext>` converts to `<case>.out.<ext>`; an input
without an .out file must come out byte-identical.

    python tests/golden_cases.py   # (re)writes the .out files from the current converter
"""
from __future__ import annotations

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


def convert_tree(paths: list[Path], root: Path) -> dict[Path, Path]:
    """Copy `paths` under `root`, run `argoconvert --write` over it once per set of group
    options; original -> copy."""
    copies = {path: root / path.relative_to(GOLDEN) for path in paths}
    for path, copy in copies.items():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
    by_options: dict[tuple[str, ...], list[Path]] = {}
    for copy in copies.values():
        by_options.setdefault(options(copy.relative_to(root)), []).append(copy)
    for flags, files in by_options.items():
        run_cli("--write", "--quiet", *flags, *files)
    return copies


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for source, copy in convert_tree(inputs(), Path(tmp)).items():
            out = source.with_name(source.name.replace(".in.", ".out.", 1))
            if copy.read_bytes() != source.read_bytes():
                out.write_bytes(copy.read_bytes())
            elif out.exists():
                out.unlink()
