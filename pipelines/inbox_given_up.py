"""Files the inbox sensor gave up on, kept in its cursor as {"warehouse": stamp, "files": [path]}: the
ledger did not hold them when the warehouse's files had that stamp (size and mtime of the DuckDB file
and its WAL). While every file to look at is one of them, unchanged, and the warehouse too, the sensor
decides without opening the warehouse (a read-only open contends with a writer such as `examready run`)."""
from __future__ import annotations

import hashlib
import json

from pipelines.defs.resources import WarehouseResource
from pipelines.inbox_cursor import STAMP
from warehouse.inbox import file_stamp


def warehouse_stamp(warehouse: WarehouseResource) -> str:
    """A short digest of the file_stamp (path, size, mtime) of the warehouse's DuckDB file and its write-ahead
    log: it changes when either does, and keeps the cursor (shown in the Dagster UI) free of their paths."""
    db = warehouse.workspace().db_path
    stamp = [file_stamp(db), file_stamp(db.with_name(db.name + ".wal"))]
    return hashlib.sha256(json.dumps(stamp).encode()).hexdigest()[:16]


def only_given_up(todo: dict, asked: dict, given_up: dict, stamp: str) -> bool:
    """Whether every file in `todo` is one given up on, in the version asked for, and the warehouse unchanged."""
    files = set(given_up.get("files", []))
    return (bool(todo) and given_up.get("warehouse") == stamp
            and all(p in files and (asked.get(p) or [])[:STAMP] == fp for p, fp in todo.items()))


def given_up_entry(paths: list[str], stamp: str) -> dict:
    """The cursor's record of the files given up on as the ledger was with `stamp` ({} for none)."""
    return {"warehouse": stamp, "files": sorted(paths)} if paths else {}
