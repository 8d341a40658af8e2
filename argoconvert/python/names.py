"""Argo objects reached through names and attributes rather than a direct call:

- attribute writes `obj.schedule = X` (`.mutex`, `.semaphore`) become `obj.schedules = [X]`
  when `obj` provably is one object of a known class: bound once in this scope, before the
  write, by a resolved constructor call that does not give the plural. They are reported
  when `obj` may be an Argo object, and left alone when it provably is something else;
- calls through a name assigned an Argo class (or a `functools.partial` of one), and
  `functools.partial(ArgoClass, schedule=...)` itself: reported;
- APIs without a v4 form (Hera < 5's `hera.CronWorkflow(name, schedule)`, argo-client-python's
  models), and legacy class attributes of subclasses of Argo classes (argo-python-dsl's
  `schedule = ...`): reported;
- test assertions that read the old keys or attributes (`d["spec"]["schedule"]`,
  `.get("mutex")`, `"semaphore" in d`, `cw.schedule`): reported.
"""
from __future__ import annotations

import re

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment, ClassScope, FunctionScope, ImportAssignment, QualifiedNameSource

from ..source import Edit
from .checks import WriteCheck
from .literals import string_value
from .planned import review_note, suggested_fix, value_problem
from .symbols import LEGACY_APIS, PARTIAL, Legacy, LegacyApi, Signature, is_argo_name
from .text import wrap

# Values that are never an Argo object.
LITERALS = (cst.Dict, cst.DictComp, cst.List, cst.ListComp, cst.Set, cst.SetComp, cst.Tuple, cst.SimpleString,
            cst.ConcatenatedString, cst.FormattedString, cst.Integer, cst.Float, cst.Imaginary)


