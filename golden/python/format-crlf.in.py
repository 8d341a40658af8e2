from hera.workflows import CronWorkflow

cron = CronWorkflow(
    name="crlf",
    schedule="0 0 * * *",  # comment
)
