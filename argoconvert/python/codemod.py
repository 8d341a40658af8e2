"""One Python file through the codemods: parse with libcst, find the calls, dict literals,
YAML strings and names that provably are Argo objects, turn the enabled rules' changes into
text edits, verify.

Calls are matched by what their name resolves to through the imports (libcst's qualified
names), never by spelling: a local class named CronWorkflow, another library's `schedule=`
and Argo Events' CalendarEventSource stay as they are. What cannot be proved is reported.
Names are resolved once, in the input: the verifier checks each edited node of the output on
its own (checks.py), the rest of the output being the input's bytes.
"""
from __future__ import annotations

import ast
import re
import warnings
from typing import Callable

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedName, QualifiedNameSource, ScopeProvider

from ..changes import Change, Finding, Insert, MoveToList, Path, dotted
from ..errors import Unrenderable, VerificationError
from ..locate import targets
from ..migrations import Settings
from ..records import FileResult, Problem
from ..source import Edit, Source, apply_edits
from ..changes import expected_data
from .checks import CallCheck, Check, DictCheck, Shift
from .literals import DictLiteral, is_argo_dict
from .names import Names
from .pending import Pending, review_note, value_problem
from .strings import YamlStrings
from .symbols import (BY_SHORT_NAME, DICT_KEYWORDS, PARSER_NAMES, PRIORITY_CLASS, RENAME_OF_RULE, SIGNATURES,
                      STAR_PACKAGES, Envelope, Signature)
from .text import Positions, arg_start, removals, wrap

# The rules that have a meaning in Python code (strip-server-fields is for cluster exports,
# sdk-pins for dependency files).
PYTHON_RULES = ("cron-schedules", "sync-mutexes", "sync-semaphores", "pod-priority", "template-priority")


# A YAML text converted with the given rules, as the YAML side converts a file.
ConvertYaml = Callable[[Source, list], FileResult]


