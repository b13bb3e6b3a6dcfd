"""A warehouse loaded by an older version's reading rules is read once more by the current ones:
its files' new rows replace the old, nothing counts twice, and the next run finds them unchanged."""
from __future__ import annotations

from datetime import datetime

import duckdb

from tests.helpers_workspace import ingest, new_workspace
from warehouse.connection import open_warehouse, read_sql
from warehouse.ledger import READING_RULES

HEADER = "Date,Question,Domain,Correct\n"


def staged_attempts(db_path) -> list[tuple]:
    with open_warehouse(db_path) as con:
        for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
            con.execute(read_sql(model))
        return con.execute("SELECT attempt_id, count(*) FROM staging.answers GROUP BY 1 ORDER BY 1").fetchall()


def as_an_older_version_left_it(db_path) -> None:
    """What the version before READING_RULES 2 wrote for two same-named files in two folders: both
    rows under the file stem as attempt id (the second 'replaced' the first), and no rules recorded."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("UPDATE raw.answers SET attempt_id = 'practice-1'")
        con.execute("UPDATE raw.file_events SET rules = NULL")


def test_files_read_by_older_rules_are_read_again_once(tmp_path, capfd):
    ws = new_workspace(tmp_path / "ws")
    for folder, mark in (("udemy", "true"), ("tdojo", "false")):
        (ws.inbox / "exams" / folder).mkdir()
        (ws.inbox / "exams" / folder / "practice-1.csv").write_text(
            HEADER + "".join(f"2026-03-01,q{i},Domain 1,{mark}\n" for i in range(5)))
    ingest(ws, "r1")
    as_an_older_version_left_it(ws.db_path)
    assert staged_attempts(ws.db_path) == [("practice-1", 5)]  # the old state: one file's mock lost
    capfd.readouterr()
    again = {r.path: r.status for r in ingest(ws, "r2")}
    assert again == {"exams/tdojo/practice-1.csv": "replaced", "exams/udemy/practice-1.csv": "replaced"}
    assert capfd.readouterr().err.count("read again: this version of examready reads it by newer rules") == 2
    assert staged_attempts(ws.db_path) == [("tdojo/practice-1", 5), ("udemy/practice-1", 5)]
    assert {r.status for r in ingest(ws, "r3")} == {"unchanged"}
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        rules = con.execute("SELECT DISTINCT rules FROM raw.file_events WHERE run_id = 'r2'").fetchall()
    assert rules == [(READING_RULES,)]


def test_a_file_loaded_by_the_current_rules_is_not_read_again(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock.csv").write_text(HEADER + "2026-03-01,q1,Domain 1,true\n")
    assert [r.status for r in ingest(ws, "r1")] == ["loaded"]
    assert [r.status for r in ingest(ws, "r2")] == ["unchanged"]
    assert staged_attempts(ws.db_path) == [("mock", 1)]


def test_a_removed_file_read_by_older_rules_is_named_with_what_to_do(tmp_path, capfd):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "quiz.csv").write_text(HEADER + "2026-03-01,q1,Domain 1,true\n")
    ingest(ws, "r1")
    as_an_older_version_left_it(ws.db_path)
    (ws.inbox / "exams" / "quiz.csv").unlink()
    capfd.readouterr()
    ingest(ws, "r2")
    err = capfd.readouterr().err
    assert "exams/quiz.csv is no longer in the inbox and still counts as an older version" in err
    assert "`examready forget exams/quiz.csv`" in err


def test_a_renamed_file_read_by_older_rules_is_read_again_under_its_new_name(tmp_path, capfd):
    """Before (session 34's bug hunt): the renamed content was 'unchanged' under its old name for good, the old rows
    kept counting, and the run said both that the old name 'still counts as an older version read it' and that it
    'was renamed … counts once'."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "udemy").mkdir()
    (ws.inbox / "exams" / "udemy" / "practice-1.csv").write_text(
        HEADER + "".join(f"2026-03-01,q{i},Domain 1,true\n" for i in range(5)))
    ingest(ws, "r1")
    (ws.inbox / "exams" / "udemy" / "practice-1.csv").rename(ws.inbox / "exams" / "udemy" / "practice-one.csv")
    assert [r.status for r in ingest(ws, "r2")] == ["unchanged"]  # counts once, under the old name
    as_an_older_version_left_it(ws.db_path)
    capfd.readouterr()
    assert [(r.path, r.status) for r in ingest(ws, "r3")] == [("exams/udemy/practice-one.csv", "loaded")]
    err = capfd.readouterr().err
    assert ("exams/udemy/practice-1.csv was renamed to exams/udemy/practice-one.csv and an older version of "
            "examready read it: this run reads it again by this version's rules, under its new name") in err
    assert "still counts as an older version" not in err
    assert staged_attempts(ws.db_path) == [("udemy/practice-one", 5)]  # by the current rules, once
    assert [r.status for r in ingest(ws, "r4")] == ["unchanged"]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT path, rules FROM raw.file_events WHERE run_id = 'r3' ORDER BY path").fetchall() \
            == [("exams/udemy/practice-1.csv", READING_RULES), ("exams/udemy/practice-one.csv", READING_RULES)]


def as_rules_2_left_a_kinesis_only_question(db_path) -> None:
    """What READING_RULES 2 did with a question whose only label is 'Kinesis' (no domain): held it
    back as matching no exam domain (before 9e374b2)."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("""INSERT INTO raw.quarantine (load_id, learner_id, path, table_name, line, column_name,
                           check_name, reason, line_row)
                       SELECT a.load_id, a.learner_id, f.path, 'answers', a.line, 'domain_id', 'domain_id_not_null',
                              'label ''(blank)'' matches no exam domain', a.line_row
                       FROM raw.answers a JOIN raw.file_events f USING (load_id)
                       WHERE a.service_label = 'Kinesis'""")
        con.execute("UPDATE raw.file_events SET rules = 2")


def test_a_question_held_back_by_rules_2_counts_once_read_by_the_current_rules(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock.csv").write_text(
        "attempt_id,taken_at,question_id,domain,service,correct\n"
        "m1,2026-03-01 10:00,q1,,Kinesis,true\nm1,2026-03-01 10:01,q2,Domain 1,AWS Glue,true\n")
    ingest(ws, "r1")
    as_rules_2_left_a_kinesis_only_question(ws.db_path)
    assert staged_attempts(ws.db_path) == [("m1", 1)]  # the old state: the Kinesis question held back
    assert [r.status for r in ingest(ws, "r2")] == ["replaced"]
    assert staged_attempts(ws.db_path) == [("m1", 2)]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged"]


def as_rules_3_left_labels_of_several_services(db_path) -> None:
    """What READING_RULES 3 wrote for 'Athena; S3' and 'Kinesis, Glue' (before raw.answers.services): no
    service for the first (listed apart), AWS Glue alone for the second."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("UPDATE raw.answers SET services = NULL, "
                    "service = CASE WHEN service_label = 'Kinesis, Glue' THEN 'AWS Glue' END")
        con.execute("UPDATE raw.file_events SET rules = 3")


