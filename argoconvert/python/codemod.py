"""One Python file through the codemods: parse with libcst, find the calls, dict literals and
YAML strings that provably are Argo objects, turn the enabled rules' changes into text edits,
verify.

Calls are matched by what their name resolves to through the imports (QualifiedNameProvider),
never by spelling: a local class named CronWorkflow, another library's `schedule=` and Argo
Events' CalendarEventSource stay as they are. What cannot be proved is reported.
"""
from __future__ import annotations

import ast
import bisect
import itertools
import re
import warnings
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedNameProvider, QualifiedNameSource

from ..changes import Change, Finding, Insert, MoveToList, dotted
from ..errors import Unrenderable, VerificationError
from ..locate import targets
from ..results import FileResult, Problem, Record
from ..source import Edit, Source, apply_edits
from ..verify import expected_data, same
from .literals import DictLiteral, is_argo_dict, read_again, string_value, with_code_as
from .symbols import BY_SHORT_NAME, SIGNATURES, STAR_PACKAGES, Rename, Signature
from .text import Positions, arg_start, removals, wrap

# The rules that have a meaning in Python code (strip-server-fields is for cluster exports).
PYTHON_RULES = ("cron-schedules", "sync-mutexes", "sync-semaphores", "pod-priority", "template-priority")
TZ_PREFIX = re.compile(r"^\s*(?:CRON_TZ|TZ)=(\S+)\s")
PRIORITY_CLASS = {"pod_priority": "pod_priority_class_name", "priority": "priority_class_name"}


def _may_be_none(value: cst.BaseExpression) -> bool:
    """A value that names or looks up something (not a literal, not a constructor call)."""
    if isinstance(value, cst.Name):
        return value.value not in ("True", "False")
    if isinstance(value, (cst.Attribute, cst.Subscript)):
        return True
    if isinstance(value, cst.IfExp):
        return _may_be_none(value.body) or _may_be_none(value.orelse)
    if isinstance(value, cst.BooleanOperation):
        return _may_be_none(value.left) or _may_be_none(value.right)
    return False


@dataclass
class Pending:
    """A record to be: a finding (`edits` None) or a change with its text edits."""

    rule: str
    line: int
    column: int
    object: str
    path: str
    new_path: str | None
    fixable: bool
    message: str
    edits: list[Edit] | None = None  # None for a finding; a change's edits may be carried by another change

    def record(self, applied: bool) -> Record:
        change = self.edits is not None
        return Record(self.rule, self.line, self.column, 0, None, self.object, self.path,
                      self.new_path if change else None, self.fixable, applied and change,
                      f"{self.message} (not applied)" if change and not applied else self.message)

    def unfixed(self, reason: str) -> None:
        self.edits, self.new_path, self.message = None, None, f"{self.message}; not fixed: {reason}"


@dataclass
class CallCheck:
    """What an edited call's arguments must be afterwards: (keyword, star, value) each, the
    value as ("code", span) or ("list", [item spans]); a span (start, end) of the input
    text stands for that text with the edits inside it (a nested call's)."""

    start: int
    func: str
    args: list[list]


@dataclass
class DictCheck:
    start: int
    data: dict


