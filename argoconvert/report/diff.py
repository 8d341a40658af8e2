"""Unified diffs that `git apply` and `patch -p1` turn into exactly what --write writes."""
from __future__ import annotations

import difflib
import os

import click

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


_STYLES = (("+++", {"bold": True}), ("---", {"bold": True}), ("@@", {"fg": "cyan"}), ("+", {"fg": "green"}),
           ("-", {"fg": "red"}))


def colored(diff: str) -> str:
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        style = next((s for prefix, s in _STYLES if line.startswith(prefix)), None)
        out.append(click.style(body, **style) + line[len(body):] if style else line)
    return "".join(out)


def use_color(flag: bool | None, stream) -> bool:
    """--color/--no-color first, then FORCE_COLOR and NO_COLOR, then whether it is a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()
