"""Two exports pasted into one file: the header repeated mid-file is held back and names no learner. Its
cells ('Email', 'User') were read as a person, which made a learner's own export a team export (its
entries held back as naming no one, or stored under the one email the rows carry) (exploratory probe)."""
from __future__ import annotations

import duckdb

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_bulk_ingest import _both_paths as both_answer_paths
from tests.test_bulk_ingest import messy_csv
from tests.test_bulk_sessions import TOGGL, _both_paths as both_session_paths, messy_export
from warehouse import validation

CLOCKIFY = ("Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,"
            "End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)")
CLOCKIFY_ROWS = [
    "DEA-C01,,Kinesis,Domain 1,Alex,,,,No,2026-11-03,08:00:00,2026-11-03,08:30:00,00:30:00,0.50,0.00,0.00",
    "DEA-C01,,Glue,Domain 1,Alex,,,,No,2026-11-04,08:00:00,2026-11-04,08:30:00,00:30:00,0.50,0.00,0.00"]
TOGGL_HEADER = ",".join(TOGGL)
TOGGL_ROWS = [
    "Alex,a@x.org,,DEA-C01,Domain 1,Kinesis streams,No,2026-11-03,08:00:00,2026-11-03,08:30:00,00:30:00,,",
    "Alex,a@x.org,,DEA-C01,Domain 1,Glue jobs,No,2026-11-04,08:00:00,2026-11-04,09:00:00,01:00:00,,"]
EXAM_HEADER = "Email,Exam,Date,Question,Domain,Correct"
EXAM_ROWS = ["a@x.org,mock-1,2026-11-03,Q1,Domain 1,yes", "a@x.org,mock-1,2026-11-03,Q2,Domain 2,no",
             "b@x.org,mock-1,2026-11-03,Q1,Domain 1,no"]


def _pasted(header: str, rows: list[str]) -> str:
    """Two exports in one file: the header, the first row, the header again, the other rows."""
    return "\n".join([header, rows[0], header, *rows[1:]]) + "\n"


def _workspace(tmp_path, name: str, kind: str, file: str, text: str):
    ws = new_workspace(tmp_path / name)
    (ws.inbox / kind / file).write_text(text)
    report = run_json("run", "-w", str(ws.root))["files"][0]
    return ws, report


def _rows(ws, sql: str) -> list[tuple]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute(sql).fetchall()


SESSIONS = ("SELECT learner_id, started_at, minutes, description FROM raw.study_sessions WHERE started_at IS NOT NULL "
            "ORDER BY started_at")  # raw keeps every row: the held-back header too


def test_a_repeated_header_in_a_clockify_export_leaves_its_entries_the_workspace_learners(tmp_path):
    ws, report = _workspace(tmp_path, "pasted", "hours", "clockify.csv", _pasted(CLOCKIFY, CLOCKIFY_ROWS))
    assert (report["rows_in"], report["rows_loaded"], report["rows_quarantined"]) == (3, 2, 1)
    held = _rows(ws, "SELECT DISTINCT line, check_name FROM raw.quarantine")
    assert {line for line, _ in held} == {3} and "learner_named" not in {c for _, c in held}
    assert {r[0] for r in _rows(ws, "SELECT learner_id FROM raw.study_sessions")} == {"me"}
    inspected = run_cli("inspect", "-w", str(ws.root), str(ws.inbox / "hours" / "clockify.csv")).stdout
    assert "one person named (Alex): a learner's own export, every row is the workspace's learner's" in inspected


def test_a_toggl_export_naming_one_email_stores_as_without_the_repeated_header(tmp_path):
    ws, report = _workspace(tmp_path, "pasted", "hours", "toggl.csv", _pasted(TOGGL_HEADER, TOGGL_ROWS))
    plain, plain_report = _workspace(tmp_path, "plain", "hours", "toggl.csv",
                                     "\n".join([TOGGL_HEADER, *TOGGL_ROWS]) + "\n")
    assert (report["rows_in"], report["rows_loaded"], report["rows_quarantined"]) == (3, 2, 1)
    assert plain_report["rows_loaded"] == 2
    stored = _rows(ws, SESSIONS)
    assert stored == _rows(plain, SESSIONS) and {r[0] for r in stored} == {"me"}
    assert _rows(ws, "SELECT line, check_name FROM raw.quarantine") == [(3, "cells_match_header")]  # that alone
    inspected = run_cli("inspect", "-w", str(ws.root), str(ws.inbox / "hours" / "toggl.csv")).stdout
    assert "learners: one person named (a@x.org): a learner's own export" in inspected and "Email" not in inspected


