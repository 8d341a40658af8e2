"""Tests that compare with the old form: reported (the test must change with the code)."""
import unittest

from hera.workflows import CronWorkflow


def build():
    cron = CronWorkflow(name="nightly", schedules=["0 0 * * *"])
    return cron


def test_schedule():
    cron = build()
    manifest = cron.to_dict()
    assert manifest["spec"]["schedule"] == "0 0 * * *"
    assert "mutex" in manifest["spec"]["workflowSpec"].get("synchronization", {})
    assert manifest["spec"].get("semaphore") is None
    assert "schedule" not in manifest["spec"]  # already the v4 expectation
    assert cron.schedule is None


class CronTest(unittest.TestCase):
    def test_lock(self):
        lock = build().to_dict()["spec"]["workflowSpec"]["synchronization"]
        self.assertEqual(lock["mutex"]["name"], "nightly")
