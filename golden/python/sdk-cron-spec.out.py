from argo_workflows.model.io_argoproj_workflow_v1alpha1_cron_workflow_spec import (
    IoArgoprojWorkflowV1alpha1CronWorkflowSpec,
)
from argo_workflows.models import IoArgoprojWorkflowV1alpha1CronWorkflowSpec as CronSpec
from argo_workflows.models import IoArgoprojWorkflowV1alpha1WorkflowSpec as WorkflowSpec

keywords = IoArgoprojWorkflowV1alpha1CronWorkflowSpec(
    schedules=["0 0 * * *"],
    workflow_spec=WorkflowSpec(entrypoint="main", pod_priority=1),
)
# argo-workflows 6.5 took (schedule, workflow_spec) positionally; 6.6 has no `schedule`
positional = CronSpec(schedules=["*/10 * * * *"], workflow_spec=WorkflowSpec(entrypoint="main"), concurrency_policy="Replace")
one_positional = CronSpec(schedules=["@hourly"], workflow_spec=WorkflowSpec(entrypoint="main"))
