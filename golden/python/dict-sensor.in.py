SENSOR = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "Sensor",
    "spec": {
        "triggers": [
            {
                "template": {
                    "argoWorkflow": {
                        "source": {
                            "resource": {
                                "apiVersion": "argoproj.io/v1alpha1",
                                "kind": "Workflow",
                                "spec": {"synchronization": {"semaphore": {"configMapKeyRef": {"name": "s", "key": "k"}}}},
                            },
                        },
                    },
                },
            },
        ],
    },
}
