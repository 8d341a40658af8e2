"""`--format json` (SPEC 5): one object with every file that has something to say."""
from __future__ import annotations

import dataclasses
import json

from .. import __version__
from ..records import UNCHANGED, FileResult
from . import Summary


def _record(record) -> dict:
    return {"rule": record.rule, "line": record.line, "column": record.column, "document": record.document,
            "item": record.item, "object": record.object, "path": record.path, "new_path": record.new_path,
            "fixable": record.fixable, "applied": record.applied, "message": record.message}


def render(results: list[FileResult], target_version: str) -> str:
    files = []
    for result in results:
        if result.status == UNCHANGED and not result.records:
            continue
        error = None
        if result.error is not None:
            error = {"message": result.error.message, "line": result.error.line, "column": result.error.column}
        files.append({"path": result.path, "status": result.status,
                      "changes": [_record(r) for r in result.records], "error": error})
    return json.dumps({"tool": "argoconvert", "version": __version__, "target_version": target_version,
                       "files": files, "summary": dataclasses.asdict(Summary.of(results))}, indent=2) + "\n"
