# runnable
import hera.workflows.models as m
from hera.workflows import Container, Workflow
from hera.workflows import models as mm

with Workflow(name="aliases", entrypoint="c", synchronization=m.Synchronization(mutexes=[m.Mutex(name="a")])) as w:
    Container(name="c", image="alpine", synchronization=mm.Synchronization(mutexes=[mm.Mutex(name="b")]))
