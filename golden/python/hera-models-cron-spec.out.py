from hera.workflows.models import CronWorkflow as CronWorkflowModel, CronWorkflowSpec, ObjectMeta, WorkflowSpec

spec = CronWorkflowSpec(schedules=["0 0 * * *"], workflow_spec=WorkflowSpec(entrypoint="main"))
model = CronWorkflowModel(metadata=ObjectMeta(name="model"), spec=CronWorkflowSpec(
    workflow_spec=WorkflowSpec(entrypoint="main", pod_priority=3),
    schedules=["30 6 * * *"],
))
