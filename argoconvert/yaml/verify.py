"""The safety check, in the manner of black's: the edited text must mean exactly the input
plus the declared changes. The output is parsed again; each document's data must equal the
input's data with the changes replayed on it, types included (1, 1.0 and true differ).
Nothing is written when it does not; DeepDiff then says what differs.
"""
from __future__ import annotations

from ..changes import Change, dotted, expected_data, same
from ..errors import InputError, VerificationError
from ..source import Source
from .tree import compose
from .values import Builder

MAX_EXPANDED_NODES = 2_000_000  # aliases expanding past this are a bomb, not a manifest


def verify(source: Source, new_text: str, before: list, changes: dict[int, list[Change]],
           bombs: set[int], keep_before: bool = True) -> dict[int, object]:
    """`before`: each document's data; `changes`: the applied changes by document index;
    `bombs`: documents whose aliases expand past MAX_EXPANDED_NODES. Returns the output data
    of the changed documents."""
    changed = {}
    try:
        documents = compose(new_text)
        after_builder = Builder(Source(source.path, new_text))
        if len(documents) != len(before):
            raise VerificationError(f"the output has {len(documents)} documents instead of {len(before)}")
        for index, document in enumerate(documents):
            if index in bombs and index not in changes:
                continue  # untouched; comparing would expand the aliases (the engine refuses to edit such a document)
            after = after_builder.build(document.root)
            if index not in changes:
                if not same(after, before[index]):
                    raise VerificationError(f"document {index + 1} changed although no rule edited it")
                continue
            expected = expected_data(before[index], changes[index], keep_before)
            if not same(expected, after):
                diff = semantic_changes(expected, after)
                raise VerificationError(f"document {index + 1}: the output differs from the declared changes: "
                                        f"{diff[0] if diff else 'types differ'}")
            changed[index] = after
    except InputError as exc:
        raise VerificationError(f"the output does not parse: {exc.message} at {exc.line}:{exc.column}") from None
    except RecursionError:
        raise VerificationError("the data is nested too deeply to compare") from None
    return changed


_KINDS = {"dictionary_item_added": "added", "dictionary_item_removed": "removed", "values_changed": "changed",
          "type_changes": "changed type", "iterable_item_added": "added", "iterable_item_removed": "removed"}


def semantic_changes(before, after) -> list[str]:
    """What a cluster sees change between two documents' data, e.g. `spec.schedule removed`."""
    from deepdiff import DeepDiff  # here: importing it costs more than a small run (pydantic)

    tree = DeepDiff(before, after, ignore_nan_inequality=True, view="tree", threshold_to_diff_deeper=0)
    lines = []
    for kind, levels in tree.items():
        for level in levels:
            lines.append(f"{dotted(tuple(level.path(output_format='list')))} {_KINDS.get(kind, kind)}")
    return sorted(lines)
