"""A document's data to the places rules look at (SPEC 2.1), and to the manifests it holds
in strings.

Argo objects are dispatched on apiVersion and kind together: Argo CD, Events and Rollouts
share the API group, and Events has a `schedule` of its own. `kind: List` items and the
objects held by Argo Events Sensor triggers are objects too. Within an object, the workflow
spec and every template (top level, templateDefaults, inline steps and DAG tasks at any
depth) are shown once each, even when aliases make them appear at several paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .changes import Path, Scope, Submitted

ARGO_GROUP = "argoproj.io/"
WORKFLOW_KINDS = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate"}
CRON_KIND = "CronWorkflow"
SENSOR_KIND = "Sensor"
SENSOR_SOURCES = ("argoWorkflow", "k8s")
PARAMETER_HOLDERS = ("arguments", "inputs", "outputs")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
# The kinds whose objects hold each scope; a Workflow held by a Sensor or a controller's
# `workflowDefaults` says `kind: Workflow` or `workflowDefaults` in its document's text.
SCOPE_KINDS = {Scope.CRON_SPEC: {CRON_KIND},
               Scope.WORKFLOW_SPEC: WORKFLOW_KINDS | {CRON_KIND, "workflowDefaults"},
               Scope.TEMPLATE: WORKFLOW_KINDS | {CRON_KIND, "workflowDefaults"},
               Scope.PARAMETER: WORKFLOW_KINDS | {CRON_KIND, "workflowDefaults"},
               Scope.TEMPLATE_REF: WORKFLOW_KINDS | {CRON_KIND, "workflowDefaults"}}


@dataclass(frozen=True)
class ArgoObject:
    """One Argo object: what reports name it by and where it sits in its document."""

    kind: str
    name: str
    path: Path
    item: int | None  # index in a kind: List

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"


@dataclass(frozen=True)
class Target:
    scope: Scope
    obj: ArgoObject
    path: Path  # from the document root
    data: dict


def _name(obj: dict) -> str:
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        return "?"
    name = meta.get("name") or meta.get("generateName")
    return str(name) if name is not None else "?"


def identify(item) -> str:
    """Kind/namespace/name of a List item (parsed on its own: `[obj]` in YAML, `obj` in JSON)."""
    obj = item[0] if isinstance(item, list) and item else item
    if not isinstance(obj, dict):
        return "?"
    namespace = _dict(obj.get("metadata")).get("namespace")
    return "/".join(str(part) for part in (obj.get("kind", "?"), namespace, _name(obj)) if part is not None)


def _is_argo(obj, kinds) -> bool:
    return (isinstance(obj, dict) and str(obj.get("apiVersion", "")).startswith(ARGO_GROUP)
            and obj.get("kind") in kinds)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


class _Walk:
    def __init__(self):
        self.seen: set[int] = set()

    def first_visit(self, value) -> bool:
        if id(value) in self.seen:
            return False
        self.seen.add(id(value))
        return True

    def object(self, obj, path: Path, item: int | None, kind: str | None = None) -> Iterator[Target]:
        """`kind`: what the object is when it does not say (a controller's workflowDefaults)."""
        if not isinstance(obj, dict) or not self.first_visit(obj):
            return
        spec = obj.get("spec")
        if not isinstance(spec, dict):
            return
        found = ArgoObject(kind or str(obj.get("kind")), _name(obj), path, item)
        spec_path = path + ("spec",)
        if kind in WORKFLOW_KINDS:
            yield from self.workflow_spec(found, spec_path, spec)
        elif kind == CRON_KIND or _is_argo(obj, {CRON_KIND}):
            yield Target(Scope.CRON_SPEC, found, spec_path, spec)
            workflow_spec = spec.get("workflowSpec")
            if isinstance(workflow_spec, dict):
                yield from self.workflow_spec(found, spec_path + ("workflowSpec",), workflow_spec)
        elif _is_argo(obj, WORKFLOW_KINDS):
            yield from self.workflow_spec(found, spec_path, spec)
        elif _is_argo(obj, {SENSOR_KIND}):
            for index, trigger in enumerate(_list(spec.get("triggers"))):
                yield from self.sensor_trigger(trigger, spec_path + ("triggers", index), item)

    def sensor_trigger(self, trigger, path: Path, item: int | None) -> Iterator[Target]:
        if not isinstance(trigger, dict):
            return
        template = _dict(trigger.get("template"))
        for source_kind in SENSOR_SOURCES:
            source = _dict(_dict(template.get(source_kind)).get("source"))
            if isinstance(source.get("resource"), dict):
                yield from self.object(source["resource"],
                                       path + ("template", source_kind, "source", "resource"), item)
        if isinstance(trigger.get("dlqTrigger"), dict):
            yield from self.sensor_trigger(trigger["dlqTrigger"], path + ("dlqTrigger",), item)

    def workflow_spec(self, obj: ArgoObject, path: Path, spec: dict) -> Iterator[Target]:
        if not self.first_visit(spec):
            return
        yield Target(Scope.WORKFLOW_SPEC, obj, path, spec)
        if isinstance(spec.get("templateDefaults"), dict):
            yield from self.template(obj, path + ("templateDefaults",), spec["templateDefaults"])
        for index, template in enumerate(_list(spec.get("templates"))):
            yield from self.template(obj, path + ("templates", index), template)
        yield from self.anywhere(obj, path, spec)  # after the templates: a removed template key goes first

    def anywhere(self, obj: ArgoObject, path: Path, spec: dict) -> Iterator[Target]:
        """Parameters and templateRefs wherever they stand below a workflow spec: templates,
        steps, tasks, hooks, inline templates, templateDefaults. Each container is walked once
        (aliases share them, and may even nest one in itself)."""
        pending, walked = [(path, spec, None)], set()
        while pending:
            at, node, parent_key = pending.pop()
            if id(node) in walked:
                continue
            walked.add(id(node))
            if isinstance(node, list):
                pending += [(at + (index,), value, parent_key) for index, value in reversed(list(enumerate(node)))
                            if isinstance(value, (dict, list))]
                continue
            for key, value in node.items():
                if key == "parameters" and parent_key in PARAMETER_HOLDERS and isinstance(value, list):
                    for index, parameter in enumerate(value):
                        if isinstance(parameter, dict) and self.first_visit(parameter):
                            yield Target(Scope.PARAMETER, obj, at + (key, index), parameter)
                elif key == "templateRef" and isinstance(value, dict) and self.first_visit(value):
                    yield Target(Scope.TEMPLATE_REF, obj, at + (key,), value)
            pending += [(at + (key,), value, key) for key, value in reversed(list(node.items()))
                        if isinstance(value, (dict, list))]

    def template(self, obj: ArgoObject, path: Path, template) -> Iterator[Target]:
        if not isinstance(template, dict) or not self.first_visit(template):
            return
        yield Target(Scope.TEMPLATE, obj, path, template)
        for group_index, group in enumerate(_list(template.get("steps"))):
            for step_index, step in enumerate(_list(group)):
                inline = _dict(step).get("inline")
                yield from self.template(obj, path + ("steps", group_index, step_index, "inline"), inline)
        for task_index, task in enumerate(_list(_dict(template.get("dag")).get("tasks"))):
            inline = _dict(task).get("inline")
            yield from self.template(obj, path + ("dag", "tasks", task_index, "inline"), inline)


def _objects(document, item: int | None) -> list[tuple[object, Path, int | None]]:
    """The objects of a document: itself, the items of a List, or (`item` given) the one List
    item it is, parsed on its own as `- obj` (YAML) or `obj` (JSON)."""
    if item is not None:
        if isinstance(document, list) and len(document) == 1:
            return [(document[0], (0,), item)]
        return [(document, (), item)]
    if isinstance(document, dict) and document.get("kind") == "List" and isinstance(document.get("items"), list):
        return [(obj, ("items", index), index) for index, obj in enumerate(document["items"])]
    return [(document, (), None)]


def targets(document, kind: str | None = None, item: int | None = None) -> Iterator[Target]:
    """Every place in one document's data that rules look at, each once."""
    walk = _Walk()
    if kind:
        return walk.object(document, (), None, kind)
    return (target for obj, path, index in _objects(document, item) for target in _top_level(walk, obj, path, index))


def _top_level(walk: _Walk, obj, path: Path, item: int | None) -> Iterator[Target]:
    """A document's or List item's object: itself (any Kubernetes object), then its Argo places."""
    if isinstance(obj, dict) and "apiVersion" in obj and "kind" in obj:
        yield Target(Scope.OBJECT, ArgoObject(str(obj["kind"]), _name(obj), path, item), path, obj)
    yield from walk.object(obj, path, item)


def submitted(document, kind: str | None = None, item: int | None = None) -> Iterator[tuple[ArgoObject, Submitted]]:
    """The Argo Workflows objects of a document as the API server receives them: documents and
    List items whole; a Sensor trigger's resource and a controller's workflowDefaults (`kind`
    given) partial, since something else completes them."""
    if kind:
        if isinstance(document, dict):
            yield ArgoObject(kind, _name(document), (), None), Submitted(kind, document, True)
        return
    for obj, path, index in _objects(document, item):
        yield from _submitted(obj, path, index, partial=False)


def _submitted(obj, path: Path, item: int | None, partial: bool) -> Iterator[tuple[ArgoObject, Submitted]]:
    if _is_argo(obj, WORKFLOW_KINDS | {CRON_KIND}):
        yield ArgoObject(obj["kind"], _name(obj), path, item), Submitted(obj["kind"], obj, partial)
    elif _is_argo(obj, {SENSOR_KIND}):
        pending = [(trigger, path + ("spec", "triggers", index))
                   for index, trigger in enumerate(_list(_dict(obj.get("spec")).get("triggers")))]
        while pending:
            trigger, at = pending.pop(0)
            template = _dict(_dict(trigger).get("template"))
            for source_kind in SENSOR_SOURCES:
                resource = _dict(_dict(template.get(source_kind)).get("source")).get("resource")
                if isinstance(resource, dict):
                    yield from _submitted(resource, at + ("template", source_kind, "source", "resource"), item, True)
            if isinstance(_dict(trigger).get("dlqTrigger"), dict):
                pending.append((trigger["dlqTrigger"], at + ("dlqTrigger",)))


@dataclass(frozen=True)
class Embedded:
    """A manifest held in a string: converted like a file, then written back into the string."""

    path: Path
    kind: str | None  # what the held object is when it does not say
    item: int | None
    report_only: bool = False  # reported, never edited: a kustomize patch, which the reference conversion leaves
    submitted: bool = True  # the API server validates what it holds (not the last-applied annotation, a string to it)


def embedded(document, item: int | None = None) -> Iterator[Embedded]:
    """Strings holding manifests: the last-applied-configuration annotation (JSON) of each
    object, an Argo Events Sensor trigger's `source.inline`, the controller ConfigMap's
    `data.workflowDefaults` (a Workflow without apiVersion and kind), and a kustomization's
    inline patches."""
    for obj, path, item in _objects(document, item):
        if not isinstance(obj, dict):
            continue
        if isinstance(_dict(_dict(obj.get("metadata")).get("annotations")).get(LAST_APPLIED), str):
            yield Embedded(path + ("metadata", "annotations", LAST_APPLIED), None, item, submitted=False)
        if obj.get("kind") == "ConfigMap" and isinstance(_dict(obj.get("data")).get("workflowDefaults"), str):
            yield Embedded(path + ("data", "workflowDefaults"), "Workflow", item)
        if _is_argo(obj, {SENSOR_KIND}):
            for index, trigger in enumerate(_list(_dict(obj.get("spec")).get("triggers"))):
                yield from _sensor_inline(trigger, path + ("spec", "triggers", index), item)
        if obj.get("kind") == "Kustomization" or ("kind" not in obj and any(key in obj for key in KUSTOMIZE_PATCHES)):
            yield from _kustomize_patches(obj, path, item)


KUSTOMIZE_PATCHES = ("patches", "patchesJson6902", "patchesStrategicMerge")


def _kustomize_patches(kustomization: dict, path: Path, item: int | None) -> Iterator[Embedded]:
    """A kustomization's inline patches, to report: strategic merge patches are manifests; a
    JSON patch (a list of ops) is shown as held by an object of its target's kind."""
    for key in KUSTOMIZE_PATCHES[:2]:
        for index, entry in enumerate(_list(kustomization.get(key))):
            if isinstance(_dict(entry).get("patch"), str):
                kind = _dict(entry.get("target")).get("kind")
                yield Embedded(path + (key, index, "patch"), kind if isinstance(kind, str) else None, item, True, False)
    for index, patch in enumerate(_list(kustomization.get(KUSTOMIZE_PATCHES[2]))):
        if isinstance(patch, str) and "\n" in patch:  # inline; a one-line entry names a file
            yield Embedded(path + (KUSTOMIZE_PATCHES[2], index), None, item, True, False)


def _sensor_inline(trigger, path: Path, item: int | None) -> Iterator[Embedded]:
    template = _dict(_dict(trigger).get("template"))
    for source_kind in SENSOR_SOURCES:
        if isinstance(_dict(_dict(template.get(source_kind)).get("source")).get("inline"), str):
            yield Embedded(path + ("template", source_kind, "source", "inline"), None, item)
    if isinstance(_dict(trigger).get("dlqTrigger"), dict):
        yield from _sensor_inline(trigger["dlqTrigger"], path + ("dlqTrigger",), item)


def json_patch_object(kind: str, pointer: str, value) -> dict | None:
    """The object of kind `kind` that holds just `value` at the JSON pointer `pointer` (what a
    JSON patch op writes), or None for a pointer that is not one."""
    if not pointer.startswith("/"):
        return None
    tokens = [token.replace("~1", "/").replace("~0", "~") for token in pointer.split("/")[1:]]
    obj = {"apiVersion": ARGO_GROUP + "v1alpha1", "kind": kind}
    parent = obj
    for token, following in zip(tokens, tokens[1:] + [None]):
        child = value if following is None else ([] if following == "-" or following.isdigit() else {})
        if isinstance(parent, list):
            if not (token == "-" or token.isdigit()):
                return None
            parent.extend({} for _ in range(len(parent), int(token) if token.isdigit() else len(parent)))
            parent.append(child)
        else:
            parent[token] = child
        parent = child
    return obj