class _LegacyReads(cst.CSTVisitor):
    """In an assertion: reads of a legacy key (`x["schedule"]`, `x.get("mutex")`,
    `"semaphore" in x`) and of a legacy attribute (`x.schedule`) whose value becomes a list:
    (node, key or attribute, its keyword)."""

    def __init__(self, keys: dict[str, Legacy], attributes: dict[str, Legacy]):
        super().__init__()
        self.legacy_keys, self.legacy_attributes = keys, attributes
        self.keys: list[tuple[cst.CSTNode, str, Legacy]] = []
        self.attributes: list[tuple[cst.Attribute, Legacy]] = []

    def _key(self, node: cst.BaseExpression) -> None:
        key = string_value(node)
        if key in self.legacy_keys:
            self.keys.append((node, key, self.legacy_keys[key]))

    def visit_SubscriptElement(self, node: cst.SubscriptElement) -> None:
        if isinstance(node.slice, cst.Index):
            self._key(node.slice.value)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" and node.args \
                and node.args[0].keyword is None and not node.args[0].star:
            self._key(node.args[0].value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if isinstance(node.comparisons[0].operator, cst.In):
            self._key(node.left)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in self.legacy_attributes:
            self.attributes.append((node, self.legacy_attributes[node.attr.value]))


class Names:
    """The bindings, attribute writes and assertions of one scan (codemod.Scan, which owns this
    helper). The scan's visitor calls the recording methods as it meets the nodes; `finish`
    decides, before scopes are released."""

    def __init__(self, scan):
        self.scan = scan
        self.bound: dict[cst.CSTNode, cst.BaseExpression] = {}  # Name bound by `=` / `with ... as` -> value
        self.writes: list[tuple[cst.Assign, cst.Attribute]] = []
        self.through_names: list[cst.Call] = []  # calls with legacy keywords of names not resolved to a class
        self.reads = _LegacyReads(scan.context.list_keys, scan.context.lists)
        self.sdk_imported = False  # hera or argo_workflows imported: other objects may be theirs

    # -- recording -------------------------------------------------------------------
    def imported(self, module: str) -> None:
        self.sdk_imported = self.sdk_imported or is_argo_name(module)

    def assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.bound[target.target] = node.value
            elif isinstance(target.target, cst.Attribute) and self._watched(target.target.attr.value):
                self.writes.append((node, target.target))

    def annotated(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.value is not None:
            self.bound[node.target] = node.value

    def with_item(self, node: cst.WithItem) -> None:
        if node.asname is not None and isinstance(node.asname.name, cst.Name):
            self.bound[node.asname.name] = node.item  # Hera's context managers return themselves

    def assertion(self, *nodes: cst.CSTNode) -> None:
        for node in nodes:
            node.visit(self.reads)

    def _watched(self, attribute: str) -> bool:
        """Whether writes of `attribute` are looked at: a legacy keyword, or the list one becomes."""
        return attribute in self.scan.context.keywords or attribute in self.scan.context.plurals

    def call(self, node: cst.Call, names: set[str]) -> None:
        """A call that is not a known Argo class's."""
        keywords = self.scan.context.keywords
        if names == {PARTIAL}:
            self._partial(node)
        apis = {LEGACY_APIS.get(name) for name in names}
        if len(apis) == 1 and None not in apis:
            self._legacy_call(node, apis.pop())
        if isinstance(node.func, cst.Attribute) and node.func.attr.value.startswith("assert"):
            self.assertion(*(arg.value for arg in node.args))  # unittest's self.assertEqual(...) and the like
        if isinstance(node.func, cst.Name) and any(arg.keyword is not None and arg.keyword.value in keywords
                                                   for arg in node.args):
            self.through_names.append(node)

    def class_def(self, node: cst.ClassDef) -> None:
        """Legacy class attributes of a subclass of an Argo class (argo-python-dsl declares a
        CronWorkflow's schedule so)."""
        for base in node.bases:
            found = self._legacy_base(base.value) if base.keyword is None else None
            if found is None:
                continue
            label, legacy = found
            for statement in _class_statements(node):
                target = statement.target if isinstance(statement, cst.AnnAssign) else statement.targets[0].target
                if isinstance(target, cst.Name) and target.value in legacy:
                    rule, fix = legacy[target.value]
                    self.scan.finding(rule, target, label, target.value,
                                      f"class attribute {target.value} of {node.name.value}, a subclass of {label}, "
                                      f"is no longer read by Argo v4: {fix}")
            return

    def _legacy_base(self, base: cst.BaseExpression) -> tuple[str, dict[str, tuple]] | None:
        """The label of a base class and its legacy attributes: attribute -> (rule, fix)."""
        scan = self.scan
        apis = {LEGACY_APIS[q.name] for q in scan.qualified(base) if q.name in LEGACY_APIS}
        if len(apis) == 1:
            api = apis.pop()
            return api.label, {old: (rule, api.fix) for old, (rule, _) in scan.context.legacy(api.places).items()}
        signature = scan.signature_of_name(base)
        if signature is None:
            return None
        return signature.label, {old: (rule, suggested_fix(keyword))
                                 for old, (rule, keyword) in scan.context.legacy(signature.places).items()}

    # -- deciding --------------------------------------------------------------------
    def finish(self) -> None:
        plurals = self.scan.context.plurals
        plural_writes = {(id(binding), target.attr.value) for _, target in self.writes
                         if target.attr.value in plurals for binding in self._bindings(target.value)}
        for node, target in self.writes:
            if target.attr.value not in plurals:
                self._write(node, target, plural_writes)
        for call in self.through_names:
            self._through_name(call)
        for node, key, legacy in self.reads.keys:
            if not self._shared(legacy):
                self._read(node, key, legacy, f'the key "{key}"')
        for node, legacy in self.reads.attributes:
            if self.sdk_imported and self.may_be_argo(node.value):
                self._read(node.attr, node.attr.value, legacy, f"{self.scan.at.snippet(node)}")

    def _shared(self, legacy: Legacy) -> bool:
        """Whether the file names a Kubernetes kind whose objects have the same key (a test's
        ["schedule"] may well be a CronJob's)."""
        kind = legacy.keyword.shared_with
        return kind is not None and re.search(rf"\b{re.escape(kind)}\b", self.scan.at.text) is not None

    def _read(self, node: cst.CSTNode, key: str, legacy: Legacy, what: str) -> None:
        self.scan.finding(legacy.rule, node, "?", key,
                          f"an assertion reads {what}, which converted objects hold as {legacy.keyword.new} "
                          f"({legacy.keyword.takes}): update the test by hand")

    def _write(self, node: cst.Assign, target: cst.Attribute, plural_writes: set) -> None:
        scan, at = self.scan, self.scan.at
        attribute, obj = target.attr.value, at.code(target.value)
        constructed = self._constructed(target.value)
        if constructed is None:
            found = scan.context.lists.get(attribute)
            if found and self.sdk_imported and self.may_be_argo(target.value):
                new = found.keyword.new
                scan.finding(found.rule, target.attr, "?", attribute,
                             f"{obj}.{attribute} = ... may set a Hera or argo_workflows object's {attribute}, which v4 "
                             f"reads as {new}: if it does, write {obj}.{new} = [...] by hand")
            return
        binding, call, signature = constructed
        legacy = scan.context.legacy(signature.places)
        if attribute not in legacy:
            return
        (rule, keyword), label = legacy[attribute], signature.label
        if not keyword.to_list:
            scan.finding(rule, target.attr, label, attribute,
                         f"{obj}.{attribute} = {at.snippet(node.value)} is ignored since Argo v{rule.removed_in}: "
                         f"{suggested_fix(keyword)}")
            return
        new = keyword.new
        if len(node.targets) > 1:
            problem = f"{obj}.{attribute} is one of several targets: write {obj}.{new} = [...] by hand"
        elif (id(binding), new) in plural_writes or any(
                arg.star or (arg.keyword is not None and arg.keyword.value == new) for arg in call.args):
            problem = f"{obj}.{new} is given too (or may be, by a spread): merge {obj}.{attribute} into it by hand"
        else:
            problem = value_problem(keyword, node.value, at)
        if problem:
            scan.finding(rule, target.attr, label, attribute, problem)
            return
        edits = [Edit(at.start(target.attr), at.end(target.attr), new), *wrap(at, node.value)]
        scan.planned.append(scan.change(rule, target.attr, label, attribute, f"{new}[0]",
                                        f"{obj}.{attribute} = ... -> {obj}.{new} = [...] ({obj} is the {label} made "
                                        f"at line {at.line_col(call)[0]}){review_note(at, node.value, keyword)}",
                                        edits))
        scan.checks.append(WriteCheck(at.start(target), at.end(node.value), at.span(target), at.span(node.value)))

    def _bindings(self, node: cst.BaseExpression):
        """The assignments a name may refer to where it is used (none for other expressions)."""
        scope = self.scan.scope(node) if isinstance(node, cst.Name) else None
        return scope[node.value] if scope is not None else ()

    def _constructed(self, obj: cst.BaseExpression) -> tuple[Assignment, cst.Call, Signature] | None:
        """The binding, constructor call and class of `obj` when it provably is that one object:
        a name bound once in its scope, before this use, to a call of a resolved Argo class."""
        bindings = list(self._bindings(obj))
        if len(bindings) != 1:
            return None
        (binding,) = bindings
        if type(binding) is not Assignment or binding.scope is not self.scan.scope(obj):
            return None
        value = self.bound.get(binding.node)
        if not isinstance(value, cst.Call) or self.scan.at.start(binding.node) > self.scan.at.start(obj):
            return None
        signature = self.scan.signature_of_name(value.func)
        return (binding, value, signature) if signature is not None else None

    # -- what a name may be ----------------------------------------------------------
    def may_be_argo(self, node: cst.BaseExpression) -> bool:
        """Whether `node` may be a Hera or argo_workflows object: not when every binding of the
        name provably is something else (another library's, a literal, a function, an instance
        or method argument of a class of this file without an Argo base)."""
        if isinstance(node, cst.Call):
            return self._instance_may_be_argo(node.func)
        bindings = self._bindings(node)
        return not bindings or any(self._binding_may_be_argo(binding) for binding in bindings)

    def _binding_may_be_argo(self, assignment) -> bool:
        if isinstance(assignment, ImportAssignment):
            return any(is_argo_name(q.name) for q in assignment.get_qualified_names_for(assignment.name))
        if not isinstance(assignment, Assignment):
            return False  # a builtin
        node = assignment.node
        if isinstance(node, cst.FunctionDef):
            return False
        if isinstance(node, cst.ClassDef):
            return self._class_may_be_argo(node)
        if isinstance(node, cst.Param):
            if self._is_self_of_plain_class(node, assignment.scope):
                return False
            return node.annotation is None or self._instance_may_be_argo(node.annotation.annotation)
        value = self.bound.get(node)
        if isinstance(value, cst.Call):
            return self._instance_may_be_argo(value.func)
        return not isinstance(value, LITERALS)

    def _instance_may_be_argo(self, cls: cst.BaseExpression) -> bool:
        """Whether what `cls` makes (an instance of it, what a call of it returns, a value it
        annotates) may be an Argo object: `cls` resolves into an Argo package, or is anything
        but a plain name of another package or of a class of this file without an Argo base."""
        qualified = self.scan.qualified(cls) if isinstance(cls, (cst.Name, cst.Attribute)) else set()
        if not qualified or any(is_argo_name(q.name) for q in qualified):
            return True
        if all(q.source is not QualifiedNameSource.LOCAL for q in qualified):
            return False
        if not isinstance(cls, cst.Name):
            return True  # an attribute of something of this file
        return any(not isinstance(getattr(binding, "node", None), cst.ClassDef) or self._class_may_be_argo(binding.node)
                   for binding in self._bindings(cls))

    def _class_may_be_argo(self, node: cst.ClassDef) -> bool:
        """A class of this file with a base that is Argo's, unknown, or of this file too."""
        for base in node.bases:
            if base.keyword is not None:
                continue  # metaclass=...
            qualified = self.scan.qualified(base.value)
            if not qualified or any(is_argo_name(q.name) or q.source is QualifiedNameSource.LOCAL
                                    for q in qualified):
                return True
        return False

    def _is_self_of_plain_class(self, param: cst.Param, scope) -> bool:
        """`param` is the first parameter of a method of a class without an Argo base."""
        if not isinstance(scope, FunctionScope) or not isinstance(scope.parent, ClassScope):
            return False
        function = scope.node
        first = (*function.params.posonly_params, *function.params.params)[:1]
        static = any(get_full_name_for_node(d.decorator) == "staticmethod" for d in function.decorators)
        return bool(first) and first[0] is param and not static and not self._class_may_be_argo(scope.parent.node)

    # -- calls -----------------------------------------------------------------------
    def _argo_class(self, value: cst.BaseExpression | None) -> tuple[str, Signature] | None:
        """What a name's value is, when it is an Argo class or a functools.partial of one."""
        if isinstance(value, cst.Call) and {q.name for q in self.scan.qualified(value.func)} == {PARTIAL} \
                and value.args and value.args[0].keyword is None and not value.args[0].star:
            inner = self._argo_class(value.args[0].value)
            return (f"functools.partial({inner[0]}, ...)", inner[1]) if inner else None
        if isinstance(value, (cst.Name, cst.Attribute)):
            signature = self.scan.signature_of_name(value)
            if signature is not None:
                return min(q.name for q in self.scan.qualified(value)), signature
        return None

    def _through_name(self, call: cst.Call) -> None:
        """A call through a name assigned an Argo class, or of a class of this file deriving
        from one: reported (what the name holds, or what the subclass does, is not proved)."""
        scan, name = self.scan, call.func.value
        for binding in self._bindings(call.func):
            node = getattr(binding, "node", None)
            if isinstance(node, cst.ClassDef):
                bases = (self._argo_class(base.value) for base in node.bases if base.keyword is None)
                found = next((base for base in bases if base), None)
                what = f"a class deriving from {found[0]}" if found else ""
            else:
                found = self._argo_class(self.bound.get(node))
                what = f"assigned {found[0]}" if found else ""
            if found:
                line = scan.at.line_col(node.name if isinstance(node, cst.ClassDef) else node)[0]
                scan.unprovable(call, found[1], f"{name} is {what} at line {line}, and calls through other names "
                                                f"are not rewritten")
                return

    def _partial(self, node: cst.Call) -> None:
        """`functools.partial(ArgoClass, schedule=...)`: the keyword is reported (the partial's
        callers may pass the same keyword or its plural)."""
        found = self._argo_class(node.args[0].value) if node.args and node.args[0].keyword is None \
            and not node.args[0].star else None
        if not found:
            return
        legacy = self.scan.context.legacy(found[1].places)
        for arg in node.args[1:]:
            if arg.keyword is not None and arg.keyword.value in legacy:
                name = arg.keyword.value
                rule, keyword = legacy[name]
                self.scan.finding(rule, arg.keyword, found[1].label, name,
                                  f"{name}= bound to {found[0]} by {self.scan.at.code(node.func)}(): "
                                  f"{suggested_fix(keyword)}, and check the calls of the partial by hand")

    def _legacy_call(self, node: cst.Call, api: LegacyApi) -> None:
        """A call of an API without a v4 form: each legacy field it writes reported at its keyword;
        a required one (a CronWorkflow always has a schedule) by position or else at the call."""
        positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        for old, (rule, keyword) in self.scan.context.legacy(api.places).items():
            anchor = next((arg.keyword for arg in node.args if arg.keyword and arg.keyword.value == old), None)
            if old in api.required and anchor is None:
                position = api.positional.index(old) if old in api.positional else len(positional)
                anchor = positional[position] if len(positional) > position else node.func
            if anchor is not None:
                field = ".".join(api.path + (keyword.field,))
                self.scan.finding(rule, anchor, api.label, old,
                                  f"its {old} is written as {field}, which Argo v4 no longer reads: {api.fix}")


def _class_statements(node: cst.ClassDef):
    """The `name = value` and `name: type = value` statements of a class body."""
    if not isinstance(node.body, cst.IndentedBlock):
        return
    for line in node.body.body:
        if isinstance(line, cst.SimpleStatementLine):
            for statement in line.body:
                if isinstance(statement, cst.AnnAssign) and statement.value is not None or \
                        isinstance(statement, cst.Assign) and len(statement.targets) == 1:
                    yield statement
