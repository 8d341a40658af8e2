"""The command line (SPEC 4): options to a run configuration, the run's results to reports
and an exit status."""
from __future__ import annotations

import importlib
import os
import re
import sys
from types import MappingProxyType

import click

from . import __version__
from .migrations import LATEST, REGISTRY, Settings, select_rules
from .records import CHANGED, ERROR, FileResult
from .report import diff as diff_report
from .report import text as text_report
from .runner import CHECK, PRINT, WRITE, RunConfig, run

EXIT_OK, EXIT_ACTION, EXIT_ERROR = 0, 1, 2
# --format NAME -> module argoconvert.report.NAME, whose render(results, target_version) returns the report
REPORT_FORMATS = ["text", "json", "sarif", "github"]


def _names(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


PRIORITY_CLASS_NAME = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")  # DNS subdomain


def _priority_classes(values: tuple[str, ...]) -> MappingProxyType:
    """--priority-class VALUE=NAME options as {VALUE: NAME}."""
    classes: dict[int, str] = {}
    for value in values:
        number, _, name = value.partition("=")
        try:
            number = int(number.strip())
        except ValueError:
            raise click.BadParameter(f"{value!r}: expected VALUE=NAME with an integer VALUE, e.g. 100=high",
                                     param_hint="--priority-class") from None
        name = name.strip()
        if len(name) > 253 or not PRIORITY_CLASS_NAME.fullmatch(name):
            raise click.BadParameter(f"{value!r}: {name!r} is not a PriorityClass name (lowercase letters, digits, "
                                     "'-' and '.')", param_hint="--priority-class")
        if classes.get(number, name) != name:
            raise click.BadParameter(f"{number} is mapped to both {classes[number]!r} and {name!r}",
                                     param_hint="--priority-class")
        classes[number] = name
    return MappingProxyType(classes)


def _list_rules() -> None:
    width = max(len(name) for name in REGISTRY)
    for name, rule in sorted(REGISTRY.items(), key=lambda item: (item[1].removed_in, item[0])):
        fix = "auto" if rule.fixable else "manual"
        versions = ("opt-in" if rule.opt_in else f"reported from {rule.removed_in}" if rule.dependency
                    else f"since {rule.available_since:<4} removed in {rule.removed_in:<4}")
        click.echo(f"{name:<{width}}  {versions:<26} {fix:<6}  {rule.summary}")


def _opt_in_flags(command):
    """A flag of each opt-in rule's name turns it on (`--strip-server-fields`)."""
    for name, rule in sorted(REGISTRY.items(), reverse=True):
        if rule.opt_in:
            command = click.option(f"--{name}", "opt_in", flag_value=name, multiple=True,
                                   help=f"Apply the opt-in rule {name}: {rule.summary}.")(command)
    return command


def _emit_report(text: str, output_file: str | None, to_stderr: bool) -> None:
    if output_file:
        with open(output_file, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False, err=to_stderr)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-w", "--write", is_flag=True, help="Rewrite the files that change, in place (atomic).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a file would change or needs manual action.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff.")
@click.option("--target-version", default=LATEST, show_default=True, metavar="V",
              help="Highest Argo version the manifests must run on.")
@click.option("--select", metavar="RULES", help="Comma-separated rule names to apply.")
@click.option("--ignore", metavar="RULES", help="Comma-separated rule names to skip.")
@click.option("-o", "--output", "output_format", type=click.Choice(["yaml", "json"]),
              help="Format of the converted manifests printed on stdout (default: each input's own).")
@click.option("--format", "report_format", type=click.Choice(REPORT_FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--output-file", type=click.Path(dir_okay=False), help="Write the report there.")
@click.option("--priority-class", "priority_classes", multiple=True, callback=lambda _c, _p, v: _priority_classes(v),
              metavar="VALUE=NAME", help="Replace an integer podPriority / template priority VALUE by the "
                                         "PriorityClass NAME (repeatable).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply the fixes that change what runs (each says what).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 unless an error occurred.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0: one per core when there are many files.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list skipped (templated) files and each file's data-level changes.")
@click.option("--statistics", is_flag=True, help="Print the number of changes and findings per rule.")
@click.option("--color/--no-color", default=None, help="Colour the diff (default: on a terminal; NO_COLOR, FORCE_COLOR).")
@click.option("--list-rules", is_flag=True, help="Print every rule with its versions and fix kind.")
@_opt_in_flags
@click.version_option(__version__, "--version", prog_name="argoconvert")
def main(paths, write, check, show_diff, target_version, select, ignore, output_format, report_format, output_file,
         priority_classes, opt_in, unsafe_fixes, exit_zero, jobs, quiet, verbose, statistics, color, list_rules):
    """Migrate Argo Workflows manifests from v3 to v4 syntax.

    PATH is a file, a directory (walked for *.yaml, *.yml, *.json) or - for stdin. Without
    --write, --check or --diff the converted manifests are printed to stdout.
    """
    if list_rules:
        _list_rules()
        return
    if not paths:
        raise click.UsageError("no PATH given (use - for stdin)")
    if write and (check or show_diff):
        raise click.UsageError("--write cannot be combined with --check or --diff")
    try:
        rules = select_rules(_names(select), _names(ignore), target_version, tuple(opt_in))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    mode = WRITE if write else (CHECK if check or show_diff else PRINT)
    settings = Settings(priority_classes=priority_classes, unsafe_fixes=unsafe_fixes, target_version=target_version)
    results = run(RunConfig(tuple(paths), rules, settings, mode, show_diff, output_format, jobs, quiet, verbose,
                            diff_report.use_color(color, sys.stdout)))
    print_manifests = mode == PRINT
    summary_lines = text_report.lines(results, mode=mode, quiet=quiet, verbose=verbose)
    if report_format != "text":
        reporter = importlib.import_module(f".report.{report_format}", __package__)
        _emit_report(reporter.render(results, target_version), output_file,
                     to_stderr=print_manifests or show_diff)  # stdout already carries manifests or a diff
        if report_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
                summary.write(reporter.step_summary(results))
        summary_lines = [line for line in summary_lines if ": error: " in line] + summary_lines[-1:]
    elif output_file:
        _emit_report("".join(line + "\n" for line in summary_lines), output_file, to_stderr=True)
        summary_lines = summary_lines[-1:]
    if statistics and not quiet:
        summary_lines[-1:-1] = text_report.statistics(results)
    for line in summary_lines[:-1] if quiet else summary_lines:
        click.echo(line, err=True)
    sys.exit(exit_code(results, check=check or show_diff, exit_zero=exit_zero))


def exit_code(results: list[FileResult], *, check: bool, exit_zero: bool) -> int:
    if any(r.status == ERROR for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if any(r.findings for r in results) or (check and any(r.status == CHANGED for r in results)):
        return EXIT_ACTION
    return EXIT_OK
