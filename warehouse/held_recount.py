"""Rows held back as in the future in a file no longer in the inbox count once due, from raw.

A removed file's rows keep counting (raw keeps every input row; `examready forget` stops them), so
its rows held back only for a time to come count too once that time has passed: instead of reading
the file again (`held_future`), its latest load is copied within raw as a new load of the same path
and bytes, less those rows' "in the future" quarantine entries (warehouse/sql/held_recount.sql)."""
from __future__ import annotations

import re
import uuid
from datetime import datetime

from warehouse.connection import read_sql, transaction
from warehouse.held_future import Held, due_text
from warehouse.integrity import held_rows
from warehouse.ledger import LATEST_BY_PATH, FileReport, record


def _statements(sql: str) -> list[str]:
    """The statements of a SQL file, without its comments."""
    text = "\n".join(line.split("--")[0] for line in sql.splitlines())
    return [s.strip() for s in text.split(";") if s.strip()]


def count_from_raw(con, learner_id: str, path: str, run_id: str, now: datetime) -> str | None:
    """Copy the path's version that counts with its rows due by `now` no longer held back; the new
    load's id (None when the path has no version that counts)."""
    row = con.execute(f"SELECT load_id FROM ({LATEST_BY_PATH}) WHERE path = $path AND status <> 'withdrawn'",
                      {"learner": learner_id, "path": path}).fetchone()
    if row is None:
        return None
    params = {"old": row[0], "new": uuid.uuid4().hex, "now": now}
    with transaction(con):
        for statement in _statements(read_sql("held_recount.sql")):
            named = set(re.findall(r"\$(\w+)", statement))
            con.execute(statement, {k: v for k, v in params.items() if k in named})
        _record_copy(con, learner_id, run_id, params["old"], params["new"])
    return params["new"]


def _record_copy(con, learner_id: str, run_id: str, old: str, new: str) -> None:
    """The copy's ledger row, 'replaced', through `ledger.record` (in the old load's place among loads):
    the old row's file, bytes, rows in and reading rules; its rows held back counted as integrity.py does."""
    path, kind, fmt, sha256, rows_in, error, masked, rules = con.execute(
        "SELECT path, kind, format, sha256, rows_in, error, secrets_masked, rules FROM raw.file_events "
        "WHERE load_id = ? AND status IN ('loaded', 'replaced')", [old]).fetchone()
    held = held_rows(con, new)
    report = FileReport(path, kind, fmt, "replaced", rows_in, rows_in - held, held, error, masked)
    record(con, report, sha256, learner_id, run_id, new, rules)


def count_gone(con, learner_id: str, run_id: str, due: dict[str, Held], present: set[str],
               now: datetime) -> list[str]:
    """Of the paths with rows due (`held_future.due_paths`), those no longer in the inbox counted from
    raw; returns what the run says about each."""
    said = []
    for path, held in sorted(due.items()):
        if path not in present and count_from_raw(con, learner_id, path, run_id, now):
            said.append(f"examready: {path}: {due_text(held, ' and count')}, from the rows kept when it was loaded "
                        "(the file is no longer in the inbox)")
    return said
