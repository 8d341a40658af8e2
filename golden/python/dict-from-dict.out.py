"""Dicts given to from_dict / model_validate / parse_obj of an Argo class: the class says what they are."""
from argo_workflows.models import IoArgoprojWorkflowV1alpha1Synchronization
from hera.workflows import CronWorkflow
from hera.workflows.models import CronWorkflowSpec, Synchronization, Template

lock = Synchronization.model_validate({"mutexes": [{"name": "a"}]})
both = Synchronization.parse_obj({
    "mutexes": [{"name": "a"}, {"name": "b"}],  # appended
})
spec = CronWorkflowSpec.model_validate({
    "schedules": ["0 1 * * *"],  # the time zone moves out
    "timezone": "Europe/Paris",
    "workflowSpec": {"entrypoint": "main"},
})
template = Template.from_dict({"name": "t", "priority": 5, "synchronization": {}})
sdk_lock = IoArgoprojWorkflowV1alpha1Synchronization.from_dict({'mutexes': [{'name': 'sdk'}]})
cron = CronWorkflow.from_dict({
    "metadata": {"name": "imported"},
    "spec": {"schedules": ["0 2 * * *"], "workflowSpec": {"entrypoint": "main"}},
})
