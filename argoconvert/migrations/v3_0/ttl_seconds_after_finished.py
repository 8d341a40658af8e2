"""ttl-seconds-after-finished: the workflow spec's `ttlSecondsAfterFinished` is removed.

v3.0 stopped reading it (`ttlStrategy` replaced it), so removing it keeps what runs today;
v4's full CRD does not know it, so the API server rejects it. Moving the number to
`ttlStrategy.secondsAfterCompletion` would turn deletion after N seconds back on: that
changes what runs, so it is an unsafe fix, made only with --unsafe-fixes.
"""
from __future__ import annotations

from argoconvert.changes import Insert, Remove, Rename, Scope
from ..rule import Rule

rule = Rule(
    name="ttl-seconds-after-finished",
    summary="workflow spec ttlSecondsAfterFinished is removed: ignored since v3.0",
    available_since="3.0",
    removed_in="3.0",
    fixable=True,
    scopes=(Scope.WORKFLOW_SPEC,),
    keys=("ttlSecondsAfterFinished",),
    settings=("unsafe_fixes",),
)

MOVED = "ttlStrategy.secondsAfterCompletion"


@rule
def check(spec: dict, unsafe_fixes: bool = False):
    if "ttlSecondsAfterFinished" not in spec:
        return
    seconds = spec["ttlSecondsAfterFinished"]
    strategy = spec.get("ttlStrategy")
    movable = isinstance(seconds, int) and not isinstance(seconds, bool) and (
        strategy is None and "ttlStrategy" not in spec
        or isinstance(strategy, dict) and strategy and "secondsAfterCompletion" not in strategy)
    unsafe = f"(unsafe fix: completed workflows are deleted after {seconds} s again, which v3 did not do)"
    if unsafe_fixes and movable and strategy is None:
        yield Rename(("ttlSecondsAfterFinished",), f"{{path}}: {seconds} -> {MOVED} {unsafe}",
                     new_key="ttlStrategy", value={"secondsAfterCompletion": seconds})
    elif unsafe_fixes and movable:
        yield Remove(("ttlSecondsAfterFinished",), f"{{path}} moved to {MOVED} {unsafe}")
        yield Insert(("ttlStrategy", "secondsAfterCompletion"), f"{{path}} set to {seconds} {unsafe}",
                     value=seconds, beside=next(iter(strategy)))
    else:
        alternative = (f"; --unsafe-fixes moves it to {MOVED} instead, which deletes completed workflows after "
                       f"{seconds} s again" if movable else "")
        yield Remove(("ttlSecondsAfterFinished",), f"{{path}} removed: ignored since v3.0, so nothing that runs "
                                                   f"changes{alternative}")
