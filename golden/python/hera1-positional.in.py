"""Hera 1-3 (`hera.v1`): no v4 form; the schedule is reported like Hera 4's."""
from hera.v1.cron_workflow import CronWorkflow
from hera.v1.cron_workflow_service import CronWorkflowService

cws = CronWorkflowService("my-argo-server.com", "my-auth-token")
cw = CronWorkflow("hello-hera", "5 4 * * *", cws)
nightly = CronWorkflow("nightly", schedule="0 0 * * *", service=cws)
