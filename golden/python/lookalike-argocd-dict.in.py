# Argo CD and Argo Events objects share the argoproj.io group: not Workflows
APP = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "Application",
    "spec": {
        "source": {
            "helm": {
                "valuesObject": {
                    "schedule": "0 0 * * *",
                    "synchronization": {"mutex": {"name": "deploy"}},
                    "podPriority": 10,
                },
            },
        },
    },
}
CALENDAR = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "EventSource",
    "spec": {"calendar": {"nightly": {"schedule": "0 0 * * *", "timezone": "UTC"}}},
}
CRONJOB = {"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"schedule": "0 0 * * *"}}
OTHER_GROUP = {"apiVersion": "example.com/v1", "kind": "Workflow", "spec": {"synchronization": {"mutex": "x"}}}
