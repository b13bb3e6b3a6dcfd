"""The inbox sensor: a new or changed file in the workspace inbox triggers a `refresh` run.

A file counts once its size and modification time are the same on two evaluations in a row, so
a mock-exam export that is still being written is not read half-way. What has been handed to a
run is kept in the sensor cursor as {path: [size, mtime_ns, sha256]} (the Glue job bookmark
idea); on the very first evaluation the cursor is seeded from the warehouse's own ingestion
ledger (raw.file_events), so files loaded by `examready run` or `examready demo` do not trigger a
pointless run. The run key is derived from the (path, sha256, size, mtime) set of the files that
changed, so evaluating the same state twice never launches two runs.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from warehouse.inbox import file_identity, file_signature, inbox_files

SENSOR_INTERVAL_SECONDS = 5
CURSOR_VERSION = 1


def inbox_listing(inbox: Path) -> dict[str, tuple[int, int]]:
    """{path relative to the inbox: (size, mtime_ns)} for every file ingestion would read."""
    return {path.relative_to(inbox).as_posix(): signature for path, _ in inbox_files(inbox)
            if (signature := file_signature(path))}  # None: removed between listing and stat


def _ledger_hashes(warehouse: WarehouseResource) -> dict[str, str] | None:
    """{path: sha256 of its latest recorded load} from raw.file_events; None if the warehouse is busy."""
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
            rows = con.execute("SELECT path, arg_max(sha256, recorded_at) FROM raw.file_events "
                               "GROUP BY path").fetchall()
    except WarehouseLocked:
        return None
    return dict(rows)


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


def run_key_for(changed: dict[str, list]) -> str:
    """A stable key for one set of changed files: (path, sha256, size, mtime_ns) each."""
    blob = json.dumps(sorted([path, fp[2], fp[0], fp[1]] for path, fp in changed.items()))
    return "inbox-" + hashlib.sha256(blob.encode()).hexdigest()[:20]


def evaluate_inbox(inbox: Path, cursor: dict) -> tuple[dict[str, list], dict]:
    """One evaluation: ({path: [size, mtime_ns, sha256]} ready to load, the new cursor).

    Pure apart from reading the inbox, so it can be tested without Dagster.
    """
    seen: dict[str, list] = cursor.get("seen", {})
    pending: dict[str, list] = cursor.get("pending", {})
    listing = inbox_listing(inbox)
    new_seen = {p: fp for p, fp in seen.items() if p in listing}
    new_pending: dict[str, list] = {}
    ready: dict[str, list] = {}
    for path, (size, mtime) in sorted(listing.items()):
        known = seen.get(path)
        if known and known[0] == size and known[1] == mtime:
            continue  # nothing changed since it was handed to a run
        if pending.get(path) != [size, mtime]:
            new_pending[path] = [size, mtime]  # first sight, or still being written
            continue
        sha = file_identity(inbox / path)  # what the ledger compares (a Moodle export includes its map)
        if known and known[2] == sha:
            new_seen[path] = [size, mtime, sha]  # touched, same bytes: nothing to load
            continue
        ready[path] = new_seen[path] = [size, mtime, sha]
    return ready, {"v": CURSOR_VERSION, "seen": new_seen, "pending": new_pending}


def _seed_cursor(warehouse: WarehouseResource, inbox: Path) -> dict | None:
    """The first cursor: files whose current bytes the ledger already holds count as seen."""
    ledger = _ledger_hashes(warehouse)
    if ledger is None:
        return None
    seen = {}
    for path, (size, mtime) in inbox_listing(inbox).items():
        if path in ledger and file_identity(inbox / path) == ledger[path]:
            seen[path] = [size, mtime, ledger[path]]
    return {"v": CURSOR_VERSION, "seen": seen, "pending": {}}


@dg.sensor(
    job_name="refresh",
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="New or changed files in the workspace inbox (once their size and mtime are stable "
                "over two evaluations) trigger a refresh run. Run keys make it idempotent.",
)
def inbox_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    inbox = warehouse.workspace().inbox
    cursor = _read_cursor(context.cursor)
    if cursor is None:
        cursor = _seed_cursor(warehouse, inbox)
        if cursor is None:
            return dg.SkipReason("the warehouse is being written; will look at the inbox on the next tick")
    ready, new_cursor = evaluate_inbox(inbox, cursor)
    cursor_text = json.dumps(new_cursor, sort_keys=True)
    if not ready:
        waiting = sorted(new_cursor["pending"])
        reason = (f"waiting for {len(waiting)} file(s) to stop changing: {', '.join(waiting[:5])}"
                  if waiting else "no new or changed inbox files")
        return dg.SensorResult(skip_reason=reason, cursor=cursor_text)
    files = sorted(ready)
    context.log.info(f"{len(files)} new or changed inbox file(s): {', '.join(files)}")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=run_key_for(ready),
                                    tags={"examready/trigger": "inbox",
                                          "examready/files": ", ".join(files)[:1000]})],
        cursor=cursor_text,
    )
