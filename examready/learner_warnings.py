"""What `examready run` says on stderr after its report about learner ids: roster lines naming no
learner of the warehouse (or one taken out), and ids that look like a typo of another's
(examready/learner_typos.py). `examready learners` says the same from its own connection.

A run with nothing new does not open the warehouse (examready/last_run.py), and this should not
either: the warnings are kept in `.dagster/learner-warnings.json` with the size and mtime of the
warehouse and roster files, and worked out again only when one of them changed.
"""
from __future__ import annotations

import json

KEPT_NAME = "learner-warnings.json"  # in the workspace's .dagster folder


def _stamp(ws) -> list:
    """[[path, size, mtime_ns]] of the warehouse (and its WAL) and the roster; a missing file: None."""
    stamp = []
    for path in (ws.db_path, ws.db_path.with_name(ws.db_path.name + ".wal"), ws.roster_path):
        try:
            stat = path.stat() if path else None
        except OSError:
            stat = None
        stamp.append([str(path), stat.st_size, stat.st_mtime_ns] if stat else [str(path), None, None])
    return stamp


def _worked_out(ws) -> list[str] | None:
    """The warnings from the warehouse; None when it cannot be read (the run said why)."""
    import duckdb

    from examready.exam_dates import unknown_learners
    from examready.learner_typos import typo_warnings
    from warehouse.connection import WarehouseLocked, open_warehouse

    try:
        with open_warehouse(ws.db_path, read_only=True, wait_seconds=0.5) as con:
            return (unknown_learners(con, ws.roster, ws.roster_path) if ws.roster else []) + typo_warnings(con)
    except (FileNotFoundError, duckdb.Error, WarehouseLocked):
        return None


def learner_warnings(ws) -> list[str]:
    """The warnings on the warehouse and roster as they are now, kept while neither changes."""
    kept_at, stamp = ws.dagster_home / KEPT_NAME, _stamp(ws)
    try:
        kept = json.loads(kept_at.read_text(encoding="utf-8"))
        if kept["stamp"] == stamp:
            return kept["warnings"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    warnings = _worked_out(ws)
    if warnings is None:
        return []
    try:
        kept_at.write_text(json.dumps({"stamp": stamp, "warnings": warnings}), encoding="utf-8")
    except OSError:
        pass  # a workspace that cannot be written: worked out each time
    return warnings
