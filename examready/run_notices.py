"""What `examready run` tells the user about Dagster runs it did not start: the last background run
(daily schedule, inbox sensor, UI) having failed (also said by the commands that read the marts:
examready/background_notice.py), and a run that took the warehouse's pool slot after the CLI's own
check (examready/dagster_runs.py `settle_earlier_runs`), which its run now waits for.
"""
from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from datetime import datetime

POOL = "warehouse"              # the pool every asset that opens the warehouse is in
POOL_POLL_SECONDS = 0.5
RETRY_NUMBER_TAG = "dagster/retry_number"   # set by Dagster on a run it launched as a run retry
MAX_RETRIES_TAG = "dagster/max_retries"
WILL_RETRY_TAG = "dagster/will_retry"


def _clock(timestamp: float) -> str:
    at = datetime.fromtimestamp(timestamp)
    return at.strftime("%H:%M:%S" if at.date() == datetime.now().date() else "%Y-%m-%d %H:%M:%S")


def failure_cause(instance, run_id: str) -> str:
    """The innermost error of the run's failed steps, else its run-failure message."""
    import dagster as dg

    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_FAILURE,
                                               ascending=False, limit=1).records:
        error = record.event_log_entry.dagster_event.event_specific_data.error
        while error is not None and error.cause is not None:
            error = error.cause
        if error is not None:
            return error.message.strip().splitlines()[0].rstrip(".")
    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.RUN_FAILURE,
                                               ascending=False, limit=1).records:
        return (record.event_log_entry.dagster_event.message or "run failed").strip()
    return "run failed"


def _retries_text(run) -> str:
    number, most = run.tags.get(RETRY_NUMBER_TAG), run.tags.get(MAX_RETRIES_TAG)
    if run.tags.get(WILL_RETRY_TAG) == "true":
        return ", and Dagster will run it again while `examready ui` runs"
    return f", retry {number} of {most}" if number and most else ""


def background_failure(instance, skip: tuple[str, ...] = ()) -> dict | None:
    """The last finished `refresh` run when it failed and `examready run` did not start it (its own
    failures were reported when they happened), as `failure_line` takes it; None otherwise. Runs in
    `skip` are left out."""
    import dagster as dg

    from examready.dagster_runs import PID_TAG, launcher

    ended = [dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED]
    records = [r for r in instance.get_run_records(filters=dg.RunsFilter(job_name="refresh", statuses=ended),
                                                   limit=len(skip) + 1)
               if r.dagster_run.run_id not in skip]
    if not records or records[0].dagster_run.status != dg.DagsterRunStatus.FAILURE:
        return None
    record, run = records[0], records[0].dagster_run
    if PID_TAG in run.tags:
        return None
    return {"run_id": run.run_id, "launcher": launcher(run), "retries": _retries_text(run),
            "ended": record.end_time or record.update_timestamp.timestamp(),
            "cause": failure_cause(instance, run.run_id)}


RUN_GOES_ON = "This run does its work now."


def failure_line(failure: dict, then: str = RUN_GOES_ON) -> str:
    """The one-line notice of a failed background run (`background_failure`), ending with `then`."""
    return (f"examready: the last background run failed: Dagster run {failure['run_id'][:8]} (started by "
            f"{failure['launcher']}, failed at {_clock(failure['ended'])}{failure['retries']}): "
            f"{failure['cause']}. {then}")


def last_background_failure(instance, skip: tuple[str, ...] = ()) -> str | None:
    """`examready run`'s line on the last background run having failed (`background_failure`), or None."""
    failure = background_failure(instance, skip)
    return failure_line(failure) if failure else None


def _slot_taker(instance, run_id: str):
    """The run holding the pool slot that a step of run `run_id` is waiting for, or None."""
    info = instance.event_log_storage.get_concurrency_info(POOL)
    if not any(step.run_id == run_id and step.assigned_timestamp is None for step in info.pending_steps):
        return None
    holders = [slot.run_id for slot in info.claimed_slots if slot.run_id != run_id]
    return instance.get_run_record_by_id(holders[0]) if holders else None


def pool_wait_line(instance, record) -> str:
    """What `examready run` says when its step waits for another run's hold on the warehouse pool."""
    from examready.dagster_runs import launcher, run_process

    run = record.dagster_run
    known = run_process(instance, run)
    stop = f"`kill {known[0]}`, " if known else ""
    return (f"examready: waiting for Dagster run {run.run_id[:8]} (started by {launcher(run)} at "
            f"{_clock(record.start_time or record.create_timestamp.timestamp())}) to free the warehouse: it "
            f"started after this command looked, and the warehouse takes one run at a time. To stop that run: "
            f"Terminate it in the Dagster UI (Runs), {stop}or stop `examready ui`. Ctrl-C stops this command instead.")


@contextmanager
def say_when_waiting_for_pool(instance, run_id: str, err=None, poll: float = POOL_POLL_SECONDS):
    """While the block runs run `run_id`, say once on `err` (stderr) when one of its steps waits for the
    warehouse pool slot another run holds (Dagster's own wait says nothing at the CLI's log level)."""
    err = err or sys.stderr
    done = threading.Event()

    def watch() -> None:
        while not done.wait(poll):
            try:
                holder = _slot_taker(instance, run_id)
            except Exception:  # noqa: BLE001  (storage busy or closing: look again, or stop with the run)
                continue
            if holder is not None:
                print(pool_wait_line(instance, holder), file=err, flush=True)
                return

    watcher = threading.Thread(target=watch, name="examready-pool-wait", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join(2.0)
