EMPTY = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "spec": {
        "timezone": "UTC",
    },
}
BOTH = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "spec": {
        "schedules": ["0 12 * * *"]
    }
}
SPACED = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow", "spec": {"schedules": ["15 4 * * *"], "timezone": "UTC"}}
OTHER_ZONE = {"apiVersion": "argoproj.io/v1alpha1", "kind": "CronWorkflow",
              "spec": {"timezone": "Asia/Tokyo", "schedules": ["CRON_TZ=UTC 0 0 * * *"]}}
