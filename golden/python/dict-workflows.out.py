# Several manifests as literals, with both quote styles
MANIFESTS = [
    {
        'apiVersion': 'argoproj.io/v1alpha1',
        'kind': 'Workflow',
        'metadata': {'generateName': 'locked-'},
        'spec': {
            'entrypoint': 'main',
            'synchronization': {'mutexes': [{'name': 'wf'}], 'semaphores': [{'configMapKeyRef': {'name': 'c', 'key': 'k'}}]},
            'templateDefaults': {'synchronization': {'mutexes': [{'name': 'defaults'}]}},
            'templates': [
                {'name': 'main', 'steps': [[{'name': 'a', 'inline': {'container': {'image': 'alpine'},
                                                                    'synchronization': {'mutexes': [{'name': 'inline'}]}}}]]},
                {'name': 'b', 'synchronization': {'mutexes': [{'name': 'x'}, {'name': 'y'}]}},
                {"name": "c", "synchronization": {"semaphores": [{"configMapKeyRef": {"name": "c", "key": "k"}}]}},
            ],
        },
    },
    {"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate", "spec": {"synchronization": {}}},
    {"apiVersion": "argoproj.io/v1alpha1", "kind": "ClusterWorkflowTemplate", "spec": {"podPriority": 10}},
]
