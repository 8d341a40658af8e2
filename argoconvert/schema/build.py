"""Regenerates the shipped schema data from the CRD schemas of the shared data folder.

    python -m argoconvert.schema.build ../shared/data/crd-schemas

reads `<version>/<plural>.json` (each `{"kind", "openAPIV3Schema", ...}`) for every version
folder and writes `argoconvert/schema/data/crd-schemas.json.gz`: one table of schema nodes,
each identical sub-schema stored once (the container schema, say, serves templates,
`templateDefaults`, init containers and sidecars of every kind and version), and the root
node of each (version, kind). A node keeps every keyword the API server acts on; `properties`,
`items` and `additionalProperties` hold node numbers. Keywords the check does not know stop
the build, so that a newer schema cannot be checked half-way without anyone noticing.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "crd-schemas.json.gz"
FORMAT = 1

# Keywords kept as they are. `x-kubernetes-map-type` (how server-side apply merges) and the
# `anyOf` that spells out `x-kubernetes-int-or-string` say nothing the check needs.
KEPT = {"type", "required", "enum", "pattern", "format", "default", "nullable", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
        "minProperties", "maxProperties", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-validations"}
DROPPED = {"description", "x-kubernetes-map-type", "title", "example", "externalDocs"}
CHILDREN = {"properties", "items", "additionalProperties"}


class Table:
    def __init__(self) -> None:
        self.nodes: list[dict] = []
        self.index: dict[str, int] = {}

    def add(self, schema: dict, where: str) -> int:
        node = {}
        for key, value in schema.items():
            if key in DROPPED:
                continue
            if key == "anyOf":
                if not schema.get("x-kubernetes-int-or-string") or sorted(
                        json.dumps(v, sort_keys=True) for v in value) != ['{"type": "integer"}', '{"type": "string"}']:
                    raise SystemExit(f"{where}: anyOf other than int-or-string is not supported")
                continue
            if key == "properties":
                node[key] = {name: self.add(sub, f"{where}.{name}") for name, sub in sorted(value.items())}
            elif key == "items":
                if not isinstance(value, dict):
                    raise SystemExit(f"{where}: tuple items are not supported")
                node[key] = self.add(value, f"{where}[]")
            elif key == "additionalProperties":
                node[key] = self.add(value, f"{where}{{}}") if isinstance(value, dict) else bool(value)
            elif key == "x-kubernetes-list-type" and value == "atomic":
                continue
            elif key in KEPT:
                node[key] = value
            else:
                raise SystemExit(f"{where}: keyword {key!r} is not supported by argoconvert.schema")
        text = json.dumps(node, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        if text not in self.index:
            self.index[text] = len(self.nodes)
            self.nodes.append(node)
        return self.index[text]


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.lstrip("v").split("."))


def build(source: Path) -> dict:
    table = Table()
    roots: dict[str, dict[str, int]] = {}
    folders = sorted((p for p in source.iterdir() if p.is_dir() and p.name.startswith("v")),
                     key=lambda p: _version_key(p.name))
    if not folders:
        raise SystemExit(f"{source}: no version folders (v4.0.0/, ...)")
    for folder in folders:
        version = folder.name.lstrip("v")
        roots[version] = {}
        for path in sorted(folder.glob("*.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            kind = document["kind"]
            roots[version][kind] = table.add(document["openAPIV3Schema"], f"{folder.name}/{kind}")
    return {"format": FORMAT, "versions": roots, "nodes": table.nodes}


def write(data: dict, target: Path = DATA) -> int:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name: the same schemas always give the same bytes.
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                   compresslevel=9) as handle:
        handle.write(text)
    return target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of version folders (e.g. ../shared/data/crd-schemas)")
    parser.add_argument("--output", type=Path, default=DATA, help=f"default: {DATA}")
    options = parser.parse_args(argv)
    data = build(options.source)
    size = write(data, options.output)
    kinds = sorted({kind for roots in data["versions"].values() for kind in roots})
    print(f"{options.output}: {len(data['nodes'])} distinct schema nodes for {', '.join(data['versions'])} "
          f"({', '.join(kinds)}), {size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