class Scan(cst.CSTVisitor):
    """One parsed text: what the rules change or report in it, as Pending records, and a
    check for each edited node. YAML strings and names are handled by helpers it owns."""

    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, rules, positions: Positions, settings: Settings, convert_yaml: ConvertYaml):
        super().__init__()
        self.convert_yaml = convert_yaml  # (source, rules) -> FileResult: a YAML string's manifests converted
        self.rules = [rule for rule in rules if rule.name in PYTHON_RULES]
        self.settings = settings
        self.enabled = {rule.name for rule in self.rules}
        self.at = positions
        self.pending: list[Pending] = []
        self.checks: list[Check] = []
        self.stars: list[tuple[str, int]] = []  # star imports of hera / argo_workflows: (module, line)
        self.unresolved: list[tuple[cst.Call, Signature]] = []
        self.typed: dict[cst.Dict, tuple[Envelope, str | None]] = {}  # dicts passed to Argo classes
        self.strings = YamlStrings(self)
        self.names = Names(self)
        self._argo_dicts: list[bool] = []

    # -- names -----------------------------------------------------------------------
    def scope(self, node: cst.CSTNode):
        return self.get_metadata(ScopeProvider, node, None)

    def qualified(self, node: cst.CSTNode) -> set[QualifiedName]:
        """What `node` may resolve to through the imports: libcst's qualified names, as its
        QualifiedNameProvider computes them for every node, asked here only where needed."""
        scope = self.scope(node)
        return set(scope.get_qualified_names_for(node)) if scope is not None else set()

    def signature_of_name(self, node: cst.BaseExpression) -> Signature | None:
        """The Argo class `node` names, when everything it may resolve to is that class."""
        signatures = {SIGNATURES.get(q.name) for q in self.qualified(node)}
        return signatures.pop() if len(signatures) == 1 and None not in signatures else None

    def legacy(self, signature: Signature) -> dict[str, str]:
        """keyword -> rule, of the enabled rules."""
        out = {r.singular: r.rule for r in signature.renames if r.rule in self.enabled}
        out.update({keyword: rule for keyword, rule in signature.reports if rule in self.enabled})
        return out

    def finding(self, rule: str, node: cst.CSTNode, obj: str, path: str, message: str) -> None:
        line, column = self.at.line_col(node)
        self.pending.append(Pending(rule, line, column, obj, path, None, False, message))

    def unprovable(self, node: cst.Call, signature: Signature, reason: str) -> None:
        legacy = self.legacy(signature)
        func = self.at.code(node.func)
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in legacy:
                self.finding(legacy[arg.keyword.value], arg.keyword, "?", arg.keyword.value,
                             f"{arg.keyword.value}= passed to {func}(), which cannot be proved to be "
                             f"{signature.label} ({reason}): convert it by hand")

    # -- the visit -------------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            self.names.imported(get_full_name_for_node(alias.name) or "")

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None:
            return
        module = get_full_name_for_node(node.module) or ""
        self.names.imported(module)
        if isinstance(node.names, cst.ImportStar) and module.split(".")[0] in STAR_PACKAGES:
            self.stars.append((module, self.at.line_col(node)[0]))

    def visit_Call(self, node: cst.Call) -> None:
        qualified = self.qualified(node.func)
        names = {q.name for q in qualified}
        known = {name for name in names if name in SIGNATURES}
        if known:
            signatures = {SIGNATURES[name] for name in known}
            if known == names and len(signatures) == 1:
                self.call(node, signatures.pop())
            else:
                others = ", ".join(sorted(f"a {q.name} of this file" if q.source is QualifiedNameSource.LOCAL
                                          else q.name for q in qualified if q.name not in known)) \
                    or ", ".join(sorted(known))
                for signature in signatures:
                    self.unprovable(node, signature, f"it may also be {others}")
            return
        parsers = {PARSER_NAMES.get(name) for name in names}
        if len(parsers) == 1 and None not in parsers:
            self._parsed(node, parsers.pop())
        elif not names and isinstance(node.func, cst.Name) and node.func.value in BY_SHORT_NAME:
            self.unresolved.append((node, BY_SHORT_NAME[node.func.value]))
        self.names.call(node, names)

    def _parsed(self, node: cst.Call, signature: Signature) -> None:
        """`Class.from_dict({...})` and the like: the dict is an object of the class."""
        first = node.args[0] if node.args else None
        if first is not None and first.keyword is None and not first.star and isinstance(first.value, cst.Dict):
            envelope = signature.parsed
            self.typed[first.value] = (envelope, signature.label if envelope.prefix else None)

    def visit_Assign(self, node: cst.Assign) -> None:
        self.names.assign(node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.names.annotated(node)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        self.names.with_item(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.names.class_def(node)

    def visit_Assert(self, node: cst.Assert) -> None:
        self.names.assertion(node.test)

    def visit_Expr(self, node: cst.Expr) -> None:
        self.strings.statement(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.strings.attribute(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self.strings.operation(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        if not any(self._argo_dicts):
            self.strings.formatted(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if not any(self._argo_dicts):
            self.strings.concatenated(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if not any(self._argo_dicts):
            self.strings.literal(node)

    def visit_Dict(self, node: cst.Dict) -> None:
        argo = not any(self._argo_dicts) and (is_argo_dict(node) or node in self.typed)
        self._argo_dicts.append(argo)
        if argo:
            self.dict_literal(node, None if is_argo_dict(node) else self.typed[node])

    def leave_Dict(self, original_node: cst.Dict) -> None:
        self._argo_dicts.pop()

    def leave_Module(self, original_node: cst.Module) -> None:
        """The decisions that need the whole file (while its scopes are still at hand)."""
        if self.stars:
            module, line = self.stars[0]
            for node, signature in self.unresolved:
                self.unprovable(node, signature, f"`from {module} import *` at line {line} hides where it comes from")
        self.names.finish()

    # -- calls -----------------------------------------------------------------------
    def call(self, node: cst.Call, signature: Signature) -> None:
        """A call of a resolved Argo class: its legacy keywords rewritten or reported, the dicts
        it is given that have a known scope marked for visit_Dict."""
        at = self.at
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in signature.dicts and isinstance(arg.value, cst.Dict):
                self.typed[arg.value] = (DICT_KEYWORDS[arg.keyword.value], signature.label)
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
                        self.finding(rename.rule, spread, label, rename.singular,
                                     f"**{at.code(spread.value)} may carry {rename.singular}=, which v4 reads as "
                                     f"{rename.plural}=[...]: check it by hand")
                continue
            index, arg = by_keyword[rename.singular]
            problem = value_problem(rename, arg.value)
            if problem:
                self.finding(rename.rule, arg.keyword, label, rename.singular, problem)
                continue
            line, column = at.line_col(arg.keyword)
            value = at.code(arg.value)
            note = review_note(at, arg.value, rename, spreads[0] if spreads else None)
            if rename.plural not in by_keyword:
                edits = [Edit(at.start(arg.keyword), at.end(arg.keyword), rename.plural), *wrap(at, arg.value)]
                expected[index] = [rename.plural, "", ("list", [at.span(arg.value)])]
                changes.append(Pending(rename.rule, line, column, label, rename.singular, f"{rename.plural}[0]", True,
                                       f"{rename.singular}= -> {rename.plural}=[...]{note}", edits))
                continue
            plural_index, plural = by_keyword[rename.plural]
            if not rename.append:
                self.finding(rename.rule, arg.keyword, label, rename.singular,
                             f"{rename.singular}= and {rename.plural}= are both given (Hera appends the first to "
                             f"the second, argo convert keeps only the first): write {rename.plural}=[...] by hand")
                continue
            if not isinstance(plural.value, cst.List):
                self.finding(rename.rule, arg.keyword, label, rename.singular,
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
                self.finding(rule, arg.keyword, label, keyword,
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
        kept = [entry for index, entry in enumerate(expected) if index not in removed]
        self.checks.append(CallCheck(at.start(node), at.end(node), at.code(node.func), kept, signature))

    def _positional(self, node, signature, args, by_keyword, expected, changes) -> set[str]:
        """The old SDK's positional `(schedule, workflow_spec)` (6.5) -> keywords. Returns the
        parameters positional arguments bind to."""
        positional = [(index, arg) for index, arg in enumerate(args) if arg.keyword is None and not arg.star]
        renames = {r.singular: r for r in signature.renames if r.rule in self.enabled}
        star = next((arg for arg in args if arg.star == "*"), None)
        if not positional and star is not None and signature.positional:
            for name, rename in renames.items():
                if name in signature.positional and name not in by_keyword and rename.plural not in by_keyword:
                    self.finding(rename.rule, star, signature.label, name,
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
            self.finding(rename.rule, first, signature.label, rename.singular,
                         f"positional arguments to {signature.label}(): pass {rename.plural}=[...] and the "
                         f"others by keyword by hand")
            return set(names)
        edits, at = [], self.at
        for (index, arg), name in zip(positional, names):
            if name == rename.singular:
                problem = value_problem(rename, arg.value) or (
                    f"{rename.singular} (positional) and {rename.plural}= are both given: write "
                    f"{rename.plural}=[...] by hand" if rename.plural in by_keyword else None)
                if problem:
                    self.finding(rename.rule, arg.value, signature.label, rename.singular, problem)
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

    # -- dict literals ---------------------------------------------------------------
    def dict_literal(self, node: cst.Dict, typed: tuple[Envelope, str | None] | None) -> None:
        """An Argo dict literal (typed: passed to an Argo class, with its envelope and the
        class's label): the YAML rules on its data, their changes as edits of its keys."""
        at = self.at
        envelope, label = typed or (None, None)
        literal = DictLiteral(node, at, envelope)

        def shown(obj, path: Path) -> str:
            """A path as reports show it: from the object, or from the keyword the dict is given to."""
            cut, start = (envelope.prefix, envelope.shown) if envelope else (obj.path, ())
            return dotted(start + path[len(cut):])

        outcomes = []
        for target in targets(literal.data):
            for rule in self.rules:
                if target.scope not in rule.scopes:
                    continue
                for outcome in rule.run(target.data, self.settings):
                    outcomes.append((rule, target.obj, outcome.rebased(target.path)))
                rename = RENAME_OF_RULE.get(rule.name)
                holder = target.path + rename.holder if rename else ()
                unknown = literal.unknown_keys(holder, (rename.singular, rename.plural)) if rename else None
                if unknown is not None:  # reported like a **spread passed to an Argo class
                    singular = shown(target.obj, holder + (rename.singular,))
                    self.finding(rule.name, unknown, label or target.obj.label, singular,
                                 f"{at.snippet(unknown)} may carry {singular}, which v4 reads as "
                                 f"{shown(target.obj, holder + (rename.plural,))}: check it by hand")
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
            new = outcome.new_path if isinstance(outcome, MoveToList) else outcome.new_path[:-1]
            message = outcome.message.format(path=shown(obj, outcome.path), new=shown(obj, new))
            fixable = rule.fixable and isinstance(outcome, Change)
            pending = Pending(rule.name, line, column, label or obj.label, shown(obj, outcome.path),
                              None if isinstance(outcome, Finding) else shown(obj, outcome.new_path), fixable, message)
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
                self.checks.append(DictCheck(at.start(node), at.end(node),
                                             expected_data(literal.data, [o for _, o in changes]), typed))
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


# Text without any of these cannot hold anything a rule looks at: not parsed (libcst's
# scope analysis costs about half a second per thousand lines). Quoted keys are dicts passed
# to Argo classes and assertions' reads, `.schedule` attribute reads too; then Hera 4.
RELEVANT = re.compile(r"\b(?:schedule|mutex|semaphore|pod_priority|priority)[ \t]*=(?!=)|argoproj\.io/"
                      r"|import[ \t]*\*|IoArgoprojWorkflowV1alpha1CronWorkflowSpec\b"
                      r"|[\"'](?:schedule|mutex|semaphore|podPriority|priority)[\"']|\.(?:schedule|mutex|semaphore)\b"
                      r"|\bfrom[ \t]+hera(?:\.cron_workflow)?[ \t]+import\b|\bhera\.(?:cron_workflow\.)?CronWorkflow\b")
SPREAD_TARGETS = re.compile(r"\b(?:CronWorkflow|Synchronization|CronWorkflowSpec)\b")


def may_need(text: str) -> bool:
    return bool(RELEVANT.search(text)) or ("*" in text and bool(SPREAD_TARGETS.search(text)))


class _Unparsed(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _parse(text: str) -> cst.Module:
    """The libcst tree of a text, which must reproduce it byte for byte; _Unparsed otherwise."""
    refused = _refused(text)
    if refused is not None:
        raise _Unparsed(refused)
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise _Unparsed(Problem(f"not Python that libcst can parse: {str(exc.message).splitlines()[0]}",
                                exc.editor_line, exc.editor_column)) from None
    except RecursionError:
        raise _Unparsed(Problem("nesting too deep to process")) from None
    if module.code != text:
        raise _Unparsed(Problem("libcst does not reproduce this file byte for byte; not converted"))
    return module


def _scan(text: str, module: cst.Module, rules, settings: Settings,
          convert_yaml: ConvertYaml) -> tuple[Scan, MetadataWrapper]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    return Scan(rules, Positions(text, wrapper.resolve(PositionProvider)), settings, convert_yaml), wrapper


def _analyze(text: str, rules, settings: Settings, convert_yaml: ConvertYaml) -> Scan:
    """Parse and scan one text; _Unparsed when it cannot be parsed safely."""
    scan, wrapper = _scan(text, _parse(text), rules, settings, convert_yaml)
    try:
        wrapper.visit(scan)
    except RecursionError:
        raise _Unparsed(Problem("nesting too deep to process")) from None
    return scan


def convert(source: Source, rules, settings: Settings, convert_yaml: ConvertYaml) -> FileResult:
    result = FileResult(source.path, source.original)
    if not may_need(source.text):
        return result
    try:
        scan = _analyze(source.text, rules, settings, convert_yaml)
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
        _verify(source, new_text, edits, scan)
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


def _verify(source: Source, new_text: str, edits: list[Edit], scan: Scan) -> None:
    """The edited text must parse, and compile when the input did; each edited node, parsed
    on its own, must hold what was planned and need no change from a second run."""
    try:
        _parse(new_text)
    except _Unparsed as exc:
        raise VerificationError(f"the output does not parse: {exc.problem.message}") from None
    if _compiles(source.text, source.path) and not _compiles(new_text, source.path):
        raise VerificationError("the output does not compile")
    shift = Shift(source.text, edits)
    snippets = [new_text[shift.offset(check.start):shift.offset(check.end)] for check in scan.checks]
    nodes, again = _statements(snippets, scan)
    for check, node, snippet in zip(scan.checks, nodes, snippets):
        if not check.holds(node, again.at, shift.expected):
            raise VerificationError(f"an edited node does not hold what was planned: {snippet[:60]!r}")
        check.scan_again(again, node)
    if any(p.edits for p in again.pending):
        raise VerificationError("a second conversion would change the output again")


def _statements(snippets: list[str], first: Scan) -> tuple[list[cst.CSTNode], Scan]:
    """The expression or assignment each snippet is, parsed together as the statements of one
    module (libcst's costs are per parse), and a scan of them to run an analysis again,
    without names (the input's resolution holds: only these nodes changed)."""
    text = "".join(snippet + "\n" for snippet in snippets)
    try:
        module = _parse(text)
    except _Unparsed as exc:
        raise VerificationError(f"an edited node does not parse: {exc.problem.message}") from None
    scan, _ = _scan(text, module, first.rules, first.settings, first.convert_yaml)
    if len(module.body) != len(snippets) or not all(
            isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 for line in module.body):
        raise VerificationError("the edited nodes are not one expression or assignment each")
    return [line.body[0].value if isinstance(line.body[0], cst.Expr) else line.body[0] for line in module.body], scan
