# runnable
import hera.workflows as hw


def build(name: str) -> hw.CronWorkflow:
    with hw.CronWorkflow(name=name, entrypoint="main", schedules=["*/5 * * * *"]) as cron:
        hw.Container(name="main", image="busybox")
    return cron


cron = build("every-five")
