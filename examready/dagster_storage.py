"""Dagster's own SQLite files under a workspace's .dagster folder, and a run's error when one is damaged."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


class RunHistoryUnreadable(RuntimeError):
    """A SQLite file of Dagster's run storage (runs, events, schedules) cannot be read."""


def damaged_files(dagster_home: Path) -> list[Path]:
    """The SQLite files under dagster_home that SQLite cannot open or whose quick_check fails."""
    bad = []
    for path in sorted(Path(dagster_home).rglob("*.db")):
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
                ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            bad.append(path)
    return bad


def unreadable(dagster_home: Path, exc: BaseException) -> RunHistoryUnreadable | None:
    """The error to raise for a SQLite error Dagster raised (sqlalchemy keeps it as .orig) if a file of its
    storage is damaged, else None: any other error, or a locked database, is no damage."""
    cause = getattr(exc, "orig", exc)
    if not isinstance(cause, sqlite3.DatabaseError):
        return None
    bad = damaged_files(dagster_home)
    if not bad:
        return None
    reason = str(cause).strip().splitlines()[0]
    names = ", ".join(str(p) for p in bad)
    them = "it" if len(bad) == 1 else "them"
    return RunHistoryUnreadable(
        f"{names}: Dagster's run history cannot be read ({reason}). It holds records of past runs, not your "
        f"data: move {them} aside and run again, and Dagster starts anew (the warehouse and the inbox are "
        "untouched).")
