# `CronWorkflow` imported under another name (runnable)
from hera.workflows import Container as C, CronWorkflow as CW, Steps

with CW(name="hourly", entrypoint="main", schedules=['15 * * * *']) as cron:
    hello = C(name="hello", image="alpine", args=["hello"])
    with Steps(name="main"):
        hello()
