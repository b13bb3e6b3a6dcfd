"""Rows held back as in the future: once their time has passed, the inbox sensor asks for a run (which
reads the file again, or counts them from raw when the file was removed), once; before that, its ticks
do not open the warehouse."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from pipelines.workspace import Workspace
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.test_sensors import drop, evaluate, finish, submit, warehouse_held


@pytest.fixture
def ws(tmp_path):
    return create_workspace(tmp_path / "ws", Config(learner_id="sam"))


def _export(ws, soon) -> None:
    """One past row, one at `soon`, one a month after it."""
    rows = [(soon - timedelta(hours=3), "D1", "true"), (soon, "D4", "true"), (soon + timedelta(days=30), "D2", "false")]
    drop(ws, "exams/m2.csv", "attempt_id,taken_at,question_id,domain,correct\n" + "".join(
        f"m2,{at:%Y-%m-%d %H:%M},{i},{domain},{correct}\n" for i, (at, domain, correct) in enumerate(rows, 1)))


def _ingest(ws):
    """What the run asked for does: the ingestion, by the workspace's clock (`Workspace.now`)."""
    from sources.blueprint import load_blueprint
    from warehouse.connection import open_warehouse
    from warehouse.ingest import ingest_inbox

    with open_warehouse(ws.db_path) as con:
        return ingest_inbox(con, ws.inbox, load_blueprint(ws.config.exam), "sam", "held-run", now=ws.now())


def _held_rows(ws) -> list[int]:
    """[rows held back in the file's latest load]."""
    import duckdb

    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return [r[0] for r in con.execute(  # quarantine entries of the file's latest load
            "SELECT count(*) FROM raw.quarantine WHERE load_id = (SELECT load_id FROM raw.file_events "
            "WHERE status IN ('loaded', 'replaced') ORDER BY recorded_at DESC LIMIT 1)").fetchall()]


def test_a_held_row_due_now_asks_for_one_run_and_ticks_before_do_not_open_the_warehouse(ws, monkeypatch, capsys):
    now = ws.now()
    _export(ws, now + timedelta(hours=1))
    assert [r.status for r in _ingest(ws)] == ["loaded"]
    runs, skip, cursor = evaluate(ws)
    assert runs == [] and "rows held back as in the future in 1 file(s) (exams/m2.csv): a run is asked for once " \
        f"{now + timedelta(hours=1):%Y-%m-%d %H:%M} has passed" in skip
    capsys.readouterr()
    with warehouse_held(ws):  # had a tick tried the held warehouse, it would say so and wait for the lock
        for _ in range(2):
            runs, again, cursor = evaluate(ws, cursor)
            assert runs == [] and again == skip
    assert "is in use by" not in capsys.readouterr().err

    later = now + timedelta(hours=1, minutes=1)
    monkeypatch.setattr(Workspace, "now", lambda self: later)
    runs, _, cursor = evaluate(ws, cursor)
    assert len(runs) == 1 and runs[0].tags["examready/files"] == "exams/m2.csv"
    again, _, cursor = evaluate(ws, cursor)  # not launched yet: the same key, which Dagster launches once
    assert [r.run_key for r in again] == [runs[0].run_key]
    run = submit(ws, runs[0])
    assert evaluate(ws, cursor)[0] == []  # in progress
    assert [(r.status, r.rows_loaded) for r in _ingest(ws)] == [("replaced", 2)]
    finish(ws, run)
    for _ in range(3):  # read again: only the row a month ahead is held back, and no run is asked for
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and f"once {now + timedelta(days=30, hours=1):%Y-%m-%d %H:%M} has passed" in skip
    assert json.loads(cursor)["held"]["until"] == {"exams/m2.csv": f"{now + timedelta(days=30, hours=1):%Y-%m-%dT%H:%M}:00"}


def test_a_removed_files_due_row_is_asked_for_again_after_a_failed_run_until_counted(ws, monkeypatch):
    """The file is no longer in the inbox: the run asked for counts the row from raw; a failed one is
    followed by another, with a new key, after the back-off."""
    import pipelines.defs.sensors as sensors

    monkeypatch.setattr(sensors, "RETRY_BASE_SECONDS", 0.0)
    now = ws.now()
    _export(ws, now + timedelta(hours=1))
    _ingest(ws)
    (ws.inbox / "exams" / "m2.csv").unlink()
    runs, _, cursor = evaluate(ws)
    assert runs == []
    monkeypatch.setattr(Workspace, "now", lambda self: now + timedelta(hours=1, minutes=1))
    first, _, cursor = evaluate(ws, cursor)
    assert [r.tags["examready/files"] for r in first] == ["exams/m2.csv"]
    finish(ws, submit(ws, first[0]), success=False)
    second, _, cursor = evaluate(ws, cursor)
    assert len(second) == 1 and second[0].run_key != first[0].run_key
    run = submit(ws, second[0])
    assert _held_rows(ws) == [2] and _ingest(ws) == [] and _held_rows(ws) == [1]
    finish(ws, run)
    for _ in range(2):
        runs, _, cursor = evaluate(ws, cursor)
        assert runs == []
