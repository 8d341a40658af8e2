"""The old argo_workflows SDK (argo-workflows < 6.6 took mutex= and semaphore=)."""
from argo_workflows.model.io_argoproj_workflow_v1alpha1_mutex import IoArgoprojWorkflowV1alpha1Mutex
from argo_workflows.model.io_argoproj_workflow_v1alpha1_synchronization import (
    IoArgoprojWorkflowV1alpha1Synchronization,
)
from argo_workflows.model.io_argoproj_workflow_v1alpha1_workflow_spec import IoArgoprojWorkflowV1alpha1WorkflowSpec
from argo_workflows.models import IoArgoprojWorkflowV1alpha1Synchronization as Sync
import argo_workflows.models as models

spec = IoArgoprojWorkflowV1alpha1WorkflowSpec(
    entrypoint="main",
    synchronization=IoArgoprojWorkflowV1alpha1Synchronization(
        mutexes=[IoArgoprojWorkflowV1alpha1Mutex(name="db")],
    ),
)
other = Sync(semaphores=[models.IoArgoprojWorkflowV1alpha1SemaphoreRef(config_map_key_ref=REF)])
third = models.IoArgoprojWorkflowV1alpha1Synchronization(mutexes=[models.IoArgoprojWorkflowV1alpha1Mutex(name="x")])
