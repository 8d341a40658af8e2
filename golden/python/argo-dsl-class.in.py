"""argo-python-dsl: a CronWorkflow declared by class attributes, reported with a port to Hera."""
from argo.workflows.dsl import CronWorkflow, template
from argo.workflows.dsl.templates import V1Container


class HelloCron(CronWorkflow):
    schedule = "0 0 * * *"
    concurrency_policy = "Replace"

    @template
    def whalesay(self) -> V1Container:
        return V1Container(image="docker/whalesay:latest", name="whalesay", command=["cowsay"])
