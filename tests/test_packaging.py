"""The wheel ships the rule catalog as argoconvert.migrations, never as a top-level module."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_maps_migrations_into_the_package(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("argoconvert-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name for name in names if name.endswith(".py")}
    for module in (ROOT / "migrations").rglob("*.py"):
        assert "argoconvert/migrations/" + module.relative_to(ROOT / "migrations").as_posix() in shipped
    for module in (ROOT / "argoconvert").rglob("*.py"):
        assert module.relative_to(ROOT).as_posix() in shipped
    assert not any(name.startswith("migrations/") for name in names)


def test_every_rule_is_registered_once_with_versions():
    from argoconvert.migrations import REGISTRY, version

    assert set(REGISTRY) == {"cron-schedules", "sync-mutexes", "sync-semaphores", "pod-priority",
                             "template-priority", "strip-server-fields", "sdk-pins"}
    for rule in REGISTRY.values():
        assert version(rule.available_since) <= version(rule.removed_in)
        if rule.name == "sdk-pins":  # applied to dependency files, not to manifests
            assert (rule.check, rule.keys, rule.scopes) == (None, (), ())
        else:
            assert rule.check is not None and rule.keys and rule.scopes
