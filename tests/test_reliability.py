"""Ingestion under stress: SIGKILL mid-load, a second writer, re-exported attempts (real processes)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from tests.helpers_workspace import ingest, new_workspace
from warehouse.connection import WarehouseLocked, connect, read_sql
from warehouse.integrity import half_loaded_files, unaccounted_rows

FILES, ROWS = 30, 300
INGEST_WITH_PROGRESS = """
import sys
from pipelines.workspace import find_workspace
from sources.blueprint import load_blueprint
from warehouse.connection import open_warehouse
from warehouse.ingest import ingest_inbox
ws = find_workspace(sys.argv[1])
with open_warehouse(ws.db_path) as con:
    ingest_inbox(con, ws.inbox, load_blueprint(ws.config.exam), ws.config.learner_id, "killed-run",
                 progress=lambda i, n, p: print(i, p, flush=True))
"""
HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS held(a INTEGER)")
print("held", flush=True)
time.sleep(120)
"""


def _mock_csv(attempt: str, rows: int) -> str:
    domains = ["Domain 1: Data Ingestion and Transformation", "Domain 2: Data Store Management",
               "Domain 3: Data Operations and Support", "Domain 4: Data Security and Governance"]
    return "attempt_id,taken_at,provider,question_id,domain,correct,seconds\n" + "".join(
        f"{attempt},2026-03-02 19:00,Tutorials Dojo,{q},{domains[q % 4]},{str(q % 3 > 0).lower()},{30 + q % 90}\n"
        for q in range(1, rows + 1))


def _ledger(db_path, *columns: str):
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(f"SELECT {', '.join(columns)} FROM raw.file_events ORDER BY path").fetchall()
    finally:
        con.close()


