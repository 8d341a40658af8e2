# Several manifests as literals, with both quote styles
MANIFESTS = [
    {
        'apiVersion': 'argoproj.io/v1alpha1',
        'kind': 'Workflow',
        'metadata': {'generateName': 'locked-'},
        'spec': {
            'entrypoint': 'main',
            'synchronization': {'mutex': {'name': 'wf'}, 'semaphore': {'configMapKeyRef': {'name': 'c', 'key': 'k'}}},
            'templateDefaults': {'synchronization': {'mutex': {'name': 'defaults'}}},
            'templates': [
                {'name': 'main', 'steps': [[{'name': 'a', 'inline': {'container': {'image': 'alpine'},
                                                                    'synchronization': {'mutex': {'name': 'inline'}}}}]]},
                {'name': 'b', 'synchronization': {'mutexes': [{'name': 'x'}], 'mutex': {'name': 'y'}}},
                {"name": "c", "synchronization": {"semaphores": [{"configMapKeyRef": {"name": "c", "key": "k"}}],
                                                  "semaphore": {"configMapKeyRef": {"key": "k", "name": "c"}}}},
            ],
        },
    },
    {"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate", "spec": {"synchronization": {"mutex": None}}},
    {"apiVersion": "argoproj.io/v1alpha1", "kind": "ClusterWorkflowTemplate", "spec": {"podPriority": 10}},
]
