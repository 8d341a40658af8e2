"""Dicts near Hera that are not Argo objects: other libraries' from_dict, untyped keywords."""
from dataclasses_json import Synchronization
from hera.workflows import Container, CronWorkflow
from mylib.models import CronWorkflowSpec

spec = CronWorkflowSpec.from_dict({"schedule": "0 0 * * *"})
lock = Synchronization.from_dict({"mutex": {"name": "a"}})
cron = CronWorkflow(name="c", schedules=["0 0 * * *"], labels={"mutex": "no", "schedule": "daily"})
Container(name="c", image="alpine", env={"semaphore": "1"})
parsed = CronWorkflow.from_yaml("spec: {}")


def make(CronWorkflowSpec):
    return CronWorkflowSpec.from_dict({"schedule": "shadowed by a parameter"})
