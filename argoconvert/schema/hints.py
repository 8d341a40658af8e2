"""What to say about an unknown field: the known field it probably means, or where it belongs.

- a close spelling among the object's own fields: same letters in another case, or one edit
  away (a letter added, dropped, changed, or two neighbours swapped): `jqfilter` -> `jqFilter`,
  `entryPoint` -> `entrypoint`. This is the `suggestion`, the rename an unsafe fix may offer;
  not when the object already holds that field.
- a field of another kind at the same place (`schedules` on a WorkflowTemplate's spec);
- a field of one of the object's own children (`entrypoint` straight under a CronWorkflow's
  spec belongs under its workflow spec);
- a field of a sibling shape (`dependencies` on a step is a DAG task's field);
- else the closest name difflib finds, as a guess in the message only.

Nothing here names an Argo field: all of it is read from the schema table.
"""
from __future__ import annotations

import difflib
from collections import deque
from typing import Any


def one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def close_name(key: str, known: list[str]) -> str | None:
    """The known field `key` is a case variant or one edit away from (the likeliest if several)."""
    lowered = key.lower()
    same_case = [name for name in known if name.lower() == lowered]
    if same_case:
        return same_case[0]
    if len(key) < 3:
        return None
    near = [name for name in known if one_edit(name.lower(), lowered)]
    if not near:
        return None
    return max(sorted(near), key=lambda name: difflib.SequenceMatcher(None, name.lower(), lowered).ratio())


class Index:
    """Where each node of one kind's schema appears, and which nodes have a given field."""

    PATHS_PER_NODE = 64

    def __init__(self, nodes: list[dict], root: int):
        self.nodes = nodes
        self.where: dict[int, list[tuple[str, ...]]] = {}
        self.holders: dict[str, set[int]] = {}
        queue = deque([(root, ())])
        while queue:
            node_id, path = queue.popleft()
            seen = self.where.setdefault(node_id, [])
            if len(seen) >= self.PATHS_PER_NODE:
                continue
            seen.append(path)
            node = nodes[node_id]
            for name, child in node.get("properties", {}).items():
                self.holders.setdefault(name, set()).add(node_id)
                if not path and name in ("metadata", "status"):
                    continue
                queue.append((child, path + (name,)))
            if "items" in node:
                queue.append((node["items"], path + ("[]",)))
            extra = node.get("additionalProperties")
            if type(extra) is int:
                queue.append((extra, path + ("*",)))

    def nearest(self, node_id: int, near: tuple[str, ...]) -> str:
        """The place of `node_id` that shares the longest start with `near` (a schema path)."""
        def shared(path: tuple[str, ...]) -> int:
            count = 0
            for a, b in zip(path, near):
                if a != b:
                    break
                count += 1
            return count
        best = max(self.where.get(node_id, [()]), key=lambda path: (shared(path), -len(path)))
        return schema_path_text(best)


def schema_path_text(path: tuple[str, ...]) -> str:
    text = ""
    for part in path:
        text += part if part == "[]" else (f".{part}" if text else part)
    return text


def node_at(nodes: list[dict], root: int, path: tuple) -> dict | None:
    node = nodes[root]
    for part in path:
        if type(part) is int:
            if "items" not in node:
                return None
            node = nodes[node["items"]]
        else:
            child = node.get("properties", {}).get(part)
            if child is None:
                extra = node.get("additionalProperties")
                if type(extra) is not int:
                    return None
                child = extra
            node = nodes[child]
    return node


def describe(key: str, value_object: Any, node: dict, path: tuple, kind: str, nodes: list[dict],
             roots: dict[str, int], index: Index) -> tuple[str, str | None]:
    """(the hint for the message, the safe rename or None) for unknown `key` at `path`."""
    known = sorted(node.get("properties", {}))
    suggestion = close_name(key, known)
    if suggestion is not None:
        if isinstance(value_object, dict) and suggestion in value_object:
            return f"a second spelling of {suggestion!r}, which is also set", None
        return f"did you mean {suggestion!r}?", suggestion
    schema_path = tuple("[]" if type(p) is int else str(p) for p in path)
    owners = [name for name, child in sorted(node.get("properties", {}).items())
              if key in nodes[child].get("properties", {})]
    if owners:
        where = ".".join(str(p) if type(p) is not int else f"[{p}]" for p in path).replace(".[", "[")
        places = " or ".join(f"{where}.{owner}" if where else owner for owner in owners[:3])
        return f"it belongs under {places}", None
    for other, root in sorted(roots.items()):
        if other == kind:
            continue
        there = node_at(nodes, root, path)
        if there is not None and key in there.get("properties", {}):
            return f"a {other} field, not a {kind} one", None
    mine = set(known)
    best, best_score = None, 0.0
    for holder in sorted(index.holders.get(key, ())):
        theirs = set(nodes[holder].get("properties", {}))
        score = len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0
        if score > best_score:
            best, best_score = holder, score
    if best is not None and best_score >= 0.5:
        return f"it is a field of {index.nearest(best, schema_path)}", None
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
    if guess:
        return f"closest known field: {guess[0]!r}", None
    return "", None
