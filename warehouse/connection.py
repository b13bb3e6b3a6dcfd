"""Opening the DuckDB warehouse: read-only or as the single writer, with a clear lock error."""
from __future__ import annotations

import re
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

from sources.platform_rule import create_macros, define_macros as define_rule_macros
from sources.sure_overlap import define_macros as define_overlap_macros

SQL_DIR = Path(__file__).parent / "sql"
MEMORY_LIMIT = "1GB"  # per connection unless the workspace sets memory_limit (DuckDB's default: 80 % of RAM)


class WarehouseLocked(RuntimeError):
    """Another process holds the DuckDB file for writing."""


class WarehouseUnreadable(RuntimeError):
    """The DuckDB file cannot be opened: damaged (cut short, not a database) or written by a newer DuckDB."""


def _unreadable_message(path: Path, exc: Exception) -> str:
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return (f"{path}: the warehouse cannot be opened ({reason}). It may be damaged (a full disk, a copy cut "
            "short) or written by a newer examready; nothing was changed. Restore it from a backup, or move it "
            "aside and run `examready run` to build a new one from the files now in the inbox (files removed "
            "from the inbox since they were loaded, and what `forget` recorded, are only in the old one).")


def is_lock_error(exc: Exception) -> bool:
    """DuckDB's 'Could not set lock on file … Conflicting lock is held': the word, not 'block' in a damaged
    file's 'Could not read enough bytes … block'."""
    return isinstance(exc, duckdb.IOException) and re.search(r"\block\b", str(exc), re.IGNORECASE) is not None


def _lock_message(path: Path, exc: Exception, waited: float) -> str:
    pid = re.search(r"PID (\d+)", str(exc))
    holder = f"process {pid.group(1)}" if pid else "another process"
    how_long = f"waited {waited:.0f} s" if waited >= 0.5 else "still in use"
    return (f"{path}: the warehouse is in use by {holder} ({how_long}): another `examready run`, the "
            "Dagster UI, or a notebook or script with the file open; wait for it to finish "
            "or stop it, then try again.")


_LOCK_SEEN: dict[str, float] = {}  # path -> when this process last gave up on the lock


def _say_waiting(path: Path, exc: Exception, wait_seconds: float) -> None:
    pid = re.search(r"PID (\d+)", str(exc))
    holder = f"process {pid.group(1)}" if pid else "another process"
    print(f"examready: {path.name} is in use by {holder}; waiting up to {wait_seconds:.0f} s …",
          file=sys.stderr, flush=True)