def staged_services(db_path) -> list[tuple]:
    staged_attempts(db_path)
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT service_label, services FROM staging.answers ORDER BY line").fetchall()


def test_labels_naming_several_services_count_for_each_once_read_by_the_current_rules(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock.csv").write_text(
        "attempt_id,taken_at,question_id,domain,service,correct\n"
        'm1,2026-03-01 10:00,q1,,"Kinesis, Glue",true\nm1,2026-03-01 10:01,q2,,Athena; S3,true\n')
    ingest(ws, "r1")
    as_rules_3_left_labels_of_several_services(ws.db_path)
    assert staged_services(ws.db_path) == [("Kinesis, Glue", ["AWS Glue"]), ("Athena; S3", None)]  # the old state
    assert [r.status for r in ingest(ws, "r2")] == ["replaced"]
    assert staged_services(ws.db_path) == [("Kinesis, Glue", ["AWS Glue"]), ("Athena; S3", ["Amazon Athena", "Amazon S3"])]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged"]


def as_rules_6_held_blank_question_ids_as_duplicates(db_path) -> None:
    """What READING_RULES 6 did with answers of one attempt without a question id: held each after the
    first back as its duplicate ('duplicate of line 2': blanks compared equal)."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("""INSERT INTO raw.quarantine (load_id, learner_id, path, table_name, line, column_name,
                           check_name, reason, line_row)
                       SELECT a.load_id, a.learner_id, f.path, 'answers', a.line, 'attempt_id,question_id',
                              'unique_within_file', 'duplicate of line 2', a.line_row
                       FROM raw.answers a JOIN raw.file_events f USING (load_id)
                       WHERE a.question_id IS NULL AND a.line > 2""")
        con.execute("UPDATE raw.file_events SET rules = 6")


def test_answers_without_a_question_id_count_once_read_by_the_current_rules(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock.csv").write_text(
        HEADER + "".join(f"2026-03-01,,Domain 1,{mark}\n" for mark in ("true", "false", "true")))
    ingest(ws, "r1")
    assert staged_attempts(ws.db_path) == [("mock", 3)]
    as_rules_6_held_blank_question_ids_as_duplicates(ws.db_path)
    assert staged_attempts(ws.db_path) == [("mock", 1)]  # the old state: the second and third held back
    assert [r.status for r in ingest(ws, "r2")] == ["replaced"]
    assert staged_attempts(ws.db_path) == [("mock", 3)]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged"]


def test_a_file_read_again_by_newer_rules_keeps_its_place_behind_a_later_export_of_the_attempt(tmp_path):
    """b.csv has attempt x; a.csv, a later re-export of x (other answers), is loaded next. Both read by
    older rules, the next run reads them again in name order, a.csv first: a.csv still counts for x."""
    ws = new_workspace(tmp_path / "ws")
    header = "attempt_id,taken_at,question_id,domain,correct\n"
    (ws.inbox / "exams" / "b.csv").write_text(f"{header}x,2026-03-01 10:00,1,D1,true\nx,2026-03-01 10:01,2,D4,true\n")
    ingest(ws, "r1")
    (ws.inbox / "exams" / "a.csv").write_text(f"{header}x,2026-03-01 10:00,1,D1,false\nx,2026-03-01 10:01,2,D4,false\n")
    assert {r.path: r.status for r in ingest(ws, "r2")} == {"exams/a.csv": "replaced", "exams/b.csv": "unchanged"}
    with duckdb.connect(str(ws.db_path)) as con:
        con.execute("UPDATE raw.file_events SET rules = ?", [READING_RULES - 1])
    assert {r.path: r.status for r in ingest(ws, "r3")} == {"exams/a.csv": "replaced", "exams/b.csv": "replaced"}
    assert staged_attempts(ws.db_path) == [("x", 2)]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        counted = con.execute("SELECT question_id, correct FROM staging.answers ORDER BY ALL").fetchall()
    assert counted == [("1", False), ("2", False)]  # a.csv's: exported after b.csv


def as_rules_12_split_task_numbered_questions(db_path) -> None:
    """What READING_RULES 12 did with questions numbered within each task of a file without a domain column:
    the second task's Q1 began a second sitting (a retake of the first)."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("UPDATE raw.answers SET attempt_id = attempt_id || ' (2)' WHERE task_label = 'Task 1.2'")
        con.execute("UPDATE raw.file_events SET rules = 12")


