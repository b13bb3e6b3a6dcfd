"""An answer kept in a JSON file with the size and mtime of the files it was worked out from, so that a
command can skip the work (opening the warehouse, importing Dagster) while those files are unchanged."""
from __future__ import annotations

import json
from pathlib import Path

from warehouse.inbox import file_stamp

MISSING = object()  # no kept answer for this stamp


def kept(at: Path, stamp) -> object:
    """The answer kept at `at` for exactly this stamp, else MISSING."""
    try:
        saved = json.loads(at.read_text(encoding="utf-8"))
        return saved["answer"] if saved["stamp"] == stamp else MISSING
    except (OSError, ValueError, KeyError, TypeError):
        return MISSING


def keep(at: Path, stamp, answer) -> None:
    """Keep `answer` for this stamp (a workspace that cannot be written: it is worked out each time)."""
    try:
        at.write_text(json.dumps({"stamp": stamp, "answer": answer}), encoding="utf-8")
    except OSError:
        pass


def warehouse_stamp(ws) -> list:
    """file_stamp of the warehouse and its WAL: what an answer read from the warehouse depends on."""
    return [file_stamp(path) for path in (ws.db_path, ws.db_path.with_name(ws.db_path.name + ".wal"))]


def kept_lines(ws, name: str, stamp, read) -> list[str]:
    """Lines kept in the workspace's .dagster/`name` for this stamp, else `read(con)` on the warehouse opened
    read-only (and kept); none when it cannot be read (the run said why)."""
    lines = kept(ws.dagster_home / name, stamp)
    if lines is not MISSING:
        return lines
    import duckdb

    from warehouse.connection import WarehouseLocked, WarehouseUnreadable, open_warehouse

    try:
        with open_warehouse(ws.db_path, read_only=True, wait_seconds=0.5) as con:
            lines = read(con)
    except (FileNotFoundError, duckdb.Error, WarehouseLocked, WarehouseUnreadable):
        return []
    keep(ws.dagster_home / name, stamp, lines)
    return lines
