"""One evaluation of the inbox sensor (pipelines/defs/sensors.py): the files to ask a run for, the
cursor after it, and what to say. Reads the inbox, Dagster's run storage and the ingestion ledger,
the last only when a file may be new to it (pipelines/inbox_given_up.py)."""
from __future__ import annotations

import time
from pathlib import Path

from pipelines.defs.resources import WarehouseResource
from pipelines.inbox_cursor import KEY, STAMP, new_cursor, read_ledger, run_key_for, stable_files
from pipelines.inbox_given_up import given_up_entry, only_given_up, warehouse_stamp
from pipelines.inbox_messages import NOTHING_NEW, busy_text, given_up_text, held_reason, held_text, waiting_text
from pipelines.inbox_runs import in_progress
from pipelines.inbox_verdicts import GIVEN_UP, WAIT, RetryPolicy, sort_out


def evaluate(inbox: Path, cursor: dict, instance, warehouse: WarehouseResource, policy: RetryPolicy,
             now: float | None = None) -> tuple[dict[str, list], dict, str]:
    """({path: [*stamp, sha256, attempt]} to ask a run for, new cursor, why not);
    with files to ask for, the third is what to say about files no longer asked for, if any."""
    now = time.time() if now is None else now
    stable, changing = stable_files(inbox, cursor)
    listed = set(stable) | set(changing)
    seen = {p: fp for p, fp in cursor.get("seen", {}).items() if p in listed}
    asked = {p: fp for p, fp in cursor.get("asked", {}).items() if p in listed}
    todo = {p: fp for p, fp in stable.items() if (seen.get(p) or [])[:STAMP] != fp}
    ledger, why_not, stamp = _ledger_unless_busy(todo, asked, cursor.get("given_up") or {}, instance, warehouse)
    if ledger is None:  # the files given up on stay so while a run or another process is in the way
        after = _cursor(stable, changing, seen, asked, (cursor.get("given_up") or {}) if todo else {})
        return {}, after, why_not or waiting_text(changing) or NOTHING_NEW
    ready, held = sort_out(inbox, todo, seen, asked, ledger, instance, now, policy)
    given_up = given_up_text(held.get(GIVEN_UP, []), asked, instance, policy.runs)
    kept = given_up_entry(held.get(GIVEN_UP, []), stamp)
    if not ready:
        return {}, _cursor(stable, changing, seen, asked, kept), held_reason(held.get(WAIT, []), given_up,
                                                                             waiting_text(changing))
    key = run_key_for(ready)
    for path, version in ready.items():
        asked[path] = [*version[:KEY], key, version[-1]]
    return ready, _cursor(stable, changing, seen, asked, kept), given_up


def _ledger_unless_busy(todo: dict, asked: dict, given_up: dict, instance,
                        warehouse: WarehouseResource) -> tuple[dict | None, str, str]:
    """(the ledger, "", the warehouse's stamp then) when there are files to look at and nothing in the
    way ({} when they are all given up on and the warehouse is unchanged); else (None, why not, [])."""
    if not todo:
        return None, "", ""
    busy = in_progress(instance)
    if busy is not None:
        return None, busy_text(busy.dagster_run, todo), ""
    stamp = warehouse_stamp(warehouse)  # before reading: a write meanwhile changes it
    if only_given_up(todo, asked, given_up, stamp):
        return {}, "", stamp
    ledger = read_ledger(warehouse)
    return (None, held_text(todo), "") if ledger is None else (ledger, "", stamp)


def _cursor(stable: dict, changing: dict, seen: dict, asked: dict, given_up: dict) -> dict:
    """new_cursor, with the files given up on when there are any."""
    return {**new_cursor(stable, changing, seen, asked), **({"given_up": given_up} if given_up else {})}
