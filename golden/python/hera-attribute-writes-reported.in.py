"""Attribute writes that cannot be rewritten: reported with a suggested fix."""
from hera.workflows import CronWorkflow, Workflow
from hera.workflows.models import Mutex, Synchronization


def configure(options, cron_factory):
    cron = cron_factory()
    cron.schedule = options.schedule  # what cron_factory returns is not known
    options.mutex = Mutex(name="m")  # a parameter
    self_made = CronWorkflow(name="a")
    self_made = CronWorkflow(name="b")  # bound twice
    self_made.schedule = "0 0 * * *"
    both = CronWorkflow(name="c", schedules=["0 1 * * *"])
    both.schedule = "0 2 * * *"  # the plural is given too
    empty = CronWorkflow(name="d")
    empty.schedule = None
    wf = Workflow(name="w")
    wf.pod_priority = 3
    lock = Synchronization()
    lock.mutex = other.mutex = Mutex(name="shared")


outer = CronWorkflow(name="e")


def later():
    outer.schedule = "0 3 * * *"  # another scope than the binding
