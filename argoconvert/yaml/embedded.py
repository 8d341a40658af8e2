"""Manifests held in strings (SPEC 2.1): the last-applied-configuration annotation, a Sensor's
`source.inline`, the controller's `workflowDefaults`, and kustomize patches. The run of the
text that holds them converts each one as a text of its own (run.py); this module finds the
string's node and says what the inner run's records, or a string that cannot be read, or a
JSON patch op on a legacy path, mean at the string's place in the file."""
from __future__ import annotations

from dataclasses import replace

from ..changes import Change, Remove, dotted
from ..errors import InputError, Unrenderable
from ..locate import Embedded, json_patch_object, targets
from ..migrations import Rule, Settings
from ..records import Record
from ..source import Source
from ..textscan import has_word
from .edits import Editor
from .tree import Document, Scalar
from .values import Builder


def string_node(editor: Editor, document: Document, builder: Builder, found: Embedded,
                applied: list[Change]) -> Scalar | None:
    """The scalar holding the manifest, unless the text does not hold it at its path (an
    alias) or a change removes it, or what holds it (--strip-server-fields)."""
    try:
        node = editor.steps(document.root, found.path, builder)[-1].value
    except (Unrenderable, IndexError):
        return None
    if not isinstance(node, Scalar):
        return None
    if any(isinstance(change, Remove) and found.path[:len(change.path)] == change.path for change in applied):
        return None
    return node


def holder_name(found: Embedded) -> str:
    """The key that holds the string (`workflowDefaults`, `inline`, ...), for messages."""
    return next(step for step in reversed(found.path) if isinstance(step, str))


def inner_records(records, error, editor: Editor, node: Scalar, inner: Source, found: Embedded, document: int,
                  written: bool) -> list[Record]:
    """The inner run's records at their places in the file; `written`: the converted text
    goes back into the string."""
    where = holder_name(found)
    out = []
    for record in records:
        line, column = editor.embedded_position(node, inner, record.line, record.column)
        message = f"{record.message} (in {where})"
        if error is not None:
            message += f"; not converted: {error.message}"
        if found.report_only and record.applied:
            message += f"; {where} is not converted: change it by hand with what it patches"
        out.append(replace(record, line=line, column=column, document=document, item=found.item,
                           applied=record.applied and written, fixable=record.fixable and not found.report_only,
                           message=message))
    return out


def unreadable_records(rules: list[Rule], source: Source, node: Scalar, found: Embedded, document: int, label: str,
                       error: InputError) -> list[Record]:
    """A string that should hold a manifest but cannot be read: it stays as it is, and each
    legacy key it mentions is a finding at the string."""
    line, column = source.line_col(node.start)
    records = []
    for rule in rules:
        key = next((key for key in rule.keys if not rule.opt_in and rule.key_is_legacy and has_word(node.value, key)),
                   None)
        if key is not None:
            records.append(Record(rule=rule.name, line=line, column=column, document=document, item=found.item,
                                  object=label, path=dotted(found.path),
                                  message=f"{found.path[-1]} could not be read ({error.message}); its {key} is not "
                                          "converted: convert it by hand"))
    return records


def patch_op_records(rules: list[Rule], settings: Settings, kind: str, op, document: int,
                     line: int, column: int) -> list[Record]:
    """The rules shown what one JSON patch op writes to an object of `kind`; what they find
    is reported at the op: a patch names fields by path, so a person changes it along with
    the manifests."""
    if not isinstance(op, dict) or not isinstance(op.get("path"), str):
        return []
    obj = json_patch_object(kind, op["path"], op.get("value"))
    if obj is None:
        return []
    records = []
    for target in targets(obj):
        for rule in rules:
            if target.scope not in rule.scopes:
                continue
            for outcome in rule.run(target.data, settings):
                records.append(Record.of(
                    rule.name, outcome.rebased(target.path), cut=target.obj.path, line=line, column=column,
                    document=document, object=f"{kind} (JSON patch)", fixable=False, new_path=None,
                    message=f"the patch's `{op.get('op')} {op['path']}` writes a legacy field ({outcome.message}): "
                            "change the op by hand"))
    return records
