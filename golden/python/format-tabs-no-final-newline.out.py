from hera.workflows import CronWorkflow

cron = CronWorkflow(name="nonl",
	schedules=["0 0 * * *"])