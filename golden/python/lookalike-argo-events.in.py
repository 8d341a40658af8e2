# Argo Events models of the argo_workflows SDK and of Hera: a CalendarEventSource has its
# own `schedule` (Argo Events has no `schedules`); nothing to do, nothing to report
from argo_workflows.model.github_com_argoproj_argo_events_pkg_apis_events_v1alpha1_calendar_event_source import (
    GithubComArgoprojArgoEventsPkgApisEventsV1alpha1CalendarEventSource,
)
from argo_workflows.models import IoArgoprojEventsV1alpha1CalendarEventSource
from hera.events.models import CalendarEventSource

calendar = IoArgoprojEventsV1alpha1CalendarEventSource(schedule="0 * * * *", timezone="UTC")
calendar.schedule = "*/5 * * * *"
legacy = GithubComArgoprojArgoEventsPkgApisEventsV1alpha1CalendarEventSource(schedule="0 0 * * *")
legacy.schedule = "0 1 * * *"
hera_calendar = CalendarEventSource(schedule="0 2 * * *")
hera_calendar.schedule = "0 3 * * *"


def test_calendar():
    assert calendar.schedule == "*/5 * * * *"
    assert hera_calendar.schedule == "0 3 * * *"
