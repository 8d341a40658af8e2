from hera.workflows import CronWorkflow

COMMON = {"namespace": "argo", "entrypoint": "main"}

explicit = CronWorkflow(name="explicit", schedules=["0 0 * * *"], **COMMON)
hidden = CronWorkflow(name="hidden", **SETTINGS)
