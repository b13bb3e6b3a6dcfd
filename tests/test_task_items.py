"""Questions numbered within each task (a file with a task column, with or without a domain column) on both
paths: each task's Q1 is its own question, neither a retake (a sitting split) nor a duplicate held back."""
from __future__ import annotations

import duckdb
import pytest

from tests.test_bulk_ingest import _both_paths

TASKS = ["Task 1.1", "Task 1.2", "Task 1.3", "Task 2.1"]  # three tasks of domain 1: one mapped domain
BY_TASK = "".join(f"TD 1,2026-03-14,{q},{t},{'true' if q % 2 else 'false'}\n" for t in TASKS for q in range(1, 6))
WITH_DOMAIN = "".join(f"TD 1,2026-03-14,{q},D{t[5]},{t},true\n" for t in TASKS for q in range(1, 6))


@pytest.mark.parametrize("header, body, attempts", [
    # a set named by the file's Exam column, all on one day: one sitting of 20 answers
    ("Exam,Date,Question,Task,Correct", BY_TASK, [("TD 1 2026-03-14", 20)]),
    # ... sat twice that day (dates alone): each (task, question) again begins the second sitting
    ("Exam,Date,Question,Task,Correct", BY_TASK * 2, [("TD 1 2026-03-14", 20), ("TD 1 2026-03-14 (2)", 20)]),
    # no set column: the file is the set, the same rule
    ("Date,Question,Task,Correct", BY_TASK.replace("TD 1,", ""), [("td", 20)]),
    # an attempt column, kept as written: no sittings, and no answer held back as a duplicate
    ("Attempt,Date,Question,Task,Correct", BY_TASK, [("TD 1", 20)]),
    # a domain column beside the task column: numbers restarting in each task of a domain repeat nothing either
    ("Exam,Date,Question,Domain,Task,Correct", WITH_DOMAIN, [("TD 1 2026-03-14", 20)]),
])
def test_task_numbered_questions_on_both_paths(tmp_path, monkeypatch, header, body, attempts):
    csv = tmp_path / "td.csv"
    csv.write_text(header + "\n" + body)
    db, report = _both_paths(tmp_path, csv, monkeypatch)  # asserts the same report and raw rows on both
    with duckdb.connect(str(db), read_only=True) as con:
        got = con.execute("SELECT attempt_id, count(*) FROM raw.answers GROUP BY 1 ORDER BY 1").fetchall()
        held = con.execute("SELECT line, reason FROM raw.quarantine ORDER BY 1").fetchall()
    assert (got, held) == (attempts, [])


def test_the_same_task_and_question_twice_is_still_a_duplicate_on_both_paths(tmp_path, monkeypatch):
    """The key is the mapped task: 'Task 1.2' and '1.2' are one task, so its Q1 under both is a repeat."""
    csv = tmp_path / "td.csv"
    csv.write_text("Attempt,Date,Question,Task,Correct\nTD 1,2026-03-14,1,Task 1.2,true\n"
                   "TD 1,2026-03-14,1,Task 1.1,true\nTD 1,2026-03-14,1,1.2,false\n")
    db, report = _both_paths(tmp_path, csv, monkeypatch)
    with duckdb.connect(str(db), read_only=True) as con:
        held = con.execute("SELECT line, reason FROM raw.quarantine ORDER BY 1").fetchall()
    assert held == [(4, "duplicate of line 2")]
