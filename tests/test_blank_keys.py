"""A blank in a file's key (attempt + domain, attempt + question, start + minutes) repeats no other row's
blank: such rows take no part in the duplicate check (`unique_within_file`) on either validation engine.
A row with no domain is held back for that alone (`domain_mapped`); a blank question id counts."""
from __future__ import annotations

import duckdb
import pytest

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import ingest, new_workspace

# Attempt names one sitting, so a domain named twice is a duplicate (a set column would begin a sitting)
SUMMARY = ("Attempt,Date,Platform,Domain,Score %,Questions\n"
           "td-1,2026-02-15,TD,Overall,60%,20\n"                             # 2: summary row, no domain
           "td-1,2026-02-15,TD,Data Ingestion and Transformation,60%,10\n"
           "td-1,2026-02-15,TD,Data Stor Managment,50%,10\n"                 # 4: no domain (a typo)
           "td-1,2026-02-15,TD,Data Ingestion and Transformation,60%,10\n"   # 5: duplicate of line 3
           "td-1,2026-02-15,TD,Total,60%,20\n")                              # 6: summary row, no domain
ANSWERS = ("attempt_id,taken_at,question_id,domain,correct\n"
           "pq-1,2026-02-16,1,Domain 1,true\n"
           "pq-1,2026-02-16,,Domain 1,false\n"   # 3, 4: blank question ids, two answers
           "pq-1,2026-02-16,,Domain 2,true\n"
           "pq-1,2026-02-16,1,Domain 1,true\n")  # 5: duplicate of line 2
HOURS = ("date,minutes,topic\n"
         "2026-02-10 09:00,30,\n"
         "2026-02-10 09:00,30,\n"   # 3: duplicate of line 2 (a blank description is a value)
         ",45,AWS Glue\n"           # 4, 5: no start time, held back for that alone
         ",45,AWS Glue\n")
EXPECTED = {
    ("exams/summary.csv", 2, "domain_mapped"), ("exams/summary.csv", 4, "domain_mapped"),
    ("exams/summary.csv", 5, "unique_within_file"), ("exams/summary.csv", 6, "domain_mapped"),
    ("exams/answers.csv", 5, "unique_within_file"),
    ("hours/log.csv", 3, "unique_within_file"), ("hours/log.csv", 4, "started_at_not_null"),
    ("hours/log.csv", 5, "started_at_not_null")}


def _workspace(root):
    ws = new_workspace(root)
    (ws.inbox / "exams" / "summary.csv").write_text(SUMMARY)
    (ws.inbox / "exams" / "answers.csv").write_text(ANSWERS)
    (ws.inbox / "hours" / "log.csv").write_text(HOURS)
    return ws


def test_blank_keys_are_no_duplicates_in_a_real_run(tmp_path):
    ws = _workspace(tmp_path / "ws")
    report = {f["path"]: f for f in run_json("run", "-w", str(ws.root))["files"]}
    assert [(report[p]["rows_loaded"], report[p]["rows_quarantined"])
            for p in ("exams/summary.csv", "exams/answers.csv", "hours/log.csv")] == [(1, 4), (3, 1), (1, 3)]
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert {(r["path"], r["line"], r["check"]) for r in held} == EXPECTED
    assert {r["reason"] for r in held if r["check"] == "unique_within_file"} == \
        {"duplicate of line 3", "duplicate of line 2"}
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 6 lines (5 reasons) in 3 files, 0 rejected files, "
                                    "2 summary rows kept on purpose (nothing to fix)")
    assert "exams/summary.csv:5 [attempt_id,domain_id,task_id] duplicate of line 3 (unique_within_file)" in text
    with duckdb.connect(str(ws.db_path), read_only=True) as con:  # both blank-question answers count
        assert con.execute("SELECT count(*) FROM staging.answers WHERE question_id IS NULL").fetchone()[0] == 2


@pytest.mark.parametrize("threshold", [1 << 60, 0], ids=["great_expectations", "duckdb_sql"])
def test_both_engines_leave_blank_keys_out(tmp_path, monkeypatch, threshold):
    """The pandas path's GE suite and its SQL form (large files' engine) hold back the same rows and count
    the same unexpected rows for the duplicate check."""
    from warehouse import validation

    monkeypatch.setattr(validation, "SQL_MIN_ROWS", threshold)
    ws = _workspace(tmp_path / "ws")
    ingest(ws)
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        held = set(con.execute("SELECT path, line, check_name FROM raw.quarantine").fetchall())
        counts = dict(con.execute("SELECT table_name, unexpected_count FROM raw.validation_results "
                                  "WHERE expectation = 'unique_within_file'").fetchall())
        engines = {e for e, in con.execute("SELECT DISTINCT engine FROM raw.validation_results").fetchall()}
    assert held == EXPECTED
    assert counts == {"domain_scores": 2, "answers": 2, "study_sessions": 2}  # every row of a repeated key
    assert engines == {"great_expectations" if threshold else "duckdb_sql"}


def test_the_bulk_path_counts_answers_without_a_question_id(tmp_path, monkeypatch):
    """A large per-question file (DuckDB's reader, `warehouse.bulk_answers`) reads a blank question id as
    the pandas path does (NULL) and holds back the same rows: the real duplicate alone."""
    from tests.test_bulk_ingest import _both_paths

    (csv := tmp_path / "answers.csv").write_text(ANSWERS)
    db, report = _both_paths(tmp_path, csv, monkeypatch)  # the same report and warehouse on both paths
    assert (report.rows_loaded, report.rows_quarantined) == (3, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT line, check_name, reason FROM raw.quarantine").fetchall() == \
            [(5, "unique_within_file", "duplicate of line 2")]
