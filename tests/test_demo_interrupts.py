"""Ctrl-C during `examready demo`: it stops at once with one line and exit code 130, as `run` does,
and the next `examready demo` refills the folder and runs everything."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from examready.demo import DEMO_MARKER

pytestmark = pytest.mark.slow


def _wait_for(found, timeout: float = 120, poll: float = 0.01) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found():
            return
        time.sleep(poll)
    raise AssertionError("the demo never got there")


def _run_started(root: Path) -> bool:
    """A per-run event log file appears in Dagster's storage when the run starts."""
    return any(p.name != "index.db" for p in (root / ".dagster" / "history" / "runs").glob("*.db"))


# while the sample files are being written (the config is there from the first of them), and in the Dagster run
WHEN = {"writing files": lambda root: (root / "examready.yaml").exists(), "running": _run_started}


@pytest.mark.parametrize("when", WHEN)
def test_ctrl_c_stops_the_demo_with_one_line_and_the_next_demo_refills_the_folder(tmp_path, when):
    root = tmp_path / "demo"
    env = {k: v for k, v in os.environ.items() if k not in ("EXAMREADY_WORKSPACE", "DAGSTER_HOME")}
    # Its own process group, as a terminal's foreground job is: Ctrl-C goes to every process in it.
    proc = subprocess.Popen([sys.executable, "-m", "examready", "demo", str(root)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_for(lambda: WHEN[when](root) or proc.poll() is not None)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)

    assert proc.returncode == 130, err[-3000:]
    assert out == "" and "Traceback" not in err, err[-3000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted:") and f"examready demo {root}" in lines[0], err
    assert time.monotonic() - sent < 10
    assert (root / DEMO_MARKER).exists()

    again = subprocess.run([sys.executable, "-m", "examready", "demo", str(root)], env=env, capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-3000:]
    assert Path(again.stdout.strip()).name == "dashboard.html" and Path(again.stdout.strip()).is_file()
