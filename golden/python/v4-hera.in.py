# Already v4 Hera code: nothing to do
from hera.workflows import Container, CronWorkflow
from hera.workflows.models import Mutex, Synchronization

with CronWorkflow(name="v4", schedules=["0 0 * * *"], entrypoint="c",
                  synchronization=Synchronization(mutexes=[Mutex(name="m")]), pod_priority_class_name="high") as c:
    Container(name="c", image="alpine", priority_class_name="low")