class Scan(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self, rules, positions: Positions):
        super().__init__()
        self.rules = [rule for rule in rules if rule.name in PYTHON_RULES]
        self.enabled = {rule.name for rule in self.rules}
        self.at = positions
        self.pending: list[Pending] = []
        self.calls: list[CallCheck] = []
        self.dicts: list[DictCheck] = []
        self.stars: list[tuple[str, int]] = []  # star imports of hera / argo_workflows: (module, line)
        self.unresolved: list[tuple[cst.Call, Signature]] = []
        self.strings: list[tuple[int, str]] = []  # edited string literals: (start, new value)
        self._argo_dicts: list[bool] = []
        self._docstrings: set[int] = set()  # strings left as written (documentation, parts of a concatenation)
        self._templates: dict[int, str] = {}  # strings filled in by .format() or %: id -> how

    # -- imports ---------------------------------------------------------------------
    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar) and not node.relative and node.module is not None:
            module = get_full_name_for_node(node.module) or ""
            if module.split(".")[0] in STAR_PACKAGES:
                self.stars.append((module, self.at.line_col(node)[0]))

    # -- calls -----------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.get_metadata(QualifiedNameProvider, node.func, set())
        names = {q.name for q in qualified}
        known = {name for name in names if name in SIGNATURES}
        if known:
            signatures = {SIGNATURES[name] for name in known}
            if known == names and len(signatures) == 1:
                self._call(node, signatures.pop())
            else:
                others = ", ".join(sorted(f"a {q.name} of this file" if q.source is QualifiedNameSource.LOCAL
                                          else q.name for q in qualified if q.name not in known)) \
                    or ", ".join(sorted(known))
                for signature in signatures:
                    self._unprovable(node, signature, f"it may also be {others}")
        elif not names and isinstance(node.func, cst.Name) and node.func.value in BY_SHORT_NAME:
            self.unresolved.append((node, BY_SHORT_NAME[node.func.value]))

    def finish(self) -> None:
        if self.stars:
            module, line = self.stars[0]
            for node, signature in self.unresolved:
                self._unprovable(node, signature, f"`from {module} import *` at line {line} hides where it comes from")

    def _legacy(self, signature: Signature) -> dict[str, str]:
        """keyword -> rule, of the enabled rules."""
        out = {r.singular: r.rule for r in signature.renames if r.rule in self.enabled}
        out.update({keyword: rule for keyword, rule in signature.reports if rule in self.enabled})
        return out

    def _unprovable(self, node: cst.Call, signature: Signature, reason: str) -> None:
        legacy = self._legacy(signature)
        func = self.at.code(node.func)
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in legacy:
                self._finding(legacy[arg.keyword.value], arg.keyword, "?", arg.keyword.value,
                              f"{arg.keyword.value}= passed to {func}(), which cannot be proved to be "
                              f"{signature.label} ({reason}): convert it by hand")

    def _finding(self, rule: str, node: cst.CSTNode, obj: str, path: str, message: str) -> None:
        line, column = self.at.line_col(node)
        self.pending.append(Pending(rule, line, column, obj, path, None, False, message))

    def _call(self, node: cst.Call, signature: Signature) -> None:
        at = self.at
        args = list(node.args)
        by_keyword = {arg.keyword.value: (index, arg) for index, arg in enumerate(args) if arg.keyword is not None}
        spreads = [arg for arg in args if arg.star == "**"]
        expected = [[arg.keyword.value if arg.keyword else None, arg.star, ("code", at.span(arg.value))]
                    for arg in args]
        changes: list[Pending] = []
        removed: set[int] = set()
        label = signature.label
        bound = self._positional(node, signature, args, by_keyword, expected, changes)
        for rename in signature.renames:
            if rename.rule not in self.enabled:
                continue
            if rename.singular not in by_keyword:
                if rename.singular not in bound:
                    for spread in spreads:
                        self._finding(rename.rule, spread, label, rename.singular,
                                      f"**{at.code(spread.value)} may carry {rename.singular}=, which v4 reads as "
                                      f"{rename.plural}=[...]: check it by hand")
                continue
            index, arg = by_keyword[rename.singular]
            problem = self._problem(rename, arg.value)
            if problem:
                self._finding(rename.rule, arg.keyword, label, rename.singular, problem)
                continue
            line, column = at.line_col(arg.keyword)
            value = at.code(arg.value)
            note = self._note(arg.value, spreads, rename)
            if rename.plural not in by_keyword:
                edits = [Edit(at.start(arg.keyword), at.end(arg.keyword), rename.plural), *wrap(at, arg.value)]
                expected[index] = [rename.plural, "", ("list", [at.span(arg.value)])]
                changes.append(Pending(rename.rule, line, column, label, rename.singular, f"{rename.plural}[0]", True,
                                       f"{rename.singular}= -> {rename.plural}=[...]{note}", edits))
                continue
            plural_index, plural = by_keyword[rename.plural]
            if not rename.append:
                self._finding(rename.rule, arg.keyword, label, rename.singular,
                              f"{rename.singular}= and {rename.plural}= are both given (Hera appends the first to "
                              f"the second, argo convert keeps only the first): write {rename.plural}=[...] by hand")
                continue
            if not isinstance(plural.value, cst.List):
                self._finding(rename.rule, arg.keyword, label, rename.singular,
                              f"{rename.singular}= is given and {rename.plural}= is not a list literal: "
                              f"merge them into {rename.plural}=[...] by hand")
                continue
            items = [at.code(element.value) for element in plural.value.elements]
            removed.add(index)
            if value in items:
                changes.append(Pending(rename.rule, line, column, label, rename.singular, rename.plural, True,
                                       f"{rename.singular}= removed: the same item is already in "
                                       f"{rename.plural}=[...]", []))
                continue
            if plural.value.elements:
                end = at.end(plural.value.elements[-1].value)
                insert = Edit(end, end, f", {value}")
            else:
                end = at.offset(at.positions[plural.value.lbracket].end)
                insert = Edit(end, end, value)
            expected[plural_index][2] = ("list", [at.span(e.value) for e in plural.value.elements]
                                         + [at.span(arg.value)])
            changes.append(Pending(rename.rule, line, column, label, rename.singular, rename.plural, True,
                                   f"{rename.singular}= appended to {rename.plural}=[...]{note}", [insert]))
        for keyword, rule in signature.reports:
            if rule in self.enabled and keyword in by_keyword:
                arg = by_keyword[keyword][1]
                self._finding(rule, arg.keyword, label, keyword,
                              f"{keyword}={at.code(arg.value)} is ignored since Argo v3.7: set "
                              f"{PRIORITY_CLASS[keyword]}= to a PriorityClass with that value")
        if not changes:
            return
        try:
            if removed:
                items = [(arg_start(at, arg), at.end(arg.value)) for arg in args]
                call_end = at.offset(at.positions[node].end)
                removal = removals(at.text, items, removed, at.text.index("(", at.end(node.func)) + 1, call_end - 1)
                changes[-1].edits = [*changes[-1].edits, *removal]
            _no_overlap([edit for change in changes for edit in change.edits])
        except Unrenderable as exc:
            for change in changes:
                change.unfixed(str(exc))
            self.pending += changes
            return
        self.pending += changes
        self.calls.append(CallCheck(at.offset(at.positions[node].start), at.code(node.func),
                                    [entry for index, entry in enumerate(expected) if index not in removed]))

    def _positional(self, node, signature, args, by_keyword, expected, changes) -> set[str]:
        """The old SDK's positional `(schedule, workflow_spec)` (6.5) -> keywords. Returns the
        parameters positional arguments bind to."""
        positional = [(index, arg) for index, arg in enumerate(args) if arg.keyword is None and not arg.star]
        renames = {r.singular: r for r in signature.renames if r.rule in self.enabled}
        star = next((arg for arg in args if arg.star == "*"), None)
        if not positional and star is not None and signature.positional:
            for name, rename in renames.items():
                if name in signature.positional and name not in by_keyword and rename.plural not in by_keyword:
                    self._finding(rename.rule, star, signature.label, name,
                                  f"*{self.at.code(star.value)} may carry {name} positionally, which v4 reads as "
                                  f"{rename.plural}=[...]: check it by hand")
            return set(signature.positional)
        if not positional or not signature.positional:
            return set()
        names = signature.positional[:len(positional)]
        if not any(name in renames for name in names):
            return set(names)
        rename = next(renames[name] for name in names if name in renames)
        first = positional[0][1].value
        if any(arg.star == "*" for arg in args) or len(positional) > len(signature.positional):
            self._finding(rename.rule, first, signature.label, rename.singular,
                          f"positional arguments to {signature.label}(): pass {rename.plural}=[...] and the "
                          f"others by keyword by hand")
            return set(names)
        edits, at = [], self.at
        for (index, arg), name in zip(positional, names):
            if name == rename.singular:
                problem = self._problem(rename, arg.value) or (
                    f"{rename.singular} (positional) and {rename.plural}= are both given: write "
                    f"{rename.plural}=[...] by hand" if rename.plural in by_keyword else None)
                if problem:
                    self._finding(rename.rule, arg.value, signature.label, rename.singular, problem)
                    return set(names)
                edits += [Edit(at.start(arg.value), at.start(arg.value), f"{rename.plural}=["),
                          Edit(at.end(arg.value), at.end(arg.value), "]")]
                expected[index] = [rename.plural, "", ("list", [at.span(arg.value)])]
            else:
                edits.append(Edit(at.start(arg.value), at.start(arg.value), f"{name}="))
                expected[index][0] = name
        line, column = at.line_col(first)
        others = [name for name in names if name != rename.singular]
        changes.append(Pending(rename.rule, line, column, signature.label, rename.singular, f"{rename.plural}[0]", True,
                               f"positional {rename.singular} -> {rename.plural}=[...]"
                               + (f" ({', '.join(others)} passed by keyword)" if others else ""), edits))
        return set(names)

    def _problem(self, rename: Rename, value: cst.BaseExpression) -> str | None:
        """Why `singular=value` cannot be rewritten, if it cannot."""
        if isinstance(value, cst.Name) and value.value == "None":
            return f"{rename.singular}=None: remove it, or pass {rename.plural}=[...]"
        if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            return f"{rename.singular}= is given a collection: write {rename.plural}=[...] by hand"
        if rename.singular == "schedule":
            if isinstance(value, cst.Dict):
                return "schedule= is not a cron expression: write schedules=[...] by hand"
            text = string_value(value)
            if text is not None and not text.strip():
                return "schedule= is empty: remove it, or pass schedules=[...]"
            prefix = TZ_PREFIX.match(text or "")
            if prefix:
                return (f"schedule= starts with a time zone prefix ({prefix.group(1)}), which v4 rejects: "
                        f"pass timezone={prefix.group(1)!r} and schedules=[...] without it by hand")
        return None

    def _note(self, value: cst.BaseExpression, spreads: list[cst.Arg], rename: Rename) -> str:
        notes = []
        if _may_be_none(value):
            notes.append(f"review: {self.at.snippet(value)} must not be None at run time")
        if spreads:
            notes.append(f"review: **{self.at.code(spreads[0].value)} must not hold {rename.plural}")
        return f" ({'; '.join(notes)})" if notes else ""

    # -- YAML manifests in string literals -------------------------------------------
    def visit_Expr(self, node: cst.Expr) -> None:
        if isinstance(node.value, cst.SimpleString):
            self._docstrings.add(id(node.value))  # documentation, not data: left as written

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "format" and isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self._templates[id(node.value)] = "a string filled in by .format()"

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Modulo) and isinstance(node.left, (cst.SimpleString,
                                                                            cst.ConcatenatedString)):
            self._templates[id(node.left)] = "a string filled in by %"

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        if id(node) not in self._docstrings and not any(self._argo_dicts):
            self._unconvertible(node, "an f-string")

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if id(node) in self._docstrings:
            return
        parts, pending = [], [node.left, node.right]
        while pending:  # "a" "b" "c" nests as left, right
            part = pending.pop()
            if isinstance(part, cst.ConcatenatedString):
                pending += [part.left, part.right]
            parts.append(part)
        self._docstrings.update(id(part) for part in parts)
        if not any(self._argo_dicts):
            self._unconvertible(node, self._templates.get(id(node), "a concatenation of strings"))

    def _unconvertible(self, node: cst.CSTNode, what: str) -> None:
        """A manifest in a string that cannot be converted in place: its legacy keys reported."""
        code = self.at.code(node)
        value = getattr(node, "evaluated_value", None) if "\\" in code else None
        text = value if isinstance(value, str) else code  # escapes resolved: keys found, placed at the string
        if not _may_hold_manifest(text):
            return
        converter = self._converter()
        if converter.key_lines is None:
            return
        by_key = {key: rule for rule in self.rules for key in rule.keys}
        start = self.at.start(node)
        for match in converter.key_lines.finditer(text):
            offset = start + match.start(1) if text is code else start
            line = self.at.line_of(offset)
            rule = by_key[match.group(1)]
            self.pending.append(Pending(rule.name, line, offset - self.at.line_starts[line - 1] + 1, "?",
                                        match.group(1), None, False,
                                        f"{match.group(1)} in a manifest held in {what}: convert it by hand "
                                        f"({rule.summary})"))

    def _converter(self):
        from ..engine import Converter  # the engine imports this package

        return Converter(self.rules)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if id(node) in self._docstrings or any(self._argo_dicts):
            return
        if id(node) in self._templates:
            self._unconvertible(node, self._templates[id(node)])
            return
        at = self.at
        code = at.code(node)
        prefix = re.match(r"[A-Za-z]*", code).group(0)
        quote = code[len(prefix):len(prefix) + 3] if code[len(prefix):len(prefix) + 3] in ('"""', "'''") \
            else code[len(prefix)]
        content = code[len(prefix) + len(quote):len(code) - len(quote)]
        if set(prefix.lower()) - {"r", "u"}:
            return
        if "\\" in content:
            self._unconvertible(node, "a string with escapes")
            return
        if not _may_hold_manifest(content):
            return
        converter = self._converter()
        if not converter.may_need(content):
            return
        start = at.start(node) + len(prefix) + len(quote)
        inner = Source("<string>", content)
        result = converter.convert(inner)
        if result.error is not None or result.skipped or not result.records:
            return  # not a manifest (or nothing to do): the string stays as it is
        new = result.output.decode("utf-8") if result.output is not None else None
        problem = None
        if new is not None and (quote in new or new.endswith(quote[0]) or "\\" in new
                                or (len(quote) == 1 and ("\n" in new or "\r" in new))):
            problem = "the converted text would need escapes in this string"
        changes = []
        for record in result.records:
            offset = start + inner.line_starts[record.line - 1] + record.column - 1
            line = at.line_of(offset)
            column = offset - at.line_starts[line - 1] + 1
            pending = Pending(record.rule, line, column, record.object, record.path, record.new_path, record.fixable,
                              f"{record.message} (in a YAML string)", [] if record.applied else None)
            if record.applied and (new is None or problem):
                pending.unfixed(problem or "not converted")
            if pending.edits is not None:
                changes.append(pending)
            self.pending.append(pending)
        if changes:
            changes[0].edits = [Edit(start, start + len(content), new)]
            self.strings.append((at.start(node), new))

    # -- dict literals ---------------------------------------------------------------
    def visit_Dict(self, node: cst.Dict) -> None:
        argo = not any(self._argo_dicts) and is_argo_dict(node)
        self._argo_dicts.append(argo)
        if argo:
            self._dict(node)

    def leave_Dict(self, original_node: cst.Dict) -> None:
        self._argo_dicts.pop()

    def _dict(self, node: cst.Dict) -> None:
        at = self.at
        literal = DictLiteral(node, at)
        outcomes = []
        for target in targets(literal.data):
            for rule in self.rules:
                if target.scope in rule.scopes:
                    for outcome in rule.check(target.data):
                        outcomes.append((rule, target.obj, outcome.rebased(target.path)))
        if not outcomes:
            return
        records: list[tuple[Pending, object]] = []
        removed: set = set()
        ordered = sorted(outcomes, key=lambda o: isinstance(o[2], Insert))  # an entry goes in after the wraps
        for rule, obj, outcome in ordered:
            key_path = outcome.path[:-1] + (outcome.beside,) if isinstance(outcome, Insert) else outcome.path
            try:
                anchor = literal.element(key_path)[2].key
            except Unrenderable:
                anchor = node
            line, column = at.line_col(anchor)
            relative, new = outcome.path[len(obj.path):], outcome.new_path[len(obj.path):]
            message = outcome.message.format(path=dotted(relative),
                                             new=dotted(new if isinstance(outcome, MoveToList) else new[:-1]))
            fixable = rule.fixable and isinstance(outcome, Change)
            pending = Pending(rule.name, line, column, obj.label, dotted(relative),
                              None if isinstance(outcome, Finding) else dotted(new), fixable, message)
            records.append((pending, outcome))
        changes = []
        for pending, outcome in records:
            if not isinstance(outcome, Change):
                continue
            blocker = literal.blocker(outcome)
            if blocker is None:
                changes.append((pending, outcome))
            else:
                pending.message = f"{pending.message}; not rewritten: {blocker}: convert it by hand"
        try:
            for pending, outcome in changes:
                if not isinstance(outcome, Insert):
                    pending.edits, gone = literal.render(outcome, at)
                    removed |= gone
            removal = literal.removal_edits(removed, at) if removed else []
            for pending, outcome in changes:
                if isinstance(outcome, Insert):  # placed knowing what goes around it
                    pending.edits, _ = literal.render(outcome, at, removal)
            if removal:
                changes[0][0].edits += removal
            _no_overlap([e for p, _ in changes for e in p.edits])
        except Unrenderable as exc:
            for pending, _ in changes:
                pending.unfixed(str(exc))
        else:
            if changes:
                self.dicts.append(DictCheck(at.offset(at.positions[node].start),
                                            expected_data(literal.data, [o for _, o in changes])))
        self.pending += [p for p, _ in records]


