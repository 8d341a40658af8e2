from hera.workflows import CronWorkflow

SCHEDULE = "0 4 * * 1-5"

cron = CronWorkflow(
    name="formatting",
    # the schedule comes from a constant
    schedule = (  # weekdays
        SCHEDULE
    ),
    entrypoint="main",
)

inline = CronWorkflow(name="inline", schedule=("0 0 * * *" if PROD else "*/1 * * * *"))
tupled = CronWorkflow(name="implicit-concat", schedule=("0 0 "
                                                        "* * *"))
keyword_last = CronWorkflow(name="last", schedule=f"0 {HOUR} * * *")
