"""Command-line paths to the inputs to process, in a stable order.

A directory is walked for manifest files, Python files and dependency pin files; `.git` and what the `.gitignore` files of the
walked tree exclude are skipped, and symbolic links are never followed out of the tree (nor
into a loop). A file named explicitly is processed whatever its name.
"""
from __future__ import annotations

import errno
import functools
import os
import re
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # imported when a .gitignore is read: a run over single files does without it
    import pathspec

SUFFIXES = (".yaml", ".yml", ".json", ".py")
PIN_FILES = re.compile(r"requirements.*\.(?:txt|in)|pyproject\.toml|setup\.cfg")  # dependency pins (SPEC 2.3)
SKIP_DIRS = {".git", ".hg", ".svn"}
STDIN = "-"


@dataclass(frozen=True)
class Input:
    path: str  # as reported: relative to the current folder when given so, "-" for stdin
    problem: str | None = None  # why it cannot be processed (reported as an error)


def is_pin_file(path: str) -> bool:
    """A file that may pin dependencies: by its name (`.in` for pip-tools), or a `.txt` or
    `.in` in a folder named `requirements` (requirements/base.txt, requirements/dev.in)."""
    name = os.path.basename(path)
    return bool(PIN_FILES.fullmatch(name)) or (
        os.path.basename(os.path.dirname(path)) == "requirements" and name.endswith((".txt", ".in")))


def _ignore_spec(directory: str) -> pathspec.PathSpec | None:
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as handle:
            import pathspec

            return pathspec.GitIgnoreSpec.from_lines(handle)
    except OSError:
        return None


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


@functools.lru_cache(maxsize=64)
def work_tree(directory: str) -> str | None:
    """The top of the git work tree holding the absolute `directory`, if any (no git process needed)."""
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _enclosing_ignores(root: str) -> list[tuple[str, pathspec.PathSpec]]:
    """The .gitignore files of the git work tree holding `root`, from its top down to
    `root`'s parent (those below are read during the walk)."""
    directory = os.path.dirname(os.path.abspath(root))
    top = work_tree(directory)
    if top is None:
        return []  # not in a git work tree: no .gitignore above applies
    chain = [directory]
    while chain[-1] != top:
        chain.append(os.path.dirname(chain[-1]))
    return [(d, spec) for d in reversed(chain) if (spec := _ignore_spec(d)) is not None]


def walk(root: str) -> Iterator[Input]:
    real_root = os.path.realpath(root)
    specs = _enclosing_ignores(root)  # (absolute directory, its .gitignore)

    def ignored(path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        for directory, spec in specs:
            if absolute.startswith(directory.rstrip(os.sep) + os.sep):
                relative = os.path.relpath(absolute, directory) + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
        return False

    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        spec = _ignore_spec(directory)
        if spec is not None:
            specs.append((os.path.abspath(directory), spec))
        kept = []
        for name in sorted(dirnames):
            full = os.path.join(directory, name)
            if name in SKIP_DIRS or os.path.islink(full) or ignored(full, True):
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = os.path.join(directory, name)
            if not (name.endswith(SUFFIXES) or is_pin_file(full)) or ignored(full, False):
                continue
            if os.path.islink(full):
                try:
                    os.stat(full)
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        yield Input(os.path.normpath(full), "symbolic link loop")
                    continue  # dangling
                if not (_inside(full, real_root) and os.path.isfile(full)):
                    continue  # out of the tree
            elif not stat.S_ISREG(os.lstat(full).st_mode):
                continue  # a named pipe or a device would block or never end
            yield Input(os.path.normpath(full))


def discover(paths: list[str]) -> Iterator[Input]:
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield Input(STDIN)
            continue
        if os.path.isdir(path):
            found = walk(path)
        elif os.path.lexists(path):
            found = iter([Input(path)])
        else:
            found = iter([Input(path, "no such file or directory")])
        for item in found:
            key = os.path.realpath(item.path)  # a file reached through a link is processed once
            if key not in seen:
                seen.add(key)
                yield item
