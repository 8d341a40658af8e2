"""Shared by sync-mutexes and sync-semaphores: a singular synchronization item becomes a list."""
from __future__ import annotations

from argoconvert.changes import Finding, MoveToList, Remove, ToList

SYNC = ("synchronization",)


def singular_to_list(template: dict, singular: str, plural: str):
    sync = template.get("synchronization")
    if not isinstance(sync, dict) or singular not in sync:
        return
    value = sync[singular]
    existing = sync.get(plural)
    if value is None:
        yield Remove(SYNC + (singular,), "empty {path} removed")
    elif existing is None:
        if plural in sync:
            yield Remove(SYNC + (plural,), "empty {path} replaced")
        yield ToList(SYNC + (singular,), "{path} -> {new}", new_key=plural)
    elif not isinstance(existing, list):
        yield Finding(SYNC + (singular,), f"{{path}} is set and synchronization.{plural} is not a list; merge them by hand")
    elif value in existing:
        yield Remove(SYNC + (singular,), f"{{path}} removed: the same item is already in synchronization.{plural}")
    else:
        yield MoveToList(SYNC + (singular,), "{path} appended to {new}", into=SYNC + (plural,))
