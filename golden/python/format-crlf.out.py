from hera.workflows import CronWorkflow

cron = CronWorkflow(
    name="crlf",
    schedules=["0 0 * * *"],  # comment
)
