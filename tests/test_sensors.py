"""The inbox sensor, evaluated with Dagster's sensor test context against a temporary workspace."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import pytest

from pipelines.dagster_yaml import write_dagster_yaml
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.sensors import SENSOR_INTERVAL_SECONDS, inbox_sensor
from pipelines.inbox_cursor import CURSOR_VERSION
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from warehouse.inbox import file_sha256

EXPORT = ("attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence\n"
          "m-1,2026-11-20 19:00,Tutorials Dojo,Q1,D1,1.1,TRUE,60,4\n")


@pytest.fixture
def ws(tmp_path):
    return create_workspace(tmp_path / "ws", Config(learner_id="sam"))


def evaluate(ws, cursor=None, instance=None):
    """One sensor evaluation; returns (run requests, skip message, new cursor)."""
    # The daemon enters the context the same way, so the resource's teardown runs after the tick.
    with dg.build_sensor_context(cursor=cursor, instance=instance or _instance(ws), resources={
            "warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as context:
        result = inbox_sensor(context)
    if isinstance(result, dg.SkipReason):
        return [], result.skip_message, cursor
    assert isinstance(result, dg.SensorResult)
    skip = result.skip_reason.skip_message if result.skip_reason else None
    return list(result.run_requests or []), skip, result.cursor


_INSTANCES: dict = {}
_TEMPLATE: list = []


def _instance(ws):
    """The workspace's own Dagster instance (its dagster.yaml, storage in its .dagster folder).

    Its storage is copied from one made once per session: creating the SQLite databases costs ~3 s."""
    if ws.root not in _INSTANCES:
        if not _TEMPLATE:
            home = Path(tempfile.mkdtemp(prefix="dagster-home-"))
            write_dagster_yaml(home)
            with dg.DagsterInstance.from_config(str(home)) as inst:
                inst.get_runs(limit=1)
                inst.event_log_storage.get_concurrency_info("warehouse")
                inst.all_instigator_state()
            _TEMPLATE.append(home)
        shutil.copytree(_TEMPLATE[0], ws.dagster_home, dirs_exist_ok=True)
        _INSTANCES[ws.root] = dg.DagsterInstance.from_config(str(ws.dagster_home))
    return _INSTANCES[ws.root]


def drop(ws, name="exams/mock-01.csv", text=EXPORT):
    path = ws.inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def submit(ws, request, status=dg.DagsterRunStatus.STARTED, tags=None):
    """What the sensor daemon does with a run request: a run of `refresh` tagged with its run key."""
    run = dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()), status=status,
                        tags={**request.tags, "dagster/run_key": request.run_key, **(tags or {})})
    return _instance(ws).add_run(run)


def finish(ws, run, success=True, loaded=(), rejected=()):
    """The run ends; the files it loaded or rejected are in the ledger (as the ingestion step writes them)."""
    from warehouse.connection import open_warehouse

    instance = _instance(ws)
    if success:
        instance.handle_new_event(dg.EventLogEntry(
            error_info=None, level="DEBUG", user_message="", run_id=run.run_id, timestamp=time.time(),
            dagster_event=dg.DagsterEvent(dg.DagsterEventType.RUN_SUCCESS.value, job_name="refresh")))
    else:
        instance.report_run_failed(run, "the warehouse was held by a notebook")
    with open_warehouse(ws.db_path) as con:
        for status, paths in (("loaded", loaded), ("rejected", rejected)):
            for path in paths:
                con.execute("INSERT INTO raw.file_events (run_id, learner_id, path, sha256, status, recorded_at) "
                            "VALUES (?, 'sam', ?, ?, ?, now())", [run.run_id, path, file_sha256(ws.inbox / path),
                                                                  status])


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
    assert json.loads(cursor)["asked"]["exams/mock-01.csv"][3] == file_sha256(ws.inbox / "exams/mock-01.csv")
    run = submit(ws, runs[0])
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and "is started" in skip and "exams/mock-01.csv" in skip
    finish(ws, run, loaded=["exams/mock-01.csv"])
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"
    assert json.loads(cursor)["seen"]["exams/mock-01.csv"][3] == file_sha256(ws.inbox / "exams/mock-01.csv")


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
    runs, _, cursor = evaluate(ws, cursor)
    finish(ws, submit(ws, runs[0]), loaded=["exams/mock-01.csv"])
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    _, _, cursor = evaluate(ws, cursor)
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"
    assert json.loads(cursor)["seen"]["exams/mock-01.csv"][1] == path.stat().st_mtime_ns


def test_an_edit_keeping_size_and_mtime_gets_a_run(ws):
    """`cp -p`, `rsync -t`, `touch -r`: one mark changed in the same size and the old mtime put back. The cursor
    kept size and mtime only, so the loaded file counted as handled and the edit waited for the next `run`."""
    _, _, cursor = evaluate(ws)
    path = drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    runs, _, cursor = evaluate(ws, cursor)
    finish(ws, submit(ws, runs[0]), loaded=["exams/mock-01.csv"])
    before = path.stat()
    path.write_text(EXPORT.replace(",60,", ",61,"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    _, _, cursor = evaluate(ws, cursor)
    edited, _, cursor = evaluate(ws, cursor)
    assert len(edited) == 1 and edited[0].run_key != runs[0].run_key
    assert json.loads(cursor)["asked"]["exams/mock-01.csv"][3] == file_sha256(path)

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
    with warehouse_held(ws):
        runs, skip, cursor = evaluate(ws)
        assert runs == [] and "being written" in skip and cursor is None
    runs, skip, cursor = evaluate(ws)
    assert cursor is not None


@pytest.mark.parametrize("kept", ["not json", json.dumps({"v": 2, "seen": {}, "pending": {}, "asked": {}})])
def test_unreadable_or_older_cursor_starts_over(ws, kept):
    drop(ws)
    runs, skip, cursor = evaluate(ws, cursor=kept)
    assert runs == [] and "waiting" in skip and json.loads(cursor)["v"] == CURSOR_VERSION == 3


def _ready(ws, cursor=None):
    """Drop the export and evaluate until the sensor asks for a run: (requests, cursor)."""
    _, _, cursor = evaluate(ws, cursor)
    drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    runs, _, cursor = evaluate(ws, cursor)
    assert len(runs) == 1
    return runs, cursor


def test_a_file_whose_run_failed_is_asked_for_again_after_a_back_off(ws, monkeypatch):
    """The run failed (a notebook held the warehouse): the file is not in the ledger, so a later tick
    asks for it again, with a new run key (Dagster would skip a key it has seen), until a run loads it."""
    import pipelines.defs.sensors as sensors

    runs, cursor = _ready(ws)
    finish(ws, submit(ws, runs[0]), success=False)
    again, skip, cursor = evaluate(ws, cursor)
    assert again == [] and "asked for again after a back-off" in skip and "exams/mock-01.csv" in skip
    monkeypatch.setattr(sensors, "RETRY_BASE_SECONDS", 0.0)
    again, _, cursor = evaluate(ws, cursor)
    assert len(again) == 1 and again[0].run_key != runs[0].run_key
    assert again[0].tags["examready/files"] == "exams/mock-01.csv"
    finish(ws, submit(ws, again[0]), loaded=["exams/mock-01.csv"])
    for _ in range(2):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and skip == "no new or changed inbox files"


def test_a_rejected_file_is_handled_until_it_changes(ws, monkeypatch):
    """A file rejected for its content is in the ledger as 'rejected': no run on every tick for it
    (whatever the run's outcome), but a new version of it is asked for."""
    import pipelines.defs.sensors as sensors

    monkeypatch.setattr(sensors, "RETRY_BASE_SECONDS", 0.0)
    runs, cursor = _ready(ws)
    finish(ws, submit(ws, runs[0]), success=False, rejected=["exams/mock-01.csv"])
    for _ in range(3):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and skip == "no new or changed inbox files"
    drop(ws, text=EXPORT.replace("TRUE", "FALSE"))
    os.utime(ws.inbox / "exams/mock-01.csv", ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    _, _, cursor = evaluate(ws, cursor)
    runs, _, _ = evaluate(ws, cursor)
    assert len(runs) == 1


def test_a_successful_run_handles_a_file_without_a_ledger_row(ws):
    """A renamed copy of a loaded file is reported `unchanged`, and the ledger gets no row for it: the
    run's success is what settles it, or it would be asked for forever."""
    runs, cursor = _ready(ws)
    finish(ws, submit(ws, runs[0]))
    for _ in range(2):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and skip == "no new or changed inbox files"


def test_no_run_while_one_is_in_progress_and_none_for_what_it_loaded(ws):
    """A file dropped while a run was starting: the sensor waits for that run, which loaded the file,
    and then asks for nothing (it used to launch a second run that found nothing new)."""
    _, _, cursor = evaluate(ws)
    other = submit(ws, dg.RunRequest(run_key="daily-2026-12-02", tags={"examready/trigger": "schedule"}),
                   status=dg.DagsterRunStatus.STARTING)
    drop(ws)
    for _ in range(3):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == []
    assert f"run {other.run_id[:8]} is starting" in skip and "exams/mock-01.csv" in skip
    finish(ws, other, loaded=["exams/mock-01.csv"])
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"


def test_a_file_loaded_by_the_cli_meanwhile_triggers_no_run(ws):
    """The cursor exists (the UI ran before); `examready run` loads a new file between two ticks:
    the ledger has it, so the UI asks for no run (it used to, for a run that found nothing new)."""
    _, _, cursor = evaluate(ws)
    drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    from tests.helpers_workspace import ingest

    assert {r.status for r in ingest(ws)} == {"loaded"}
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"


def test_warehouse_held_by_another_process_defers_the_request(ws):
    """A notebook holds the warehouse: asking for a run now would only fail; the sensor waits."""
    from warehouse.connection import open_warehouse

    _, _, cursor = evaluate(ws)
    drop(ws)
    _, _, cursor = evaluate(ws, cursor)
    with open_warehouse(ws.db_path):
        pass
    with warehouse_held(ws):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and "held by another process" in skip
    runs, _, _ = evaluate(ws, cursor)
    assert len(runs) == 1


def _given_up(ws, monkeypatch):
    """Drop the export and fail every run the sensor asks for it, until it stops asking: (skip, cursor)."""
    import pipelines.defs.sensors as sensors

    monkeypatch.setattr(sensors, "RETRY_BASE_SECONDS", 0.0)
    runs, cursor = _ready(ws)
    keys = []
    for _ in range(sensors.MAX_FAILED_RUNS):
        assert len(runs) == 1
        keys.append(runs[0].run_key)
        finish(ws, submit(ws, runs[0]), success=False)
        runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and len(set(keys)) == sensors.MAX_FAILED_RUNS == 5
    return skip, cursor


def test_a_file_is_not_asked_for_again_after_five_failed_runs_until_it_changes(ws, monkeypatch):
    """Every run for the file fails (the warehouse always held): after the 5th the sensor stops asking,
    and its skip message (the tick's line in the UI) says which file, the last run's error, and what now."""
    skip, cursor = _given_up(ws, monkeypatch)
    assert "exams/mock-01.csv" in skip and "not asked for again after 5 failed runs" in skip
    assert "the warehouse was held by a notebook" in skip and "`examready run`" in skip
    for _ in range(2):
        runs, again, cursor = evaluate(ws, cursor)
        assert runs == [] and again == skip
    drop(ws, text=EXPORT.replace("TRUE", "FALSE"))  # a new export of the attempt
    os.utime(ws.inbox / "exams/mock-01.csv", ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    _, _, cursor = evaluate(ws, cursor)
    runs, _, _ = evaluate(ws, cursor)
    assert len(runs) == 1


def test_a_file_given_up_on_is_settled_by_a_later_successful_run(ws, monkeypatch):
    """`examready run` then succeeds (for a renamed copy it writes no ledger row): the sensor says nothing more."""
    from pipelines.dagster_runs import cli_run_tags

    _, cursor = _given_up(ws, monkeypatch)
    cli = _instance(ws).add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                              status=dg.DagsterRunStatus.NOT_STARTED, tags=cli_run_tags()))
    _instance(ws).handle_new_event(dg.EventLogEntry(
        error_info=None, level="DEBUG", user_message="", run_id=cli.run_id, timestamp=time.time(),
        dagster_event=dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name="refresh")))
    finish(ws, cli)
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"
    assert "exams/mock-01.csv" in json.loads(cursor)["seen"]


def test_files_given_up_on_are_named_when_a_run_is_asked_for_others(ws, monkeypatch):
    """Another file arrives: its run is asked for, and the sensor logs why the first one is not in it."""
    import pipelines.defs.sensors as sensors

    _, cursor = _given_up(ws, monkeypatch)
    drop(ws, "exams/mock-02.csv", EXPORT.replace("m-1", "m-2"))
    _, _, cursor = evaluate(ws, cursor)
    ready, _, note = sensors.evaluate(ws.inbox, json.loads(cursor), _instance(ws),
                                      WarehouseResource(workspace_dir=str(ws.root)))
    assert list(ready) == ["exams/mock-02.csv"]
    assert "exams/mock-01.csv" in note and "not asked for again after 5 failed runs" in note
    runs, _, _ = evaluate(ws, cursor)
    assert [r.tags["examready/files"] for r in runs] == ["exams/mock-02.csv"]


@contextmanager
def warehouse_held(ws):
    """While inside: another process holds DuckDB's write lock on the warehouse (as `examready run` does)."""
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('locked', flush=True); time.sleep(120)", str(ws.db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()
