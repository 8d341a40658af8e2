# Other libraries' own `schedule=` and `mutex=`: nothing to do with Argo
import schedule
from apscheduler.schedulers.background import BackgroundScheduler
from hera.workflows import Container
from hera.events.models import CalendarEventSource
from metaflow import FlowSpec, schedule as metaflow_schedule
import couler.argo as couler

calendar = CalendarEventSource(schedule="0 * * * *", timezone="UTC")
schedule.every(10).minutes.do(print)
BackgroundScheduler().add_job(print, "cron", schedule="*/5")
couler.run_container(image="alpine", schedule="0 0 * * *")


@metaflow_schedule(cron="0 0 * * *", schedule="daily")
class Nightly(FlowSpec):
    pass


container = Container(name="c", image="alpine", priority_class_name="high")
