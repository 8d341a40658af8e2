from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
SHARED_JUDGE = ROOT.parent / "shared" / "tools" / "migration_check.py"


def run_cli(*args, stdin: bytes | None = None, cwd=None, env=None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m argoconvert ARGS` (each argument str()-ed), its output captured as bytes: the
    one way tests run the command line."""
    return subprocess.run([sys.executable, "-m", "argoconvert", *map(str, args)], input=stdin,
                          capture_output=True, cwd=cwd, env=env, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli
