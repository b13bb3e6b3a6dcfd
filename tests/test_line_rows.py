"""Rows that share an input line (a Moodle attempt holds every question) are held back one by one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers_workspace import ingest, new_workspace
from warehouse.connection import open_warehouse, read_sql
from warehouse.integrity import expectation_outcomes, half_loaded_files, unaccounted_rows

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def _staging_answers(con) -> dict[int, int]:
    """Rebuild staging.answers from raw as the pipeline does; answers per Moodle line."""
    for model in ("staging/current_loads.sql", "staging/answers.sql"):
        con.execute(read_sql(model))
    return dict(con.execute("SELECT line, count(*) FROM staging.answers GROUP BY line").fetchall())


@pytest.fixture
def moodle(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name in ("moodle_grades.csv", "moodle_grades_map.csv"):
        shutil.copy(INPUTS / name, ws.inbox / "exams" / name)
    reports = {r.path: r for r in ingest(ws, run_id="r1")}
    return ws, reports["exams/moodle_grades.csv"]


def test_an_ungraded_question_holds_back_only_its_own_row(moodle):
    ws, report = moodle
    # 3 finished attempts x 6 questions; Sam's question 6 says "Requires grading"
    assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (18, 17, 1)
    with open_warehouse(ws.db_path) as con:
        held = con.execute("SELECT line, line_row, check_name, json_extract_string(row_json, '$.question_id') "
                           "FROM raw.quarantine").fetchall()
        assert held == [(4, 5, "correct_not_null", "6")]
        assert _staging_answers(con) == {2: 6, 3: 6, 4: 5}
        assert half_loaded_files(con, "r1") == [] and unaccounted_rows(con, "r1") == []
        outcomes = {o["expectation"]: o for o in expectation_outcomes(con, "r1") if o["table"] == "answers"}
    assert outcomes["correct_not_null"]["quarantined"] == outcomes["correct_not_null"]["to_hold"] == 1


def test_a_quarantine_entry_from_before_line_rows_still_holds_its_whole_line(moodle):
    ws, _ = moodle
    with open_warehouse(ws.db_path) as con:
        load_id = con.execute("SELECT load_id FROM raw.quarantine").fetchone()[0]
        con.execute("INSERT INTO raw.quarantine (load_id, learner_id, path, table_name, line, check_name, reason) "
                    "VALUES (?, 'me', 'exams/moodle_grades.csv', 'answers', 2, 'old_check', 'held by line')",
                    [load_id])
        assert _staging_answers(con) == {3: 6, 4: 5}
