"""The Python names that provably are Argo objects, by what they resolve to through the
imports (libcst's QualifiedNameProvider), never by spelling; and the keywords each one
used to take that v4 renamed (fixable) or no longer reads (reported).

Hera >= 5.19 (Argo 3.6 models) and argo-workflows >= 6.6 read the new keywords.
"""
from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class Rename:
    """`singular=X` became `plural=[X]` (rule `rule`)."""

    singular: str
    plural: str
    rule: str
    append: bool  # when the plural is given too, X may be appended to its list literal

@dataclass(frozen=True)
class Signature:
    """What one Argo class's calls are checked for."""

    label: str  # the class as reports name it
    renames: tuple[Rename, ...] = ()
    reports: tuple[tuple[str, str], ...] = ()  # (keyword, rule): no longer read, a person decides
    positional: tuple[str, ...] = ()  # parameters a positional argument binds to (old SDK 6.5)

SCHEDULE = Rename("schedule", "schedules", "cron-schedules", append=False)
MUTEX = Rename("mutex", "mutexes", "sync-mutexes", append=True)
SEMAPHORE = Rename("semaphore", "semaphores", "sync-semaphores", append=True)
POD_PRIORITY = ("pod_priority", "pod-priority")
TEMPLATE_PRIORITY = ("priority", "template-priority")

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

    def model(name: str, sdk_module: str, renames=(), reports=(), positional=()) -> None:
        for package in HERA_MODELS:
            table[f"{package}.{name}"] = Signature(name, tuple(renames), tuple(reports))
        sdk_name = SDK_PREFIX + name
        sdk = Signature(sdk_name, tuple(renames), tuple(reports), tuple(positional))
        table[f"{SDK_MODELS}.{sdk_name}"] = sdk
        table[f"{SDK_MODEL}.io_argoproj_workflow_v1alpha1_{sdk_module}.{sdk_name}"] = sdk

    hera("CronWorkflow", "cron_workflow", Signature("CronWorkflow", (SCHEDULE,), (POD_PRIORITY,)))
    for name, module in (("Workflow", "workflow"), ("WorkflowTemplate", "workflow_template"),
                         ("ClusterWorkflowTemplate", "cluster_workflow_template")):
        hera(name, module, Signature(name, (), (POD_PRIORITY,)))
    for name, module in (("Container", "container"), ("Script", "script"), ("ContainerSet", "container_set"),
                         ("DAG", "dag"), ("Steps", "steps"), ("Resource", "resource"), ("Suspend", "suspend"),
                         ("HTTP", "http_template"), ("Data", "data"), ("script", "script")):
        hera(name, module, Signature(name, (), (TEMPLATE_PRIORITY,)))
    model("Synchronization", "synchronization", renames=(MUTEX, SEMAPHORE))
    model("CronWorkflowSpec", "cron_workflow_spec", renames=(SCHEDULE,), positional=("schedule", "workflow_spec"))
    model("WorkflowSpec", "workflow_spec", reports=(POD_PRIORITY,))
    model("Template", "template", reports=(TEMPLATE_PRIORITY,))
    return table

SIGNATURES = _table()
# Short names, for calls that cannot be resolved because of a star import of these packages.
BY_SHORT_NAME: dict[str, Signature] = {name.rsplit(".", 1)[1]: sig for name, sig in SIGNATURES.items()}
STAR_PACKAGES = ("hera", "argo_workflows")
