EMPTY = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "spec": {
        "schedule": "",
        "timezone": "UTC",
    },
}
BOTH = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "spec": {
        "schedules": ["0 0 * * *"],
        "schedule": "0 12 * * *"
    }
}
SPACED = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "spec": {"schedule": " TZ=UTC  15 4 * * * "}}
OTHER_ZONE = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow",
              "spec": {"timezone": "Asia/Tokyo", "schedule": "CRON_TZ=UTC 0 0 * * *"}}
