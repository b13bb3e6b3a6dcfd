"""A real run as `examready ui` has one: queued by `dagster job launch`, started by the Dagster daemon
on a code server whose run worker records its pid in the run's event log, all in one process group."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import dagster as dg

DEFS = Path(__file__).with_name("ui_run_defs.py")
BIN = Path(sys.executable).parent


@dataclass
class UiRun:
    run: dg.DagsterRun
    pid: int  # its run worker's
    kill: Callable[[], None]  # every process of `examready ui` at once


@contextlib.contextmanager
def ui_run(ws, instance, pool: str = "warehouse", tags: dict | None = None):
    """Yields the UiRun (its run also tagged with `tags`) once its step holds the pool's slot; kills the
    processes on exit."""
    env = {**os.environ, "DAGSTER_HOME": str(ws.dagster_home)}
    subprocess.run([str(BIN / "dagster"), "job", "launch", "-f", str(DEFS), "-j", "hold_warehouse",
                    "--tags", json.dumps(tags or {})], env=env,
                   check=True, capture_output=True, timeout=120)
    daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-f", str(DEFS)], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pid = None
    try:
        run, pid = started(instance, pool)
        yield UiRun(run, pid, lambda: kill_group(daemon, pid))
    finally:
        kill_group(daemon, pid)


def started(instance, pool: str, timeout: float = 120) -> tuple[dg.DagsterRun, int]:
    """The run, STARTED, with its worker's pid (from the worker's own engine event) and the pool's slot."""
    deadline = time.monotonic() + timeout
    seen = None
    while time.monotonic() < deadline:
        runs = instance.get_runs(limit=1)
        if not runs:
            raise AssertionError("`dagster job launch` queued no run")
        run = runs[0]
        holders = {s.run_id for s in instance.event_log_storage.get_concurrency_info(pool).claimed_slots}
        pid = worker_pid(instance, run.run_id)
        if run.status == dg.DagsterRunStatus.STARTED and run.run_id in holders and pid:
            return run, pid
        seen = (run.status, holders, pid)
        time.sleep(0.5)
    raise AssertionError(f"no run started holding the {pool} slot within {timeout} s: (status, holders, pid) {seen}")


def worker_pid(instance, run_id: str) -> int | None:
    """The pid in the worker's "Started process for run (pid: N)." message, read as a person would."""
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT).records
    messages = [r.event_log_entry.dagster_event.message or "" for r in records]
    found = [re.search(r"Started process for run \(pid: (\d+)\)", text) for text in messages]
    return next((int(m[1]) for m in found if m), None)


def kill_group(daemon: subprocess.Popen, worker: int | None) -> None:
    """SIGKILL the daemon, its code server and the run worker at once, as when `examready ui` is killed
    with its process group (none of them can mark the run ended); returns once the worker is reaped."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(daemon.pid, signal.SIGKILL)
    daemon.wait(timeout=30)
    deadline = time.monotonic() + 30
    while worker and time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
