from hera.workflows.models import CronWorkflow as CronWorkflowModel, CronWorkflowSpec, ObjectMeta, WorkflowSpec

spec = CronWorkflowSpec(schedule="0 0 * * *", workflow_spec=WorkflowSpec(entrypoint="main"))
model = CronWorkflowModel(metadata=ObjectMeta(name="model"), spec=CronWorkflowSpec(
    workflow_spec=WorkflowSpec(entrypoint="main", pod_priority=3),
    schedule="30 6 * * *",
))
