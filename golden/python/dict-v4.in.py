# Already v4: nothing to do
CRON = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "spec": {
        "schedules": ["0 0 * * *"],
        "workflowSpec": {"synchronization": {"mutexes": [{"name": "m"}], "semaphores": []}, "priority": 3},
    },
}
