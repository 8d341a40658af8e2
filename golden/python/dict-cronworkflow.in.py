"""A manifest built as a dict literal, submitted with the Kubernetes client."""
import yaml

CRON_WORKFLOW = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "metadata": {"name": "nightly", "namespace": "argo"},
    "spec": {
        "schedule": "CRON_TZ=America/New_York 0 2 * * *",  # 2am in New York
        "concurrencyPolicy": "Forbid",
        "workflowSpec": {
            "entrypoint": "main",
            "synchronization": {"mutex": {"name": "nightly"}},
            "templates": [
                {
                    "name": "main",
                    "container": {"image": "alpine", "command": ["date"]},
                },
            ],
        },
    },
}

print(yaml.safe_dump(CRON_WORKFLOW))
