"""`--format github` (SPEC 5): one GitHub Actions workflow command per change or finding,
which GitHub shows as an annotation on the file and line, and `step_summary`, a Markdown
table of everything for `$GITHUB_STEP_SUMMARY` (GitHub shows only ten annotations of each
kind per step)."""
from __future__ import annotations

from ..records import ERROR, SKIPPED, FileResult
from . import Summary
from .sarif import describe, is_manual, repo_path

# the step summary is limited to 1 MiB per step; stop adding rows well before that
SUMMARY_LIMIT = 800_000


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, *, file: str | None = None, line: int = 0, col: int = 0,
            title: str | None = None) -> str:
    properties = []
    if file is not None:
        properties.append(("file", file))
        if line > 0:
            properties.append(("line", str(line)))
            if col > 0:
                properties.append(("col", str(col)))
    if title is not None:
        properties.append(("title", title))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _file(path: str) -> str | None:
    return None if path == "-" else repo_path(path)


def _commands(results: list[FileResult]):
    for result in results:
        if result.status in (ERROR, SKIPPED):
            problem = result.error
            line, column = (problem.line, problem.column) if problem is not None else (0, 0)
            text = problem.message if problem is not None else result.status
            if result.status == ERROR:
                yield command("error", f"cannot convert: {text}", file=_file(result.path), line=line, col=column,
                              title="argoconvert (error)")
            else:
                yield command("notice", f"not checked: {text}", file=_file(result.path), line=line, col=column,
                              title="argoconvert (skipped)")
        path = _file(result.path) if result.records else None
        for record in result.records:
            yield command("error" if is_manual(record) else "warning", describe(record), file=path,
                          line=record.line, col=record.column, title=f"argoconvert ({record.rule})")


def render(results: list[FileResult], target_version: str) -> str:
    return "".join(line + "\n" for line in _commands(results))


def _cell(text: str) -> str:
    """Plain text in a GFM table cell: one line, Markdown punctuation and `|` escaped."""
    text = " ".join(str(text).split())
    for char in "\\`*_[]<>|~&#!":
        text = text.replace(char, "\\" + char)
    return text


def step_summary(results: list[FileResult]) -> str:
    summary = Summary.of(results)
    rows = []
    for result in results:
        path = repo_path(result.path)
        if result.status == ERROR:
            problem = result.error
            rows.append((path, problem.line if problem and problem.line else "", "error", "failed",
                         problem.message if problem else "error"))
        for record in result.records:
            rows.append((path, record.line or "", record.rule, "manual" if is_manual(record) else "auto",
                         describe(record)))
    # what needs a person first, then the automatic changes, each in file order
    rows.sort(key=lambda row: {"failed": 0, "manual": 1, "auto": 2}[row[3]])
    out = [
        "## argoconvert",
        "",
        f"{summary.files} files examined: {summary.changed} with changes ({summary.changes} changes), "
        f"{summary.unchanged} unchanged, {summary.manual} needing manual action, {summary.errors} failed.",
        "",
        "| Files | Changed | Changes | Unchanged | Manual | Failed |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {summary.files} | {summary.changed} | {summary.changes} | {summary.unchanged} | {summary.manual} "
        f"| {summary.errors} |",
        "",
    ]
    if rows:
        out += ["| File | Line | Rule | Fix | Message |", "| --- | ---: | --- | --- | --- |"]
        size = sum(len(line) + 1 for line in out)
        for shown, row in enumerate(rows):
            line = "| " + " | ".join(_cell(value) for value in row) + " |"
            size += len(line) + 1
            if size > SUMMARY_LIMIT:
                out += ["", f"{len(rows) - shown} more not shown."]
                break
            out.append(line)
        out.append("")
    else:
        out += ["Nothing to migrate.", ""]
    return "\n".join(out) + "\n"
