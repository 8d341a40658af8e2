"""The unified diff: its matching is valid on any pair of texts, and it stays linear on a
converted export (thousands of small changes), where difflib alone takes hours."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argoconvert.report.diff import NO_NEWLINE, _line_opcodes, _lines, unified

LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "- name: x\n", "  key: 1\n", "\n", "z"]), max_size=40)


def rebuilt(old: list[str], new: list[str]) -> list[str]:
    out = []
    for tag, i1, i2, j1, j2 in _line_opcodes(old, new):
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        out += new[j1:j2]
    return out


@settings(max_examples=300, deadline=None)
@given(LINES, LINES)
def test_opcodes_rebuild_the_new_text(old, new):
    assert rebuilt(old, new) == new


def test_anchored_matching_on_a_large_text_with_many_changes(monkeypatch):
    import argoconvert.report.diff as diff

    monkeypatch.setattr(diff, "SMALL", 16)  # anchors and recursion, not difflib, do the work
    old = [f"- name: item-{i}\n  schedule: '{i} * * * *'\n  image: alpine\n" for i in range(300)]
    new = [f"- name: item-{i}\n  schedules:\n  - '{i} * * * *'\n  image: alpine\n" for i in range(300)]
    old_lines, new_lines = _lines("".join(old)), _lines("".join(new))
    assert rebuilt(old_lines, new_lines) == new_lines
    text = unified("x.yaml", "".join(old).encode(), "".join(new).encode())
    assert text.count("\n-  schedule:") == 300 and text.count("\n+  schedules:") == 300


def test_lines_split_at_line_feeds_only():
    assert _lines("a\x0cb\u2028c\r\nd") == ["a\x0cb\u2028c\r\n", "d"]
    assert _lines("") == [] and _lines("x\n") == ["x\n"]


def test_a_spliced_output_is_diffed_from_its_edits_like_the_whole_text(monkeypatch):
    """Every golden List and stream, in every encoding detail, converted item by item."""
    import argoconvert.yaml.convert as yaml_convert
    from argoconvert.source import Source, Spliced
    from test_exports import CONVERTER, LISTS, STREAMS, VARIANTS

    monkeypatch.setattr(yaml_convert, "VALIDATE_LIMIT", 0)
    compared = 0
    for path in LISTS + STREAMS:
        for variant in VARIANTS.values():
            raw = variant(path.read_bytes())
            result = CONVERTER.convert(Source.from_bytes(str(path), raw))
            if isinstance(result.converted, Spliced):
                assert unified("x", raw, result.converted) == unified("x", raw, bytes(result.converted)), path
                compared += 1
    assert compared >= 20


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3),
                                                                  st.text(alphabet="xy\n", max_size=4)), max_size=5))
def test_spliced_diff_equals_text_diff_for_any_edits(text, raw_edits):
    from argoconvert.source import Edit, Spliced

    raw = text.encode()
    edits, taken = [], -1
    for start, length, new in sorted(raw_edits):
        start = min(start, len(raw))
        if start <= taken:
            continue
        end = min(start + length, len(raw))
        edits.append(Edit(start, end, new))
        taken = max(end, start)
    spliced = Spliced(raw, edits)
    assert patched(text, unified("x", raw, spliced)) == bytes(spliced).decode()


def patched(old: str, diff: str) -> str:
    """`old` with a unified diff applied, checking every context and removed line (as patch does)."""
    lines, out, at = _lines(old), [], 0
    for hunk in (diff.split("\n", 2)[2] if diff else "").split("@@ -")[1:]:
        header, _, rest = hunk.partition(" @@\n")
        start, _, count = header.split(" ")[0].partition(",")
        start = int(start) - (0 if count == "0" else 1)
        out += lines[at:start]
        at = start
        body = _lines(rest)
        for index, line in enumerate(body):
            if line == NO_NEWLINE:
                continue
            sign, content = line[0], line[1:]
            if index + 1 < len(body) and body[index + 1] == NO_NEWLINE:
                content = content[:-1]
            if sign in " -":
                assert content == lines[at], (content, lines[at])
                at += 1
            if sign in " +":
                out.append(content)
    return "".join(out + lines[at:])
