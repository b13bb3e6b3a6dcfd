"""Runs whose process is gone: finding them, failing them, freeing their `warehouse` pool slot.

A run killed hard (SIGKILL, out of memory, power loss, `examready ui` killed with its process
group) stays STARTED in Dagster's run storage and keeps its slot of the `warehouse` pool: the UI's
next run would stay QUEUED and `examready run` would wait for the slot forever. Dagster's run
monitoring cannot see this with the default run launcher (it has no worker health check in 1.13:
the monitoring daemon only times out runs stuck STARTING or CANCELING, and frees the slots of runs
that ended), so examready checks the run's process itself (pipelines/run_processes.py: a CLI
run's tags, the pid a UI run's worker records, pid reuse). The inbox sensor calls
`release_dead_runs` on every tick, and the CLI before its own run (`settle_earlier_runs`), which
then waits, saying so, for a live run instead of blocking silently on the pool.
"""
from __future__ import annotations

import sys
import time
from datetime import datetime

from pipelines.run_processes import (HOST_TAG, PID_TAG, cli_run_tags, host_tags,  # noqa: F401  (re-exported)
                                     run_process, same_process_alive, why_gone)

WAIT_POLL_SECONDS = 0.5
WAIT_REPEAT_SECONDS = 60.0
IN_PROGRESS = ("STARTING", "STARTED", "CANCELING")


def _in_progress(instance):
    import dagster as dg

    return instance.get_run_records(filters=dg.RunsFilter(
        statuses=[dg.DagsterRunStatus[name] for name in IN_PROGRESS]))


def release_dead_runs(instance, live: list | None = None) -> list[tuple[str, str]]:
    """Fail the in-progress runs whose process is gone and free their pool slots, and free any
    slot still held by a run that has ended. Returns [(run id, why)] of the runs failed; `live` gets the
    records of the others, judged in the same look (a run whose process dies between two looks would
    otherwise be neither released nor waited for, and keep its slot)."""
    import dagster as dg

    released = []
    for record in _in_progress(instance):
        reason = why_gone(instance, record)
        if reason is None:
            if live is not None:
                live.append(record)
            continue
        run = record.dagster_run
        message = f"examready: marked as ended because {reason}."
        if run.status == dg.DagsterRunStatus.CANCELING:
            instance.report_run_canceled(run, message)
        else:
            instance.report_run_failed(run, message)
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        released.append((run.run_id, reason))
    storage = instance.event_log_storage
    if storage.supports_global_concurrency_limits:
        holders = storage.get_concurrency_run_ids()
        if holders:
            ended = [dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED]
            finished = instance.get_run_records(filters=dg.RunsFilter(run_ids=list(holders), statuses=ended))
            for record in finished:
                storage.free_concurrency_slots_for_run(record.dagster_run.run_id)
    return released


def launcher(run) -> str:
    """Who started a run: the inbox sensor, the daily schedule, `examready run` or the Dagster UI."""
    trigger = run.tags.get("examready/trigger") or ("`examready run`" if PID_TAG in run.tags else "the Dagster UI")
    return {"inbox": "the inbox sensor", "schedule": "the daily schedule"}.get(trigger, trigger)


def describe_run(instance, record) -> str:
    """One line naming a run: id, who launched it, since when, its process."""
    run = record.dagster_run
    who = launcher(run)
    started = datetime.fromtimestamp(record.start_time or record.create_timestamp.timestamp())
    since = started.strftime("%H:%M:%S" if started.date() == datetime.now().date() else "%Y-%m-%d %H:%M:%S")
    known = run_process(instance, run)
    process = f", process {known[0]}" if known else ""
    return f"Dagster run {run.run_id[:8]} ({run.job_name}, started by {who} at {since}{process})"


def wait_for_live_runs(instance, err=None, poll: float = WAIT_POLL_SECONDS) -> float:
    """Wait until no other run is in progress, saying on `err` (stderr) which run, since when and how
    to stop it; runs whose process dies meanwhile are released. Returns the seconds waited.

    Only sleeps in Python, so Ctrl-C (KeyboardInterrupt) and SIGTERM stop it at once."""
    err = err or sys.stderr
    started = time.monotonic()
    said_at = None
    while True:
        live: list = []
        release_dead_runs(instance, live)
        if not live:
            if said_at is not None:
                print(f"examready: the other run ended after {time.monotonic() - started:.0f} s; starting this one",
                      file=err, flush=True)
            return time.monotonic() - started
        now = time.monotonic()
        if said_at is None or now - said_at >= WAIT_REPEAT_SECONDS:
            first = live[0]
            known = run_process(instance, first.dagster_run)
            stop = f"`kill {known[0]}`, " if known else ""
            lead = "waiting for" if said_at is None else f"still waiting ({now - started:.0f} s) for"
            print(f"examready: {lead} {describe_run(instance, first)} to finish: the warehouse takes one run "
                  f"at a time. To stop that run: Terminate it in the Dagster UI (Runs), {stop}or stop "
                  f"`examready ui`. Ctrl-C stops this command instead.", file=err, flush=True)
            said_at = now
        time.sleep(poll)


def settle_earlier_runs(instance) -> list[str]:
    """Before a CLI run: fail the runs whose process is gone (CLI or UI launched) and free their
    pool slots, say so if the last background run (schedule, sensor, UI) failed, then wait for a run
    still alive, saying so on stderr. Returns the ids released."""
    from pipelines.run_notices import last_background_failure

    released = [run_id for run_id, _ in release_dead_runs(instance)]
    for run_id in released:
        print(f"examready: Dagster run {run_id[:8]} had no process left (killed?); marked failed and its "
              f"warehouse slot freed", file=sys.stderr, flush=True)
    if notice := last_background_failure(instance, skip=tuple(released)):
        print(notice, file=sys.stderr, flush=True)
    wait_for_live_runs(instance)
    return released
