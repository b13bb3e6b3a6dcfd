"""Ctrl-C during `examready run`: it stops at once with one line and exit code 130, and the next
run rebuilds what it left out of date, without losing or doubling a row."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.test_killed_run import _add_mocks, _wait_for_run_start, rerun_loads_each_mock_once


def test_ctrl_c_stops_the_run_with_one_line_and_the_next_run_rebuilds(demo_workspace):
    ids = _add_mocks(demo_workspace)
    storage = demo_workspace / ".dagster" / "history" / "runs"
    before = {p.name for p in storage.glob("*.db")} if storage.exists() else set()
    # Its own process group, as a terminal's foreground job is: Ctrl-C goes to every process in it,
    # the `tail` log mirrors Dagster starts for each step included.
    proc = subprocess.Popen([sys.executable, "-m", "examready", "run", "-w", str(demo_workspace), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "EXAMREADY_FULL_RUN": "1"})
    _wait_for_run_start(storage, before)
    time.sleep(1.0)  # ingesting the new exports (the old code let this step finish and exited 0)
    interrupted_at = time.time()
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    stopped_after = time.time() - interrupted_at

    assert proc.returncode == 130, err[-3000:]
    assert out == "" and "Traceback" not in err, err[-3000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted:") and "run `examready run" in lines[0], err
    assert stopped_after < 10, f"took {stopped_after:.1f} s to stop"
    assert not (demo_workspace / ".dagster" / "last-run.json").exists()  # the next run is a full one

    rerun = rerun_loads_each_mock_once(demo_workspace, ids)
    pages = json.loads(rerun.stdout)["pages"]
    assert pages and all(os.path.getmtime(p) > interrupted_at for p in pages.values())  # and the pages
