"""Unified diffs that `git apply` and `patch -p1` turn into exactly what --write writes."""
from __future__ import annotations

import bisect
import difflib
import os

import click

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


class _Matcher(difflib.SequenceMatcher):
    """difflib's grouping of changes into hunks, over the matching above."""

    def get_matching_blocks(self):
        if self.matching_blocks is None:
            self.matching_blocks = [difflib.Match(*block) for block in _matching_blocks(self.a, self.b)]
        return self.matching_blocks


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diffs write it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start if length == 0 else start + 1},{length}"


def unified(path: str, before: bytes, after: bytes, context: int = 3) -> str:
    old, new = _lines(before.decode("utf-8")), _lines(after.decode("utf-8"))
    name = path[2:] if path.startswith("./") else path
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    for group in _Matcher(None, old, new, autojunk=False).get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            lines = [(" ", old[i1:i2])] if tag == "equal" else [("-", old[i1:i2]), ("+", new[j1:j2])]
            for sign, chunk in lines:
                for line in chunk:
                    out.append(sign + line)
                    if not line.endswith("\n"):
                        out.append("\n" + NO_NEWLINE)
    return "".join(out) if len(out) > 2 else ""
