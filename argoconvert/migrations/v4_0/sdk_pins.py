"""sdk-pins: dependency pins too old for the rewritten Python code.

Code rewritten to `schedules=`, `mutexes=` and `semaphores=` needs Hera >= 5.19 or
argo-workflows >= 6.6 (the models of Argo 3.6); older versions reject those keywords or
silently drop the locks. A pin that allows only older versions is a manual finding; files are
never changed. Read from the text, so that each finding has its place: PEP 508 strings (a
requirements file, setup.cfg, setup.py, PEP 621 and PEP 735 tables of pyproject.toml) and
Poetry's `name = "constraint"` / `name = {version = "..."}` entries.
"""
from __future__ import annotations

import re

from argoconvert.changes import Finding, Scope
from ..rule import Rule

rule = Rule(
    name="sdk-pins",
    summary="hera pinned below 5.19 or argo-workflows below 6.6, which cannot write the v3.6 fields",
    available_since="3.6",
    removed_in="3.6",  # reported wherever the rewrites apply: they start writing the v3.6 fields at 3.6
    fixable=False,
    scopes=(Scope.PINS,),
    keys=(),
    dependency=True,
)

MINIMUM = {"hera": (5, 19), "hera-workflows": (5, 19), "argo-workflows": (6, 6)}
NAME = r"(?<![\w.-])(?P<name>hera(?:[-_.]workflows)?|argo[-_.]workflows)(?![\w.-])"
VERSION = r"[0-9][0-9A-Za-z.*+!_-]*"
PEP508 = re.compile(NAME + r"[ \t]*(?:\[[^\]\n]*\])?[ \t]*\(?(?P<spec>(?:[ \t]*(?:===|==|!=|<=|>=|~=|<|>)[ \t]*"
                    + VERSION + r"[ \t]*,?)+)")
POETRY = re.compile(r"^[ \t]*[\"']?" + NAME + r"[\"']?[ \t]*=[ \t]*(?:\{[^}\n]*\bversion[ \t]*=[ \t]*)?"
                    r"[\"'](?P<spec>[^\"'\n]+)[\"']", re.M)
COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.M)


def _release(text: str) -> tuple[int, ...]:
    """The release numbers of a version (`5.18.1rc1` -> (5, 18, 1)); a pre-release of X
    sorts below X, which `< X` bounds treat alike."""
    numbers = re.match(r"\d+(?:\.\d+)*", text)
    return tuple(int(n) for n in numbers.group(0).split(".")) if numbers else ()


def _pad(version: tuple[int, ...], length: int) -> tuple[int, ...]:
    return version + (0,) * (length - len(version))


def _below(limit: tuple[int, ...], version: tuple[int, ...], inclusive: bool) -> bool:
    """Whether versions up to `version` (included or not) all lie below `limit`."""
    size = max(len(limit), len(version))
    return _pad(version, size) < _pad(limit, size) or (not inclusive and _pad(version, size) == _pad(limit, size))


def _prefix_below(limit: tuple[int, ...], prefix: tuple[int, ...]) -> bool:
    """Whether every version starting with `prefix` lies below `limit` (`==5.18.*`)."""
    return bool(prefix) and prefix < limit[:len(prefix)]


def _bounded(operator: str, version: str, limit: tuple[int, ...]) -> bool:
    """Whether one clause allows only versions below `limit`."""
    release = _release(version)
    if not release:
        return False
    if operator in ("==", "==="):
        if version.endswith(".*"):
            return _prefix_below(limit, release)
        return _below(limit, release, inclusive=True)
    if operator == "<":
        return _below(limit, release, inclusive=False)
    if operator == "<=":
        return _below(limit, release, inclusive=True)
    if operator == "~=":  # ~=X.Y.Z allows X.Y.*; ~=X.Y allows X.*
        return len(release) >= 2 and _prefix_below(limit, release[:-1])
    if operator in ("^", "~"):  # Poetry
        if operator == "~" and len(release) >= 2:
            return _prefix_below(limit, release[:2])
        head = next((i for i, n in enumerate(release) if n), len(release) - 1)
        return _prefix_below(limit, release[:head + 1] if operator == "^" else release[:1])
    return False  # >, >=, != set no upper bound


CLAUSE = re.compile(r"(===|==|!=|<=|>=|~=|<|>|\^|~)?\s*(" + VERSION + r")")


def _only_older(spec: str, limit: tuple[int, ...]) -> bool:
    """A PEP 440 specifier set (or a Poetry constraint, with `||` alternatives) that allows
    only versions below `limit`."""
    alternatives = [part for part in re.split(r"\|\|?", spec) if part.strip()]
    if not alternatives:
        return False

    def one(alternative: str) -> bool:
        clauses = [c.strip() for c in re.split(r"[,\s]+(?=[<>=!~^\d])", alternative.strip()) if c.strip()]
        for clause in clauses:
            match = CLAUSE.fullmatch(clause)
            if match and _bounded(match.group(1) or "==", match.group(2), limit):
                return True
        return False

    return all(one(alternative) for alternative in alternatives)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.lower())


@rule
def check(text: str, file_name: str):
    """`text`: a pin file's, or setup.py's; `file_name`: its name (pyproject.toml also has Poetry's tables)."""
    text = COMMENT.sub(lambda m: " " * len(m.group(0)), text)  # keep offsets
    found = [(m, m.group("spec")) for m in PEP508.finditer(text)]
    if file_name == "pyproject.toml":
        found += [(m, m.group("spec")) for m in POETRY.finditer(text)]
    seen = set()
    for match, spec in found:
        name = _normal(match.group("name"))
        minimum = MINIMUM[name]
        if match.start("name") in seen or not _only_older(spec, minimum):
            continue
        seen.add(match.start("name"))
        wanted = ".".join(map(str, minimum))
        yield Finding((match.group("name"),),
                      f"{{path}} pinned to {spec.strip()}: code rewritten to schedules=/mutexes=/semaphores= "
                      f"needs {name}>={wanted} (older versions reject them or silently drop the locks); raise the pin",
                      offset=match.start("name"))
