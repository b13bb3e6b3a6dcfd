"""Ctrl-C during `examready run`: it stops at once with one line and exit code 130, and the next
run rebuilds what it left out of date, without losing or doubling a row."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb

from tests.conftest import run_cli
from tests.test_killed_run import NEW_MOCKS, _add_mocks, _wait_for_run_start


def test_ctrl_c_stops_the_run_with_one_line_and_the_next_run_rebuilds(demo_workspace):
    ids = _add_mocks(demo_workspace)
    storage = demo_workspace / ".dagster" / "history" / "runs"
    before = {p.name for p in storage.glob("*.db")} if storage.exists() else set()
    # Its own process group, as a terminal's foreground job is: Ctrl-C goes to every process in it,
    # the `tail` log mirrors Dagster starts for each step included.
    proc = subprocess.Popen([sys.executable, "-m", "examready", "run", "-w", str(demo_workspace), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "EXAMREADY_FULL_RUN": "1"})
    _wait_for_run_start(storage, before)
    time.sleep(1.0)  # ingesting the new exports (the old code let this step finish and exited 0)
    interrupted_at = time.time()
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    stopped_after = time.time() - interrupted_at

    assert proc.returncode == 130, err[-3000:]
    assert out == "" and "Traceback" not in err, err[-3000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted:") and "run `examready run" in lines[0], err
    assert stopped_after < 10, f"took {stopped_after:.1f} s to stop"
    assert not (demo_workspace / ".dagster" / "last-run.json").exists()  # the next run is a full one

    rerun = run_cli("run", "-w", str(demo_workspace), "--json", check=False, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    con = duckdb.connect(str(demo_workspace / "warehouse.duckdb"), read_only=True)
    per_attempt = dict(con.execute("SELECT attempt_id, count(*) FROM staging.answers "
                                   "WHERE attempt_id LIKE 'killtest-%' GROUP BY 1").fetchall())
    duplicates = con.execute("SELECT count(*) FROM (SELECT attempt_id, question_id FROM raw.answers "
                             "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
    loads = con.execute("SELECT count(*) FROM raw.file_events WHERE path LIKE 'exams/killtest-%' "
                        "AND status = 'loaded'").fetchone()[0]
    in_marts = {a for (a,) in con.execute("SELECT DISTINCT attempt_id FROM marts.attempts "
                                          "WHERE attempt_id LIKE 'killtest-%'").fetchall()}
    con.close()
    assert sorted(per_attempt) == ids and set(per_attempt.values()) == {65}
    assert duplicates == 0 and loads == NEW_MOCKS
    assert sorted(in_marts) == ids  # marts rebuilt from everything loaded
    pages = __import__("json").loads(rerun.stdout)["pages"]
    assert pages and all(os.path.getmtime(p) > interrupted_at for p in pages.values())  # and the pages
