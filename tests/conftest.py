"""Shared fixtures: the CLI as a subprocess and one demo workspace per test session."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, cwd: Path | None = None, check: bool = True, env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `examready ARGS...` in a fresh process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("EXAMREADY_WORKSPACE", None) if not (env or {}).get("EXAMREADY_WORKSPACE") else None
    proc = subprocess.run([sys.executable, "-m", "examready", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"examready {' '.join(args)} exited {proc.returncode}\n"
                             f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


def run_json(*args: str, **kwargs) -> dict:
    """Run a command with --json and parse its single JSON object."""
    return json.loads(run_cli(*args, "--json", **kwargs).stdout)


@pytest.fixture(scope="session")
def demo_workspace_readonly(tmp_path_factory) -> Path:
    """A demo workspace built once per session by `examready demo`; do not modify it."""
    root = tmp_path_factory.mktemp("demo") / "ws"
    proc = run_cli("demo", str(root))
    dashboard = Path(proc.stdout.strip().splitlines()[-1])
    assert dashboard.is_file(), proc.stdout
    return root


@pytest.fixture
def demo_workspace(demo_workspace_readonly, tmp_path) -> Path:
    """A private copy of the demo workspace that a test may change."""
    target = tmp_path / "ws"
    shutil.copytree(demo_workspace_readonly, target)
    return target
