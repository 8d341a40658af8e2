"""Hera 4 (hera < 5): no v4 form; the schedule, positional or not, is reported."""
import hera
from hera import CronWorkflow, Task

with CronWorkflow("nightly", "*/5 * * * *", timezone="UTC") as cron:
    Task("say", image="alpine")

weekly = hera.CronWorkflow("weekly", schedule="0 0 * * 0")
