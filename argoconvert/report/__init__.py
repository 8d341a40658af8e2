"""Report formats. Each writes the same FileResult records; `summary` counts them once for all."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import CHANGED, ERROR, SKIPPED, UNCHANGED, FileResult


@dataclass(frozen=True)
class Summary:
    files: int
    changed: int
    unchanged: int
    manual: int
    errors: int
    changes: int

    @classmethod
    def of(cls, results: list[FileResult]) -> "Summary":
        statuses = [r.status for r in results]
        manual = sum(1 for r in results if r.findings and r.status != ERROR)
        return cls(files=len(results), changed=statuses.count(CHANGED),
                   unchanged=statuses.count(UNCHANGED) + statuses.count(SKIPPED),
                   manual=manual, errors=statuses.count(ERROR), changes=sum(len(r.changes) for r in results))
