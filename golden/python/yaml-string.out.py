"""Manifests held as YAML in string literals, loaded by the program.

A docstring showing the old form is documentation and stays as written:

    apiVersion: argoproj.io/v1alpha1
    kind: CronWorkflow
    spec:
      schedule: "0 0 * * *"
"""
import textwrap

import yaml

CRON = yaml.safe_load("""
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly  # comments survive
spec:
  timezone: Europe/Paris
  schedules:
    - "0 3 * * *"
  workflowSpec:
    entrypoint: main
    podPriority: 3
    synchronization:
      mutexes:
        - name: nightly
""")


def workflow():
    return yaml.safe_load(textwrap.dedent('''
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: locked-
        spec:
          templates:
          - name: main
            synchronization:
              semaphores:
              - configMapKeyRef: {name: limits, key: main}
    '''))


TEMPLATED = yaml.safe_load(f"""
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
spec:
  schedule: "{SCHEDULE}"
""")  # an f-string: not touched
FORMATTED = yaml.safe_load("""
apiVersion: argoproj.io/v1alpha1
kind: Workflow
spec:
  synchronization:
    mutex: {lock}
""".format(lock=LOCK))
CONCATENATED = yaml.safe_load(
    "apiVersion: argoproj.io/v1alpha1\n"
    "kind: CronWorkflow\n"
    "spec:\n"
    "  schedule: '0 0 * * *'\n"
)
ESCAPED = "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: '0 0 * * *'\n"
NOT_A_MANIFEST = """
kind: Workflow
schedule: 0 0 * * *
"""
