"""`--format sarif` (SPEC 5): a SARIF 2.1.0 log with one run, the rule catalog as
`tool.driver.rules` and one result per change or finding, for GitHub code scanning and other
SARIF viewers. Files that could not be read or parsed become tool execution notifications."""
from __future__ import annotations

import json
import os
import urllib.parse

from .. import __version__
from ..discover import work_tree
from ..migrations import REGISTRY, Rule, version
from ..records import ERROR, SKIPPED, FileResult, Record

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# what argoconvert migrates; to be replaced by the project's own home page once it has one
INFORMATION_URI = "https://argo-workflows.readthedocs.io/en/latest/deprecations/"
STDIN_NAME = "stdin"
# URI characters kept as they are; everything else (":", spaces, "#", "?", "%", non-ASCII) is
# percent-encoded, so a relative path can never be read as a scheme, query or fragment
_URI_SAFE = "/!$&'()*+,;=@-._~"


def repo_path(path: str) -> str:
    """A reported path as GitHub and SARIF viewers want it: relative to the root of the git
    work tree (else the current folder) with forward slashes; `stdin` for standard input;
    absolute when the file lies outside both."""
    if path == "-":
        return STDIN_NAME
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    for base in (work_tree(cwd), cwd):
        if base is None:
            continue
        try:
            relative = os.path.relpath(absolute, base)
        except ValueError:  # another drive (Windows)
            continue
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return relative.replace(os.sep, "/")
    return absolute.replace(os.sep, "/")


def path_uri(path: str) -> str:
    reported = repo_path(path)
    if os.path.isabs(reported) or reported.startswith("/"):
        return "file://" + urllib.parse.quote(reported if reported.startswith("/") else "/" + reported,
                                              safe=_URI_SAFE + ":")
    return urllib.parse.quote(reported, safe=_URI_SAFE)


def is_manual(record: Record) -> bool:
    """A finding someone has to act on by hand (the converter did not apply it)."""
    return not (record.fixable and record.applied)


def level(record: Record) -> str:
    return "error" if is_manual(record) else "warning"


def describe(record: Record) -> str:
    """The record's message with the object it is about, readable without the docs."""
    where = record.object if record.object and record.object != "?" else ""
    if where and record.item is not None:
        where += f" (List item {record.item})"
    return f"{where}: {record.message}" if where else record.message


def catalog() -> list[Rule]:
    """The rules in a stable order: by the Argo version that dropped the old form, then name."""
    return sorted(REGISTRY.values(), key=lambda rule: (version(rule.removed_in), rule.name))


def _rule_descriptor(rule: Rule) -> dict:
    fix = "Fixed automatically by argoconvert --write." if rule.fixable else "Needs a change by hand."
    if rule.dependency:
        versions = (f"Reported for target versions from {rule.removed_in} on, where rewritten code writes the fields "
                    f"Argo Workflows {rule.available_since} introduced.")
    else:
        versions = (f"The new form is read since Argo Workflows {rule.available_since}; the old form is no longer "
                    f"read from {rule.removed_in} on.")
    full = f"{rule.summary}. {versions} {fix}"
    return {
        "id": rule.name,
        "name": "".join(part.capitalize() for part in rule.name.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": f"{full} See {rule.docs}"},
        "helpUri": rule.docs,
        "defaultConfiguration": {"level": "warning" if rule.fixable else "error"},
        "properties": {"tags": ["argo-workflows", "migration"], "availableSince": rule.available_since,
                       "removedIn": rule.removed_in, "fixable": rule.fixable},
    }


def _physical_location(uri: str, line: int, column: int) -> dict:
    location: dict = {"artifactLocation": {"uri": uri}}
    if line > 0:
        region = {"startLine": line}
        if column > 0:
            region["startColumn"] = column
        location["region"] = region
    return {"physicalLocation": location}


def _result(uri: str, record: Record, index: dict[str, int]) -> dict:
    result: dict = {"ruleId": record.rule}
    if record.rule in index:
        result["ruleIndex"] = index[record.rule]
    result.update({
        "level": level(record),
        "message": {"text": describe(record)},
        "locations": [_physical_location(uri, record.line, record.column)],
        "properties": {"object": record.object, "path": record.path, "newPath": record.new_path,
                       "document": record.document, "item": record.item, "fixable": record.fixable,
                       "applied": record.applied},
    })
    return result


def _notification(result: FileResult, notification_level: str) -> dict:
    problem = result.error
    line, column = (problem.line, problem.column) if problem is not None else (0, 0)
    message = problem.message if problem is not None else result.status
    prefix = "skipped" if notification_level == "note" else "cannot convert"
    return {"level": notification_level,
            "message": {"text": f"{repo_path(result.path)}: {prefix}: {message}"},
            "locations": [_physical_location(path_uri(result.path), line, column)]}


def document(results: list[FileResult], target_version: str) -> dict:
    rules = catalog()
    index = {rule.name: position for position, rule in enumerate(rules)}
    sarif_results, notifications = [], []
    for file_result in results:
        if file_result.status == ERROR:
            notifications.append(_notification(file_result, "error"))
        elif file_result.status == SKIPPED:
            notifications.append(_notification(file_result, "note"))
        if file_result.records:
            uri = path_uri(file_result.path)
            sarif_results += [_result(uri, record, index) for record in file_result.records]
    failed = any(r.status == ERROR for r in results)
    invocation: dict = {"executionSuccessful": not failed}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "argoconvert", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": [_rule_descriptor(r) for r in rules]}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
            "properties": {"targetVersion": target_version},
        }],
    }


def render(results: list[FileResult], target_version: str) -> str:
    return json.dumps(document(results, target_version), indent=2, ensure_ascii=False) + "\n"
