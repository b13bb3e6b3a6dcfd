"""The inbox sensor: a new or changed file in the workspace inbox triggers a `refresh` run, and is
asked for again until a run has handled it.

A file counts once its size and modification time are the same on two evaluations in a row, so
a mock-exam export that is still being written is not read half-way. A stable file is then handled
when the warehouse's ingestion ledger (raw.file_events, read-only) holds its current bytes as
loaded, replaced or rejected (a rejected file counts as handled until it changes), or when the run
requested for it succeeded (a renamed copy of a loaded file is `unchanged` and leaves no ledger row).
Handled files are kept in the cursor (pipelines/inbox_cursor.py, the Glue job bookmark idea), so a
file is hashed and looked up once per version.

While any run is in progress (queued, starting, running or being canceled; `examready run`'s too)
the sensor only watches the inbox: the run may load what was dropped meanwhile, and the ledger says
so once it ends. A file whose run failed (the warehouse held by a notebook, a crash) is asked for
again with a new run key after a back-off (30 s, doubling); after 5 failed runs for the same version
it is no longer asked for (the skip message says which file and the last run's error) until it
changes, or a run succeeds after the last failure (`examready run`, which loads it or says why not,
or a run the UI started). Dagster's run retries,
which have no delay, are left to the daily schedule's runs (no `dagster/max_retries` tag here, and
the workspace's dagster.yaml retries no other run). Every tick also fails
the runs whose process is gone and frees their pool slots (examready/dagster_runs.py): Dagster's run
monitoring cannot see a dead worker with the default run launcher. The run key is derived from the
(path, sha256, size, mtime, attempt) set of the files asked for, so evaluating the same state twice
never launches two runs.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.inbox_cursor import (HANDLED, new_cursor, read_cursor, read_ledger, run_key_for, seed_cursor,
                                    stable_files)
from warehouse.inbox import file_identity

SENSOR_INTERVAL_SECONDS = 5
RETRY_BASE_SECONDS = 30.0                       # after a failed run: 30 s, 60 s, 120 s ... at most
RETRY_MAX_SECONDS = 900.0
RUN_KEY_TAG = "dagster/run_key"                 # the tag Dagster gives a run requested with a run key
WAITED_FOR = ("QUEUED", "STARTING", "STARTED", "CANCELING")
MAX_FAILED_RUNS = 5                             # failed runs for one version of a file, then it is left alone
NOTHING_NEW = "no new or changed inbox files"
SETTLED, READY, WAIT, GIVEN_UP = "settled", "ready", "wait", "given up"   # what to do with a file: `_verdict`


def retry_delay(attempt: int) -> float:
    """Seconds to wait after the failed run of attempt `attempt` (0 = the first request)."""
    return min(RETRY_BASE_SECONDS * 2 ** attempt, RETRY_MAX_SECONDS)


def _run_for_key(instance, run_key: str):
    records = instance.get_run_records(filters=dg.RunsFilter(tags={RUN_KEY_TAG: run_key}), limit=1)
    return records[0] if records else None


def _succeeded_since(instance, ended: float) -> bool:
    """Whether a `refresh` run that started after `ended` succeeded (it read every inbox file)."""
    records = instance.get_run_records(filters=dg.RunsFilter(job_name="refresh", statuses=[
        dg.DagsterRunStatus.SUCCESS]), limit=1)
    return bool(records) and (records[0].start_time or records[0].create_timestamp.timestamp()) > ended


def _in_progress(instance):
    records = instance.get_run_records(filters=dg.RunsFilter(
        statuses=[dg.DagsterRunStatus[name] for name in WAITED_FOR]), limit=1)
    return records[0] if records else None


def evaluate(inbox: Path, cursor: dict, instance, warehouse: WarehouseResource,
             now: float | None = None) -> tuple[dict[str, list], dict, str]:
    """One evaluation: ({path: [size, mtime_ns, sha256, attempt]} to ask a run for, new cursor, why not);
    with files to ask for, the third is what to say about files no longer asked for, if any."""
    now = time.time() if now is None else now
    stable, changing = stable_files(inbox, cursor)
    listed = set(stable) | set(changing)
    seen = {p: fp for p, fp in cursor.get("seen", {}).items() if p in listed}
    asked = {p: fp for p, fp in cursor.get("asked", {}).items() if p in listed}
    todo = {p: fp for p, fp in stable.items() if (seen.get(p) or [None, None])[:2] != fp}
    waiting = (f"waiting for {len(changing)} file(s) to stop changing: {', '.join(sorted(changing)[:5])}"
               if changing else "")
    ledger, why_not = _ledger_unless_busy(todo, instance, warehouse)
    if ledger is None:
        return {}, new_cursor(stable, changing, seen, asked), why_not or waiting or NOTHING_NEW
    ready, held = _sort_out(inbox, todo, seen, asked, ledger, instance, now)
    given_up = _given_up_text(held.get(GIVEN_UP, []), asked, instance)
    if not ready:
        return {}, new_cursor(stable, changing, seen, asked), _held_reason(held, given_up, waiting)
    key = run_key_for(ready)
    for path, (size, mtime, sha, attempt) in ready.items():
        asked[path] = [size, mtime, sha, key, attempt]
    return ready, new_cursor(stable, changing, seen, asked), given_up


def _ledger_unless_busy(todo: dict, instance, warehouse: WarehouseResource) -> tuple[dict | None, str]:
    """(the ledger, "") when there are files to look at and nothing in the way; else (None, why not)."""
    if not todo:
        return None, ""
    names = ", ".join(sorted(todo)[:5])
    busy = _in_progress(instance)
    if busy is not None:
        run = busy.dagster_run
        return None, (f"run {run.run_id[:8]} is {run.status.value.lower()}; {len(todo)} file(s) ({names}) "
                      f"will be looked at when it ends")
    ledger = read_ledger(warehouse)
    if ledger is None:
        return None, (f"the warehouse is held by another process; {len(todo)} file(s) ({names}) "
                      f"will be looked at on a later tick")
    return ledger, ""


def _sort_out(inbox: Path, todo: dict, seen: dict, asked: dict, ledger: dict, instance,
              now: float) -> tuple[dict[str, list], dict[str, list]]:
    """({path: [size, mtime_ns, sha256, attempt]} to ask for, {verdict: [paths held back]}); files
    handled meanwhile move to `seen` (and out of `asked`)."""
    ready: dict[str, list] = {}
    held: dict[str, list] = {}
    for path, fp in todo.items():
        before = asked.get(path)
        known = before[2] if before and before[:2] == fp else None
        sha = known or file_identity(inbox / path)  # what the ledger compares (a Moodle export includes its map)
        verdict, attempt = _verdict(path, [*fp, sha], before, seen.get(path), ledger, instance, now)
        if verdict == SETTLED:
            seen[path] = [*fp, sha]
            asked.pop(path, None)
        elif verdict == READY:
            ready[path] = [*fp, sha, attempt]
        else:
            held.setdefault(verdict, []).append(path)
    return ready, held


def _verdict(path: str, version: list, before: list | None, old: list | None, ledger: dict, instance,
             now: float) -> tuple[str, int]:
    """(SETTLED, READY, WAIT or GIVEN_UP, attempt) for one stable file not handled in its version
    [size, mtime_ns, sha256]."""
    if ledger.get(path) in {(version[2], status) for status in HANDLED} or (old and old[2] == version[2]):
        return SETTLED, 0  # loaded or rejected already, or touched with the same bytes
    if not (before and before[:3] == version):
        return READY, 0
    return _after_run(instance, before, now)


def _after_run(instance, before: list, now: float) -> tuple[str, int]:
    """The verdict from the run asked for this version ([size, mtime_ns, sha256, run key, attempt])."""
    record = _run_for_key(instance, before[3])
    if record is None:
        return READY, before[4]
    run = record.dagster_run
    if not run.is_finished:
        return WAIT, before[4]  # not started yet (NOT_STARTED): wait for it
    if run.status == dg.DagsterRunStatus.SUCCESS:
        return SETTLED, before[4]  # the run saw it (e.g. a renamed copy: `unchanged`)
    attempt = before[4] + 1  # it failed or was canceled: ask again, with a new key, after a back-off
    ended = record.end_time or record.update_timestamp.timestamp()
    if attempt >= MAX_FAILED_RUNS:
        return (SETTLED if _succeeded_since(instance, ended) else GIVEN_UP), attempt
    return (WAIT if now - ended < retry_delay(attempt - 1) else READY), attempt


def _held_reason(held: dict[str, list], given_up: str, waiting: str) -> str:
    """The skip message when no file is ready: those backing off, those given up, those still being written."""
    backing_off = held.get(WAIT, [])
    reason = (f"{len(backing_off)} file(s) not loaded by their failed run will be asked for again after a "
              f"back-off: {', '.join(sorted(backing_off)[:5])}" if backing_off else "")
    return "; ".join(r for r in (reason, given_up, waiting) if r) or NOTHING_NEW


def _given_up_text(paths: list[str], asked: dict, instance) -> str:
    """Which files are no longer asked for, why (the last failed run's error), and what asks for them again."""
    from examready.run_notices import failure_cause

    if not paths:
        return ""
    paths = sorted(paths)
    record = _run_for_key(instance, asked[paths[0]][3])
    last = (f" (last: Dagster run {record.dagster_run.run_id[:8]}: "
            f"{failure_cause(instance, record.dagster_run.run_id)})" if record else "")
    return (f"{len(paths)} file(s) not asked for again after {MAX_FAILED_RUNS} failed runs each: "
            f"{', '.join(paths[:5])}{last}; a file is asked for again when it changes, and `examready run` "
            f"loads it or says why it cannot")


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
    files = sorted(ready)
    retried = [p for p in files if ready[p][3]]
    context.log.info(f"{len(files)} new or changed inbox file(s): {', '.join(files)}"
                     + (f" (again after a failed run: {', '.join(retried)})" if retried else ""))
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=cursor_after["asked"][files[0]][3],
                                    tags={"examready/trigger": "inbox",
                                          "examready/files": ", ".join(files)[:1000]})],
        cursor=cursor_text,
    )
