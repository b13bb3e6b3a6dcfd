"""The inbox sensor: a new or changed file in the workspace inbox triggers a `refresh` run, asked for
again after a failed run, until a run has handled it (docs/architecture.md, "Inbox sensor"); and a run
once rows held back as in the future are due (pipelines/inbox_held.py).

Its evaluation is pipelines/inbox_evaluation.py; each tick also fails the runs whose process is gone
(pipelines/dagster_runs.py). The sensor's runs carry no `dagster/max_retries` tag: Dagster's run
retries have no delay, so the sensor's own back-off retries them.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.inbox_cursor import KEY, read_cursor, seed_cursor
from pipelines.inbox_evaluation import evaluate as evaluate_with
from pipelines.inbox_held import due_held
from pipelines.inbox_verdicts import RetryPolicy

SENSOR_INTERVAL_SECONDS = 5
RETRY_BASE_SECONDS = 30.0                       # after a failed run: 30 s, 60 s, 120 s ... at most
RETRY_MAX_SECONDS = 900.0
MAX_FAILED_RUNS = 5                             # failed runs for one version of a file, then it is left alone


def _policy() -> RetryPolicy:
    return RetryPolicy(base=RETRY_BASE_SECONDS, most=RETRY_MAX_SECONDS, runs=MAX_FAILED_RUNS)


def evaluate(inbox: Path, cursor: dict, instance, warehouse: WarehouseResource,
             now: float | None = None) -> tuple[dict[str, list], dict, str]:
    """pipelines.inbox_evaluation.evaluate with this sensor's retry settings."""
    return evaluate_with(inbox, cursor, instance, warehouse, _policy(), now)


def _held_request(context, held: dict, pending: dict, reason: str, warehouse: WarehouseResource):
    """(the run for rows held back as in the future that are due now, or None; the cursor's held entry
    after; the skip reason with what is said about them) — pipelines/inbox_held.py."""
    ready, entry, said = due_held(held, pending, context.instance, warehouse, _policy(), time.time())
    if not ready:
        return None, entry, "; ".join(r for r in (reason, said) if r)
    files = sorted(ready)
    context.log.info(f"rows held back as in the future are due now in {len(files)} file(s): {', '.join(files)}")
    return dg.RunRequest(run_key=ready[files[0]][1], tags={
        "examready/trigger": "inbox", "examready/files": ", ".join(files)[:1000]}), entry, ""


def _run_request(context, ready: dict[str, list], cursor_after: dict) -> dg.RunRequest:
    """The run for the files ready, logged with those asked for again after a failed run."""
    files = sorted(ready)
    retried = [p for p in files if ready[p][-1]]
    context.log.info(f"{len(files)} new or changed inbox file(s): {', '.join(files)}"
                     + (f" (again after a failed run: {', '.join(retried)})" if retried else ""))
    return dg.RunRequest(run_key=cursor_after["asked"][files[0]][KEY],
                         tags={"examready/trigger": "inbox", "examready/files": ", ".join(files)[:1000]})


@dg.sensor(
    job_name="refresh",
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New or changed files in the workspace inbox (once their size, modification and change times are stable "
                "over two evaluations) trigger a refresh run, again after a failed run (at most 5 runs per "
                "version) until the ledger has them; and a run once rows held back as in the future are due. Also "
                "fails runs whose process is gone and frees their pool slot.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    from pipelines.dagster_runs import release_dead_runs

    for run_id, reason in release_dead_runs(context.instance):
        context.log.warning(f"run {run_id} marked failed and its warehouse slot freed: {reason}")
    inbox = warehouse.workspace().inbox
    cursor = read_cursor(context.cursor)
    if cursor is None:
        cursor = seed_cursor(warehouse, inbox)
        if cursor is None:
            return dg.SkipReason("the warehouse is being written; will look at the inbox on the next tick")
    ready, cursor_after, reason = evaluate(inbox, cursor, context.instance, warehouse)
    if not ready:
        request, held, reason = _held_request(context, cursor.get("held") or {}, cursor_after["pending"], reason,
                                              warehouse)
        cursor_text = json.dumps({**cursor_after, "held": held}, sort_keys=True)
        if request is None:
            return dg.SensorResult(skip_reason=reason, cursor=cursor_text)
        return dg.SensorResult(run_requests=[request], cursor=cursor_text)
    cursor_after["held"] = cursor.get("held") or {}
    cursor_text = json.dumps(cursor_after, sort_keys=True)
    if reason:
        context.log.warning(reason)
    return dg.SensorResult(run_requests=[_run_request(context, ready, cursor_after)], cursor=cursor_text)
