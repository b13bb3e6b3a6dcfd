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
