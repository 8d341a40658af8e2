# -*- coding: utf-8 -*-
# café ☕
from hera.workflows import CronWorkflow

cron = CronWorkflow(name="café", schedules=["0 0 * * *"])
