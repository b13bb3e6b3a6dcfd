"""Rows held back only because their time was in the future: nothing in the file is wrong, so the
file is read again by the first run after that time (its new load replaces the old, in the old one's
place in the order of loads: `ledger.recorded_at`, so a re-export of the same attempt loaded since still
counts) and the rows count then; a file no longer in the inbox counts them from raw (`held_recount`).
The no-op fast path remembers the earliest such time (`examready.last_run`), so a run after it is
never skipped."""
from __future__ import annotations

from datetime import datetime

from warehouse.connection import read_sql
from warehouse.ledger import LATEST_BY_PATH


def held_in_future(con, learner_id: str, now: datetime) -> dict[str, tuple[datetime, int]]:
    """{path: (earliest time held back as in the future, rows whose time is now past)} of the
    versions that count."""
    sql = f"WITH current_load AS ({LATEST_BY_PATH}),\n{read_sql('held_in_future.sql')}"
    rows = con.execute(sql, {"learner": learner_id, "now": now}).fetchall()
    return {path: (earliest, due) for path, earliest, due in rows}


def due_paths(held: dict[str, tuple[datetime, int]]) -> dict[str, tuple[datetime, int]]:
    """Of `held`, the paths with a row whose time has now passed: to be read again."""
    return {path: (earliest, due) for path, (earliest, due) in held.items() if due}


def held_until(held: dict[str, tuple[datetime, int]]) -> datetime | None:
    """The earliest time a row is held back for: from then on a run has something to do (it reads the
    file again, or counts the rows from raw if the file is no longer in the inbox: `held_recount`)."""
    return min((earliest for earliest, _ in held.values()), default=None)


def read_again_notice(path: str, earliest: datetime, due: int) -> str:
    """What the run says about a file it reads again for rows no longer in the future."""
    return (f"examready: {path}: read again: {due} row(s) held back as in the future (from {earliest:%Y-%m-%d %H:%M}) "
            "are due now; its new rows replace the old")
