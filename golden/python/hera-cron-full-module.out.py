import hera
import hera.workflows
from hera import workflows as w
from hera.workflows.cron_workflow import CronWorkflow as Cron

a = hera.workflows.CronWorkflow(name="a", schedules=["0 1 * * *"])
b = w.CronWorkflow(name="b", schedules=["0 2 * * *"])
c = Cron(name="c", schedules=["0 3 * * *"])
