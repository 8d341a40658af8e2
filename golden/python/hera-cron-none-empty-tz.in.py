# values that cannot be wrapped as they are: reported, left as they are
from hera.workflows import CronWorkflow

none = CronWorkflow(name="none", schedule=None)
empty = CronWorkflow(name="empty", schedule="")
prefixed = CronWorkflow(name="tz", schedule="CRON_TZ=America/New_York 0 2 * * *")
listed = CronWorkflow(name="listed", schedule=["0 0 * * *"])
