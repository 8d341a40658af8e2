"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run the way a user tries them:
`pre-commit try-repo` on this working tree (copied into a throwaway git repository, so
uncommitted work is what is tested) against a git repository holding a legacy CronWorkflow.
pre-commit installs the hook with pip from that local copy: no network beyond the package
index pip already uses."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOLDEN, ROOT, run_cli

LEGACY = GOLDEN / "cron-schedules" / "plain.in.yaml"
OTHER_YAML = "name: not an Argo manifest\nschedule: daily\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args, cwd: Path) -> str:
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=cwd,
                            env={**os.environ, **GIT_ENV}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def project_files() -> list[str]:
    """The working tree's files as git would commit them: tracked and untracked, not ignored."""
    if (ROOT / ".git").exists():
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
        return sorted(name for name in set(listed) if name and (ROOT / name).is_file())
    skip = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"}
    return sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                  if p.is_file() and not skip & set(p.relative_to(ROOT).parts) and ".egg-info" not in str(p))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("hookrepo")
    for name in project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "--no-verify", "-m", "hook repository under test", cwd=repo)
    return repo


@pytest.fixture
def user_repo(tmp_path) -> Path:
    repo = tmp_path / "user"
    (repo / "workflows").mkdir(parents=True)
    shutil.copy(LEGACY, repo / "workflows" / "cron.yaml")
    (repo / "other.yaml").write_text(OTHER_YAML)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    return repo


def try_repo(hook_repo: Path, hook: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_COLOR": "never", "PRE_COMMIT_HOME": str(cwd.parent / "pc-home")}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--all-files"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_manifest_declares_both_hooks():
    import yaml
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["argoconvert-check"]["entry"] == "argoconvert --check --diff"
    assert hooks["argoconvert"]["entry"] == "argoconvert --write"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types_or"] == ["yaml", "json"]


def test_check_hook_fails_on_a_legacy_file_and_write_hook_rewrites_it(hook_repo, user_repo, tmp_path):
    legacy = user_repo / "workflows" / "cron.yaml"
    before = legacy.read_bytes()

    check = try_repo(hook_repo, "argoconvert-check", user_repo)
    output = check.stdout + check.stderr
    assert check.returncode == 1, output
    assert "argoconvert (check)" in output and "Failed" in output
    assert "--- a/workflows/cron.yaml" in output and "+  schedules:" in output
    assert legacy.read_bytes() == before  # the check hook writes nothing
    assert (user_repo / "other.yaml").read_text() == OTHER_YAML

    write = try_repo(hook_repo, "argoconvert", user_repo)
    output = write.stdout + write.stderr
    assert write.returncode == 1, output  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in output
    expected = tmp_path / "expected.yaml"
    shutil.copy(LEGACY, expected)
    assert run_cli("--write", expected).returncode == 0
    assert legacy.read_bytes() == expected.read_bytes() != before
    assert b"schedules:" in legacy.read_bytes() and b"  schedule:" not in legacy.read_bytes()
    assert (user_repo / "other.yaml").read_text() == OTHER_YAML


# --- the composite GitHub Action ---------------------------------------------------------------

def test_action_runs_the_check_with_github_annotations(tmp_path):
    """The action's own steps, run by bash as the runner would, with argoconvert already installed."""
    import yaml
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(action["inputs"]) == {"paths", "args", "version"}
    assert action["inputs"]["paths"]["default"] == "."
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@")
    install, run = steps[1], steps[2]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert "argoconvert --check --format github" in run["run"]

    (tmp_path / "manifests").mkdir()
    shutil.copy(LEGACY, tmp_path / "manifests" / "cron.yaml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "argoconvert"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m argoconvert "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "ARGOCONVERT_ARGS": "--target-version 4.0", "ARGOCONVERT_PATHS": "manifests"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run(["bash", "-c", run["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1, result.stderr
    first = "::warning file=manifests/cron.yaml,line=7,col=3,title=argoconvert (cron-schedules)::"
    assert result.stdout.startswith(first), result.stdout

    # the install step picks the requirement from the `version` input
    script = install["run"].replace("python -m pip install", "echo")
    for version, expected in [("", "/action"), ("0.2.0", "argoconvert==0.2.0"),
                              (">=0.2,<0.3", "argoconvert>=0.2,<0.3"), ("argoconvert==0.1", "argoconvert==0.1")]:
        out = subprocess.run(["bash", "-c", script], env={**os.environ, "ACTION_PATH": "/action", "VERSION": version},
                             capture_output=True, text=True, timeout=60)
        assert out.stdout.split()[-1] == expected, (version, out.stdout, out.stderr)
