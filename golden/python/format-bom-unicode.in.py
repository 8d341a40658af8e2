# -*- coding: utf-8 -*-
# café ☕
from hera.workflows import CronWorkflow

cron = CronWorkflow(name="café", schedule="0 0 * * *")
