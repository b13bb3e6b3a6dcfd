"""The inbox sensor: a new or changed file in the workspace inbox triggers a `refresh` run, asked for
again after a failed run, until a run has handled it (docs/architecture.md, "Inbox sensor").

Its evaluation is pipelines/inbox_evaluation.py; each tick also fails the runs whose process is gone
(examready/dagster_runs.py). The sensor's runs carry no `dagster/max_retries` tag: Dagster's run
retries have no delay, so the sensor's own back-off retries them.
"""
from __future__ import annotations

import json
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.inbox_cursor import read_cursor, seed_cursor
from pipelines.inbox_evaluation import evaluate as evaluate_with
from pipelines.inbox_verdicts import RetryPolicy

SENSOR_INTERVAL_SECONDS = 5
RETRY_BASE_SECONDS = 30.0                       # after a failed run: 30 s, 60 s, 120 s ... at most
RETRY_MAX_SECONDS = 900.0
MAX_FAILED_RUNS = 5                             # failed runs for one version of a file, then it is left alone


def evaluate(inbox: Path, cursor: dict, instance, warehouse: WarehouseResource,
             now: float | None = None) -> tuple[dict[str, list], dict, str]:
    """pipelines.inbox_evaluation.evaluate with this sensor's retry settings."""
    policy = RetryPolicy(base=RETRY_BASE_SECONDS, most=RETRY_MAX_SECONDS, runs=MAX_FAILED_RUNS)
    return evaluate_with(inbox, cursor, instance, warehouse, policy, now)


def _run_request(context, ready: dict[str, list], cursor_after: dict) -> dg.RunRequest:
    """The run for the files ready, logged with those asked for again after a failed run."""
    files = sorted(ready)
    retried = [p for p in files if ready[p][3]]
    context.log.info(f"{len(files)} new or changed inbox file(s): {', '.join(files)}"
                     + (f" (again after a failed run: {', '.join(retried)})" if retried else ""))
    return dg.RunRequest(run_key=cursor_after["asked"][files[0]][3],
                         tags={"examready/trigger": "inbox", "examready/files": ", ".join(files)[:1000]})


@dg.sensor(
    job_name="refresh",
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New or changed files in the workspace inbox (once their size and mtime are stable "
                "over two evaluations) trigger a refresh run, again after a failed run (at most 5 runs per "
                "version) until the ledger has them. Also fails runs whose process is gone and frees their pool slot.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    from examready.dagster_runs import release_dead_runs

    for run_id, reason in release_dead_runs(context.instance):
        context.log.warning(f"run {run_id} marked failed and its warehouse slot freed: {reason}")
    inbox = warehouse.workspace().inbox
    cursor = read_cursor(context.cursor)
    if cursor is None:
        cursor = seed_cursor(warehouse, inbox)
        if cursor is None:
            return dg.SkipReason("the warehouse is being written; will look at the inbox on the next tick")
    ready, cursor_after, reason = evaluate(inbox, cursor, context.instance, warehouse)
    cursor_text = json.dumps(cursor_after, sort_keys=True)
    if not ready:
        return dg.SensorResult(skip_reason=reason, cursor=cursor_text)
    if reason:
        context.log.warning(reason)
    return dg.SensorResult(run_requests=[_run_request(context, ready, cursor_after)], cursor=cursor_text)
