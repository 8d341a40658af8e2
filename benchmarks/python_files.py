"""Benchmark: argoconvert on a large Hera program.

    python benchmarks/python_files.py               # a file of about 3,000 lines
    python benchmarks/python_files.py --lines 12000
    python benchmarks/python_files.py --keep out.py # also write the generated file there

Generates a module of Hera workflows (CronWorkflows with `schedule=`, model
`Synchronization(mutex=...)` locks, containers, steps, helper functions) and times its
conversion in this process, the way the engine converts a *.py file, best of `--repeat`
runs. Prints the lines, the seconds and the number of changes.
"""
from __future__ import annotations

import argparse
import time

HEADER = '''"""Generated: many Hera workflows in one module."""
from hera.workflows import Container, CronWorkflow, Steps, Workflow
from hera.workflows.models import Mutex, SemaphoreRef, Synchronization

SETTINGS = {"image": "alpine:3.20", "retries": 2}

'''

BLOCK = '''

def build_{index}(namespace: str = "argo") -> CronWorkflow:
    """Nightly job number {index}."""
    image = SETTINGS["image"]
    with CronWorkflow(
        name="nightly-{index}",
        namespace=namespace,
        entrypoint="main",
        schedule="{minute} 2 * * *",
        concurrency_policy="Forbid",
        synchronization=Synchronization(mutex=Mutex(name="lock-{index}")),
    ) as cron:
        step = Container(
            name="work",
            image=image,
            command=["sh", "-c", "echo {index}"],
            synchronization=Synchronization(semaphore=SemaphoreRef()),
        )
        with Steps(name="main"):
            step()
    return cron


def check_{index}(workflow: Workflow) -> bool:
    names = [template.name for template in workflow.templates or []]
    if "main" not in names:
        return False
    return all(name.isidentifier() or "-" in name for name in names)
'''


def generate(lines: int) -> str:
    parts, count, index = [HEADER], HEADER.count("\n"), 0
    while count < lines:
        block = BLOCK.format(index=index, minute=index % 60)
        parts.append(block)
        count += block.count("\n")
        index += 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="write the generated file there too")
    args = parser.parse_args()

    from argoconvert.pipeline import Converter
    from argoconvert.migrations import LATEST, select_rules
    from argoconvert.source import Source

    text = generate(args.lines)
    if args.keep:
        with open(args.keep, "w", encoding="utf-8") as handle:
            handle.write(text)
    converter = Converter(select_rules(None, None, LATEST))
    best, result = float("inf"), None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = converter.convert(Source.from_bytes("generated.py", text.encode()))
        best = min(best, time.perf_counter() - start)
    assert result is not None and result.error is None, result.error if result else None
    print(f"{text.count(chr(10))} lines: {best:.2f} s (best of {args.repeat}), "
          f"{sum(r.applied for r in result.records)} changes applied")


if __name__ == "__main__":
    main()
