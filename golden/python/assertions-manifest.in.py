"""A test of manifest dicts (no SDK import): subscripts with the old keys are reported."""
NIGHTLY = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "CronWorkflow",
    "metadata": {"name": "nightly"},
    "spec": {"schedules": ["0 0 * * *"], "workflowSpec": {"entrypoint": "main"}},
}


def test_nightly(render):
    rendered = render(NIGHTLY)
    assert rendered["spec"]["schedule"] == "0 0 * * *"
    assert rendered.spec.schedule == "0 0 * * *"  # attribute reads are not the manifest's
