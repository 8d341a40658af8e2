from hera.workflows import CronWorkflow

cron = CronWorkflow(name="nonl",
	schedule="0 0 * * *")