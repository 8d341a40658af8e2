"""The plural given too: the singular is appended to its list literal (runnable)."""
from hera.workflows import Workflow
from hera.workflows.models import Mutex, Synchronization
from hera.workflows.models.io.argoproj.workflow.v1alpha1 import SemaphoreRef

EXISTING = [Mutex(name="shared")]

appended = Synchronization(
    mutexes=[Mutex(name="a"), Mutex(name="b")],
)
first = Synchronization(
    mutexes=[Mutex(name="c")],
)
duplicate = Synchronization(mutexes=[Mutex(name="d")])
both = Synchronization(semaphores=[SemaphoreRef()], mutexes=[Mutex(name="f"), Mutex(name="e"),])
not_a_literal = Synchronization(mutex=Mutex(name="g"), mutexes=EXISTING)
w = Workflow(name="append", synchronization=appended)
