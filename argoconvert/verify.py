"""The safety check, in the manner of black's: the edited text must mean exactly the input
plus the declared changes. The output is parsed again; each document's data must equal the
input's data with the changes replayed on it (DeepDiff, which tells int from bool). Nothing
is written when it does not.
"""
from __future__ import annotations

import copy

from deepdiff import DeepDiff

from .changes import Change, apply
from .data import Builder
from .errors import InputError, VerificationError
from .source import Source
from .yamltree import compose

MAX_EXPANDED_NODES = 2_000_000  # aliases expanding past this are a bomb, not a manifest


def expected_data(before, changes: list[Change]):
    expected = copy.deepcopy(before)
    for change in changes:
        apply(expected, change)
    return expected


def verify(source: Source, new_text: str, before: list, changes: dict[int, list[Change]], sizes: list[int]) -> None:
    """`before`: each document's data; `changes`: the applied changes by document index;
    `sizes`: each document's node count with aliases expanded."""
    try:
        documents = compose(new_text)
        after_builder = Builder(Source(source.path, new_text))
        if len(documents) != len(before):
            raise VerificationError(f"the output has {len(documents)} documents instead of {len(before)}")
        for index, document in enumerate(documents):
            if sizes[index] > MAX_EXPANDED_NODES:
                if index in changes:
                    raise VerificationError(f"document {index + 1}: aliases expand to {sizes[index]} nodes; "
                                            "not compared, not converted")
                continue  # untouched; comparing would expand the aliases
            after = after_builder.build(document.root)
            if index not in changes:
                if after != before[index]:
                    raise VerificationError(f"document {index + 1} changed although no rule edited it")
                continue
            diff = DeepDiff(expected_data(before[index], changes[index]), after, ignore_nan_inequality=True)
            if diff:
                raise VerificationError(f"document {index + 1}: the output differs from the declared changes: "
                                        f"{diff.pretty().splitlines()[0]}")
    except InputError as exc:
        raise VerificationError(f"the output does not parse: {exc.message} at {exc.line}:{exc.column}") from None
    except RecursionError:
        raise VerificationError("the data is nested too deeply to compare") from None
