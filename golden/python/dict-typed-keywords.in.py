"""Dicts passed to Argo-typed keywords: their scope is known from the keyword (runnable)."""
from hera.workflows import Container, CronWorkflow, Steps
from hera.workflows.models import CronWorkflowSpec, WorkflowSpec

with CronWorkflow(
    name="nightly",
    entrypoint="main",
    schedules=["0 3 * * *"],
    # one run at a time
    synchronization={"mutex": {"name": "nightly-lock"}},  # the workflow lock
) as cron:
    Container(
        name="work",
        image="alpine",
        synchronization={
            'semaphore': {'configMapKeyRef': {'name': 'limits', 'key': 'work'}},  # single quotes kept
        },
    )
    with Steps(name="main"):
        pass

spec = WorkflowSpec(entrypoint="main", synchronization={"mutex": {"name": "spec-lock"}, "mutexes": [{"name": "other"}]})
cron_spec = CronWorkflowSpec(
    schedules=["0 4 * * *"],
    workflow_spec={"entrypoint": "main", "synchronization": {"semaphore": {"configMapKeyRef": {"name": "c", "key": "k"}}}},
)