def test_sigkill_mid_load_then_rerun_finishes_without_duplicates(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for i in range(FILES):
        (ws.inbox / "exams" / f"mock-{i:02}.csv").write_text(_mock_csv(f"set-{i:02}", ROWS))
    proc = subprocess.Popen([sys.executable, "-c", INGEST_WITH_PROGRESS, str(ws.root)],
                            stdout=subprocess.PIPE, text=True)
    for _ in range(3):  # three files committed, the fourth is being loaded
        assert proc.stdout.readline(), "ingestion ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    committed = len(_ledger(ws.db_path, "path"))
    assert proc.returncode == -signal.SIGKILL and 3 <= committed < FILES

    reports = ingest(ws, run_id="rerun")
    assert sum(r.status == "unchanged" for r in reports) == committed
    assert sum(r.status == "loaded" for r in reports) == FILES - committed
    con = connect(ws.db_path, read_only=True)
    total, distinct = con.execute("SELECT count(*), count(DISTINCT (attempt_id, question_id)) FROM raw.answers").fetchone()
    assert total == distinct == FILES * ROWS, "complete and without duplicates"
    assert [half_loaded_files(con, r) for r in ("killed-run", "rerun")] == [[], []]
    assert unaccounted_rows(con, "rerun") == []
    con.close()
    assert sorted(p for (p,) in _ledger(ws.db_path, "path")) == sorted(f"exams/mock-{i:02}.csv" for i in range(FILES))


@pytest.fixture
def held_warehouse(tmp_path):
    """A workspace whose DuckDB file another process holds open for writing."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock.csv").write_text(_mock_csv("set-1", 5))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(ws.db_path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield ws, holder.pid
    holder.kill()
    holder.wait()


def test_second_writer_gets_a_clear_message_within_10_seconds(held_warehouse):
    ws, holder_pid = held_warehouse
    started = time.monotonic()
    run = subprocess.Popen([sys.executable, "-m", "examready", "run", "-w", str(ws.root)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = run.stderr.readline()
    first_message_after = time.monotonic() - started
    rest = run.communicate(timeout=60)[1]
    finished_after = time.monotonic() - started
    assert f"in use by process {holder_pid}" in first and first_message_after < 10, (first, first_message_after)
    assert run.returncode == 3 and f"in use by process {holder_pid}" in rest and "wait for it to finish" in rest
    assert finished_after < 40, f"gave up after {finished_after:.0f} s"  # never the ~100 s of dagster-duckdb
    print(f"lock message after {first_message_after:.1f} s, exit after {finished_after:.1f} s")


def test_lock_fails_fast_once_known_held(held_warehouse):
    ws, holder_pid = held_warehouse
    started = time.monotonic()
    with pytest.raises(WarehouseLocked, match=f"process {holder_pid}"):
        connect(ws.db_path, wait_seconds=1.0)
    again = time.monotonic()
    with pytest.raises(WarehouseLocked):
        connect(ws.db_path, wait_seconds=1.0)
    assert again - started < 3 and time.monotonic() - again < 0.5


def test_reexported_attempt_replaces_old_rows_and_raw_stays_append_only(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    (exams / "td-set1.csv").write_text(_mock_csv("td-set1", 5))
    assert [r.status for r in ingest(ws, "first")] == ["loaded"]
    (exams / "td-set1-reexport.csv").write_text(_mock_csv("td-set1", 6).replace(",true,", ",false,"))
    assert {r.path: r.status for r in ingest(ws, "second")} == {"exams/td-set1.csv": "unchanged",
                                                                "exams/td-set1-reexport.csv": "replaced"}
    (exams / "td-set1.csv").write_text(_mock_csv("td-set1", 4))  # same name, new content
    assert {r.path: r.status for r in ingest(ws, "third")}["exams/td-set1.csv"] == "replaced"
    con = connect(ws.db_path)
    for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
        con.execute(read_sql(model))
    staged = con.execute("SELECT count(*), count(DISTINCT load_id) FROM staging.answers").fetchone()
    raw_rows = con.execute("SELECT count(*) FROM raw.answers").fetchone()[0]
    con.close()
    assert staged == (4, 1), "only the latest export of the attempt counts"
    assert raw_rows == 5 + 6 + 4, "raw keeps every export"


def test_same_bytes_elsewhere_are_unchanged_only_if_they_gave_rows(tmp_path):
    """A copy of a loaded export under another name is not loaded twice; an empty CSV next to an
    empty note (same bytes, 0 rows) is still read, and rejected, instead of passing as 'unchanged'."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "td-set1.csv").write_text(_mock_csv("td-set1", 5))
    (ws.inbox / "notes" / "empty.md").write_bytes(b"")
    assert {r.path: r.status for r in ingest(ws, "first")} == {"exams/td-set1.csv": "loaded", "notes/empty.md": "loaded"}
    (ws.inbox / "hours" / "td-set1 copy.csv").write_text(_mock_csv("td-set1", 5))
    (ws.inbox / "exams" / "empty.csv").write_bytes(b"")
    second = {r.path: r for r in ingest(ws, "second")}
    assert second["hours/td-set1 copy.csv"].status == "unchanged"
    assert second["exams/empty.csv"].status == "rejected" and "empty" in second["exams/empty.csv"].error


def test_a_probe_that_did_not_wait_does_not_cut_a_later_wait_short(held_warehouse):
    """A look that gives up at once (wait_seconds=0: `open`'s rejected-files line) is no wait given up on: the
    next connect still waits its time, as docs/cli.md says of `open --learner ID` (exit 3 at once before)."""
    ws, _ = held_warehouse
    with pytest.raises(WarehouseLocked, match="still in use"):
        connect(ws.db_path, read_only=True, wait_seconds=0)
    started = time.monotonic()
    with pytest.raises(WarehouseLocked, match="waited 1 s"):
        connect(ws.db_path, read_only=True, wait_seconds=1.0)
    assert time.monotonic() - started >= 0.9


def test_open_for_a_learner_waits_for_a_held_warehouse_then_exits_3(held_warehouse):
    from tests.conftest import run_cli

    ws, holder_pid = held_warehouse
    ws.site_dir.mkdir(exist_ok=True)
    (ws.site_dir / "index.html").write_text("<html></html>")  # pages written by an earlier run
    started = time.monotonic()
    opened = run_cli("open", "-w", str(ws.root), "--learner", "me", check=False)
    assert opened.returncode == 3, opened.stderr
    assert f"warehouse.duckdb is in use by process {holder_pid}; waiting up to 5 s" in opened.stderr, opened.stderr
    assert "(waited 5 s)" in opened.stderr and time.monotonic() - started >= 5, opened.stderr
