# Code inside a manifest dict: a change is made where what the rule reads is literal,
# reported where it is code
def manifest(name, lock):
    return {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "metadata": {"name": name},
        "spec": {"synchronization": {"mutex": {"name": lock}}},  # rewritten: the item is literal
    }


SPREAD = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", **BASE, "spec": {"schedule": "0 0 * * *"}}
COMPUTED = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "spec": {
        "schedule": SCHEDULE,  # reported: may be None, may carry a time zone prefix
        "workflowSpec": {"synchronization": {"mutex": LOCK}},  # reported
    },
}
OPEN = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "spec": {**BASE_SPEC, "schedule": "0 0 * * *"}}
ZONE = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "spec": {"schedule": "1 1 * * *", "timezone": TZ}}
