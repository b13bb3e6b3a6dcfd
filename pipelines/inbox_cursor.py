"""The inbox sensor's view of the inbox (pipelines/inbox_evaluation.py): which files are stable, what
the ingestion ledger holds for them, its cursor, and the run key of a set of files asked for.

The cursor is {"v": 3, "seen": {path: [*stamp, sha256]} handled, "pending": {path: stamp} not handled in
that version, "asked": {path: [*stamp, sha256, run key, attempt]}}, a file's stamp being [size, mtime_ns,
ctime_ns] (the change time tells an edit that keeps the size and puts the old mtime back, as `cp -p` does),
and "given_up" when there are files it gave up on (pipelines/inbox_given_up.py); "held": rows held back
as in the future (pipelines/inbox_held.py).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines.defs.resources import WarehouseResource
from warehouse.inbox import file_identity, file_signature, inbox_files
from warehouse.inbox_names import inbox_name, inbox_path

CURSOR_VERSION = 3   # 2 kept no change time: a cursor of version 2 is seeded again from the ledger
STAMP = 3            # a file version's first items, [size, mtime_ns, ctime_ns]
SHA, KEY = STAMP, STAMP + 1   # then its sha256, and in "asked" the run key; the attempt is last
HANDLED = ("loaded", "replaced", "rejected")   # ledger statuses that settle a file's version
# Each path's latest row of any kind, and its latest load or withdrawal (sql/latest_loads.sql; every
# learner's rows).
LATEST_ROWS = """SELECT path, sha256, status FROM latest_file_events(false)
    UNION SELECT path, sha256, status FROM latest_file_events(true)"""


def inbox_listing(inbox: Path) -> dict[str, list[int]]:
    """{path relative to the inbox: [size, mtime_ns, ctime_ns]} for every file ingestion would read."""
    return {inbox_name(path, inbox): list(signature) for path, _ in inbox_files(inbox)
            if (signature := file_signature(path, change_time=True))}  # None: removed between listing and stat


def read_ledger(warehouse: WarehouseResource) -> dict[str, set[tuple[str, str]]] | None:
    """{path: {(sha256, status)}} of each path's latest ledger row and latest load (or withdrawal): a file
    changed, rejected, then put back to the version that counts is handled, though its latest row is the
    rejection; None if the warehouse is busy."""
    from warehouse.catalog import has_relations
    from warehouse.connection import WarehouseLocked, open_warehouse

    ws = warehouse.workspace()
    if not ws.db_path.exists():
        return {}
    try:
        with open_warehouse(ws.db_path, read_only=True, wait_seconds=1.0) as con:
            if not has_relations(con, "raw", "file_events"):
                return {}
            rows = con.execute(LATEST_ROWS).fetchall()
    except WarehouseLocked:
        return None
    found: dict[str, set[tuple[str, str]]] = {}
    for path, sha, status in rows:
        found.setdefault(path, set()).add((sha, status))
    return found


def read_cursor(raw: str | None) -> dict | None:
    """The cursor Dagster kept, or None (none yet, unreadable, or of another version)."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("v") != CURSOR_VERSION:
        return None
    return data


def new_cursor(stable: dict, changing: dict, seen: dict, asked: dict) -> dict:
    """The cursor after an evaluation: `pending` is every listed file not handled in its current version."""
    pending = {p: fp for p, fp in {**stable, **changing}.items() if (seen.get(p) or [])[:STAMP] != fp}
    return {"v": CURSOR_VERSION, "seen": seen, "pending": pending, "asked": asked}


def seed_cursor(warehouse: WarehouseResource, inbox: Path) -> dict | None:
    """The first cursor: files whose current bytes the ledger already holds count as handled."""
    ledger = read_ledger(warehouse)
    if ledger is None:
        return None
    seen = {}
    for path, stamp in inbox_listing(inbox).items():
        if path in ledger and (sha := handled_version(inbox_path(inbox, path), ledger[path])):
            seen[path] = [*stamp, sha]
    return {"v": CURSOR_VERSION, "seen": seen, "pending": {}, "asked": {}}


def handled_version(path: Path, rows: set[tuple[str, str]]) -> str | None:
    """The file's ledger hash when one of its path's rows settles it (loaded, replaced or rejected)."""
    sha = file_identity(path)
    return sha if any((sha, status) in rows for status in HANDLED) else None


def stable_files(inbox: Path, cursor: dict) -> tuple[dict[str, list], dict[str, list]]:
    """({path: stamp} unchanged since the last evaluation, {path: stamp} new or still changing). Pure apart
    from reading the inbox."""
    pending: dict[str, list] = cursor.get("pending", {})
    stable, changing = {}, {}
    for path, stamp in sorted(inbox_listing(inbox).items()):
        seen = cursor.get("seen", {}).get(path)
        if (seen and seen[:STAMP] == stamp) or pending.get(path) == stamp:
            stable[path] = stamp
        else:
            changing[path] = stamp  # first sight, or still being written
    return stable, changing


def run_key_for(asked: dict[str, list]) -> str:
    """A stable key for one set of files asked for: (path, sha256, stamp, attempt) each ({path: [*stamp,
    sha256, attempt]}); a retry of the same files gets a new key."""
    blob = json.dumps(sorted([path, fp[SHA], *fp[:STAMP], *([fp[-1]] if len(fp) > SHA + 1 and fp[-1] else [])]
                             for path, fp in asked.items()))
    return "inbox-" + hashlib.sha256(blob.encode()).hexdigest()[:20]
