"""The inbox sensor, evaluated with Dagster's sensor test context against a temporary workspace."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import dagster as dg
import pytest

from examready.workspace import Config, create_workspace
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.sensors import SENSOR_INTERVAL_SECONDS, inbox_sensor
from warehouse.inbox import file_sha256

EXPORT = ("attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence\n"
          "m-1,2026-11-20 19:00,Tutorials Dojo,Q1,D1,1.1,TRUE,60,4\n")


@pytest.fixture
def ws(tmp_path):
    return create_workspace(tmp_path / "ws", Config(learner_id="sam"))


def evaluate(ws, cursor=None):
    """One sensor evaluation; returns (run requests, skip message, new cursor)."""
    # The daemon enters the context the same way, so the resource's teardown runs after the tick.
    with dg.build_sensor_context(cursor=cursor, resources={
            "warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as context:
        result = inbox_sensor(context)
    if isinstance(result, dg.SkipReason):
        return [], result.skip_message, cursor
    assert isinstance(result, dg.SensorResult)
    skip = result.skip_reason.skip_message if result.skip_reason else None
    return list(result.run_requests or []), skip, result.cursor


def drop(ws, name="exams/mock-01.csv", text=EXPORT):
    path = ws.inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_running_and_quick():
    assert inbox_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert inbox_sensor.minimum_interval_seconds == SENSOR_INTERVAL_SECONDS <= 10
    assert inbox_sensor.job_name == "refresh"


def test_empty_inbox_skips(ws):
    runs, skip, cursor = evaluate(ws)
    assert runs == [] and skip == "no new or changed inbox files"
    assert json.loads(cursor)["seen"] == {}


def test_new_file_runs_once_after_two_stable_evaluations(ws):
    _, _, cursor = evaluate(ws)
    drop(ws)
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and "waiting for 1 file(s)" in skip and "exams/mock-01.csv" in skip
    runs, _, cursor = evaluate(ws, cursor)
    assert len(runs) == 1
    assert runs[0].run_key.startswith("inbox-")
    assert runs[0].tags["examready/files"] == "exams/mock-01.csv"
    assert json.loads(cursor)["seen"]["exams/mock-01.csv"][2] == file_sha256(ws.inbox / "exams/mock-01.csv")
    runs, skip, _ = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"


def test_file_still_being_written_is_not_read(ws):
    _, _, cursor = evaluate(ws)
    path = drop(ws, text=EXPORT)
    _, _, cursor = evaluate(ws, cursor)
    with open(path, "a", encoding="utf-8") as handle:  # the export is still growing
        handle.write("m-1,2026-11-20 19:00,Tutorials Dojo,Q2,D2,2.1,FALSE,70,3\n")
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and "waiting" in skip
    runs, _, _ = evaluate(ws, cursor)
    assert len(runs) == 1


def test_same_state_gives_same_run_key(ws):
    """Evaluating the same inbox from the same cursor twice (e.g. the daemon restarted before it
    stored the cursor) asks for the same run key, which Dagster launches only once."""
    _, _, cursor = evaluate(ws)
    drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    first, _, _ = evaluate(ws, cursor)
    again, _, _ = evaluate(ws, cursor)
    assert first[0].run_key == again[0].run_key


def test_changed_file_gets_a_new_run_key(ws):
    _, _, cursor = evaluate(ws)
    path = drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    first, _, cursor = evaluate(ws, cursor)
    path.write_text(EXPORT.replace("TRUE", "FALSE"), encoding="utf-8")  # re-exported attempt
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    _, _, cursor = evaluate(ws, cursor)
    second, _, _ = evaluate(ws, cursor)
    assert len(second) == 1 and second[0].run_key != first[0].run_key


def test_touched_file_with_same_bytes_does_not_run(ws):
    _, _, cursor = evaluate(ws)
    path = drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    _, _, cursor = evaluate(ws, cursor)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    _, _, cursor = evaluate(ws, cursor)
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"
    assert json.loads(cursor)["seen"]["exams/mock-01.csv"][1] == path.stat().st_mtime_ns


def test_ignores_what_ingestion_ignores(ws):
    _, _, cursor = evaluate(ws)
    drop(ws, "exams/export.csv.part")
    drop(ws, "exams/_writing.tmp")
    drop(ws, "notes/.obsidian/workspace.json", "{}")
    drop(ws, "exams/~$mock.csv")
    for _ in range(2):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and skip == "no new or changed inbox files"


def test_first_evaluation_trusts_the_ingestion_ledger(ws):
    """Files already loaded by `examready run` (raw.file_events holds their sha256) do not
    trigger a run when the UI starts; a file the ledger does not know does."""
    from warehouse.connection import open_warehouse

    loaded = drop(ws, "exams/mock-01.csv")
    drop(ws, "exams/mock-02.csv", EXPORT.replace("m-1", "m-2"))
    with open_warehouse(ws.db_path) as con:
        con.execute("INSERT INTO raw.file_events (run_id, learner_id, path, sha256, status, recorded_at) "
                    "VALUES ('r1', 'sam', 'exams/mock-01.csv', ?, 'loaded', now())", [file_sha256(loaded)])
    runs, skip, cursor = evaluate(ws)
    assert runs == [] and "exams/mock-02.csv" in skip and "mock-01" not in skip
    runs, _, _ = evaluate(ws, cursor)
    assert [r.tags["examready/files"] for r in runs] == ["exams/mock-02.csv"]


def test_first_evaluation_knows_a_moodle_export_loaded_with_its_map(ws):
    """The ledger holds a Moodle export's identity with its question map, not its bare sha256."""
    import shutil
    from pathlib import Path

    from tests.helpers_workspace import ingest

    inputs = Path(__file__).parent / "fixtures" / "inputs"
    for name in ("moodle_grades.csv", "moodle_grades_map.csv"):
        shutil.copy(inputs / name, ws.inbox / "exams" / name)
    assert {r.status for r in ingest(ws)} == {"loaded"}
    runs, skip, cursor = evaluate(ws)
    assert runs == [] and "moodle_grades" not in skip and set(json.loads(cursor)["seen"]) == {
        "exams/moodle_grades.csv", "exams/moodle_grades_map.csv"}


def test_busy_warehouse_on_first_evaluation_skips_without_cursor(ws):
    from warehouse.connection import open_warehouse

    with open_warehouse(ws.db_path):
        pass  # create the file with its schema
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('locked', flush=True); time.sleep(60)", str(ws.db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        runs, skip, cursor = evaluate(ws)
        assert runs == [] and "being written" in skip and cursor is None
    finally:
        holder.kill()
        holder.wait()
    runs, skip, cursor = evaluate(ws)
    assert cursor is not None


def test_unreadable_cursor_starts_over(ws):
    drop(ws)
    runs, skip, cursor = evaluate(ws, cursor="not json")
    assert runs == [] and "waiting" in skip and json.loads(cursor)["v"] == 1
