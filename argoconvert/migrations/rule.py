"""What a rule declares: its name, versions, the places it looks at, its legacy keys, its
Python side, and the check that says in data terms what changes. Creating a `Rule`
registers it; `argoconvert.migrations` imports every rule module once."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Iterator, Mapping

from argoconvert.changes import Change, Finding, Scope

DOCS = "https://argo-workflows.readthedocs.io/en/latest/upgrading/"


def version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        raise ValueError(f"not a version: {text!r} (expected e.g. 4.0)") from None


@dataclass(frozen=True)
class Settings:
    """What the command line tells the rules that ask for it (a rule's `settings` names the
    fields its check takes as keywords)."""

    priority_classes: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))  # --priority-class
    unsafe_fixes: bool = False  # --unsafe-fixes: also make the fixes that change what runs
    target_version: str | None = None  # --target-version (None: the newest)


@dataclass(frozen=True)
class Keyword:
    """The rule's legacy field as a keyword argument (and attribute) of the Python classes that
    model the place the rule looks at (Hera, the argo_workflows models; SPEC 2.3). The models
    name the API's fields in snake_case: `pod_priority` is the manifest's `podPriority`."""

    old: str
    new: str  # what replaces it: the list keyword (`to_list`), or the keyword to set instead
    to_list: bool = False  # `old=X` becomes `new=[X]`; otherwise `old=` is reported
    holder: tuple[str, ...] = ()  # keys from the rule's place to the mapping the class models (synchronization)
    append: bool = False  # `new=` given too, as a list literal: X is appended to it
    takes: str = "a list"  # what `new` holds, as messages say it
    # Why a literal's value (a str, or a dict literal's data) cannot be rewritten, if it cannot.
    refuses: Callable[[object], str | None] | None = field(default=None, compare=False)
    shared_with: str | None = None  # a Kubernetes kind whose objects have the same key (a CronJob's schedule)

    @property
    def key(self) -> str:
        """The manifest's key for `old`."""
        return _camel_case(self.old)

    @property
    def new_key(self) -> str:
        """The manifest's key for `new`."""
        return _camel_case(self.new)

    @property
    def field(self) -> str:
        """Where a manifest holds the field, from the rule's place (messages)."""
        return ".".join(self.holder + (self.key,))


def _camel_case(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


@dataclass
class Rule:
    name: str  # stable kebab-case name used in reports, --select and --ignore
    summary: str
    available_since: str  # first Argo version that reads the new form
    removed_in: str  # first Argo version whose controller no longer reads the old form
    fixable: bool
    scopes: tuple[Scope, ...]
    keys: tuple[str, ...]  # legacy keys; a text without any of them (or of `marks`) cannot need this rule
    marks: tuple[str, ...] = ()  # other text the rule looks for (a legacy value under a new key)
    pattern: str | None = None  # a regular expression: a text in which it finds nothing cannot need the rule
    reads: tuple[str, ...] = ()  # other keys whose values the check reads besides its own
    python: tuple[Keyword, ...] = ()  # the same fields in Python code; a rule without them is not applied there
    key_is_legacy: bool = True  # a key of `keys` alone is legacy syntax: a text scan may report it where nothing parses
    reads_text: bool = False  # the check is given `written(path)`: the scalar's text there, as written
    opt_in: bool = False  # applied only when asked for (--select, or its own option)
    dependency: bool = False  # checks the SDK pins that write the new form, not manifests: reported from removed_in on
    docs: str = DOCS
    settings: tuple[str, ...] = ()  # fields of Settings the check takes as keywords
    check: Callable[..., Iterator[Change | Finding]] | None = field(default=None, repr=False)

    def __post_init__(self):
        REGISTRY[self.name] = self

    def __call__(self, check):
        self.check = check
        return check

    def run(self, data, settings: Settings,
            written: Callable[[tuple], str | None] = lambda path: None) -> Iterator[Change | Finding]:
        """`written`: the text of the scalar at a path from `data`, as written (None: not known)."""
        options = {name: getattr(settings, name) for name in self.settings}
        if self.reads_text:
            options["written"] = written
        return self.check(data, **options)

    def applies_at(self, target: tuple[int, ...]) -> bool:
        if self.fixable:
            return version(self.available_since) <= target
        return version(self.removed_in) <= target


REGISTRY: dict[str, Rule] = {}
