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
import warnings

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper, PositionProvider, QualifiedName, QualifiedNameSource, ScopeProvider

from ..changes import Change, Insert, Path, dotted, expected_data
from ..errors import Unrenderable, VerificationError
from ..locate import targets
from ..migrations import Rule, Settings
from ..records import FileResult, Problem, Record
from ..source import Edit, Source, apply_edits
from .checks import CallCheck, Check, DictCheck, Shift
from .context import Context, ConvertYaml
from .literals import DictLiteral, is_argo_dict
from .names import Names
from .planned import Planned, review_note, value_problem
from .strings import YamlStrings
from .symbols import BY_SHORT_NAME, DICT_KEYWORDS, PARSER_NAMES, SIGNATURES, STAR_PACKAGES, Envelope, Signature
from .text import Positions, arg_start, removals, wrap


class Scan(cst.CSTVisitor):
    """One parsed text: what the rules change or report in it (each record planned with its
    edits), and a check for each edited node. YAML strings and names are handled by helpers
    it owns."""

    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, context: Context, positions: Positions):
        super().__init__()
        self.context = context
        self.at = positions
        self.planned: list[Planned] = []
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

    # -- records ---------------------------------------------------------------------
    def finding(self, rule: Rule, node: cst.CSTNode, obj: str, path: str, message: str) -> None:
        line, column = self.at.line_col(node)
        self.planned.append(Planned(Record(rule=rule.name, line=line, column=column, object=obj, path=path,
                                           message=message)))

    def change(self, rule: Rule, node: cst.CSTNode, obj: str, path: str, new_path: str, message: str,
               edits: list[Edit]) -> Planned:
        """A change of a call or an attribute write, with its edits (not yet planned)."""
        line, column = self.at.line_col(node)
        return Planned(Record(rule=rule.name, line=line, column=column, object=obj, path=path, new_path=new_path,
                              fixable=True, applied=True, message=message), edits)

    def unprovable(self, node: cst.Call, signature: Signature, reason: str) -> None:
        legacy = self.context.legacy(signature.places)
        func = self.at.code(node.func)
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in legacy:
                self.finding(legacy[arg.keyword.value].rule, arg.keyword, "?", arg.keyword.value,
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
        changes: list[Planned] = []
        removed: set[int] = set()
        label = signature.label
        legacy = self.context.legacy(signature.places).values()
        bound = self._positional(node, signature, args, by_keyword, expected, changes)
        for rule, keyword in legacy:
            if not keyword.to_list:
                continue
            old, new = keyword.old, keyword.new
            if old not in by_keyword:
                if old not in bound:
                    for spread in spreads:
                        self.finding(rule, spread, label, old,
                                     f"**{at.code(spread.value)} may carry {old}=, which v4 reads as "
                                     f"{new}=[...]: check it by hand")
                continue
            index, arg = by_keyword[old]
            problem = value_problem(keyword, arg.value, at)
            if problem:
                self.finding(rule, arg.keyword, label, old, problem)
                continue
            value = at.code(arg.value)
            note = review_note(at, arg.value, keyword, spreads[0] if spreads else None)
            if new not in by_keyword:
                edits = [Edit(at.start(arg.keyword), at.end(arg.keyword), new), *wrap(at, arg.value)]
                expected[index] = [new, "", ("list", [at.span(arg.value)])]
                changes.append(self.change(rule, arg.keyword, label, old, f"{new}[0]",
                                           f"{old}= -> {new}=[...]{note}", edits))
                continue
            plural_index, plural = by_keyword[new]
            if not keyword.append:
                self.finding(rule, arg.keyword, label, old,
                             f"{old}= and {new}= are both given (Hera appends the first to the second, argo "
                             f"convert keeps only the first): write {new}=[...] by hand")
                continue
            if not isinstance(plural.value, cst.List):
                self.finding(rule, arg.keyword, label, old,
                             f"{old}= is given and {new}= is not a list literal: merge them into {new}=[...] by hand")
                continue
            items = [at.code(element.value) for element in plural.value.elements]
            removed.add(index)
            if value in items:
                changes.append(self.change(rule, arg.keyword, label, old, new,
                                           f"{old}= removed: the same item is already in {new}=[...]", []))
                continue
            if plural.value.elements:
                end = at.end(plural.value.elements[-1].value)
                insert = Edit(end, end, f", {value}")
            else:
                end = at.offset(at.positions[plural.value.lbracket].end)
                insert = Edit(end, end, value)
            expected[plural_index][2] = ("list", [at.span(e.value) for e in plural.value.elements]
                                         + [at.span(arg.value)])
            changes.append(self.change(rule, arg.keyword, label, old, new, f"{old}= appended to {new}=[...]{note}",
                                       [insert]))
        for rule, keyword in legacy:
            if not keyword.to_list and keyword.old in by_keyword:
                arg = by_keyword[keyword.old][1]
                self.finding(rule, arg.keyword, label, keyword.old,
                             f"{keyword.old}={at.code(arg.value)} is ignored since Argo v{rule.removed_in}: set "
                             f"{keyword.new}= to {keyword.takes}")
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
                change.left(f"; not fixed: {exc}")
            self.planned += changes
            return
        self.planned += changes
        kept = [entry for index, entry in enumerate(expected) if index not in removed]
        self.checks.append(CallCheck(at.start(node), at.end(node), at.code(node.func), kept, signature))

    def _positional(self, node, signature, args, by_keyword, expected, changes) -> set[str]:
        """The old SDK's positional `(schedule, workflow_spec)` (6.5) -> keywords. Returns the
        parameters positional arguments bind to."""
        positional = [(index, arg) for index, arg in enumerate(args) if arg.keyword is None and not arg.star]
        lists = {old: found for old, found in self.context.legacy(signature.places).items() if found.keyword.to_list}
        star = next((arg for arg in args if arg.star == "*"), None)
        if not positional and star is not None and signature.positional:
            for name, (rule, keyword) in lists.items():
                if name in signature.positional and name not in by_keyword and keyword.new not in by_keyword:
                    self.finding(rule, star, signature.label, name,
                                 f"*{self.at.code(star.value)} may carry {name} positionally, which v4 reads as "
                                 f"{keyword.new}=[...]: check it by hand")
            return set(signature.positional)
        if not positional or not signature.positional:
            return set()
        names = signature.positional[:len(positional)]
        if not any(name in lists for name in names):
            return set(names)
        rule, keyword = next(lists[name] for name in names if name in lists)
        old, new = keyword.old, keyword.new
        first = positional[0][1].value
        if any(arg.star == "*" for arg in args) or len(positional) > len(signature.positional):
            self.finding(rule, first, signature.label, old,
                         f"positional arguments to {signature.label}(): pass {new}=[...] and the "
                         f"others by keyword by hand")
            return set(names)
        edits, at = [], self.at
        for (index, arg), name in zip(positional, names):
            if name == old:
                problem = value_problem(keyword, arg.value, at) or (
                    f"{old} (positional) and {new}= are both given: write {new}=[...] by hand"
                    if new in by_keyword else None)
                if problem:
                    self.finding(rule, arg.value, signature.label, old, problem)
                    return set(names)
                edits += [Edit(at.start(arg.value), at.start(arg.value), f"{new}=["),
                          Edit(at.end(arg.value), at.end(arg.value), "]")]
                expected[index] = [new, "", ("list", [at.span(arg.value)])]
            else:
                edits.append(Edit(at.start(arg.value), at.start(arg.value), f"{name}="))
                expected[index][0] = name
        others = [name for name in names if name != old]
        changes.append(self.change(rule, first, signature.label, old, f"{new}[0]",
                                   f"positional {old} -> {new}=[...]"
                                   + (f" ({', '.join(others)} passed by keyword)" if others else ""), edits))
        return set(names)

    # -- dict literals ---------------------------------------------------------------
    def dict_literal(self, node: cst.Dict, typed: tuple[Envelope, str | None] | None) -> None:
        """An Argo dict literal (typed: passed to an Argo class, with its envelope and the
        class's label): the YAML rules on its data, their changes as edits of its keys."""
        at = self.at
        envelope, label = typed or (None, None)
        literal = DictLiteral(node, at, envelope)

        def cut(obj) -> Path:
            """Where the keys that reports name start: the object, or the dict given to a keyword."""
            return envelope.prefix if envelope else obj.path

        shown = envelope.shown if envelope else ()
        outcomes = []
        for target in targets(literal.data):
            for rule in self.context.rules:
                if target.scope not in rule.scopes:
                    continue
                for outcome in rule.run(target.data, self.context.settings):
                    outcomes.append((rule, target.obj, outcome.rebased(target.path)))
                for keyword in rule.python:
                    holder = target.path + keyword.holder
                    unknown = literal.unknown_keys(holder, (keyword.key, keyword.new_key)) if keyword.to_list else None
                    if unknown is not None:  # reported like a **spread passed to an Argo class
                        old, new = (dotted(shown + (holder + (key,))[len(cut(target.obj)):])
                                    for key in (keyword.key, keyword.new_key))
                        self.finding(rule, unknown, label or target.obj.label, old,
                                     f"{at.snippet(unknown)} may carry {old}, which v4 reads as {new}: "
                                     f"check it by hand")
        if not outcomes:
            return
        planned: list[tuple[Planned, Rule, object]] = []
        removed: set = set()
        ordered = sorted(outcomes, key=lambda o: isinstance(o[2], Insert))  # an entry goes in after the wraps
        for rule, obj, outcome in ordered:
            key_path = outcome.path[:-1] + (outcome.beside,) if isinstance(outcome, Insert) else outcome.path
            try:
                anchor = literal.element(key_path)[2].key
            except Unrenderable:
                anchor = node
            line, column = at.line_col(anchor)
            change = isinstance(outcome, Change)
            record = Record.of(rule.name, outcome, cut=cut(obj), shown=shown, line=line, column=column,
                               object=label or obj.label, applied=change)
            planned.append((Planned(record, [] if change else None), rule, outcome))
        changes = []
        for entry, rule, outcome in planned:
            if not isinstance(outcome, Change):
                continue
            blocker = literal.blocker(outcome, _reads(rule))
            if blocker is None:
                changes.append((entry, outcome))
            else:
                entry.left(f"; not rewritten: {blocker}: convert it by hand")
        try:
            for entry, outcome in changes:
                if not isinstance(outcome, Insert):
                    entry.edits, gone = literal.render(outcome, at)
                    removed |= gone
            removal = literal.removal_edits(removed, at) if removed else []
            for entry, outcome in changes:
                if isinstance(outcome, Insert):  # placed knowing what goes around it
                    entry.edits, _ = literal.render(outcome, at, removal)
            if removal:
                changes[0][0].edits += removal
            _no_overlap([edit for entry, _ in changes for edit in entry.edits])
        except Unrenderable as exc:
            for entry, _ in changes:
                entry.left(f"; not fixed: {exc}")
        else:
            if changes:
                self.checks.append(DictCheck(at.start(node), at.end(node),
                                             expected_data(literal.data, [o for _, o in changes]), typed))
        self.planned += [entry for entry, _, _ in planned]


def _reads(rule: Rule) -> tuple[str, ...]:
    """The keys whose values a rule's check reads: its own, the new ones, and the others it declares."""
    return rule.keys + tuple(keyword.new_key for keyword in rule.python) + rule.reads


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


def _scan(text: str, module: cst.Module, context: Context) -> tuple[Scan, MetadataWrapper]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    return Scan(context, Positions(text, wrapper.resolve(PositionProvider))), wrapper


def _analyze(text: str, context: Context) -> Scan:
    """Parse and scan one text; _Unparsed when it cannot be parsed safely."""
    scan, wrapper = _scan(text, _parse(text), context)
    try:
        wrapper.visit(scan)
    except RecursionError:
        raise _Unparsed(Problem("nesting too deep to process")) from None
    return scan


def convert(source: Source, rules: list[Rule], settings: Settings, convert_yaml: ConvertYaml) -> FileResult:
    result = FileResult(source.path, source.original)
    context = Context.of(rules, settings, convert_yaml)
    if not context.may_need(source.text):
        return result
    try:
        scan = _analyze(source.text, context)
    except _Unparsed as exc:
        result.error = exc.problem
        return result
    planned = sorted(scan.planned, key=lambda p: (p.record.line, p.record.column, p.record.rule))
    edits = [edit for p in planned for edit in p.edits or ()]
    if not edits:
        result.records = [p.written(False) for p in planned]
        return result
    try:
        new_text = apply_edits(source.text, edits)
        _verify(source, new_text, edits, scan)
    except (Unrenderable, VerificationError) as exc:
        result.error = Problem(f"internal error, nothing written: {exc}")
        result.records = [p.written(False) for p in planned]
        return result
    except RecursionError:
        result.error = Problem("internal error, nothing written: nesting too deep to verify")
        result.records = [p.written(False) for p in planned]
        return result
    result.records = [p.written(True) for p in planned]
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
    if any(p.edits for p in again.planned):
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
    scan, _ = _scan(text, module, first.context)
    if len(module.body) != len(snippets) or not all(
            isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 for line in module.body):
        raise VerificationError("the edited nodes are not one expression or assignment each")
    return [line.body[0].value if isinstance(line.body[0], cst.Expr) else line.body[0] for line in module.body], scan
