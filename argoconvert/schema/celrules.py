"""The CEL rules of `x-kubernetes-validations`, evaluated by a CEL library.

The library is `common-expression-language` (Rust, import name `cel`); where it is missing,
`cel-python` (`celpy`, pure Python, much slower) is used if installed; with neither, the rules
are not checked and `notes()` says so. Each rule is compiled once per process.

`self` is the node's value as the API server hands it to the rule: nulls pruned. Handing a
large value to the library costs far more than evaluating the rule (it is converted node by
node), so a rule is given only the part of the value it can observe: the map keys it names
(`has(self.x)`, `t.timeout`, string literals), at any depth. That projection is used only for
rules whose every operation cannot see the keys it does not name (no `size`, `in`, map
iteration, or equality between two non-literal values); other rules get the whole pruned
value. The outcome of a rule on a projected value is memoised, since exports repeat the same
shapes thousands of times. A rule `self.all(x, P(x))` on a list is evaluated item by item, so
that a violation points at the offending item.

Transition rules (those that use `oldSelf`) only apply to updates and are skipped.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import sys
from functools import lru_cache
from typing import Any, Callable

_NOTES: dict[str, str] = {}  # rule or library -> why it is not evaluated


def notes() -> dict[str, str]:
    """Rules (or the library) that could not be evaluated, with the reason."""
    backend()
    return dict(_NOTES)


class RuleError(Exception):
    """The rule could not be evaluated on this value (the server reports such a rule as failed)."""


def _load_cel() -> Any:
    """The extension module of common-expression-language, or None.

    Its package's `__init__` also imports its command line (typer, prompt_toolkit, rich: about
    0.3 s), so the extension is loaded on its own, under the name the package gives it
    (`cel.cel`), where a later `import cel` finds it and does not load it twice.
    """
    loaded = sys.modules.get("cel.cel") or sys.modules.get("cel")
    if loaded is None:
        spec = importlib.util.find_spec("cel")
        if spec is None or not spec.submodule_search_locations:
            return None
        for folder in spec.submodule_search_locations:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "cel" + suffix)
                if os.path.exists(path):
                    loader = importlib.machinery.ExtensionFileLoader("cel.cel", path)
                    module_spec = importlib.util.spec_from_file_location("cel.cel", path, loader=loader)
                    loaded = importlib.util.module_from_spec(module_spec)
                    loader.exec_module(loaded)
                    sys.modules["cel.cel"] = loaded
                    break
            if loaded is not None:
                break
        if loaded is None:
            import cel as loaded  # a layout of the package this loader does not know
    if hasattr(loaded, "compile") and hasattr(loaded, "Program"):
        return loaded
    return None  # another distribution's `cel` module


@lru_cache(maxsize=None)
def backend() -> tuple[str, Callable[[str], Callable[[Any], Any]]] | None:
    try:
        cel = _load_cel()
        if cel is not None:
            def compile_rust(source: str) -> Callable[[Any], Any]:
                execute = cel.compile(source).execute

                def run(value: Any) -> Any:
                    try:
                        return execute({"self": value})
                    except Exception as error:  # the library raises several types
                        raise RuleError(str(error).splitlines()[0] if str(error) else type(error).__name__)
                return run
            return "common-expression-language", compile_rust
    except ImportError:
        pass
    try:
        import celpy
    except ImportError:
        _NOTES["(library)"] = ("no CEL library installed (pip install common-expression-language): "
                               "x-kubernetes-validations rules are not checked")
        return None
    environment = celpy.Environment()

    def compile_celpy(source: str) -> Callable[[Any], Any]:
        program = environment.program(environment.compile(source))

        def run(value: Any) -> Any:
            try:
                result = program.evaluate({"self": celpy.json_to_cel(value)})
            except Exception as error:
                raise RuleError(str(error).splitlines()[0] if str(error) else type(error).__name__)
            if isinstance(result, celpy.CELEvalError):
                raise RuleError(str(result.args[0]) if result.args else "evaluation error")
            if isinstance(result, celpy.celtypes.BoolType):
                return bool(result)
            if isinstance(result, celpy.celtypes.StringType):
                return str(result)
            return result
        return run
    return "cel-python", compile_celpy


# --- which part of the value a rule can observe ------------------------------------------------

_IDENT_AFTER_DOT = re.compile(r"\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""")
_LITERAL = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?u?|true|false|null)"""
_EQUALITY = re.compile(r"(==|!=)")
_EQUALITY_WITH_LITERAL = re.compile(rf"(?:{_LITERAL}\s*(?:==|!=))|(?:(?:==|!=)\s*{_LITERAL})")
_BLIND = re.compile(r"\bsize\b|\bin\b|\.map\s*\(|\.filter\s*\(|\bexists_one\b|\bstring\s*\(|\bdyn\s*\(|"
                    r"\btype\s*\(|\[|\bjson\b|\bsort|\bindexOf\b|\bjoin\s*\(")
_MACRO = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\.\s*(all|exists)\s*\(")
_EACH = re.compile(r"\s*self\s*\.\s*all\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,(.*)\)\s*", re.S)


def footprint(source: str, self_is_list: bool) -> frozenset[str] | None:
    """The map keys `source` can observe, or None when it may observe keys it does not name."""
    without_strings = _STRING.sub('""', source)
    if _BLIND.search(without_strings):
        return None
    if len(_EQUALITY.findall(source)) != len(_EQUALITY_WITH_LITERAL.findall(source)):
        return None
    for receiver, _macro in _MACRO.findall(without_strings):
        if receiver != "self" or not self_is_list:
            return None  # iterating a map sees every key
    names = set(_IDENT_AFTER_DOT.findall(without_strings))
    names.update(text[1:-1] for text in _STRING.findall(source) if len(text) > 2)
    return frozenset(names)


def project(value: Any, keys: frozenset[str]) -> tuple[Any, Any]:
    """(the value cut down to `keys`, nulls pruned; a hashable image of it for the memo)."""
    kind = type(value)
    if kind is dict:
        kept, image = {}, []
        for key, item in value.items():
            if key in keys and item is not None:
                kept[key], sub = project(item, keys)
                image.append((key, sub))
        return kept, (dict, tuple(image))
    if kind is list:
        kept, image = [], []
        for item in value:
            projected, sub = project(item, keys)
            kept.append(projected)
            image.append(sub)
        return kept, (list, tuple(image))
    return plain(value), (kind, value)


def plain(value: Any) -> Any:
    """The value with nulls of maps pruned and values the library cannot take made strings."""
    kind = type(value)
    if kind is dict:
        return {str(k) if type(k) is not str else k: plain(v) for k, v in value.items() if v is not None}
    if kind is list:
        return [plain(v) for v in value]
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is tuple and len(value) == 3 and value[0] == "!tag":  # a scalar with an unknown tag
        return value[2]
    return str(value)


_MEMO: dict[tuple, Any] = {}
_MEMO_LIMIT = 200_000


class Rule:
    """One `x-kubernetes-validations` entry, compiled."""

    __slots__ = ("source", "message", "_message_expression", "_run", "keys", "each", "_id")
    _count = 0

    def __init__(self, source: str, message: str | None, message_expression: str | None, self_is_list: bool,
                 run: Callable[[Any], Any], message_run: Callable[[Any], Any] | None):
        self.source = source
        self.message = message or f"failed rule: {source}"
        self._message_expression = message_run
        self._run = run
        self.keys = footprint(source, self_is_list)
        each = _EACH.fullmatch(source) if self_is_list else None
        self.each = bool(each and not re.search(r"\bself\b", each.group(2)))
        Rule._count += 1
        self._id = Rule._count

    def holds(self, value: Any) -> bool:
        """Whether the rule holds for `value` (raises RuleError)."""
        if self.keys is not None:
            projected, image = project(value, self.keys)
            memo_key = (self._id, image)
            try:
                outcome = _MEMO.get(memo_key)
            except TypeError:  # an unhashable scalar (a NaN is fine, it only misses)
                memo_key, outcome = None, None
            if outcome is None:
                try:
                    outcome = self._result(projected)
                except RuleError as error:
                    outcome = error
                if memo_key is not None:
                    if len(_MEMO) >= _MEMO_LIMIT:
                        _MEMO.clear()
                    _MEMO[memo_key] = outcome
            if isinstance(outcome, RuleError):
                raise outcome
            return outcome
        return self._result(plain(value))

    def _result(self, value: Any) -> bool:
        result = self._run(value)
        if type(result) is not bool:
            raise RuleError(f"the rule gave {result!r}, not a bool")
        return result

    def message_for(self, value: Any) -> str:
        if self._message_expression is not None:
            try:
                text = self._message_expression(plain(value))
                if isinstance(text, str) and text.strip():
                    return text
            except RuleError:
                pass
        return self.message


@lru_cache(maxsize=None)
def _compiled(source: str) -> Callable[[Any], Any] | None:
    found = backend()
    if found is None:
        return None
    try:
        return found[1](source)
    except Exception as error:  # a rule the library cannot compile is skipped, not fatal
        _NOTES[source] = f"not evaluated: {found[0]} cannot compile it: {str(error).splitlines()[0]}"
        return None


def compile_rule(entry: dict, self_is_list: bool) -> Rule | None:
    """A compiled rule, or None (transition rule, no library, or not compilable: see notes())."""
    source = entry.get("rule", "")
    if re.search(r"\boldSelf\b", source):
        _NOTES.setdefault(source, "not evaluated: a transition rule (oldSelf) applies to updates only")
        return None
    run = _compiled(source)
    if run is None:
        return None
    expression = entry.get("messageExpression")
    message_run = _compiled(expression) if expression else None
    return Rule(source, entry.get("message"), expression, self_is_list, run, message_run)
