"""memoize-configmap-key: `memoize.cache.configMap.key` and `.optional` are removed.

Only the ConfigMap's `name` was ever read (the controller keys entries by `memoize.key`);
v4's full CRD holds a LocalObjectReference there, so the API server rejects the other fields.
"""
from __future__ import annotations

from argoconvert.changes import Remove, Scope
from ..rule import Rule

rule = Rule(
    name="memoize-configmap-key",
    summary="memoize.cache.configMap key and optional are removed: only name was ever read",
    available_since="4.0",
    removed_in="4.0",
    fixable=True,
    scopes=(Scope.TEMPLATE,),
    keys=("memoize",),
    key_is_legacy=False,  # memoize itself is v4
)

CONFIG_MAP = ("memoize", "cache", "configMap")


@rule
def check(template: dict):
    config_map = template
    for key in CONFIG_MAP:
        config_map = config_map.get(key) if isinstance(config_map, dict) else None
    if not isinstance(config_map, dict):
        return
    for field in ("key", "optional"):
        if field in config_map:
            yield Remove(CONFIG_MAP + (field,), "{path} removed: only the ConfigMap's name was ever read")
