"""Whether a Dagster run's process is still alive (pipelines/dagster_runs.py acts on the answer).

A CLI run carries its process id and host as tags (`cli_run_tags`); a run the UI launched records
its worker's pid in its event log ("Started process for run (pid: N)"), and the refresh job tags
every run with the host that launched it (`host_tags`, pipelines/defs/jobs.py). A process id that
now belongs to a process started after the run is taken as gone (ids are reused, after a reboot
especially).
"""
from __future__ import annotations

import os
import socket
import time
from pathlib import Path

PID_TAG = "examready/pid"
HOST_TAG = "examready/host"
PID_SLACK_SECONDS = 2.0   # a run's process started before the run (or its pid event) was recorded


def cli_run_tags() -> dict[str, str]:
    """Tags that let a later run tell whether this run's process is still alive."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def host_tags() -> dict[str, str]:
    """The host tag alone: for runs whose worker records its own pid (runs the UI launches)."""
    return {HOST_TAG: socket.gethostname()}


def process_alive(pid: int) -> bool:
    """True when a process with this id exists on this machine and has not exited (a zombie, not yet reaped by
    its parent, has: a worker of a killed UI stays one where nothing reaps orphans, as in a container)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not is_zombie(pid)


def is_zombie(pid: int) -> bool:
    """The process has exited and waits to be reaped (Linux /proc; False where that cannot be told)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:].startswith("Z")


def process_started_at(pid: int) -> float | None:
    """When the process started (Unix time, Linux /proc), or None where that cannot be told."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        ticks = int(stat[stat.rfind(")") + 2:].split()[19])  # field 22: starttime, in clock ticks after boot
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def same_process_alive(pid: int, since: float) -> bool:
    """The process `pid` is alive and is the one that existed at `since` (not a later one with its id)."""
    if not process_alive(pid):
        return False
    started = process_started_at(pid)
    return started is None or started <= since + PID_SLACK_SECONDS


def run_process(instance, run) -> tuple[int, float] | None:
    """(pid, a time it was known running) of the run's process: the CLI's tag, else the pid the
    run worker recorded in the run's event log; None when neither is known (yet)."""
    import dagster as dg

    if run.tags.get(PID_TAG, "").isdigit():
        record = instance.get_run_record_by_id(run.run_id)
        return int(run.tags[PID_TAG]), record.create_timestamp.timestamp()
    events = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.ENGINE_EVENT,
                                          ascending=False, limit=50).records
    for record in events:
        entry = record.event_log_entry
        data = entry.dagster_event.event_specific_data if entry.dagster_event else None
        text = getattr((getattr(data, "metadata", None) or {}).get("pid"), "value", None)
        if text and str(text).isdigit():
            if (entry.user_message or "").startswith("Process for run exited"):
                return int(text), 0.0  # the worker said it exited: nothing of it can still be running
            return int(text), entry.timestamp
    return None


def why_gone(instance, record, now: float | None = None) -> str | None:
    """Why this in-progress run has no process left, or None if it may still be running (or that
    cannot be told from this machine)."""
    import dagster as dg

    run = record.dagster_run
    host = run.tags.get(HOST_TAG)
    if host and host != socket.gethostname():
        return None  # launched on another machine: its processes are not visible here
    known = run_process(instance, run)
    if known is not None:
        pid, since = known
        if same_process_alive(pid, since):
            return None
        return f"its process {pid} is gone (killed, out of memory, or the machine restarted)"
    if run.status == dg.DagsterRunStatus.STARTING:
        waited = (now or time.time()) - record.create_timestamp.timestamp()
        limit = instance.run_monitoring_start_timeout_seconds
        if waited > limit:
            return f"it was launched {waited:.0f} s ago and no process ever started it (limit {limit} s)"
    return None
