# A **spread where the legacy key would be, with neither form written: it may carry the
# legacy key (reported, as for a call); with a form written the rules decide
import os

from hera.workflows import Container

USE_SCHEDULES = os.environ.get("USE_SCHEDULES") == "true"


def cron_body(name, schedule, timezone):
    if USE_SCHEDULES:
        schedule_spec = {"schedules": [schedule]}
    else:
        schedule_spec = {"schedule": schedule}
    return {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "CronWorkflow",
        "metadata": {"name": name},
        "spec": {
            "suspend": schedule is None,
            **schedule_spec,  # reported
            "timezone": timezone,
            "workflowSpec": {"workflowTemplateRef": {"name": name}},
        },
    }


LOCKED = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "Workflow",
    "spec": {
        "synchronization": {**LOCK},  # reported, for mutex and semaphore
        "templates": [
            {"name": "a", "synchronization": {"mutexes": [{"name": "a"}], **EXTRA}},  # reported for semaphore
            {"name": "b", **TEMPLATE},  # not reported: a whole template is not a legacy field
        ],
    },
}
SHARED = Container(name="c", image="alpine", synchronization={**LOCK})  # reported, as Synchronization(**LOCK) is
