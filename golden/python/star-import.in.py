# A star import hides where names come from: reported, not rewritten
from hera.workflows import *
from hera.workflows.models import *

cron = CronWorkflow(name="starred", schedule="0 0 * * *")
lock = Synchronization(mutex=Mutex(name="m"))
