def make_cron(name, schedule):
    from hera.workflows import CronWorkflow

    return CronWorkflow(name=name, schedules=[schedule], entrypoint="main")


def make_other(name, schedule):
    # a different CronWorkflow in this scope: not Hera's
    from scheduling.models import CronWorkflow

    return CronWorkflow(name=name, schedule=schedule)


class Factory:
    def cron(self):
        import hera.workflows as hw

        return hw.CronWorkflow(name="in-method", schedules=["@daily"])
