"""What `examready run` says about the last background run (daily schedule, inbox sensor, UI)
having failed; the commands that read the marts say it too (examready/background_notice.py). A run
that takes the warehouse's pool slot after the CLI's check is examready/pool_wait.py.
"""
from __future__ import annotations

import re
from datetime import datetime

from pipelines.run_crash import crash_event_message, crash_text

RETRY_NUMBER_TAG = "dagster/retry_number"   # set by Dagster on a run it launched as a run retry
MAX_RETRIES_TAG = "dagster/max_retries"
WILL_RETRY_TAG = "dagster/will_retry"


def clock(timestamp: float) -> str:
    """A time of day, with its date unless it is today."""
    at = datetime.fromtimestamp(timestamp)
    return at.strftime("%H:%M:%S" if at.date() == datetime.now().date() else "%Y-%m-%d %H:%M:%S")


def failure_cause(instance, run_id: str) -> str:
    """The innermost error of the run's failed steps, else why its process died, else its run-failure message."""
    import dagster as dg

    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_FAILURE,
                                               ascending=False, limit=1).records:
        error = record.event_log_entry.dagster_event.event_specific_data.error
        while error is not None and error.cause is not None:
            error = error.cause
        if error is not None:
            return error.message.strip().splitlines()[0].rstrip(".")
    if crashed := crash_event_message(instance, run_id):
        return crashed  # Dagster's run-failure message then says nothing of why
    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.RUN_FAILURE,
                                               ascending=False, limit=1).records:
        return (record.event_log_entry.dagster_event.message or "run failed").strip()
    return "run failed"


def failed_step(instance, run_id: str) -> str | None:
    """The step that failed, else the last step started (the one running when the process died), or None."""
    import dagster as dg

    for kind in (dg.DagsterEventType.STEP_FAILURE, dg.DagsterEventType.STEP_START):
        for record in instance.get_records_for_run(run_id, of_type=kind, ascending=False, limit=1).records:
            return record.event_log_entry.step_key
    return None


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

    from pipelines.dagster_runs import launcher
    from pipelines.run_processes import PID_TAG

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
CAUSE_LIMIT = 160  # characters of an error's first line the notice keeps
_LOCK = re.compile(r"Could not set lock on file|Conflicting lock|warehouse is in use", re.IGNORECASE)
_ERROR_PREFIX = re.compile(r"^(?:[\w.]+(?:Error|Exception): )+(?:[A-Z][\w ]* Error: )?")


def cause_text(cause: str) -> str:
    """An error in examready's words: a dead run process or a held warehouse says so (the signal, the
    holder's PID); another error is its first line without Python's exception class, trimmed to
    CAUSE_LIMIT characters."""
    if crashed := crash_text(cause):
        return crashed
    if _LOCK.search(cause):
        pid = re.search(r"\(PID (\d+)\)|process (\d+)", cause)
        holder = f" (PID {pid.group(1) or pid.group(2)})" if pid else ""
        return f"the warehouse was in use by another process{holder}"
    lines = cause.strip().splitlines() or ["run failed"]
    line = _ERROR_PREFIX.sub("", lines[0]).strip().rstrip(".!") or lines[0].strip()
    return line if len(line) <= CAUSE_LIMIT else line[:CAUSE_LIMIT - 1].rstrip() + "…"


def failure_line(failure: dict, then: str = RUN_GOES_ON) -> str:
    """The one-line notice of a failed background run (`background_failure`), ending with `then`."""
    return (f"examready: the last background run failed: Dagster run {failure['run_id'][:8]} (started by "
            f"{failure['launcher']}, failed at {clock(failure['ended'])}{failure['retries']}): "
            f"{cause_text(failure['cause'])}. {then}")


def last_background_failure(instance, skip: tuple[str, ...] = ()) -> str | None:
    """`examready run`'s line on the last background run having failed (`background_failure`), or None."""
    failure = background_failure(instance, skip)
    return failure_line(failure) if failure else None