def test_task_numbered_questions_form_one_sitting_once_read_by_the_current_rules(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "td.csv").write_text("Exam,Date,Question,Task,Correct\n" + "".join(
        f"TD 1,2026-03-14,{q},{task},true\n" for task in ("Task 1.1", "Task 1.2") for q in range(1, 6)))
    ingest(ws, "r1")
    as_rules_12_split_task_numbered_questions(ws.db_path)
    assert staged_attempts(ws.db_path) == [("TD 1 2026-03-14", 5), ("TD 1 2026-03-14 (2)", 5)]  # the old state
    assert [r.status for r in ingest(ws, "r2")] == ["replaced"]
    assert staged_attempts(ws.db_path) == [("TD 1 2026-03-14", 10)]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged"]


def test_a_time_whose_offset_rules_12_dropped_is_read_again_as_the_learners_clock(tmp_path):
    """READING_RULES 12 stored `2026-11-30T02:15:00Z` as 02:15, the offset dropped: the next run reads the file
    again once and stores the learner's wall clock (Los Angeles: 29 Nov 18:15)."""
    from sources.blueprint import load_blueprint
    from warehouse.ingest import ingest_inbox

    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock.csv").write_text(HEADER + "2026-11-30T02:15:00Z,q1,Domain 1,true\n")

    def run(run_id: str) -> list[str]:
        with open_warehouse(ws.db_path) as con:
            reports = ingest_inbox(con, ws.inbox, load_blueprint("DEA-C01"), "me", run_id, zone="America/Los_Angeles")
            con.execute(read_sql("staging/current_loads.sql"))
            con.execute(read_sql("staging/answer_exports.sql"))
            con.execute(read_sql("staging/answers.sql"))
        return [r.status for r in reports]

    run("r1")
    with duckdb.connect(str(ws.db_path)) as con:  # as rules 12 left it
        con.execute("UPDATE raw.answers SET taken_at = TIMESTAMP '2026-11-30 02:15'")
        con.execute("UPDATE raw.file_events SET rules = 12")
    assert run("r2") == ["replaced"]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT taken_at FROM staging.answers").fetchall() == [(datetime(2026, 11, 29, 18, 15),)]
    assert run("r3") == ["unchanged"]
