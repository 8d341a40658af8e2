"""Attributes named like legacy fields on objects that provably are not Argo's: untouched, silent."""
import threading

import schedule
from hera.workflows import Workflow
from pydantic import BaseModel

job = schedule.every(10).minutes.do(print)
job.schedule = "later"
settings = {"schedule": "daily"}


class Scheduler:
    def __init__(self):
        self.mutex = threading.Lock()
        self.semaphore = threading.Semaphore(2)

    def plan(self, cron: str):
        self.schedule = cron


class Job(BaseModel):
    schedule: str = "0 0 * * *"


Scheduler().schedule = "0 1 * * *"
wf = Workflow(name="w")
wf.priority = 5  # the workflow's priority is still valid
