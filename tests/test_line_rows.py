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
    for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
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


def test_a_load_from_before_line_rows_still_holds_whole_lines(moodle):
    ws, _ = moodle
    with open_warehouse(ws.db_path) as con:  # as an older examready wrote it: no line_row anywhere
        con.execute("UPDATE raw.answers SET line_row = NULL; UPDATE raw.quarantine SET line_row = NULL")
        assert _staging_answers(con) == {2: 6, 3: 6}
        assert unaccounted_rows(con, "r1") == [{"path": "exams/moodle_grades.csv", "rows_in": 18, "rows_loaded": 17,
                                                "rows_quarantined": 1, "quarantine_rows": 6}]
