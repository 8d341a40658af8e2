# both given: Hera appends, argo convert drops the list: reported, left as it is
from hera.workflows import CronWorkflow

cron = CronWorkflow(name="both", schedule="0 0 * * *", schedules=["0 12 * * *"])
