"""The human report on stderr: a line per change, finding or error, then one summary line."""
from __future__ import annotations

from ..records import ERROR, SKIPPED, FileResult
from . import Summary


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def lines(results: list[FileResult], *, mode: str, quiet: bool, verbose: bool = False) -> list[str]:
    """`mode`: "write" (files were rewritten), "print" (converted on stdout) or "check"."""
    out = []
    for result in results:
        if result.status == ERROR:
            where = f":{result.error.line}:{result.error.column}" if result.error.line else ""
            out.append(f"{result.path}{where}: error: {result.error.message}")
        if quiet:
            continue
        if result.status == SKIPPED and (verbose or result.records):
            out.append(f"{result.path}: skipped: {result.error.message}")
        for record in result.records:
            state = ("fixable" if mode == "check" else "fixed") if record.applied else "manual"
            where = f" {record.object}" + (f" (item {record.item})" if record.item is not None else "")
            out.append(f"{result.path}:{record.line}:{record.column}: {record.rule} [{state}]{where}: {record.message}")
        if verbose:
            out += [f"{result.path}: data: {line}" for line in result.semantic]
    summary = Summary.of(results)
    verb = {"write": "migrated", "print": "converted", "check": "would be migrated"}[mode]
    out.append(f"{_plural(summary.changed, 'file')} {verb} ({_plural(summary.changes, 'change')}), "
               f"{summary.unchanged} unchanged, {summary.manual} {'needs' if summary.manual == 1 else 'need'} "
               f"manual action, {summary.errors} failed")
    return out


def statistics(results: list[FileResult]) -> list[str]:
    """Counts per rule, most frequent first, in the manner of ruff --statistics."""
    counts: dict[tuple[str, str], int] = {}
    for result in results:
        for record in result.records:
            state = "fixable" if record.applied else "manual"
            counts[(record.rule, state)] = counts.get((record.rule, state), 0) + 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [f"{count:>{width}}  {rule}  [{state}]"
            for (rule, state), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
