"""The unified diff: its matching is valid on any pair of texts, and it stays linear on a
converted export (thousands of small changes), where difflib alone takes hours."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argoconvert.report.diff import _Matcher, _lines, unified

LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "- name: x\n", "  key: 1\n", "\n", "z"]), max_size=40)


def rebuilt(old: list[str], new: list[str]) -> list[str]:
    out = []
    for tag, i1, i2, j1, j2 in _Matcher(None, old, new, autojunk=False).get_opcodes():
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
