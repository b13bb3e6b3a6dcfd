"""The inbox sensor: a new or changed file in the workspace inbox triggers a `refresh` run, and is
asked for again until a run has handled it.

A file counts once its size and modification time are the same on two evaluations in a row, so
a mock-exam export that is still being written is not read half-way. A stable file is then handled
when the warehouse's ingestion ledger (raw.file_events, read-only) holds its current bytes as
loaded, replaced or rejected (a rejected file counts as handled until it changes), or when the run
requested for it succeeded (a renamed copy of a loaded file is `unchanged` and leaves no ledger row).
Handled files are kept in the cursor ({path: [size, mtime_ns, sha256]}, the Glue job bookmark idea),
so a file is hashed and looked up once per version.

While any run is in progress (queued, starting, running or being canceled; `examready run`'s too)
the sensor only watches the inbox: the run may load what was dropped meanwhile, and the ledger says
so once it ends. A file whose run failed (the warehouse held by a notebook, a crash) is asked for
again with a new run key after a back-off (30 s, doubling, at most 15 min): Dagster's run retries,
which have no delay, are left to the daily schedule's runs (no `dagster/max_retries` tag here, and
the workspace's dagster.yaml retries no other run). Every tick also fails
the runs whose process is gone and frees their pool slots (examready/dagster_runs.py): Dagster's run
monitoring cannot see a dead worker with the default run launcher. The run key is derived from the
(path, sha256, size, mtime, attempt) set of the files asked for, so evaluating the same state twice
never launches two runs.
"""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from warehouse.inbox import file_identity, file_signature, inbox_files

SENSOR_INTERVAL_SECONDS = 5
CURSOR_VERSION = 2
HANDLED = ("loaded", "replaced", "rejected")   # ledger statuses that settle a file's version
RETRY_BASE_SECONDS = 30.0                       # after a failed run: 30 s, 60 s, 120 s ... at most
RETRY_MAX_SECONDS = 900.0
RUN_KEY_TAG = "dagster/run_key"                 # the tag Dagster gives a run requested with a run key
WAITED_FOR = ("QUEUED", "STARTING", "STARTED", "CANCELING")


def inbox_listing(inbox: Path) -> dict[str, tuple[int, int]]:
    """{path relative to the inbox: (size, mtime_ns)} for every file ingestion would read."""
    return {path.relative_to(inbox).as_posix(): signature for path, _ in inbox_files(inbox)
            if (signature := file_signature(path))}  # None: removed between listing and stat


def _ledger(warehouse: WarehouseResource) -> dict[str, tuple[str, str]] | None:
    """{path: (sha256, status)} of each path's latest ledger row; None if the warehouse is busy."""
    from warehouse.connection import WarehouseLocked, open_warehouse

    ws = warehouse.workspace()
    if not ws.db_path.exists():
        return {}
    try:
        with open_warehouse(ws.db_path, read_only=True, wait_seconds=1.0) as con:
            exists = con.execute("SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_schema = 'raw' AND table_name = 'file_events'").fetchone()[0]
            if not exists:
                return {}
            # every learner's rows: a cohort file's events may carry its own learner ids
            rows = con.execute("SELECT path, sha256, status FROM raw.file_events QUALIFY row_number() OVER "
                               "(PARTITION BY path ORDER BY recorded_at DESC) = 1").fetchall()
    except WarehouseLocked:
        return None
    return {path: (sha, status) for path, sha, status in rows}


def _read_cursor(raw: str | None) -> dict | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != CURSOR_VERSION:
        return None
    return data


def run_key_for(asked: dict[str, list]) -> str:
    """A stable key for one set of files asked for: (path, sha256, size, mtime_ns, attempt) each
    ({path: [size, mtime_ns, sha256, attempt]}); a retry of the same files gets a new key."""
    blob = json.dumps(sorted([path, fp[2], fp[0], fp[1], *([fp[3]] if len(fp) > 3 and fp[3] else [])]
                             for path, fp in asked.items()))
    return "inbox-" + hashlib.sha256(blob.encode()).hexdigest()[:20]


def stable_files(inbox: Path, cursor: dict) -> tuple[dict[str, list], dict[str, list]]:
    """({path: [size, mtime_ns]} unchanged since the last evaluation, {path: [size, mtime_ns]} new
    or still changing). Pure apart from reading the inbox."""
    pending: dict[str, list] = cursor.get("pending", {})
    stable, changing = {}, {}
    for path, (size, mtime) in sorted(inbox_listing(inbox).items()):
        seen = cursor.get("seen", {}).get(path)
        if (seen and seen[:2] == [size, mtime]) or pending.get(path) == [size, mtime]:
            stable[path] = [size, mtime]
        else:
            changing[path] = [size, mtime]  # first sight, or still being written
    return stable, changing


def _unsettled(stable: dict, changing: dict, seen: dict) -> dict[str, list]:
    """The cursor's `pending`: the last size and mtime of every file not handled in that version."""
    return {p: fp for p, fp in {**stable, **changing}.items() if (seen.get(p) or [None, None])[:2] != fp}


def _seed_cursor(warehouse: WarehouseResource, inbox: Path) -> dict | None:
    """The first cursor: files whose current bytes the ledger already holds count as handled."""
    ledger = _ledger(warehouse)
    if ledger is None:
        return None
    seen = {}
    for path, (size, mtime) in inbox_listing(inbox).items():
        if path in ledger and ledger[path][1] in HANDLED and file_identity(inbox / path) == ledger[path][0]:
            seen[path] = [size, mtime, ledger[path][0]]
    return {"v": CURSOR_VERSION, "seen": seen, "pending": {}, "asked": {}}


