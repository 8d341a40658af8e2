"""A local `partial` and a local class named like Hera's: not functools, not Hera."""
from hera.workflows import CronWorkflow


def partial(cls, **kwargs):
    return cls


Late = partial(CronWorkflow, schedule="0 0 * * *")


class Synchronization:
    def __init__(self, mutex=None):
        self.mutex = mutex


Alias = Synchronization
Alias(mutex="m")
