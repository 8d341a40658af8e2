"""A run over the inputs a command line names: read each one, convert it (in worker processes
for many files), then write it atomically, print it, or print its diff; a progress bar on a
terminal for long runs. Returns the results that reports are written from."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

import click
import yaml

from .discover import STDIN, Input, discover
from .errors import InputError
from .migrations import Rule, Settings
from .pipeline import Converter
from .records import ERROR, FileResult, Problem
from .report import diff as diff_report
from .source import BOM_BYTES, Source
from .yaml.run import parse
from .yaml.templated import unquoted_directive

if TYPE_CHECKING:  # imported for parallel runs only: it costs 4 MB of memory
    from concurrent.futures import ProcessPoolExecutor

WRITE, CHECK, PRINT = "write", "check", "print"


@dataclass(frozen=True)
class RunConfig:
    """What a run does, from the command line (cli.py)."""

    paths: tuple[str, ...]
    rules: list[Rule]
    settings: Settings = Settings()
    mode: str = PRINT  # WRITE the files, CHECK them (write nothing), or PRINT the converted manifests
    diff: bool = False  # print a unified diff (CHECK)
    output_format: str | None = None  # yaml or json for printed manifests; None: each input's own
    jobs: int = 0  # worker processes; 0: one per core when there are many files
    quiet: bool = False
    explain: bool = False  # describe each file's data-level changes (--verbose)
    color: bool = False  # colour the diff


def run(config: RunConfig) -> list[FileResult]:
    converter = Converter(config.rules, explain=config.explain, settings=config.settings)
    inputs = list(discover(list(config.paths)))
    results, stream = [], ManifestStream()
    write = config.mode == WRITE
    for found, result in _progress(inputs, _convert_all(converter, inputs, config.jobs), converter, config.quiet):
        if write and result.converted is not None and found.path != STDIN:
            try:
                write_atomically(found.path, result.output_chunks())
            except OSError as exc:
                result.error, result.converted = Problem(f"cannot write: {exc.strerror or exc}"), None
        if config.mode == PRINT or (write and found.path == STDIN):
            if result.status != ERROR:
                chunks = result.output_chunks() if result.converted is not None else [result.original]
                reformatted = config.output_format and not result.skipped  # a skipped template is no data to reformat
                stream.write([reformat(b"".join(chunks), config.output_format)] if reformatted else chunks)
        elif config.diff and result.converted is not None:
            diff = diff_report.unified(found.path, result.original, result.converted)
            click.echo(diff_report.colored(diff) if config.color else diff, nl=False, color=config.color)
        result.release()
        results.append(result)
    return results


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
                    chunk = chunk[len(BOM_BYTES):] if bytes(chunk[:len(BOM_BYTES)]) == BOM_BYTES else chunk
                    out.write((b"\n" if self.line_open else b"") + (b"" if bytes(chunk[:3]) == b"---" else b"---\n"))
            out.write(chunk)
            self.started, self.line_open = True, chunk[-1:] != b"\n"
        out.flush()


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