def retry_delay(attempt: int) -> float:
    """Seconds to wait after the failed run of attempt `attempt` (0 = the first request)."""
    return min(RETRY_BASE_SECONDS * 2 ** attempt, RETRY_MAX_SECONDS)


def _run_for_key(instance, run_key: str):
    records = instance.get_run_records(filters=dg.RunsFilter(tags={RUN_KEY_TAG: run_key}), limit=1)
    return records[0] if records else None


def _in_progress(instance):
    records = instance.get_run_records(filters=dg.RunsFilter(
        statuses=[dg.DagsterRunStatus[name] for name in WAITED_FOR]), limit=1)
    return records[0] if records else None


def evaluate(inbox: Path, cursor: dict, instance, warehouse: WarehouseResource,
             now: float | None = None) -> tuple[dict[str, list], dict, str]:
    """One evaluation: ({path: [size, mtime_ns, sha256, attempt]} to ask a run for, new cursor, why not)."""
    now = time.time() if now is None else now
    stable, changing = stable_files(inbox, cursor)
    listed = set(stable) | set(changing)
    seen = {p: fp for p, fp in cursor.get("seen", {}).items() if p in listed}
    asked = {p: fp for p, fp in cursor.get("asked", {}).items() if p in listed}
    new_cursor = {"v": CURSOR_VERSION, "seen": seen, "pending": _unsettled(stable, changing, seen), "asked": asked}
    todo = {p: fp for p, fp in stable.items() if (seen.get(p) or [None, None])[:2] != fp}
    waiting = (f"waiting for {len(changing)} file(s) to stop changing: {', '.join(sorted(changing)[:5])}"
               if changing else "")
    if not todo:
        return {}, new_cursor, waiting or "no new or changed inbox files"
    names = ", ".join(sorted(todo)[:5])
    busy = _in_progress(instance)
    if busy is not None:
        run = busy.dagster_run
        return {}, new_cursor, (f"run {run.run_id[:8]} is {run.status.value.lower()}; {len(todo)} file(s) "
                                f"({names}) will be looked at when it ends")
    ledger = _ledger(warehouse)
    if ledger is None:
        return {}, new_cursor, (f"the warehouse is held by another process; {len(todo)} file(s) ({names}) "
                                f"will be looked at on a later tick")
    ready: dict[str, list] = {}
    backing_off = []
    for path, (size, mtime) in todo.items():
        before = asked.get(path)
        known = before[2] if before and before[:2] == [size, mtime] else None
        sha = known or file_identity(inbox / path)  # what the ledger compares (a Moodle export includes its map)
        old = seen.get(path)
        if ledger.get(path) in {(sha, status) for status in HANDLED} or (old and old[2] == sha):
            seen[path] = [size, mtime, sha]  # loaded or rejected already, or touched with the same bytes
            asked.pop(path, None)
            continue
        attempt = 0
        if before and before[:3] == [size, mtime, sha]:
            record = _run_for_key(instance, before[3])
            attempt = before[4]
            if record is not None:
                run = record.dagster_run
                if not run.is_finished:
                    backing_off.append(path)  # not started yet (NOT_STARTED): wait for it
                    continue
                if run.status == dg.DagsterRunStatus.SUCCESS:
                    seen[path] = [size, mtime, sha]  # the run saw it (e.g. a renamed copy: `unchanged`)
                    asked.pop(path)
                    continue
                attempt += 1  # it failed or was canceled: ask again, with a new key, after a back-off
                ended = record.end_time or record.update_timestamp.timestamp()
                if now - ended < retry_delay(attempt - 1):
                    backing_off.append(path)
                    continue
        ready[path] = [size, mtime, sha, attempt]
    if not ready:
        reason = (f"{len(backing_off)} file(s) not loaded by their failed run will be asked for again after a "
                  f"back-off: {', '.join(sorted(backing_off)[:5])}" if backing_off else "")
        new_cursor["pending"] = _unsettled(stable, changing, seen)
        return {}, new_cursor, "; ".join(r for r in (reason, waiting) if r) or "no new or changed inbox files"
    key = run_key_for(ready)
    for path, (size, mtime, sha, attempt) in ready.items():
        asked[path] = [size, mtime, sha, key, attempt]
    new_cursor["pending"] = _unsettled(stable, changing, seen)
    return ready, new_cursor, ""


@dg.sensor(
    job_name="refresh",
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New or changed files in the workspace inbox (once their size and mtime are stable "
                "over two evaluations) trigger a refresh run, again after a failed run until the ledger "
                "has them. Also fails runs whose process is gone and frees their pool slot.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    from examready.dagster_runs import release_dead_runs

    for run_id, reason in release_dead_runs(context.instance):
        context.log.warning(f"run {run_id} marked failed and its warehouse slot freed: {reason}")
    inbox = warehouse.workspace().inbox
    cursor = _read_cursor(context.cursor)
    if cursor is None:
        cursor = _seed_cursor(warehouse, inbox)
        if cursor is None:
            return dg.SkipReason("the warehouse is being written; will look at the inbox on the next tick")
    ready, new_cursor, reason = evaluate(inbox, cursor, context.instance, warehouse)
    cursor_text = json.dumps(new_cursor, sort_keys=True)
    if not ready:
        return dg.SensorResult(skip_reason=reason, cursor=cursor_text)
    files = sorted(ready)
    retried = [p for p in files if ready[p][3]]
    context.log.info(f"{len(files)} new or changed inbox file(s): {', '.join(files)}"
                     + (f" (again after a failed run: {', '.join(retried)})" if retried else ""))
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=new_cursor["asked"][files[0]][3],
                                    tags={"examready/trigger": "inbox",
                                          "examready/files": ", ".join(files)[:1000]})],
        cursor=cursor_text,
    )
