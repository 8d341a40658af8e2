"""The shipped schemas, version choice, and the check of one object."""
from __future__ import annotations

import enum
import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .celrules import notes as rule_notes
from .hints import Index, describe, node_at
from .patterns import SKIPPED
from .validate import INVALID, MISSING, RULE, UNKNOWN, Compiler, Context, Issue, Object, Options, path_text

KINDS = (UNKNOWN, INVALID, MISSING, RULE)
DATA_FILE = "crd-schemas.json.gz"


class Scope(enum.Enum):
    """How much of the schema applies to the data checked."""

    FULL = "full"
    """A whole object, as the API server checks it."""
    VALUES = "values"
    """A fragment of an object (a patch): types, unknown fields and the constraints of each single value
    (enum, pattern, format, bounds, string lengths); no required fields, item counts, unique lists or
    CEL rules, which only the merged object can satisfy."""
    TYPES = "types"
    """Types and unknown fields only (workflowDefaults, Sensor resources, kustomize patches)."""


_OPTIONS = {Scope.FULL: Options("full", values=True, whole=True),
            Scope.VALUES: Options("values", values=True, whole=False),
            Scope.TYPES: Options("types", values=False, whole=False)}


@dataclass(frozen=True)
class Violation:
    """One thing the API server would reject.

    `path`: keys and indices from the object's root to the offending key or value (for a
    missing field: to the mapping that lacks it; `field` names it). `at_key`: the position is
    the key (an unknown field), not the value. `suggestion`: for an unknown field, the known
    field it is a case variant of or one edit away from, the rename an unsafe fix may offer.
    """

    path: tuple
    kind: str  # unknown-field, invalid-value, missing-field or rule: the crd-* rule that reports it
    message: str
    at_key: bool = False
    suggestion: str | None = None
    field: str | None = None

    @property
    def where(self) -> str:
        return path_text(self.path)


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = resources.files(__package__).joinpath("data", DATA_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    if data.get("format") != 1:
        raise RuntimeError(f"{DATA_FILE}: unknown format {data.get('format')!r}; rebuild it with "
                           "python -m argoconvert.schema.build")
    return data


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def shipped_versions() -> tuple[str, ...]:
    """The schema versions in the package, oldest first."""
    return tuple(sorted(_data()["versions"], key=_version_key))


_TARGET = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def choose_version(target_version: str) -> str | None:
    """The newest shipped schema not newer than the target: `4.0.3` -> 4.0.0, `4.0` -> 4.0.10,
    `4.1`, `4` or `v4.1` -> 4.1.2; None below 4.0 (v3 installs minimal CRDs: nothing to check)."""
    match = _TARGET.fullmatch(target_version.strip())
    if not match:
        raise ValueError(f"not a version: {target_version!r}")
    # A missing part means "the newest of that line": 4.0 is any 4.0.x.
    target = tuple(int(part) if part is not None else 10**9 for part in match.groups())
    if target[0] < 4:
        return None
    chosen = None
    for version in shipped_versions():
        if _version_key(version) <= target:
            chosen = version
    return chosen


@lru_cache(maxsize=None)
def _schemas(version: str) -> Schemas:
    return Schemas(version)


def schema_for(target_version: str) -> Schemas | None:
    """The schemas the target version's API server checks against, or None (below 4.0)."""
    version = choose_version(target_version)
    return None if version is None else _schemas(version)


class Schemas:
    """The CRD schemas of one Argo Workflows version; `check` validates one object's data."""

    def __init__(self, version: str):
        data = _data()
        self.version = version
        self._nodes: list[dict] = data["nodes"]
        self._roots: dict[str, int] = dict(data["versions"][version])
        self.kinds: tuple[str, ...] = tuple(sorted(self._roots))
        self._checkers: dict[tuple[str, Scope], Object] = {}
        self._indexes: dict[str, Index] = {}

    def __repr__(self) -> str:
        return f"Schemas({self.version!r})"

    def _checker(self, kind: str, scope: Scope) -> Object:
        found = self._checkers.get((kind, scope))
        if found is None:
            if kind not in self._roots:
                raise ValueError(f"no schema for kind {kind!r}; known: {', '.join(self.kinds)}")
            found = _compiler(scope).root(self._roots[kind])
            self._checkers[(kind, scope)] = found
        return found

    def check(self, kind: str, data: Any, scope: Scope = Scope.FULL) -> list[Violation]:
        """What the API server of this version would reject in `data`, the plain data of one
        object of `kind` (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow)."""
        checker = self._checker(kind, scope)
        ctx = Context(lambda obj, path, key, value: self._unknown(kind, obj, path, key, value))
        checker.run(data, (), ctx)
        issues = ctx.issues
        if ctx.rule_errors and not any(issue.blocking for issue in issues):
            issues = issues + ctx.rule_errors
        return [Violation(issue.path, issue.kind, issue.message, issue.at_key, issue.suggestion, issue.field)
                for issue in issues]

    def known_fields(self, kind: str, path: tuple) -> frozenset[str] | None:
        """The field names the schema knows at `path` (keys and indices), None if not an object there."""
        node = node_at(self._nodes, self._roots[kind], path)
        if node is None or "properties" not in node:
            return None
        return frozenset(node["properties"])

    def _unknown(self, kind: str, obj: Object, path: tuple, key: Any, value: dict) -> Issue:
        index = self._indexes.get(kind)
        if index is None:
            index = self._indexes[kind] = Index(self._nodes, self._roots[kind])
        here = path + (key,)  # the key as the data has it, so that the caller finds its position
        name = key if type(key) is str else str(key)
        hint, suggestion = describe(name, value, obj.node, path, kind, self._nodes, self._roots, index)
        message = f"{path_text(here)}: unknown field {name!r}" + (f" ({hint})" if hint else "")
        return Issue(here, UNKNOWN, message, at_key=True, suggestion=suggestion, field=name)


@lru_cache(maxsize=None)
def _compiler(scope: Scope) -> Compiler:
    # One compiler per scope: the checker of a node serves every kind and version that has it.
    return Compiler(_data()["nodes"], _OPTIONS[scope])


def check(kind: str, data: Any, scope: Scope = Scope.FULL, target_version: str = "4.1") -> list[Violation]:
    """`schema_for(target_version).check(kind, data, scope)`; no violation below 4.0."""
    schemas = schema_for(target_version)
    return [] if schemas is None else schemas.check(kind, data, scope)


def notes() -> dict[str, str]:
    """Schema rules, patterns and formats that are not checked, with the reason."""
    for version in shipped_versions():  # compile every rule once, so that every note is known
        for kind in _schemas(version).kinds:
            _schemas(version)._checker(kind, Scope.FULL)
    return {**rule_notes(), **SKIPPED}
