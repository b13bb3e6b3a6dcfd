"""Shared fixtures: the CLI as a subprocess, one demo workspace per test session, headless Chromium."""
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
def demo_run(tmp_path_factory) -> tuple[Path, str]:
    """`examready demo` run once per session: (workspace root, what it printed on stdout)."""
    root = tmp_path_factory.mktemp("demo") / "ws"
    return root, run_cli("demo", str(root)).stdout


@pytest.fixture(scope="session")
def demo_workspace_readonly(demo_run) -> Path:
    """The session's demo workspace; do not modify it (use `demo_workspace` for a copy)."""
    return demo_run[0]


@pytest.fixture
def demo_workspace(demo_workspace_readonly, tmp_path) -> Path:
    """A private copy of the demo workspace that a test may change."""
    target = tmp_path / "ws"
    shutil.copytree(demo_workspace_readonly, target)
    return target


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_or_fail() -> str:
    """Debian's chromium; missing it fails the run in CI and skips elsewhere."""
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path is None:
        message = "headless Chromium missing: `apt-get install -y chromium` (Debian's package, /usr/bin/chromium)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (one per test module)."""
    executable = chromium_or_fail()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
