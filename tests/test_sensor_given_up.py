"""A tick whose only files to look at are ones the inbox sensor gave up on (5 failed runs) decides
from its cursor and the files' size and mtime: it does not open the warehouse, which a writer such as
`examready run` may hold, unless the warehouse changed since the sensor last read the ledger."""
from __future__ import annotations

import json
import os
import time
import uuid

import dagster as dg
import pytest

from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.test_sensors import EXPORT, _given_up, _instance, drop, evaluate, finish, warehouse_held


@pytest.fixture
def ws(tmp_path):
    return create_workspace(tmp_path / "ws", Config(learner_id="sam"))


def test_a_tick_with_only_files_given_up_on_does_not_open_the_warehouse(ws, monkeypatch, capsys):
    skip, cursor = _given_up(ws, monkeypatch)
    capsys.readouterr()
    with warehouse_held(ws):
        for _ in range(2):  # had it tried the held warehouse, it would say so and wait for the lock
            runs, again, cursor = evaluate(ws, cursor)
            assert runs == [] and again == skip and "held by another process" not in again
        assert "is in use by" not in capsys.readouterr().err
        drop(ws, text=EXPORT.replace("TRUE", "FALSE"))  # a new export: the ledger is looked up again
        os.utime(ws.inbox / "exams/mock-01.csv", ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
        _, _, cursor = evaluate(ws, cursor)
        runs, again, cursor = evaluate(ws, cursor)
        assert runs == [] and "held by another process" in again
    runs, _, _ = evaluate(ws, cursor)
    assert len(runs) == 1


def test_a_file_given_up_on_is_settled_when_a_failed_run_still_loaded_it(ws, monkeypatch):
    """`examready run` loads the file and fails in a later step: the warehouse changed, so the sensor
    reads the ledger again and the file is handled."""
    from pipelines.dagster_runs import cli_run_tags

    skip, cursor = _given_up(ws, monkeypatch)
    assert json.loads(cursor)["given_up"]["files"] == ["exams/mock-01.csv"]
    cli = _instance(ws).add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                              status=dg.DagsterRunStatus.STARTED, tags=cli_run_tags()))
    finish(ws, cli, success=False, loaded=["exams/mock-01.csv"])
    runs, again, cursor = evaluate(ws, cursor)
    assert runs == [] and again == "no new or changed inbox files"
    assert "exams/mock-01.csv" in json.loads(cursor)["seen"] and "given_up" not in json.loads(cursor)


def test_a_later_successful_run_settles_a_file_given_up_on_without_the_warehouse(ws, monkeypatch):
    """A run that started after the last failure succeeded (run storage says so): the file is handled,
    even while another process holds the warehouse."""
    from pipelines.dagster_runs import cli_run_tags

    _, cursor = _given_up(ws, monkeypatch)
    instance = _instance(ws)
    cli = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                         status=dg.DagsterRunStatus.NOT_STARTED, tags=cli_run_tags()))
    for event in (dg.DagsterEventType.RUN_START, dg.DagsterEventType.RUN_SUCCESS):
        instance.handle_new_event(dg.EventLogEntry(
            error_info=None, level="DEBUG", user_message="", run_id=cli.run_id, timestamp=time.time(),
            dagster_event=dg.DagsterEvent(event.value, job_name="refresh")))
    with warehouse_held(ws):
        runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip == "no new or changed inbox files"
    assert "exams/mock-01.csv" in json.loads(cursor)["seen"] and "given_up" not in json.loads(cursor)
