"""What the rules' declared keys let a plain text scan tell, before or instead of a parse:
whether a text may need a rule at all (`Prescan`), and where a text that cannot be parsed
(a Go template, a Python f-string) writes a legacy key (`LegacyKeys`)."""
from __future__ import annotations

import re
from typing import Iterator

from .migrations import Rule


def _word_char(char: str | bytes) -> bool:
    """`char`: one character, or none at the start or end of the text."""
    return char.isalnum() or char in ("_", b"_")


def has_word(text: str | bytes, word: str | bytes, start: int = 0, end: int | None = None, whole: bool = True) -> bool:
    """Whether text[start:end] holds `word` (as a whole word when `whole`). str.find scans
    megabytes far faster than a regular expression."""
    end = len(text) if end is None else end
    position = text.find(word, start, end)
    while position != -1:
        after = position + len(word)
        if not whole or (not _word_char(text[position - 1:position]) and not _word_char(text[after:after + 1])):
            return True
        position = text.find(word, after, end)
    return False


class Prescan:
    """Whether a text (or bytes) may need one of `rules`: it holds a legacy key as a word
    (`schedule`, not `schedules`), one of their marks, or a match of one of their patterns."""

    def __init__(self, rules: list[Rule]):
        keys = sorted({key for rule in rules for key in rule.keys})
        marks = sorted({mark for rule in rules for mark in rule.marks})
        self.words = [(key, True) for key in keys] + [(mark, False) for mark in marks]
        self.byte_words = [(word.encode(), whole) for word, whole in self.words]
        patterns = sorted({rule.pattern for rule in rules if rule.pattern})
        self.pattern = re.compile("|".join(patterns), re.M) if patterns else None
        self.byte_pattern = re.compile("|".join(patterns).encode(), re.M) if patterns else None

    def may_need(self, text: str | bytes, start: int = 0, end: int | None = None) -> bool:
        if any(has_word(text, word, start, end, whole)
               for word, whole in (self.byte_words if isinstance(text, bytes) else self.words)):
            return True
        pattern = self.byte_pattern if isinstance(text, bytes) else self.pattern
        return pattern is not None and pattern.search(text, start, len(text) if end is None else end) is not None


class LegacyKeys:
    """Lines of a text that write a legacy key of `rules` (`  schedule:`, `- "mutex":`); opt-in
    rules and rules whose keys are legacy only in some places are left out."""

    def __init__(self, rules: list[Rule]):
        self.rule_of = {key: rule for rule in rules if not rule.opt_in and rule.key_is_legacy for key in rule.keys}
        keys = "|".join(map(re.escape, sorted(self.rule_of)))
        self.pattern = re.compile(r"^[ \t]*(?:-[ \t]+)?[\"']?(%s)[\"']?[ \t]*:" % keys, re.M) if keys else None

    def find(self, text: str) -> Iterator[tuple[int, str, Rule]]:
        """(offset of the key, the key, its rule) for each such line."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match.start(1), match.group(1), self.rule_of[match.group(1)]
