"""The Python names that provably are Argo objects, by what they resolve to through the
imports (libcst's qualified names), never by spelling, and the place of a manifest each one
models (SPEC 2.1): the locator's map for Python. A class's legacy keywords are not listed
here: they are the enabled rules' `python` keywords whose scope and holder match a place the
class models (`legacy_keywords`). Also the dicts a class takes whose place is known from the
keyword or the class, and the legacy APIs that are only reported. Argo Events models, which
Hera and argo_workflows ship too, are not Argo Workflows objects.

Hera >= 5.19 (Argo 3.6 models) and argo-workflows >= 6.6 read the new keywords.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..changes import Scope
from ..locate import ARGO_GROUP
from ..migrations import Keyword, Rule


@dataclass(frozen=True)
class Envelope:
    """Where a dict literal passed to an Argo class sits in a manifest: the rules are shown
    a `kind` manifest holding the dict at `prefix` (its scope is known from the keyword or
    class it is passed to, not from a `kind` in it); reports name its keys from `shown` on."""

    kind: str
    prefix: tuple = ()
    shown: tuple = ()

    def wrap(self, data):
        """The manifest around the dict's data."""
        for step in reversed(self.prefix):
            data = [data] if isinstance(step, int) else {step: data}
        return {"apiVersion": ARGO_GROUP + "v1alpha1", "kind": self.kind, **data}


SYNCHRONIZATION_KEYWORD = Envelope("Workflow", ("spec", "synchronization"), ("synchronization",))
DICT_KEYWORDS = {"synchronization": SYNCHRONIZATION_KEYWORD,
                 "workflow_spec": Envelope("Workflow", ("spec",), ("workflow_spec",))}
# Class methods that build an object of the class from a dict of its (API) fields.
PARSERS = ("from_dict", "model_validate", "parse_obj")


@dataclass(frozen=True)
class Place:
    """A place rules look at, and the keys from it to the mapping a class models."""

    scope: Scope
    holder: tuple[str, ...] = ()


CRON_WORKFLOW = (Place(Scope.CRON_SPEC), Place(Scope.WORKFLOW_SPEC))  # Hera's CronWorkflow takes both specs' fields
CRON_SPEC = (Place(Scope.CRON_SPEC),)
WORKFLOW_SPEC = (Place(Scope.WORKFLOW_SPEC),)
TEMPLATE = (Place(Scope.TEMPLATE),)
SYNCHRONIZATION = (Place(Scope.WORKFLOW_SPEC, ("synchronization",)), Place(Scope.TEMPLATE, ("synchronization",)))


class Legacy(NamedTuple):
    """A legacy keyword and the enabled rule it belongs to."""

    rule: Rule
    keyword: Keyword


def legacy_keywords(places: tuple[Place, ...], rules) -> tuple[Legacy, ...]:
    """The `python` keywords of `rules` that a class modelling `places` takes, in the rules' order."""
    return tuple(Legacy(rule, keyword) for rule in rules for keyword in rule.python
                 if any(place.scope in rule.scopes and place.holder == keyword.holder for place in places))


@dataclass(frozen=True)
class Signature:
    """One Argo class: the places it models (its keywords are their fields, so a rule's
    `python` keyword of a place is one of its keywords), and how its calls are read."""

    label: str  # the class as reports name it
    places: tuple[Place, ...]
    positional: tuple[str, ...] = ()  # parameters a positional argument binds to (old SDK 6.5)
    dicts: tuple[str, ...] = ()  # keywords of DICT_KEYWORDS that take a dict of that scope
    parsed: Envelope | None = None  # what the class's PARSERS read
    parsers: tuple[str, ...] = ()


HERA = "hera.workflows"
HERA_MODELS = ("hera.workflows.models", "hera.workflows.models.io.argoproj.workflow.v1alpha1")
SDK_MODELS = "argo_workflows.models"
SDK_MODEL = "argo_workflows.model"
SDK_PREFIX = "IoArgoprojWorkflowV1alpha1"

def _table() -> dict[str, Signature]:
    table: dict[str, Signature] = {}

    def hera(name: str, module: str, signature: Signature) -> None:
        table[f"{HERA}.{name}"] = signature
        table[f"{HERA}.{module}.{name}"] = signature

    def model(name: str, sdk_module: str, places: tuple[Place, ...], parsed: Envelope, positional=(),
              dicts=()) -> None:
        for package in HERA_MODELS:
            table[f"{package}.{name}"] = Signature(name, places, (), tuple(dicts), parsed, PARSERS)
        sdk_name = SDK_PREFIX + name
        sdk = Signature(sdk_name, places, tuple(positional), tuple(dicts), parsed, PARSERS)
        table[f"{SDK_MODELS}.{sdk_name}"] = sdk
        table[f"{SDK_MODEL}.io_argoproj_workflow_v1alpha1_{sdk_module}.{sdk_name}"] = sdk

    hera("CronWorkflow", "cron_workflow", Signature("CronWorkflow", CRON_WORKFLOW, dicts=("synchronization",),
                                                    parsed=Envelope("CronWorkflow"), parsers=("from_dict",)))
    for name, module in (("Workflow", "workflow"), ("WorkflowTemplate", "workflow_template"),
                         ("ClusterWorkflowTemplate", "cluster_workflow_template")):
        hera(name, module, Signature(name, WORKFLOW_SPEC, dicts=("synchronization",), parsed=Envelope(name),
                                     parsers=("from_dict",)))
    for name, module in (("Container", "container"), ("Script", "script"), ("ContainerSet", "container_set"),
                         ("DAG", "dag"), ("Steps", "steps"), ("Resource", "resource"), ("Suspend", "suspend"),
                         ("HTTP", "http_template"), ("Data", "data"), ("script", "script")):
        hera(name, module, Signature(name, TEMPLATE, dicts=("synchronization",)))
    model("Synchronization", "synchronization", SYNCHRONIZATION, Envelope("Workflow", ("spec", "synchronization")))
    model("CronWorkflowSpec", "cron_workflow_spec", CRON_SPEC, Envelope("CronWorkflow", ("spec",)),
          positional=("schedule", "workflow_spec"), dicts=("workflow_spec",))
    model("WorkflowSpec", "workflow_spec", WORKFLOW_SPEC, Envelope("Workflow", ("spec",)), dicts=("synchronization",))
    model("Template", "template", TEMPLATE, Envelope("Workflow", ("spec", "templates", 0)),
          dicts=("synchronization",))
    return table


