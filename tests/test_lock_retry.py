"""Inside a Dagster run, a warehouse held by another process is retried with backoff (BackoffRate)."""
from __future__ import annotations

import subprocess
import sys
import time

import dagster as dg
import pytest

from pipelines.defs.raw import raw_inbox
from pipelines.defs.resources import WarehouseResource
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace

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
    """`examready run` while another process takes the warehouse: exit 3, a few lines naming the lock.

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
    assert proc.returncode == 3, proc.stderr  # could not run: not 1, which means rejected files or failed checks
    assert "in use by process" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""  # no report: files it did not get to look at are not passed off as unchanged
    assert len(proc.stderr.splitlines()) <= 6, proc.stderr


READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_a_reader_holding_the_warehouse_stops_the_run_with_the_lock_message_and_no_report(demo_workspace):
    """A notebook with a read-only connection open keeps a writer out: `run --json` says who holds
    the file on stderr, exits 3 and prints no report (not every inbox file `unchanged`)."""
    from tests.conftest import run_cli
    from tests.helpers_workspace import add_demo_export

    add_demo_export(demo_workspace, "mock-96")
    reader = subprocess.Popen([sys.executable, "-c", READER, str(demo_workspace / "warehouse.duckdb"), "60"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "open"
        proc = run_cli("run", "-w", str(demo_workspace), "--json", check=False, timeout=120)
    finally:
        reader.kill()
        reader.wait()
    assert proc.returncode == 3, proc.stderr
    assert f"in use by process {reader.pid}" in proc.stderr and "wait for it to finish" in proc.stderr
    assert "Traceback" not in proc.stderr and "DagsterExecution" not in proc.stderr
    assert proc.stdout == ""


def test_a_held_warehouse_is_the_only_failure_retried(tmp_path):
    """Every step opens the warehouse through the resource, which asks for a retry when another process holds
    it (above); a step failing for another reason fails at once, not after two retries 4 s apart."""
    ws = create_workspace(tmp_path / "ws", Config())
    ws.db_path.write_bytes(b"not a duckdb file" * 100)
    resources = {"warehouse": WarehouseResource(workspace_dir=str(ws.root), lock_wait_seconds=0.5)}
    result = dg.materialize([raw_inbox], resources=resources, raise_on_error=False)
    assert not result.success
    assert not [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]


@pytest.mark.parametrize("command", [["readiness"], ["gaps"], ["quarantine"], ["forget", "exams/old.csv"]])
def test_every_command_exits_3_naming_the_process_that_holds_the_warehouse(tmp_path, command):
    from tests.conftest import run_cli

    ws = create_workspace(tmp_path / "ws", Config(exam="DEA-C01", learner_id="me"))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(ws.db_path), "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli(*command, "-w", str(ws.root), check=False)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert result.returncode == 3, (result.returncode, result.stderr)
    assert f"in use by process {holder.pid}" in result.stderr and "Traceback" not in result.stderr
