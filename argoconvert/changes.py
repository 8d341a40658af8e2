"""The vocabulary of rules: where they look (scopes) and what they declare (changes, findings).

A change says in data terms what becomes of the document: the engine renders it as a text
edit (edits.py) and the verifier replays it on the parsed input data (`apply`) to know what
the edited text must mean. Paths are tuples of mapping keys and list indices; a rule yields
them relative to the object it was shown, the engine makes them absolute.
"""
from __future__ import annotations

import copy
import enum
from dataclasses import dataclass, replace
from typing import NamedTuple

Path = tuple  # of str (mapping keys) and int (list indices)


class Scope(enum.Enum):
    """The kinds of places the locator shows to rules (SPEC 2.1)."""

    OBJECT = "object"  # any Kubernetes object of a document or List item, as a whole (metadata, status)
    CRON_SPEC = "cron-spec"  # spec of a CronWorkflow
    WORKFLOW_SPEC = "workflow-spec"  # spec of a Workflow, WorkflowTemplate, ClusterWorkflowTemplate; spec.workflowSpec of a CronWorkflow
    TEMPLATE = "template"  # templates[], templateDefaults, and steps/dag inline templates at any depth
    PARAMETER = "parameter"  # an item of a `parameters` list under `arguments`, `inputs` or `outputs`, anywhere in a workflow spec
    TEMPLATE_REF = "template-ref"  # a `templateRef` (of a step, DAG task or hook) anywhere in a workflow spec
    SUBMITTED = "submitted"  # an Argo object as the API server receives it, after every other rule's changes
    PINS = "pins"  # the text of a dependency pin file (requirements*.txt, pyproject.toml, setup.cfg, setup.py)


@dataclass(frozen=True)
class Outcome:
    """What a rule says about one field: `path` names it, `message` says what happens to it
    (`{path}` and `{new}` are filled in with the field and where its value goes)."""

    path: Path
    message: str

    def rebased(self, prefix: Path):
        return replace(self, path=prefix + self.path)

    @property
    def new_path(self) -> Path:
        """Where the field's value is afterwards."""
        return self.path

    @property
    def destination(self) -> Path:
        """The field a message's `{new}` names: where the value goes (a list, not its item)."""
        return self.new_path


@dataclass(frozen=True)
class Change(Outcome):
    """A fixable change; `path` names the key it starts from."""


@dataclass(frozen=True)
class ToList(Change):
    """The key at `path` becomes `new_key` and its value a one-item list of that value
    (or of `value`, when the value itself changes too). The key keeps its place."""

    new_key: str = ""
    value: object = None
    replace_value: bool = False

    @property
    def new_path(self) -> Path:
        return self.path[:-1] + (self.new_key, 0)

    @property
    def destination(self) -> Path:
        return self.new_path[:-1]

    def apply(self, parent: dict) -> None:
        key = self.path[-1]
        _replace_key(parent, key, self.new_key, [self.value if self.replace_value else parent[key]])


@dataclass(frozen=True)
class Rename(Change):
    """The key at `path` becomes `new_key` and its scalar value `value` (a string, or a small
    mapping written in flow style), in its place."""

    new_key: str = ""
    value: str | dict = ""

    @property
    def new_path(self) -> Path:
        return self.path[:-1] + (self.new_key,)

    def apply(self, parent: dict) -> None:
        _replace_key(parent, self.path[-1], self.new_key, self.value)


def _replace_key(parent: dict, key, new_key, value) -> None:
    """`key` becomes `new_key` holding `value`, keeping the order of the keys."""
    rebuilt = {(new_key if k == key else k): (value if k == key else v) for k, v in parent.items()}
    parent.clear()
    parent.update(rebuilt)


@dataclass(frozen=True)
class Remove(Change):
    """The key at `path` and its value are removed."""

    def apply(self, parent: dict) -> None:
        del parent[self.path[-1]]


@dataclass(frozen=True)
class SetValue(Change):
    """The scalar at `path` (a mapping's value or a list item) becomes the string `value`,
    quoted in the file's style."""

    value: str = ""

    def apply(self, parent) -> None:
        parent[self.path[-1]] = self.value


@dataclass(frozen=True)
class Insert(Change):
    """A new key (the last element of `path`) with a string or number `value`, placed next to `beside`."""

    value: object = None
    beside: str = ""

    def apply(self, parent: dict) -> None:
        parent[self.path[-1]] = self.value


@dataclass(frozen=True)
class MoveToList(Change):
    """The value at `path` is appended to the list at `into`, and its key removed."""

    into: Path = ()

    def rebased(self, prefix: Path) -> "Change":
        return replace(self, path=prefix + self.path, into=prefix + self.into)

    @property
    def new_path(self) -> Path:
        return self.into

    def apply(self, parent: dict, target_list: list) -> None:
        target_list.append(parent.pop(self.path[-1]))


@dataclass(frozen=True)
class SetString(Change):
    """The string at `path` gets a new value: a manifest held in it was converted."""

    value: str = ""

    def apply(self, parent: dict) -> None:
        parent[self.path[-1]] = self.value


class Submitted(NamedTuple):
    """What Scope.SUBMITTED shows a rule: an Argo object's data after the other rules' changes,
    its kind, and whether it is partial (a controller's workflowDefaults, a Sensor's resource,
    which something else completes: only types and unknown fields can be judged)."""

    kind: str
    data: dict
    partial: bool


@dataclass(frozen=True)
class Finding(Outcome):
    """Something a person must decide; nothing is edited. `path` names the field; a rule
    shown a text rather than data (Scope.PINS) gives the field's `offset` in it."""

    offset: int | None = None


def get(data, path: Path):
    for step in path:
        data = data[step]
    return data


def apply(data, change: Change) -> None:
    """Replay one absolute change on plain data (the verifier's expectation)."""
    parent = get(data, change.path[:-1])
    if isinstance(change, MoveToList):
        change.apply(parent, get(data, change.into))
    else:
        change.apply(parent)


def same(a, b) -> bool:
    """Equal data of equal types (Python's == takes 1, 1.0 and True for one value)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(k in b and same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    return a == b or a is b  # `is`: the one NAN object


def expected_data(before, changes: list[Change], keep_before: bool = True):
    """`before` with `changes` replayed: on a copy, or in place when the input's data is not
    needed any more (a deep copy of an export costs as much as parsing it)."""
    expected = copy.deepcopy(before) if keep_before else before
    for change in changes:
        apply(expected, change)
    return expected


def dotted(path: Path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out