SIGNATURES = _table()
# `Class.from_dict` and the like -> the class's signature.
PARSER_NAMES = {f"{name}.{method}": signature for name, signature in SIGNATURES.items()
                for method in signature.parsers}
# Short names, for calls that cannot be resolved because of a star import of these packages.
BY_SHORT_NAME: dict[str, Signature] = {name.rsplit(".", 1)[1]: sig for name, sig in SIGNATURES.items()}
STAR_PACKAGES = ("hera", "argo_workflows")


@dataclass(frozen=True)
class LegacyApi:
    """An API that has no v4 form at all: the legacy fields its calls write are reported, with
    how to port them."""

    label: str
    fix: str
    places: tuple[Place, ...] = CRON_SPEC
    path: tuple[str, ...] = ("spec",)  # where what it models sits in its object (messages)
    positional: tuple[str, ...] = ()  # parameters positional arguments bind to
    required: tuple[str, ...] = ()  # parameters every call gives: reported at the call when not given by keyword


HERA_CRON_FIX = "port it to hera.workflows.CronWorkflow(schedules=[...]) (hera >= 5.19)"
_HERA_BEFORE_5 = LegacyApi("Hera < 5 CronWorkflow", HERA_CRON_FIX, positional=("name", "schedule"),
                           required=("schedule",))
_ARGO_DSL = LegacyApi("argo-python-dsl CronWorkflow", f"argo-python-dsl is unmaintained: {HERA_CRON_FIX}",
                      required=("schedule",))
# argo-client-python (`argo.workflows.client`, Argo 2.x) has no v4 fields.
_CLIENT_CRON_SPEC = LegacyApi("argo-client-python V1alpha1CronWorkflowSpec",
                              f"argo-client-python is unmaintained: {HERA_CRON_FIX} or to argo_workflows' "
                              f"{SDK_PREFIX}CronWorkflowSpec(schedules=[...]) (argo-workflows >= 6.6)",
                              required=("schedule",))
_CLIENT_SYNCHRONIZATION = LegacyApi("argo-client-python V1alpha1Synchronization",
                                    "argo-client-python is unmaintained: port it to hera.workflows.models."
                                    "Synchronization(mutexes=[...], semaphores=[...]) (hera >= 5.19) or to "
                                    f"argo_workflows' {SDK_PREFIX}Synchronization (argo-workflows >= 6.6)",
                                    SYNCHRONIZATION, path=())
CLIENT = "argo.workflows.client"


def _client_names(name: str, module: str) -> tuple[str, ...]:
    """Where argo-client-python exports a model class."""
    return f"{CLIENT}.{name}", f"{CLIENT}.models.{name}", f"{CLIENT}.models.{module}.{name}"


LEGACY_APIS = {
    **{name: _HERA_BEFORE_5 for name in ("hera.CronWorkflow", "hera.cron_workflow.CronWorkflow",
                                         "hera.v1.CronWorkflow", "hera.v1.cron_workflow.CronWorkflow")},
    "argo.workflows.dsl.CronWorkflow": _ARGO_DSL,
    **{name: _CLIENT_CRON_SPEC for name in _client_names("V1alpha1CronWorkflowSpec", "v1alpha1_cron_workflow_spec")},
    **{name: _CLIENT_SYNCHRONIZATION for name in _client_names("V1alpha1Synchronization",
                                                                "v1alpha1_synchronization")},
}
# Where Argo objects come from: a name resolving elsewhere is not one.
ARGO_PACKAGES = ("hera", "argo_workflows", "argo.workflows")
# Argo Events models of these packages (a CalendarEventSource has its own `schedule`).
ARGO_EVENTS = re.compile(r"^hera\.events(?:\.|$)|(?:^|\.)(?:IoArgoprojEvents|GithubComArgoprojArgoEvents"
                         r"|io_argoproj_events_|github_com_argoproj_argo_events_)")
PARTIAL = "functools.partial"


def is_argo_name(name: str) -> bool:
    """A name of Argo Workflows' packages (not of their Argo Events models)."""
    return any(name == package or name.startswith(package + ".") for package in ARGO_PACKAGES) \
        and not ARGO_EVENTS.search(name)
