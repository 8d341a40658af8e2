"""Unified diffs that `git apply` and `patch -p1` turn into exactly what --write writes."""
from __future__ import annotations

import bisect
import difflib
import os
from array import array
from dataclasses import dataclass

import click

from ..source import Spliced

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """Lines as git and patch see them: split at line feeds only (a form feed or U+2028 inside
    a string is no line break to them)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


SMALL = 250_000  # old lines x new lines: below this, difflib's own matching is quick


def _matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Runs of equal lines, (i, j, n) in order, ending with (len(a), len(b), 0) as difflib's.
    Common leading and trailing lines are matched first, then lines unique to both sides that
    keep their order (patience diff) split what is left; difflib matches only small pieces. A
    converted export changes a few lines in each of thousands of places: difflib alone would
    take hours over it, this takes a linear pass."""
    matched: list[tuple[int, int, int]] = []
    pending = [(0, len(a), 0, len(b))]
    while pending:
        alo, ahi, blo, bhi = pending.pop()
        start = alo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        if alo > start:
            matched.append((start, blo - (alo - start), alo - start))
        end = ahi
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
        if end > ahi:
            matched.append((ahi, bhi, end - ahi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _unique_in_order(a, alo, ahi, b, blo, bhi)
        if not anchors or (ahi - alo) * (bhi - blo) <= SMALL:
            piece = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            matched += [(alo + i, blo + j, n) for i, j, n in piece.get_matching_blocks() if n]
            continue
        for i, j in anchors:
            pending.append((alo, i, blo, j))
            matched.append((i, j, 1))
            alo, blo = i + 1, j + 1
        pending.append((alo, ahi, blo, bhi))
    blocks: list[tuple[int, int, int]] = []
    for i, j, n in sorted(matched):
        if blocks and blocks[-1][0] + blocks[-1][2] == i and blocks[-1][1] + blocks[-1][2] == j:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + n)
        else:
            blocks.append((i, j, n))
    return blocks + [(len(a), len(b), 0)]


def _unique_in_order(a: list[str], alo: int, ahi: int, b: list[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """Lines that occur once in a[alo:ahi] and once in b[blo:bhi], as (i, j) pairs, the longest
    chain of them in the same order on both sides."""
    count_a: dict[str, int] = {}
    for i in range(alo, ahi):
        count_a[a[i]] = -1 if a[i] in count_a else i
    count_b: dict[str, int] = {}
    for j in range(blo, bhi):
        count_b[b[j]] = -1 if b[j] in count_b else j
    pairs = [(i, count_b[line]) for line, i in count_a.items() if i >= 0 and count_b.get(line, -1) >= 0]
    pairs.sort()
    # the longest chain with j increasing too (patience sorting)
    tails, tail_js = [], []  # per chain length: the pair ending the best chain so far, and its j
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tail_js, j)
        if k:
            previous[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
            tail_js.append(j)
        else:
            tails[k], tail_js[k] = index, j
    chain, index = [], tails[-1] if tails else -1
    while index != -1:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


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


def _line_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes (tag, i1, i2, j1, j2) between two lists of lines, over the
    matching above."""
    codes, i, j = [], 0, 0
    for ai, bj, size in _matching_blocks(a, b):
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            codes.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            codes.append(("equal", ai, i, bj, j))
    return codes


@dataclass
class _Region:
    """Whole lines of the old text from line `old_start`, and what they became; the lines
    between regions are the same on both sides."""

    old_start: int
    old: list[str]
    new: list[str]


def _line_starts(raw: bytes) -> array:
    starts, position = array("q", [0]), raw.find(b"\n")
    while position != -1:
        starts.append(position + 1)
        position = raw.find(b"\n", position + 1)
    return starts


def _regions_of_spliced(spliced: Spliced, starts: array) -> list[_Region]:
    """A spliced output's edits widened to whole lines and merged where they touch: a diff of
    a converted export is made from its few changed lines, never from two copies of it."""
    raw, spans = spliced.raw, []
    for edit in spliced.edits:
        first = bisect.bisect_right(starts, edit.start) - 1
        end_line = bisect.bisect_right(starts, edit.end) - 1
        # The edit ends its lines when it stops at a line start after a line break of its own
        # (or deletes from a line start); else the line it stops in changes too.
        clean = edit.text.endswith("\n") if edit.text else starts[first] == edit.start
        if starts[end_line] == edit.end and clean:
            end = edit.end
        else:
            end = starts[end_line + 1] if end_line + 1 < len(starts) else len(raw)
        if spans and starts[first] <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2].append(edit)
        else:
            spans.append([starts[first], end, [edit]])
    regions = []
    for begin, end, edits in spans:
        old = raw[begin:end].decode("utf-8")
        pieces, position = [], begin
        for edit in edits:
            pieces += [raw[position:edit.start].decode("utf-8"), edit.text]
            position = edit.end
        pieces.append(raw[position:end].decode("utf-8"))
        regions.append(_Region(bisect.bisect_right(starts, begin) - 1, _lines(old), _lines("".join(pieces))))
    return regions


def _opcodes(regions: list[_Region], old_count: int) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes over the whole texts, from the regions' own."""
    codes, i, shift = [], 0, 0  # shift: new line index minus old line index after the regions so far
    for region in regions:
        if region.old_start > i:
            codes.append(("equal", i, region.old_start, i + shift, region.old_start + shift))
        for tag, i1, i2, j1, j2 in _line_opcodes(region.old, region.new):
            base_j = region.old_start + shift
            codes.append((tag, region.old_start + i1, region.old_start + i2, base_j + j1, base_j + j2))
        i = region.old_start + len(region.old)
        shift += len(region.new) - len(region.old)
    if old_count > i:
        codes.append(("equal", i, old_count, i + shift, old_count + shift))
    return codes


def _grouped(codes: list, context: int):
    """Opcodes in hunks with `context` lines around each change (difflib's grouping)."""
    merged = []  # without empty opcodes, and equal runs that meet at a region's edge joined
    for code in codes:
        if code[1] == code[2] and code[3] == code[4]:
            continue
        if merged and code[0] == merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], code[2], merged[-1][3], code[4])
        else:
            merged.append(code)
    codes = merged
    if not any(code[0] != "equal" for code in codes):
        return
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def unified(path: str, before: bytes, after: bytes | Spliced, context: int = 3) -> str:
    """The diff of `before` and `after`; a spliced `after` is diffed from its edits."""
    if isinstance(after, Spliced):
        starts = _line_starts(before)
        regions = _regions_of_spliced(after, starts)
        old_count = len(starts) - (1 if starts[-1] == len(before) else 0)
        new_starts, shift = [], 0
        for region in regions:
            new_starts.append(region.old_start + shift)
            shift += len(region.new) - len(region.old)

        def new_line(j: int) -> str:  # only changed lines are asked for: they are in a region
            index = bisect.bisect_right(new_starts, j) - 1
            return regions[index].new[j - new_starts[index]]

        def old_line(i: int) -> str:
            return before[starts[i]:starts[i + 1] if i + 1 < len(starts) else len(before)].decode("utf-8")
    else:
        old, new = _lines(before.decode("utf-8")), _lines(after.decode("utf-8"))
        regions, old_count = [_Region(0, old, new)], len(old)
        old_line, new_line = old.__getitem__, new.__getitem__
    name = path[2:] if path.startswith("./") else path
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    for group in _grouped(_opcodes(regions, old_count), context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines = [(" ", old_line(i)) for i in range(i1, i2)]
            else:
                lines = [("-", old_line(i)) for i in range(i1, i2)] + [("+", new_line(j)) for j in range(j1, j2)]
            for sign, line in lines:
                out.append(sign + line)
                if not line.endswith("\n"):
                    out.append("\n" + NO_NEWLINE)
    return "".join(out) if len(out) > 2 else ""
