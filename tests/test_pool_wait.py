"""A run that takes the warehouse pool after `examready run` looked for live runs (the UI's daemon
dequeued it a second later): the CLI's run waits for the slot, and says so in one line."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import dagster as dg
import pytest

from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace

HOLD_SECONDS = 8.0
# A second process, as the UI's run would be: a `refresh` run not started yet when the CLI looked (so
# `settle_earlier_runs` had nothing to wait for), holding the warehouse pool's one slot.
HOLDER = """
import sys, time, uuid
import dagster as dg
from pipelines.dagster_runs import host_tags
with dg.DagsterInstance.get() as instance:
    run = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                         status=dg.DagsterRunStatus.NOT_STARTED,
                                         tags={**host_tags(), "examready/trigger": "inbox"}))
    storage = instance.event_log_storage
    storage.initialize_concurrency_limit_to_default("warehouse")
    assert storage.claim_concurrency_slot("warehouse", run.run_id, "raw_inbox").is_claimed
    print(run.run_id, flush=True)
    time.sleep(float(sys.argv[1]))
    storage.free_concurrency_slots_for_run(run.run_id)
    instance.report_run_canceled(run, "test: done holding the slot")
print("freed", flush=True)
"""


@pytest.fixture
def ws(tmp_path):
    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    (ws.inbox / "exams" / "m.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                             "m1,2026-02-01 10:00,Q1,Domain 1,true\n", encoding="utf-8")
    dg.DagsterInstance.from_config(str(ws.dagster_home)).dispose()  # the run storage, created once
    return ws


def test_cli_run_waiting_for_a_slot_taken_after_its_check_says_so_once(ws):
    env = {k: v for k, v in os.environ.items() if k != "EXAMREADY_WORKSPACE"}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(HOLD_SECONDS)], stdout=subprocess.PIPE, text=True,
                              env={**env, "DAGSTER_HOME": str(ws.dagster_home)})
    try:
        held_by = holder.stdout.readline().strip()
        assert len(held_by) == 36, held_by
        started = time.monotonic()
        cli = subprocess.run([sys.executable, "-m", "examready", "run", "-w", str(ws.root)],
                             env={k: v for k, v in env.items() if k != "DAGSTER_HOME"},
                             capture_output=True, text=True, timeout=240)
        took = time.monotonic() - started
        assert holder.stdout.readline().strip() == "freed"
    finally:
        holder.kill()
        holder.wait()
    assert cli.returncode == 0, cli.stderr[-3000:]
    assert "m.csv" in cli.stdout and took >= HOLD_SECONDS - 1  # it did wait for the slot, then ran
    said = [line for line in cli.stderr.splitlines() if "to free the warehouse" in line]
    assert len(said) == 1, cli.stderr
    assert f"waiting for Dagster run {held_by[:8]}" in said[0] and "the inbox sensor" in said[0]
    assert "Terminate it in the Dagster UI" in said[0] and "Ctrl-C stops this command" in said[0]
    assert "Traceback" not in cli.stderr


# The same holder, started once the CLI waits for its slot (`start` on stdin), then killed: a UI run whose
# process dies while the CLI's step waits inside Dagster for the slot it holds.
DYING_HOLDER = """
import sys, time, uuid
import dagster as dg
from pipelines.dagster_runs import cli_run_tags
with dg.DagsterInstance.get() as instance:
    run = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                         status=dg.DagsterRunStatus.NOT_STARTED, tags=cli_run_tags()))
    storage = instance.event_log_storage
    storage.initialize_concurrency_limit_to_default("warehouse")
    assert storage.claim_concurrency_slot("warehouse", run.run_id, "raw_inbox").is_claimed
    print(run.run_id, flush=True)
    sys.stdin.readline()
    instance.report_dagster_event(dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name="refresh"),
                                  run.run_id)
    print(instance.get_run_by_id(run.run_id).status.value, flush=True)
    time.sleep(600)
"""


def test_cli_run_waiting_for_a_slot_whose_holder_dies_frees_it_and_runs(ws):
    env = {k: v for k, v in os.environ.items() if k != "EXAMREADY_WORKSPACE"}
    holder = subprocess.Popen([sys.executable, "-c", DYING_HOLDER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env={**env, "DAGSTER_HOME": str(ws.dagster_home)})
    cli = None
    try:
        held_by = holder.stdout.readline().strip()
        assert len(held_by) == 36, held_by
        cli = subprocess.Popen([sys.executable, "-m", "examready", "run", "-w", str(ws.root)],
                               env={k: v for k, v in env.items() if k != "DAGSTER_HOME"},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = next((line for line in cli.stderr if "to free the warehouse" in line), "")
        assert held_by[:8] in said, said
        holder.stdin.write("start\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "STARTED"
        holder.kill()  # its process gone, as a UI killed with its worker; not reaped before the CLI looks
        out, err = cli.communicate(timeout=240)
    finally:
        holder.kill()
        holder.wait()
        if cli is not None:
            cli.kill()
    assert cli.returncode == 0, err[-3000:]
    assert "m.csv" in out and "Traceback" not in err
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        assert instance.get_run_by_id(held_by).status == dg.DagsterRunStatus.FAILURE
