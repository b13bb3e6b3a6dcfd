"""Rows held back as in the future (warehouse/held_future.py), seen by the inbox sensor: once such a
row's time has passed it asks for a run, which reads the file again (or, for a file no longer in the
inbox, counts the rows from raw: warehouse/held_recount.py).

The cursor keeps {"warehouse": stamp, "until": {path: earliest time held back for (ISO)}, "asked": {path:
[that time, run key, attempt]}}: what the warehouse held when its files had that stamp (size and mtime
of the DuckDB file and its WAL, pipelines/inbox_given_up.py). A tick opens the warehouse only when the
stamp changed and no run is in progress; while it is unchanged, comparing the clock with `until` is all.
A run asked for is asked for again only after it failed (with the sensor's back-off, a new key each time);
once it has counted the rows the warehouse changed, `until` moves on and nothing is due.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from pipelines.defs.resources import WarehouseResource
from pipelines.inbox_given_up import warehouse_stamp
from pipelines.inbox_messages import held_given_up_text, names
from pipelines.inbox_runs import in_progress
from pipelines.inbox_verdicts import GIVEN_UP, READY, RetryPolicy, after_run

RAW_TABLES = ("file_events", "quarantine", "answers", "domain_scores", "study_sessions", "note_sections")


def read_held(warehouse: WarehouseResource) -> dict[str, str] | None:
    """{path: earliest time (ISO) a row of its version that counts is held back for as in the future};
    None if another process holds the warehouse."""
    from warehouse.catalog import has_relations
    from warehouse.connection import WarehouseLocked, open_warehouse
    from warehouse.held_future import held_in_future

    ws = warehouse.workspace()
    if not ws.db_path.exists():
        return {}
    try:
        with open_warehouse(ws.db_path, read_only=True, wait_seconds=1.0) as con:
            found = has_relations(con, "raw", *RAW_TABLES)
            held = held_in_future(con, ws.config.learner_id, ws.now()) if found else {}
    except WarehouseLocked:
        return None
    return {path: h.earliest.isoformat() for path, h in held.items()}


def held_key(asked: dict[str, list]) -> str:
    """The run key for the paths asked for ({path: [time, key, attempt]}): one per (path, time, attempt)."""
    blob = json.dumps(sorted([path, fp[0], fp[2]] for path, fp in asked.items()))
    return "held-" + hashlib.sha256(blob.encode()).hexdigest()[:20]


def due_held(entry: dict, pending: dict, instance, warehouse: WarehouseResource, policy: RetryPolicy,
             now: float) -> tuple[dict[str, list], dict, str]:
    """({path: [time, run key, attempt]} to ask a run for, the cursor's entry after this tick, what to say).
    Nothing while an inbox file is not handled yet (`pending`): its run, or its wait, comes first."""
    if pending:
        return {}, entry, ""
    stamp = warehouse_stamp(warehouse)
    clock = warehouse.workspace().now()
    fresh = entry.get("warehouse") == stamp
    if fresh and not _due(entry, clock):
        return {}, entry, _until_text(entry, clock, [], "")
    if in_progress(instance) is not None:  # that run reads what is due; the warehouse is read after it
        return {}, entry, ""
    if not fresh:
        until = read_held(warehouse)
        if until is None:
            return {}, entry, ""
        asked = {p: fp for p, fp in (entry.get("asked") or {}).items() if until.get(p) == fp[0]}
        entry = {"warehouse": stamp, "until": until, "asked": asked}
    ready, given_up = {}, []
    for path, time in _due(entry, clock).items():
        before = entry["asked"].get(path)
        verdict, attempt = after_run(instance, before[1], before[2], now, policy) if before else (READY, 0)
        if verdict == READY:
            ready[path] = [time, None, attempt]
        elif verdict == GIVEN_UP:
            given_up.append(path)
    key = held_key(ready)
    ready = {path: [time, key, attempt] for path, (time, _, attempt) in ready.items()}
    last = entry["asked"][sorted(given_up)[0]][1] if given_up else None
    said = "" if ready else _until_text(entry, clock, given_up, held_given_up_text(given_up, last, instance,
                                                                                   policy.runs))
    return ready, {**entry, "asked": {**entry["asked"], **ready}}, said


def _due(entry: dict, clock: datetime) -> dict[str, str]:
    """{path: time} of the paths whose earliest held-back time has passed by `clock`."""
    return {p: t for p, t in (entry.get("until") or {}).items() if datetime.fromisoformat(t) <= clock}


def _until_text(entry: dict, clock: datetime, given_up: list[str], given_up_text: str) -> str:
    """What is said about the rows held back as in the future, if there are any (`given_up`: the due files
    no run is asked for again, said by `given_up_text`)."""
    due = _due(entry, clock)
    later = {p: t for p, t in (entry.get("until") or {}).items() if p not in due}
    asked = [p for p in due if p not in given_up]
    said = [given_up_text] if given_up_text else []
    if asked:
        said.append(f"rows held back as in the future in {len(asked)} file(s) ({names(asked)}) are due: a run was "
                    "asked for them (`examready run` counts them too)")
    if later:
        said.append(f"rows held back as in the future in {len(later)} file(s) ({names(later)}): a run is asked for "
                    f"once {datetime.fromisoformat(min(later.values())):%Y-%m-%d %H:%M} has passed")
    return "; ".join(said)
