"""cron-schedules: a CronWorkflow's `spec.schedule: S` became `spec.schedules: [S]`.

v4.0 removed the singular field (the list exists since v3.6) and its CRD rejects a
`CRON_TZ=`/`TZ=` prefix: it moves to `spec.timezone`, or is dropped when that already
names the same zone.
"""
from __future__ import annotations

import re

from argoconvert.changes import Finding, Insert, Remove, Scope, ToList
from ..rule import Keyword, Rule

TZ_PREFIX = re.compile(r"^(?P<variable>CRON_TZ|TZ)=(?P<zone>\S+)\s+(?P<rest>.*)$", re.S)


def python_refuses(value) -> str | None:
    """Why `schedule=value` in Python code (a literal's value) is not rewritten to
    `schedules=[value]`: what the YAML check would not simply wrap in a list."""
    if isinstance(value, dict):
        return "schedule= is not a cron expression: write schedules=[...] by hand"
    if isinstance(value, str) and not value.strip():
        return "schedule= is empty: remove it, or pass schedules=[...]"
    prefix = TZ_PREFIX.match(value.strip()) if isinstance(value, str) else None
    if prefix:
        return (f"schedule= starts with a time zone prefix ({prefix['zone']}), which v4 rejects: "
                f"pass timezone={prefix['zone']!r} and schedules=[...] without it by hand")
    return None


rule = Rule(
    name="cron-schedules",
    summary="CronWorkflow spec.schedule became the list spec.schedules",
    available_since="3.6",
    removed_in="4.0",
    fixable=True,
    scopes=(Scope.CRON_SPEC,),
    keys=("schedule",),
    marks=("TZ=",),
    reads=("timezone",),
    python=(Keyword("schedule", "schedules", to_list=True, refuses=python_refuses,
                    shared_with="CronJob"),),
)


@rule
def check(spec: dict):
    if "schedule" not in spec:
        yield from _prefixed_schedules(spec)
        return
    value = spec["schedule"]
    if value is None or value == "":
        yield Remove(("schedule",), "empty {path} removed")
        return
    if isinstance(value, (dict, list)):
        yield Finding(("schedule",), "{path} is not a cron expression; write spec.schedules by hand")
        return
    schedule, note = str(value).strip(), ""
    prefix = TZ_PREFIX.match(schedule)
    timezone = spec.get("timezone")
    if prefix and not timezone:
        zone, schedule = prefix["zone"], prefix["rest"].strip()
        if "timezone" in spec:
            yield Remove(("timezone",), "empty {path} replaced")
        yield Insert(("timezone",), f"{{path}} set to {zone!r} from the schedule's prefix", value=zone,
                     beside="schedule")
    elif prefix and prefix["zone"] == timezone:
        schedule = prefix["rest"].strip()
        note = f" (its {prefix['variable']}= prefix dropped: spec.timezone is already {timezone!r})"
    elif prefix:
        zone = prefix["zone"]
        yield Finding(("schedule",), f"{{path}} starts with a time zone prefix ({zone}) and spec.timezone is "
                                     f"already {timezone!r}: v4 rejects the prefix; remove it by hand")
    if "schedules" in spec:
        dropped = spec["schedules"]
        yield Remove(("schedules",), f"{{path}} {dropped!r} dropped: spec.schedule takes precedence, "
                                     "as in argo convert")
    changed = schedule != value
    yield ToList(("schedule",), "{path} -> {new}" + note, new_key="schedules", value=schedule, replace_value=changed)


def _prefixed_schedules(spec: dict):
    """A prefix left in the list (spec.timezone was set to something else) is still to decide."""
    for index, schedule in enumerate(spec.get("schedules") or []):
        prefix = TZ_PREFIX.match(schedule.strip()) if isinstance(schedule, str) else None
        if prefix:
            yield Finding(("schedules", index), f"{{path}} starts with a time zone prefix ({prefix['zone']}), "
                                                "which v4 rejects: move it to spec.timezone by hand")

