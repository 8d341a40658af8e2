# The name may be Hera's or not: reported, not rewritten
try:
    from hera.workflows import CronWorkflow
except ImportError:
    from legacy_scheduler import CronWorkflow

cron = CronWorkflow(name="maybe", schedule="0 0 * * *")
