"""The command line (SPEC 4): options to settings, inputs through the converter, the outcome
to reports and an exit status."""
from __future__ import annotations

import importlib
import json
import os
import re
import sys
import tempfile
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterable, Iterator

import click
import yaml

from . import __version__
from .discover import STDIN, Input, discover
from .engine import parse, unquoted_directive
from .errors import InputError
from .migrations import LATEST, REGISTRY, Settings, select_rules
from .pipeline import Converter
from .report import diff as diff_report
from .report import text as text_report
from .records import CHANGED, ERROR, FileResult, Problem
from .source import Source

if TYPE_CHECKING:  # imported for parallel runs only: it costs 4 MB of memory
    from concurrent.futures import ProcessPoolExecutor

EXIT_OK, EXIT_ACTION, EXIT_ERROR = 0, 1, 2
# --format NAME -> module argoconvert.report.NAME, whose render(results, target_version) returns the report
REPORT_FORMATS = ["text", "json", "sarif", "github"]


def _names(value: str | None) -> list[str] | None:
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def _read(path: str) -> bytes:
    if path == STDIN:
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def process(converter: Converter, path: str) -> FileResult:
    try:
        raw = _read(path)
    except OSError as exc:
        return FileResult(path, b"", error=Problem(f"cannot read: {exc.strerror or exc}"))
    try:
        source = Source.from_bytes(path, raw)
    except InputError as exc:
        return FileResult(path, raw, error=Problem(exc.message, exc.line, exc.column))
    try:
        return converter.convert(source)
    except Exception as exc:  # a bug must cost one file, not the run; nothing was written
        return FileResult(path, raw, error=Problem(f"internal error, nothing written: {type(exc).__name__}: {exc}"))


def write_atomically(path: str, chunks: Iterable[bytes | memoryview]) -> None:
    """Replace `path` by the bytes of `chunks` in one rename, keeping its mode; on failure the
    file is untouched."""
    path = os.path.realpath(path)  # through a symbolic link: the link stays, its target changes
    directory = os.path.dirname(path)
    mode = os.stat(path).st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".argoconvert-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.writelines(chunks)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


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


def reformat(data: bytes, output_format: str) -> bytes:
    """Converted manifests in another format: their data, as `argo convert -o` prints it.
    Comments and layout do not survive a change of format; the same format is left alone."""
    source = Source.from_bytes("-", data)
    start = source.text.lstrip()[:2]
    if (start[:1] in ("{", "[") and start != "{{") == (output_format == "json"):
        return data
    try:
        documents, _, values = parse(source)
    except InputError:
        return data  # not YAML before rendering (a template): printed as it is
    if unquoted_directive(source.text, documents) is not None:
        return data
    if output_format == "json":
        return "".join(json.dumps(value, indent=2, ensure_ascii=False) + "\n" for value in values).encode()
    return yaml.safe_dump_all(values, sort_keys=False, allow_unicode=True, default_flow_style=False).encode()


class ManifestStream:
    """Files' manifests on stdout as one YAML stream: after another file's, the next
    documents follow a line break and a `---` marker, without a second byte-order mark."""

    def __init__(self):
        self.started = False  # some file's bytes were written
        self.line_open = False  # the last byte written was not a line break

    def write(self, chunks: Iterable[bytes | memoryview]) -> None:
        out, first = sys.stdout.buffer, True
        for chunk in chunks:
            if not chunk:
                continue
            if first:
                first = False
                if self.started:
                    chunk = chunk[3:] if bytes(chunk[:3]) == b"\xef\xbb\xbf" else chunk
                    out.write((b"\n" if self.line_open else b"") + (b"" if bytes(chunk[:3]) == b"---" else b"---\n"))
            out.write(chunk)
            self.started, self.line_open = True, chunk[-1:] != b"\n"
        out.flush()


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
@click.option("--strip-server-fields", is_flag=True,
              help="Cluster exports: drop status, managedFields, uid, resourceVersion, generation, "
                   "creationTimestamp, selfLink and the last-applied-configuration annotation.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 unless an error occurred.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0: one per core when there are many files.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list skipped (templated) files and each file's data-level changes.")