def _no_overlap(edits: list[Edit]) -> None:
    position = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise Unrenderable("two edits overlap")
        position = edit.end


# -- the file ----------------------------------------------------------------------------
def _refused(text: str) -> Problem | None:
    """Python's own parser first: libcst's native parser overflows its stack (the process
    dies) on nesting that CPython refuses cleanly, such as a chain of thousands of `+`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(text)
        except (RecursionError, MemoryError):
            return Problem("nesting too deep to process")
        except SyntaxError as exc:
            if "too many nested" in str(exc.msg) or "too complex" in str(exc.msg):
                return Problem(f"not valid Python: {exc.msg}", exc.lineno or 0, exc.offset or 0)
        except ValueError as exc:  # NUL bytes
            return Problem(f"not valid Python: {exc}")
    return None  # parsed, or syntax newer than this Python's: libcst decides


ARGO_KIND = re.compile(r"\bkind:\s*[\"']?(?:(?:Cluster)?Workflow(?:Template)?|CronWorkflow|Sensor|List)\b")


def _may_hold_manifest(text: str) -> bool:
    return "argoproj.io/" in text and bool(ARGO_KIND.search(text))


# Text without any of these cannot hold anything a rule looks at: not parsed (libcst's
# scope analysis costs about a second per thousand lines).
RELEVANT = re.compile(r"\b(?:schedule|mutex|semaphore|pod_priority|priority)[ \t]*=(?!=)|argoproj\.io/"
                      r"|import[ \t]*\*|IoArgoprojWorkflowV1alpha1CronWorkflowSpec\b")
SPREAD_TARGETS = re.compile(r"\b(?:CronWorkflow|Synchronization|CronWorkflowSpec)\b")


def may_need(text: str) -> bool:
    return bool(RELEVANT.search(text)) or ("*" in text and bool(SPREAD_TARGETS.search(text)))


class _Unparsed(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _analyze(text: str, rules) -> Scan:
    """Parse and scan one text; _Unparsed when it cannot be parsed safely."""
    refused = _refused(text)
    if refused is not None:
        raise _Unparsed(refused)
    try:
        module = cst.parse_module(text)
        if module.code != text:
            raise _Unparsed(Problem("libcst does not reproduce this file byte for byte; not converted"))
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        scan = Scan(rules, Positions(text, wrapper.resolve(PositionProvider)))
        wrapper.visit(scan)
    except cst.ParserSyntaxError as exc:
        raise _Unparsed(Problem(f"not Python that libcst can parse: {str(exc.message).splitlines()[0]}",
                                exc.editor_line, exc.editor_column)) from None
    except RecursionError:
        raise _Unparsed(Problem("nesting too deep to process")) from None
    scan.finish()
    return scan


def convert(source: Source, rules) -> FileResult:
    result = FileResult(source.path, source.original)
    if not may_need(source.text):
        return result
    try:
        scan = _analyze(source.text, rules)
    except _Unparsed as exc:
        result.error = exc.problem
        return result
    pending = sorted(scan.pending, key=lambda p: (p.line, p.column, p.rule))
    edits = [edit for p in pending for edit in p.edits or ()]
    if not edits:
        result.records = [p.record(False) for p in pending]
        return result
    try:
        new_text = apply_edits(source.text, edits)
        _verify(source, new_text, edits, scan, rules)
    except (Unrenderable, VerificationError) as exc:
        result.error = Problem(f"internal error, nothing written: {exc}")
        result.records = [p.record(False) for p in pending]
        return result
    except RecursionError:
        result.error = Problem("internal error, nothing written: nesting too deep to verify")
        result.records = [p.record(False) for p in pending]
        return result
    result.records = [p.record(True) for p in pending]
    result.output = source.encode(new_text)
    return result


def _compiles(text: str, path: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(text, path or "<python>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def _verify(source: Source, new_text: str, edits: list[Edit], scan: Scan, rules) -> None:
    """The edited text must parse, compile when the input did, hold exactly the planned
    arguments and dict data, and need no change from a second run."""
    try:
        again = _analyze(new_text, rules)
    except _Unparsed as exc:
        raise VerificationError(f"the output does not parse: {exc.problem.message}") from None
    if any(p.edits for p in again.pending):
        raise VerificationError("a second conversion would change the output again")
    if _compiles(source.text, source.path) and not _compiles(new_text, source.path):
        raise VerificationError("the output does not compile")
    at = again.at
    ordered = sorted(edits, key=lambda e: (e.start, e.end))  # they do not overlap: ends are sorted too
    starts, ends = [e.start for e in ordered], [e.end for e in ordered]
    deltas = list(itertools.accumulate((len(e.text) - (e.end - e.start) for e in ordered), initial=0))

    def shifted(offset: int) -> int:
        """Where an input offset is in the output (after the edits that end at or before it)."""
        return offset + deltas[bisect.bisect_right(ends, offset)]

    def expected(span: tuple[int, int]) -> str:
        """The input text of `span` with the edits inside it (those of nested calls)."""
        start, end = span
        candidates = ordered[bisect.bisect_left(starts, start):bisect.bisect_right(starts, end)]
        inside = [Edit(e.start - start, e.end - start, e.text) for e in candidates
                  if e.end <= end and not (e.start == e.end and e.start in (start, end))]
        return apply_edits(source.text[start:end], inside)

    calls, dicts, strings = {}, {}, {}
    for node in at.positions:
        if isinstance(node, cst.Call):
            calls.setdefault(at.offset(at.positions[node].start), []).append(node)
        elif isinstance(node, cst.Dict):
            dicts[at.offset(at.positions[node].start)] = node
        elif isinstance(node, cst.SimpleString):
            strings[at.offset(at.positions[node].start)] = node
    for start, value in scan.strings:
        node = strings.get(shifted(start))
        if node is None or node.evaluated_value != value:
            raise VerificationError("a string literal does not hold the converted manifest")
    for check in scan.calls:
        found = [n for n in calls.get(shifted(check.start), []) if at.code(n.func) == check.func]
        if not found or not any(_args_match(at, n, check.args, expected) for n in found):
            raise VerificationError(f"the call {check.func}() does not hold the expected arguments")
    for check in scan.dicts:
        node = dicts.get(shifted(check.start))
        data = read_again(node, at) if node is not None else None
        if data is None or not same(with_code_as(check.data, lambda code: expected(code.span)),
                                    with_code_as(data, lambda code: code.text)):
            raise VerificationError("a dict literal does not hold the expected data")


def _args_match(at: Positions, node: cst.Call, args: list[list], expected) -> bool:
    if len(node.args) != len(args):
        return False
    for arg, (keyword, star, (kind, value)) in zip(node.args, args):
        if (arg.keyword.value if arg.keyword else None) != keyword or arg.star != star:
            return False
        if kind == "code":
            if at.code(arg.value) != expected(value):
                return False
        elif not isinstance(arg.value, cst.List) or [at.code(e.value) for e in arg.value.elements] != \
                [expected(span) for span in value]:
            return False
    return True
