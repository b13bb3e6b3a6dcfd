"""Rows held back as in the future, due now, whose runs all fail: after 5 failed runs the inbox sensor asks
for none again, and its skip message says which file, that its runs failed (the last one's error), and what
counts the rows instead; the cursor keeps only what the next tick needs."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from pipelines.workspace import Workspace
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.test_sensor_held import _export, _ingest
from tests.test_sensors import evaluate, finish, submit


@pytest.fixture
def ws(tmp_path):
    return create_workspace(tmp_path / "ws", Config(learner_id="sam"))


def test_due_held_rows_whose_runs_all_fail_are_given_up_on_by_name(ws, monkeypatch):
    import pipelines.defs.sensors as sensors

    monkeypatch.setattr(sensors, "RETRY_BASE_SECONDS", 0.0)
    now = ws.now()
    _export(ws, now + timedelta(hours=1))
    _ingest(ws)
    _, _, cursor = evaluate(ws)
    monkeypatch.setattr(Workspace, "now", lambda self: now + timedelta(hours=1, minutes=1))
    runs, _, cursor = evaluate(ws, cursor)
    keys = []
    for _ in range(sensors.MAX_FAILED_RUNS):
        assert len(runs) == 1 and runs[0].tags["examready/files"] == "exams/m2.csv"
        keys.append(runs[0].run_key)
        finish(ws, submit(ws, runs[0]), success=False)
        runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and len(set(keys)) == 5
    assert "exams/m2.csv" in skip and "not asked for again after 5 failed runs" in skip, skip
    assert "the warehouse was held by a notebook" in skip and "`examready run`" in skip, skip
    assert "a run was asked for them" not in skip, skip  # before: said though none was
    for _ in range(2):
        again, same, cursor = evaluate(ws, cursor)
        assert again == [] and same == skip
    assert _ingest(ws)[0].status == "replaced"  # `examready run` counts them: nothing due, nothing said
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and "failed runs" not in skip and "has passed" in skip, skip
    assert json.loads(cursor)["held"]["asked"] == {}
    assert str(ws.db_path) not in cursor and len(json.loads(cursor)["held"]["warehouse"]) == 16  # a digest
