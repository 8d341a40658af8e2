"""A nightly job, written with Hera (runnable)."""
from hera.workflows import Container, CronWorkflow

with CronWorkflow(
    name="nightly-report",
    entrypoint="report",
    schedules=["0 2 * * *"],
    timezone="Europe/Paris",
    concurrency_policy="Forbid",
) as cron:
    Container(name="report", image="alpine:3.20", command=["sh", "-c", "echo report"])
