"""argo-client-python (`argo.workflows.client`, Argo 2.x) has no v4 fields: what its models
write in the old form is reported, with a port to Hera or argo_workflows."""
from argo.workflows.client import V1alpha1CronWorkflow, V1alpha1CronWorkflowSpec
from argo.workflows.client.models.v1alpha1_synchronization import V1alpha1Synchronization
from argo.workflows.client.models import V1alpha1Mutex, V1alpha1SemaphoreRef


class CronWorkflow:
    def __init__(self, schedule, spec):
        self.cron_workflow_spec = V1alpha1CronWorkflowSpec(schedule=schedule, workflow_spec=spec)
        self.cron_workflow = V1alpha1CronWorkflow(spec=self.cron_workflow_spec)


lock = V1alpha1Synchronization(mutex=V1alpha1Mutex(name="db"), semaphore=V1alpha1SemaphoreRef())
from_dict = V1alpha1CronWorkflowSpec(**SPEC)  # a CronWorkflow spec always has a schedule
