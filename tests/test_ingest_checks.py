"""The invariants behind the blocking asset checks: they pass on a real load and catch corruption."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers_workspace import ingest, new_workspace
from warehouse.connection import open_warehouse
from warehouse.integrity import expectation_outcomes, half_loaded_files, unaccounted_rows

BAD = Path(__file__).parent / "fixtures" / "bad"


@pytest.fixture
def loaded(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name in ("exams/out-of-range-summary.csv", "exams/duplicate-rows.csv", "hours/toggl-negative-overlap.csv"):
        (ws.inbox / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BAD / name, ws.inbox / name)
    reports = ingest(ws, run_id="r1")
    assert {r.status for r in reports} == {"loaded"}
    return ws


def test_a_real_load_satisfies_every_invariant(loaded):
    with open_warehouse(loaded.db_path, read_only=True) as con:
        assert half_loaded_files(con, "r1") == [] and unaccounted_rows(con, "r1") == []
        outcomes = expectation_outcomes(con, "r1")
    assert all(o["quarantined"] == o["to_hold"] and not o["failed_without_rows"] for o in outcomes)
    failing = {(o["table"], o["expectation"]) for o in outcomes if o["unexpected"]}
    assert {("domain_scores", "correct_at_most_total"), ("answers", "unique_within_file"),
            ("study_sessions", "no_overlap"), ("study_sessions", "minutes_in_range")} <= failing


def test_rows_without_their_ledger_row_are_caught(loaded):
    with open_warehouse(loaded.db_path) as con:
        con.execute("INSERT INTO raw.answers (load_id, learner_id, line, attempt_id) VALUES ('ghost', 'me', 2, 'x')")
        assert half_loaded_files(con, "r1") == [{"load_id": "ghost", "raw_rows_without_ledger_row": 1}]


def test_a_missing_raw_row_or_quarantine_row_is_caught(loaded):
    with open_warehouse(loaded.db_path) as con:
        con.execute("DELETE FROM raw.quarantine WHERE check_name = 'no_overlap'")
        assert [p["path"] for p in unaccounted_rows(con, "r1")] == ["hours/toggl-negative-overlap.csv"]
        assert any(o["quarantined"] != o["to_hold"] for o in expectation_outcomes(con, "r1"))
        con.execute("DELETE FROM raw.answers WHERE line = 2")
        assert [p["path"] for p in half_loaded_files(con, "r1")] == ["exams/duplicate-rows.csv"]
