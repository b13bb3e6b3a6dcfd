"""Inside a Dagster run, a warehouse held by another process is retried with backoff (BackoffRate)."""
from __future__ import annotations

import subprocess
import sys
import time

import dagster as dg

from examready.workspace import Config, create_workspace
from pipelines.defs.raw import raw_inbox
from pipelines.defs.resources import WarehouseResource

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_locked_warehouse_is_retried_until_free(tmp_path):
    ws = create_workspace(tmp_path / "ws", Config())
    resources = {"warehouse": WarehouseResource(workspace_dir=str(ws.root), lock_wait_seconds=0.5)}
    assert dg.materialize([raw_inbox], resources=resources).success  # warm-up: Dagster's first run is slow
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(ws.db_path), "3"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    result = dg.materialize([raw_inbox], resources=resources)
    holder.wait(timeout=30)
    retries = [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert result.success and retries, "the run should have waited for the other writer, then loaded"
    assert time.monotonic() - started >= 2.0  # it backed off instead of failing at once


GRAB = """
import sys, time, duckdb
time.sleep(float(sys.argv[2]))  # after the run's own check for another writer, before its first step
while True:
    try:
        con = duckdb.connect(sys.argv[1])
        break
    except duckdb.IOException:
        time.sleep(0.01)
print("held", flush=True)
time.sleep(float(sys.argv[3]))
"""


def test_a_writer_taking_the_lock_mid_run_gives_a_short_error_not_tracebacks(tmp_path):
    """`examready run` while another process takes the warehouse: exit 1, a few lines naming the lock.

    Whether the other writer comes before the run's check (the clean early error) or during its
    steps (a failed step, after retries), stderr holds our message and no Dagster traceback.
    """
    from tests.conftest import run_cli

    ws = create_workspace(tmp_path / "ws", Config())
    (ws.inbox / "exams" / "m.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                             "m1,2026-02-01 10:00,Q1,Domain 1,true\n")
    holder = subprocess.Popen([sys.executable, "-c", GRAB, str(ws.db_path), "0.8", "30"], stdout=subprocess.PIPE)
    proc = run_cli("run", "-w", str(ws.root), check=False, timeout=120)
    holder.kill()
    assert proc.returncode == 1
    assert "in use by process" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) <= 6, proc.stderr
