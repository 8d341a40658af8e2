# report only: integer priorities are no longer read (v3.7)
from hera.workflows import Container, Script, Workflow, WorkflowTemplate, script


@script(priority=10, image="python:3.12")
def hello():
    print("hello")


with Workflow(name="w", pod_priority=100, priority=5) as w:  # workflow priority is still valid
    Container(name="c", image="alpine", priority=1)
    Script(name="s", source="print(1)", priority=2)

WorkflowTemplate(name="t", pod_priority=-1)
