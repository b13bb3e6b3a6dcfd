"""`examready run` killed hard in the middle: the next run must finish the job, not wait forever."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.conftest import run_cli

NEW_MOCKS = 30


def _add_mocks(ws: Path) -> list[str]:
    lines = (ws / "inbox" / "exams" / "mock-01.csv").read_text().splitlines()
    ids = [f"killtest-{n:02d}" for n in range(NEW_MOCKS)]
    for attempt in ids:
        body = [line.replace("mock-01", attempt) for line in lines[1:]]
        (ws / "inbox" / "exams" / f"{attempt}.csv").write_text("\n".join([lines[0], *body]) + "\n")
    return ids


def _wait_for_run_start(storage: Path, before: set[str], timeout: float = 120) -> None:
    """A new per-run event log file appears in Dagster's storage when the run starts."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if storage.exists() and {p.name for p in storage.glob("*.db")} - before - {"index.db"}:
            return
        time.sleep(0.1)
    raise AssertionError("the run never started")


def test_run_killed_mid_way_is_finished_by_the_next_run(demo_workspace):
    ids = _add_mocks(demo_workspace)
    storage = demo_workspace / ".dagster" / "history" / "runs"
    before = {p.name for p in storage.glob("*.db")} if storage.exists() else set()
    proc = subprocess.Popen([sys.executable, "-m", "examready", "run", "-w", str(demo_workspace), "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "EXAMREADY_FULL_RUN": "1"})
    _wait_for_run_start(storage, before)
    time.sleep(1.5)  # inside a step: the step holds the `warehouse` pool slot
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL

    rerun_loads_each_mock_once(demo_workspace, ids)


def rerun_loads_each_mock_once(ws: Path, ids: list[str]) -> subprocess.CompletedProcess:
    """The next `examready run --json` succeeds, and every new mock counts once: 65 answers each,
    no answer twice in raw or staging, one load per file, every attempt in the marts."""
    rerun = run_cli("run", "-w", str(ws), "--json", check=False, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    with duckdb.connect(str(ws / "warehouse.duckdb"), read_only=True) as con:
        per_attempt = dict(con.execute("SELECT attempt_id, count(*) FROM staging.answers "
                                       "WHERE attempt_id LIKE 'killtest-%' GROUP BY 1").fetchall())
        duplicates = [con.execute(f"SELECT count(*) FROM (SELECT attempt_id, question_id FROM {table}.answers "
                                  "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0] for table in ("raw", "staging")]
        loads = con.execute("SELECT count(*) FROM raw.file_events WHERE path LIKE 'exams/killtest-%' "
                            "AND status = 'loaded'").fetchone()[0]
        in_marts = {a for (a,) in con.execute("SELECT DISTINCT attempt_id FROM marts.attempts "
                                              "WHERE attempt_id LIKE 'killtest-%'").fetchall()}
    assert sorted(per_attempt) == ids and set(per_attempt.values()) == {65}
    assert duplicates == [0, 0] and loads == NEW_MOCKS
    assert sorted(in_marts) == ids  # marts rebuilt from everything loaded
    return rerun
