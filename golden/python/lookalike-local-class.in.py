# A project's own CronWorkflow class: not Hera's, whatever its name
import hera.workflows as hw


class CronWorkflow:
    def __init__(self, name, schedule):
        self.name, self.schedule = name, schedule


class Synchronization:
    def __init__(self, mutex=None, semaphore=None):
        self.mutex, self.semaphore = mutex, semaphore


job = CronWorkflow("local", schedule="0 0 * * *")
lock = Synchronization(mutex="x", semaphore="y")
hw_cron = hw  # the module, not the class
