"""Argo classes reached through an assigned name or functools.partial: reported, not rewritten."""
import functools
from functools import partial

import hera.workflows.models as m
from hera.workflows import CronWorkflow

CW = CronWorkflow
nightly = CW(name="nightly", schedule="0 0 * * *")

Lock = m.Synchronization
lock = Lock(mutex=m.Mutex(name="m"))

Scheduled = partial(CronWorkflow, namespace="ops")
weekly = Scheduled(name="weekly", schedule="0 0 * * 0")

Hourly = functools.partial(CronWorkflow, schedule="0 * * * *")


class Nightly(CronWorkflow):
    """A subclass: its calls are not rewritten either."""


Nightly(name="subclassed", schedule="0 0 * * *")
