"""Large exports (`kubectl get -o yaml|json` Lists, `---` streams) item by item, on their
bytes: only the items that may need a change are decoded and parsed, each on its own, and
the output is the input's bytes with the items' edits spliced in (SPEC 1: 50 MB and more).
An item that cannot be converted safely is reported and left as it was."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..locate import identify
from ..records import FileResult
from ..source import Edit, Source, Spliced
from .run import RuleSet, parse_manifests, run_text
from .segments import Segment


def convert_items(ruleset: RuleSet, source: Source, segments: list[Segment],
                  progress: Callable[[int], None] | None = None) -> FileResult:
    """Raises InputError (or Templated) for an item that cannot be parsed, with its place in
    the whole input. `progress` is told the bytes done after each item."""
    raw, edits, records = source.original, [], []
    line, counted = 1, 0  # line numbers by counting, not by a line table of the whole text
    for segment in segments:
        if not ruleset.prescan.may_need(raw, segment.start, segment.end):
            continue
        line += raw.count(b"\n", counted, segment.start)
        counted = segment.start
        piece = raw[segment.start:segment.end]
        chunk = Source(source.path, piece.decode("utf-8"), newline=source.newline)
        parsed = parse_manifests(chunk, line=line, where=f"{segment.name}: ")
        outcome = run_text(ruleset, chunk, parsed, item=segment.item)
        for record in outcome.records:
            message = record.message
            if outcome.error is not None:
                message += (f"; {segment.name} ({identify(parsed.data[0] if parsed.data else None)}) left as it "
                            f"was: {outcome.error.message}")
            records.append(replace(record, line=record.line + line - 1, document=segment.document, message=message))
        if progress is not None:
            progress(segment.end)
        new_text = outcome.new_text
        if new_text is None:
            continue
        if piece.isascii() and (piece.endswith(b"\n") or not new_text.endswith("\n")):
            # the item's own edits, at byte offsets: a few lines each rather than a copy of the item
            edits += [Edit(segment.start + e.start, segment.start + e.end, e.text) for e in outcome.edits]
        else:
            edits.append(Edit(segment.start, segment.end, new_text))
    return FileResult(source.path, raw, Spliced(raw, edits) if edits else None, records)