@click.option("--statistics", is_flag=True, help="Print the number of changes and findings per rule.")
@click.option("--color/--no-color", default=None, help="Colour the diff (default: on a terminal; NO_COLOR, FORCE_COLOR).")
@click.option("--list-rules", is_flag=True, help="Print every rule with its versions and fix kind.")
@click.version_option(__version__, "--version", prog_name="argoconvert")
def main(paths, write, check, show_diff, target_version, select, ignore, output_format, report_format, output_file,
         priority_classes, strip_server_fields, exit_zero, jobs, quiet, verbose, statistics, color, list_rules):
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
        rules = select_rules(_names(select), _names(ignore), target_version,
                             ("strip-server-fields",) if strip_server_fields else ())
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    converter = Converter(rules, explain=verbose, settings=Settings(priority_classes=priority_classes))
    print_manifests = not (write or check or show_diff)
    color = diff_report.use_color(color, sys.stdout)
    inputs = list(discover(list(paths)))
    results, stream = [], ManifestStream()
    for found, result in _progress(inputs, _convert_all(converter, inputs, jobs), converter, quiet):
        if write and result.converted is not None and found.path != STDIN:
            try:
                write_atomically(found.path, result.output_chunks())
            except OSError as exc:
                result.error, result.converted = Problem(f"cannot write: {exc.strerror or exc}"), None
        if print_manifests or (write and found.path == STDIN):
            if result.status != ERROR:
                chunks = result.output_chunks() if result.converted is not None else [result.original]
                reformatted = output_format and not result.skipped  # a skipped template is no data to reformat
                stream.write([reformat(b"".join(chunks), output_format)] if reformatted else chunks)
        elif show_diff and result.converted is not None:
            diff = diff_report.unified(found.path, result.original, result.converted)
            click.echo(diff_report.colored(diff) if color else diff, nl=False, color=color)
        result.release()
        results.append(result)

    mode = "write" if write else ("print" if print_manifests else "check")
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


PARALLEL_FROM = 64  # inputs; below this, starting worker processes costs more than it saves
_worker_converter: Converter | None = None


def _start_worker(converter: Converter) -> None:
    global _worker_converter
    _worker_converter = converter


def _convert_one(found: Input, converter: Converter | None = None) -> FileResult:
    if found.problem:
        return FileResult(found.path, b"", error=Problem(found.problem))
    return process(converter or _worker_converter, found.path)


def _convert_all(converter: Converter, inputs: list[Input], jobs: int) -> Iterator[FileResult]:
    """Results in input order; with several jobs, from worker processes."""
    if jobs == 0:
        jobs = (os.cpu_count() or 1) if len(inputs) >= PARALLEL_FROM else 1
    if jobs == 1 or len(inputs) < 2 or any(found.path == STDIN for found in inputs):
        return (_convert_one(found, converter) for found in inputs)
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(converter,))
    return _closing(pool, pool.map(_convert_one, inputs, chunksize=16))


def _closing(pool: ProcessPoolExecutor, results: Iterator[FileResult]) -> Iterator[FileResult]:
    with pool:
        yield from results


PROGRESS_FROM_BYTES = 16_000_000  # or PARALLEL_FROM inputs: a run long enough for a progress bar


def _size(found: Input) -> int:
    try:
        return 0 if found.path == STDIN or found.problem else os.path.getsize(found.path)
    except OSError:
        return 0


def _progress(inputs: list[Input], results: Iterator[FileResult], converter: Converter, quiet: bool):
    """(input, result) pairs; on a terminal, with a progress bar on stderr for long runs, in
    bytes: a single large export advances item by item."""
    if quiet or not sys.stderr.isatty():
        yield from zip(inputs, results)
        return
    sizes = [_size(found) for found in inputs]
    if len(inputs) < PARALLEL_FROM and sum(sizes) < PROGRESS_FROM_BYTES:
        yield from zip(inputs, results)
        return
    from rich.console import Console  # here: most runs show no progress bar
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task, done = progress.add_task("converting", total=sum(sizes)), 0
        # Workers started before this are separate processes: only a serial run reports within a file.
        converter.progress = lambda within: progress.update(task, completed=done + within)
        try:
            for found, size, result in zip(inputs, sizes, results):
                done += size
                progress.update(task, completed=done)
                yield found, result
        finally:
            converter.progress = None


def exit_code(results: list[FileResult], *, check: bool, exit_zero: bool) -> int:
    if any(r.status == ERROR for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    if any(r.findings for r in results) or (check and any(r.status == CHANGED for r in results)):
        return EXIT_ACTION
    return EXIT_OK