def test_a_per_question_export_with_its_header_repeated_names_only_its_learners(tmp_path):
    blueprint = load_blueprint("DEA-C01")
    path = tmp_path / "class.csv"
    path.write_text(_pasted(EXAM_HEADER, EXAM_ROWS))
    from examready.inspect import inspect_file

    learners = inspect_file(path, blueprint)["learners"]
    assert (learners["count"], learners["examples"], learners["rows_naming_none"]) == (2, ["a@x.org", "b@x.org"], 0)
    _, tables = parse_file(path)
    assert tables["answers"]["learner_id"].isna().sum() == 1  # the header again: no one
    ws, report = _workspace(tmp_path, "class", "exams", "class.csv", _pasted(EXAM_HEADER, EXAM_ROWS))
    assert report["rows_in"] == 4 and report["rows_in"] == report["rows_loaded"] + report["rows_quarantined"]
    assert {r[0] for r in _rows(ws, "SELECT learner_id FROM raw.answers WHERE line <> 3")} == {"a@x.org", "b@x.org"}
    assert not _rows(ws, "SELECT * FROM raw.quarantine WHERE check_name = 'learner_named'")
    assert {r[0] for r in _rows(ws, "SELECT DISTINCT line FROM raw.quarantine")} == {3}


def test_large_exports_with_a_repeated_header_read_as_on_the_pandas_path(tmp_path, monkeypatch, capsys):
    """The bulk paths leave such a file to the pandas path (csvfast's reader for a large one), which
    leaves the header out of learner detection: both store the same."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "toggl.csv", TOGGL, ["Sam Learner"], rows=300)
    lines = csv.read_text().splitlines()
    csv.write_text("\n".join([*lines[:150], lines[0], *lines[150:]]) + "\n")
    (tmp_path / "sessions").mkdir()
    report, taken = both_session_paths(tmp_path / "sessions", monkeypatch, csv)
    assert taken == [] and "repeats the header" in capsys.readouterr().err
    assert report.rows_in == 301
    with duckdb.connect(str(tmp_path / "sessions" / "bulk.duckdb"), read_only=True) as con:
        assert con.execute("SELECT DISTINCT learner_id FROM raw.study_sessions").fetchall() == [("me",)]
        assert not con.execute("SELECT * FROM raw.quarantine WHERE check_name = 'learner_named'").fetchall()

    from sources import csvfast

    monkeypatch.setattr(csvfast, "FAST_MIN_BYTES", 0)  # the pandas path's reader of large files
    csv = messy_csv(tmp_path / "cohort.csv", rows=400)
    lines = csv.read_text().splitlines()
    csv.write_text("\n".join([*lines[:200], lines[0], *lines[200:]]) + "\n")
    (tmp_path / "answers").mkdir()
    db, report = both_answer_paths(tmp_path / "answers", csv, monkeypatch)
    assert "repeats the header" in capsys.readouterr().err
    with duckdb.connect(str(db), read_only=True) as con:
        ids = {r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.answers").fetchall()}
        flagged = con.execute("SELECT count(*) FROM raw.quarantine WHERE check_name = 'learner_named' "
                              "AND line = 202").fetchall()[0][0]
    assert "Student" not in ids and {"ana", "ben", "cleo"} <= ids and flagged == 0


def test_two_bom_exports_joined_hold_the_second_header_as_a_repeat(tmp_path):
    """`cat week1.csv week2.csv`: each Toggl export starts with a BOM, so the second header's first cell is
    '\\ufeffUser'. It is the header repeated all the same: before, its 'Email' cell named a second person, and the
    learner's own entries were stored under their email, not the workspace's learner."""
    export = "\ufeff" + TOGGL_HEADER + "\n" + TOGGL_ROWS[0] + "\n"
    path = tmp_path / "toggl.csv"
    path.write_bytes((export + "\ufeff" + TOGGL_HEADER + "\n" + TOGGL_ROWS[1] + "\n").encode("utf-8"))
    _, tables = parse_file(path)
    sessions = tables["study_sessions"]
    assert sessions["line"].tolist() == [2, 3, 4]
    assert sessions["cells"].iloc[1].startswith("the row repeats the header (line 1)")
    assert "learner_id" not in sessions.columns or sessions["learner_id"].isna().all()