def connect(path: Path, read_only: bool = False, wait_seconds: float = 5.0,
            memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying briefly while another process holds the write lock.

    Says so at once on stderr when it has to wait; once this process has given up on a held
    lock, further attempts within `wait_seconds` fail at once instead of waiting again (not after
    a call with `wait_seconds=0`, which was never to wait).
    """
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"{path}: no warehouse yet; run `examready run` first")
    started = time.monotonic()
    given_up = _LOCK_SEEN.get(str(path.resolve()))
    budget = 0.0 if given_up and started - given_up < wait_seconds else wait_seconds
    delay, said = 0.1, False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                if path.exists():
                    raise WarehouseUnreadable(_unreadable_message(path, exc)) from exc
                raise
            waited = time.monotonic() - started
            if waited >= budget:
                if wait_seconds > 0:  # a look that was not to wait (`open`'s notice) is no wait given up on
                    _LOCK_SEEN[str(path.resolve())] = time.monotonic()
                raise WarehouseLocked(_lock_message(path, exc, waited)) from exc
            if not said:
                _say_waiting(path, exc, budget)
                said = True
            time.sleep(min(delay, max(budget - waited, 0.01)))
            delay = min(delay * 2, 1.0)
    _LOCK_SEEN.pop(str(path.resolve()), None)
    # No progress bar: DuckDB prints it to stdout on long queries, into `run --json`'s output.
    # A memory limit: the buffer pool otherwise keeps every inserted page cached (5.9 GB peak
    # for a 13M-row cohort build); above the limit DuckDB spills to disk (see docs/performance.md).
    con.execute(f"SET enable_progress_bar = false; SET memory_limit = '{memory_limit}'")
    if not read_only:
        con.execute(read_sql("schema.sql"))
    define_macros(con, temporary=read_only)
    return con


def define_macros(con, temporary: bool = False) -> None:
    """The platform rule's macros (sources/platform_rule.sql), the sure overlap of two study entries
    (sources/sure_overlap.sql) and, with a ledger, its latest rows (sql/latest_loads.sql): stored in the
    database, or TEMP (a read-only one)."""
    from warehouse.catalog import has_relations

    define_rule_macros(con, temporary)
    define_overlap_macros(con, temporary)
    if has_relations(con, "raw", "file_events"):
        create_macros(con, read_sql("latest_loads.sql"), temporary)


@contextmanager
def open_warehouse(path: Path, read_only: bool = False, wait_seconds: float = 5.0,
                   memory_limit: str = MEMORY_LIMIT):
    """Context manager around connect() that always closes the connection."""
    con = connect(path, read_only=read_only, wait_seconds=wait_seconds, memory_limit=memory_limit)
    try:
        yield con
    finally:
        con.close()


_SHARED: set[int] = set()  # ids of connections in a SharedTransaction: `transaction` joins it


@contextmanager
def transaction(con):
    """BEGIN … COMMIT around the block; ROLLBACK (and re-raise) if anything in it fails. Within a
    SharedTransaction the block is part of it: committed with it, or rolled back with it by its owner."""
    if id(con) in _SHARED:
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


class SharedTransaction:
    """One transaction over several files' loads (a batch of notes: a commit costs ~2 ms a note), begun and
    committed by its owner; each load's `transaction` joins it. Still all or nothing: a file's rows and its
    ledger row commit together, with the batch's other files."""

    def __init__(self, con):
        self.con = con

    def begin(self) -> None:
        if id(self.con) not in _SHARED:
            self.con.execute("BEGIN TRANSACTION")
            _SHARED.add(id(self.con))

    def commit(self) -> None:
        if id(self.con) in _SHARED:
            _SHARED.discard(id(self.con))
            self.con.execute("COMMIT")

    def rollback(self) -> None:
        """Called while an error is raised: a connection that cannot roll back must not hide that error."""
        if id(self.con) in _SHARED:
            _SHARED.discard(id(self.con))
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass


def duckdb_interrupted(exc: BaseException) -> bool:
    """An interrupt as DuckDB reports it: 'Query interrupted' (a SIGINT during a query; DuckDB swallows the
    KeyboardInterrupt), InterruptException, or an error wrapping the traceback of an interrupt raised in
    Python code DuckDB was calling (`con.register` reading a frame)."""
    if isinstance(exc, duckdb.InterruptException):
        return True
    if isinstance(exc, RuntimeError) and str(exc).strip() == "Query interrupted":
        return True
    if not isinstance(exc, duckdb.Error):
        return False
    last_line = (str(exc).strip().splitlines() or [""])[-1]
    return last_line.startswith(("DagsterExecutionInterruptedError", "KeyboardInterrupt"))


def values_rows(rows: int, width: int) -> str:
    """'(?, ?), (?, ?)': the placeholders of a multi-row VALUES list, `rows` rows of `width` values."""
    return ", ".join(["(" + ", ".join("?" * width) + ")"] * rows)


def read_sql(name: str) -> str:
    """The text of a SQL file under warehouse/sql/."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


def wait_until_free(path: Path, wait_seconds: float = 5.0) -> None:
    """Before any heavy import: wait (with a message) or raise WarehouseLocked while another process
    has the file open, writing or reading (a reader's shared lock keeps a writer out as well)."""
    if Path(path).exists():
        connect(path, wait_seconds=wait_seconds).close()
