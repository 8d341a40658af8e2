"""sdk-pins: dependency pins too old for the rewritten Python code.

Code rewritten to `schedules=`, `mutexes=` and `semaphores=` needs Hera >= 5.19 or
argo-workflows >= 6.6 (the models of Argo 3.6); older versions reject those keywords or
silently drop the locks. A pin that allows only older versions, in a requirements file,
pyproject.toml, setup.cfg or setup.py, is reported (argoconvert.python.pins reads them); there
is nothing to check in manifests.
"""
from __future__ import annotations

from .. import Rule

rule = Rule(
    name="sdk-pins",
    summary="hera pinned below 5.19 or argo-workflows below 6.6, which cannot write the v3.6 fields",
    available_since="3.6",
    removed_in="3.6",  # reported wherever the rewrites apply: they start writing the v3.6 fields at 3.6
    fixable=False,
    scopes=(),
    keys=(),
    dependency=True,
)
