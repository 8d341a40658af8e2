"""Dicts given to from_dict / model_validate / parse_obj of an Argo class: the class says what they are."""
from argo_workflows.models import IoArgoprojWorkflowV1alpha1Synchronization
from hera.workflows import CronWorkflow
from hera.workflows.models import CronWorkflowSpec, Synchronization, Template

lock = Synchronization.model_validate({"mutex": {"name": "a"}})
both = Synchronization.parse_obj({
    "mutexes": [{"name": "a"}],
    "mutex": {"name": "b"},  # appended
})
spec = CronWorkflowSpec.model_validate({
    "schedule": "CRON_TZ=Europe/Paris 0 1 * * *",  # the time zone moves out
    "workflowSpec": {"entrypoint": "main"},
})
template = Template.from_dict({"name": "t", "priority": 5, "synchronization": {"semaphore": None}})
sdk_lock = IoArgoprojWorkflowV1alpha1Synchronization.from_dict({'mutex': {'name': 'sdk'}})
cron = CronWorkflow.from_dict({
    "metadata": {"name": "imported"},
    "spec": {"schedule": "0 2 * * *", "workflowSpec": {"entrypoint": "main"}},
})
