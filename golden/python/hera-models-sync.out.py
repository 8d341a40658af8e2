"""Workflow and template locks with Hera's models (runnable)."""
from hera.workflows import Container, Steps, Workflow
from hera.workflows.models import ConfigMapKeySelector, Mutex, SemaphoreRef, Synchronization

with Workflow(
    name="locked",
    entrypoint="main",
    synchronization=Synchronization(mutexes=[Mutex(name="workflow-lock")]),
) as w:
    work = Container(
        name="work",
        image="alpine",
        synchronization=Synchronization(
            semaphores=[SemaphoreRef(
                config_map_key_ref=ConfigMapKeySelector(name="limits", key="work"),
            )],
        ),
    )
    with Steps(name="main"):
        work()
