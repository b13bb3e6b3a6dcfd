"""Bookkeeping of the CLI's in-process Dagster runs: who runs them, and cleaning up dead ones.

A CLI run killed hard (SIGKILL, out of memory) stays STARTED in Dagster's run storage and keeps
its slot of the `warehouse` pool; the next run would then wait for that slot forever.
"""
from __future__ import annotations

import os
import socket

PID_TAG = "examready/pid"
HOST_TAG = "examready/host"


def cli_run_tags() -> dict[str, str]:
    """Tags that let a later run tell whether this run's process is still alive."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def process_alive(pid: int) -> bool:
    """True when a process with this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_cli_runs(instance) -> list[str]:
    """Mark CLI runs whose process is gone as failed and free their pool slots; returns their ids."""
    import dagster as dg

    active = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.NOT_STARTED]
    released = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=active)):
        pid, host = run.tags.get(PID_TAG), run.tags.get(HOST_TAG)
        if not pid or host != socket.gethostname() or process_alive(int(pid)):
            continue
        instance.report_run_failed(run)
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append(run.run_id)
    return released
