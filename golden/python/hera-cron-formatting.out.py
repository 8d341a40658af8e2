from hera.workflows import CronWorkflow

SCHEDULE = "0 4 * * 1-5"

cron = CronWorkflow(
    name="formatting",
    # the schedule comes from a constant
    schedules = [(  # weekdays
        SCHEDULE
    )],
    entrypoint="main",
)

inline = CronWorkflow(name="inline", schedules=[("0 0 * * *" if PROD else "*/1 * * * *")])
tupled = CronWorkflow(name="implicit-concat", schedules=[("0 0 "
                                                        "* * *")])
keyword_last = CronWorkflow(name="last", schedules=[f"0 {HOUR} * * *"])
