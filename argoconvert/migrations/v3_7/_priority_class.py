"""What pod-priority and template-priority share: an integer priority, no longer read, whose
replacement names a PriorityClass. Only the user knows which class stands for a number; given
`--priority-class VALUE=NAME`, the number is replaced by that name."""
from __future__ import annotations

from typing import Iterator, Mapping

from argoconvert.changes import Finding, Remove, Rename


def to_class_name(data: dict, old: str, new: str, priority_classes: Mapping[int, str]) -> Iterator:
    if old not in data:
        return
    value, current = data[old], data.get(new)
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    name = priority_classes.get(number) if number is not None else None
    if name is None:
        hint = f" (or run with --priority-class {number}=NAME)" if number is not None else ""
        yield Finding((old,), f"{{path}}: {value!r} is ignored since v3.7; set {new} to a PriorityClass with "
                              f"that value{hint}")
    elif current is None:
        yield Rename((old,), f"{{path}}: {value!r} -> {new}: {name} (--priority-class)", new_key=new, value=name)
    elif current == name:
        yield Remove((old,), f"{{path}}: {value!r} removed; {new} is already {name}")
    else:
        yield Finding((old,), f"{{path}}: {value!r} is ignored since v3.7 and {new} is {current!r}, not "
                              f"{name!r} as --priority-class maps it: decide which class to keep")
