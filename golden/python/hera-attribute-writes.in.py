"""Attribute writes on objects whose class is provable in their scope (runnable)."""
from hera.workflows import Container, CronWorkflow
from hera.workflows.models import Mutex, SemaphoreRef, Synchronization

SCHEDULE = "0 5 * * *"

cron = CronWorkflow(name="attributes", entrypoint="work")
cron.schedule = SCHEDULE  # set after construction

lock = Synchronization()
lock.mutex = Mutex(name="attributes-lock")
cron.synchronization = lock


def limited() -> Synchronization:
    with CronWorkflow(name="limited", entrypoint="work") as limited_cron:
        limited_cron.schedule = (
            "0 6 * * *"  # parentheses kept
        )
        Container(name="work", image="alpine")
    semaphore = Synchronization()
    semaphore.semaphore = SemaphoreRef()
    return semaphore


with cron:
    Container(name="work", image="alpine", synchronization=limited())
