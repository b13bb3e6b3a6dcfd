"""Opening the DuckDB warehouse: read-only or as the single writer, with a clear lock error."""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).parent / "sql"


class WarehouseLocked(RuntimeError):
    """Another process holds the DuckDB file for writing."""


def _lock_message(path: Path, exc: Exception, waited: float) -> str:
    pid = re.search(r"PID (\d+)", str(exc))
    holder = f"process {pid.group(1)}" if pid else "another process"
    return (f"{path}: the warehouse is in use by {holder} (waited {waited:.0f} s). "
            "Another `examready run` or the Dagster UI is writing; wait for it to finish "
            "or stop it, then try again.")


def connect(path: Path, read_only: bool = False, wait_seconds: float = 5.0) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying briefly while another process holds the write lock."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"{path}: no warehouse yet; run `examready run` first")
    started = time.monotonic()
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            waited = time.monotonic() - started
            if waited >= wait_seconds:
                raise WarehouseLocked(_lock_message(path, exc, waited)) from exc
            time.sleep(min(delay, max(wait_seconds - waited, 0.01)))
            delay = min(delay * 2, 1.0)
    if not read_only:
        con.execute(read_sql("schema.sql"))
    return con


@contextmanager
def open_warehouse(path: Path, read_only: bool = False, wait_seconds: float = 5.0):
    """Context manager around connect() that always closes the connection."""
    con = connect(path, read_only=read_only, wait_seconds=wait_seconds)
    try:
        yield con
    finally:
        con.close()


def read_sql(name: str) -> str:
    """The text of a SQL file under warehouse/sql/."""
    return (SQL_DIR / name).read_text(encoding="utf-8")
