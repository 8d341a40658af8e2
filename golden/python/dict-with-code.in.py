# Values computed by the program cannot be known: reported, not rewritten
def manifest(name, lock):
    return {
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Workflow",
        "metadata": {"name": name},
        "spec": {"synchronization": {"mutex": {"name": lock}}},
    }


SPREAD = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", **BASE, "spec": {"schedule": "0 0 * * *"}}
