"""staging.answers holds back superseded exports and quarantined rows: the rows a join to
staging.answer_exports keeps (its definition before the view skipped that join), on re-exports,
quarantined rows, an export whose rows are all held back, a replaced file and rows without an attempt."""
from __future__ import annotations

import itertools

import pytest

from warehouse.connection import open_warehouse, read_sql

JOINED = """
SELECT a.learner_id, a.attempt_id, a.taken_at, a.provider, a.question_id, a.domain_id, a.task_id,
       a.service, coalesce(a.services, CASE WHEN a.service IS NOT NULL THEN [a.service] END) AS services,
       a.service_label, a.correct, a.seconds, a.confidence, a.source, a.load_id, a.line, a.line_row
FROM raw.answers a
JOIN staging.answer_exports USING (learner_id, attempt_id, load_id)
ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q
  ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
"""
# (load, learner, path, status, minute recorded): L4 replaced L3's file, so L3 is not current
LOADS = [("L1", "me", "exams/a.csv", "loaded", 1), ("L2", "me", "exams/b.csv", "loaded", 2),
         ("L3", "me", "exams/c.csv", "loaded", 3), ("L4", "me", "exams/c.csv", "replaced", 4),
         ("L5", "me", "exams/cohort.csv", "loaded", 5)]
# (load, learner, attempt, questions): m1 re-exported in L2; m2's rows in L2 all quarantined;
# m3 in a replaced file and its replacement; L5 a cohort file with two learners and rows without attempt
ANSWERS = [("L1", "me", "m1", 3), ("L2", "me", "m1", 2), ("L1", "me", "m2", 2), ("L2", "me", "m2", 2),
           ("L3", "me", "m3", 2), ("L4", "me", "m3", 3), ("L5", "ann", "m1", 2), ("L5", "bob", "m1", 2),
           ("L5", "bob", None, 2), ("L1", "me", None, 1)]
QUARANTINED = [("L2", 3), ("L2", 4), ("L1", 2), ("L5", 1)]  # (load, line): both of m2's rows in L2


@pytest.fixture
def con(tmp_path):
    with open_warehouse(tmp_path / "w.duckdb") as con:
        for load, learner, path, status, minute in LOADS:
            con.execute("INSERT INTO raw.file_events (run_id, load_id, learner_id, path, sha256, status, recorded_at) "
                        "VALUES ('r', ?, ?, ?, 'x', ?, TIMESTAMP '2026-01-01' + to_minutes(?))",
                        [load, learner, path, status, minute])
        lines = {load: itertools.count(1) for load, *_ in LOADS}
        for load, learner, attempt, questions in ANSWERS:
            for q in range(questions):
                con.execute("INSERT INTO raw.answers (load_id, learner_id, line, attempt_id, question_id, correct, "
                            "source, domain_id) VALUES (?, ?, ?, ?, ?, ?, 'mock', 1)",
                            [load, learner, next(lines[load]), attempt, f"q{q}", q % 2 == 0])
        for load, line in QUARANTINED:
            con.execute("INSERT INTO raw.quarantine (load_id, learner_id, path, table_name, line, check_name, reason) "
                        "VALUES (?, 'me', 'p', 'answers', ?, 'c', 'r')",
                        [load, line])
        for model in ("current_loads", "answer_exports", "answers"):
            con.execute(read_sql(f"staging/{model}.sql"))
        yield con


def test_the_view_keeps_the_rows_the_join_to_answer_exports_keeps(con):
    got = con.execute("SELECT * FROM staging.answers ORDER BY ALL").fetchall()
    assert got == con.execute(JOINED + " ORDER BY ALL").fetchall()
    kept = {(load, attempt) for _, attempt, *_, load, _, _ in got}
    assert kept == {("L2", "m1"), ("L1", "m2"), ("L4", "m3"), ("L5", "m1")}


def test_superseded_exports_are_the_other_current_loads_of_an_attempt(con):
    """... with the platform of the rows held back ('': no provider)."""
    assert con.execute("SELECT * FROM staging.superseded_exports ORDER BY ALL").fetchall() == [("me", "m1", "L1", "")]
    assert con.execute("SELECT * FROM staging.answer_exports WHERE attempt_id IS NOT NULL ORDER BY ALL").fetchall() \
        == [("ann", "m1", "L5"), ("bob", "m1", "L5"), ("me", "m1", "L2"), ("me", "m2", "L1"), ("me", "m3", "L4")]
