"""The plural given too: the singular is appended to its list literal (runnable)."""
from hera.workflows import Workflow
from hera.workflows.models import Mutex, Synchronization
from hera.workflows.models.io.argoproj.workflow.v1alpha1 import SemaphoreRef

EXISTING = [Mutex(name="shared")]

appended = Synchronization(
    mutexes=[Mutex(name="a")],
    mutex=Mutex(name="b"),
)
first = Synchronization(
    mutex=Mutex(name="c"),  # moves into the list below
    mutexes=[],
)
duplicate = Synchronization(mutex=Mutex(name="d"), mutexes=[Mutex(name="d")])
both = Synchronization(semaphore=SemaphoreRef(), semaphores=[SemaphoreRef()], mutex=Mutex(name="e"), mutexes=[Mutex(name="f"),])
not_a_literal = Synchronization(mutex=Mutex(name="g"), mutexes=EXISTING)
w = Workflow(name="append", synchronization=appended)
