"""Unified diffs that `git apply` and `patch -p1` turn into exactly what --write writes."""
from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) if text else []


def unified(path: str, before: bytes, after: bytes) -> str:
    old, new = _lines(before.decode("utf-8")), _lines(after.decode("utf-8"))
    name = path[2:] if path.startswith("./") else path
    out = []
    for line in difflib.unified_diff(old, new, f"a/{name}", f"b/{name}", n=3):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")
            continue
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)
