"""On the bulk path too (a per-question file of 4 MiB or more, read by DuckDB), `run` names the attempt a new
version of a file no longer holds, in the pandas path's words (tests/test_dropped_sittings.py); a corrected
re-export of the same sittings and a rerun over unchanged files say nothing."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb

from bench.cohort import answers_sql
from tests.conftest import run_cli
from warehouse.bulk_answers import MIN_BYTES

LEARNERS, MOCKS = 80, 10  # per file, x 65 questions: 52,000 rows, ~4.7 MB
GONE = "L00002-mock-03"  # the attempt the second version of the first file no longer holds
FLIPPED = "CASE WHEN attempt = 'L00081-mock-01' AND question = 1 AND correct = 'true' THEN 'false' " \
          "WHEN attempt = 'L00081-mock-01' AND question = 1 THEN 'true' ELSE correct END"


def write_export(path: Path, first: int, where: str = "true", correct: str = "correct") -> None:
    """Rows of learners first.. that `where` keeps (SQL over bench.cohort's columns), as a CSV of 4 MiB or more."""
    duckdb.sql(f"COPY (SELECT * REPLACE ({correct} AS correct) FROM ({answers_sql(first, LEARNERS, MOCKS)}) "
               f"WHERE {where}) TO '{path}' (HEADER, DELIMITER ',')")
    assert path.stat().st_size >= MIN_BYTES  # the bulk path's


def first_day(attempt: str) -> str:
    """The day an attempt of the first file was taken, as the notice writes it."""
    return str(duckdb.sql(f"SELECT min(taken_at)::DATE FROM ({answers_sql(1, LEARNERS, MOCKS)}) "
                          f"WHERE attempt = '{attempt}'").fetchall()[0][0])


def test_a_large_file_that_drops_an_attempt_is_said(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    first, second = root / "inbox" / "exams" / "cohort-1.csv", root / "inbox" / "exams" / "cohort-2.csv"
    write_export(first, 1)
    write_export(second, 1 + LEARNERS)
    assert "no longer holds" not in run_cli("run", "-w", str(root)).stderr
    write_export(first, 1, f"attempt <> '{GONE}'")
    write_export(second, 1 + LEARNERS, correct=FLIPPED)  # a corrected re-export: the same sittings
    run = run_cli("run", "-w", str(root), "--json")
    assert [(f["path"], f["status"]) for f in json.loads(run.stdout)["files"]] == [
        ("exams/cohort-1.csv", "replaced"), ("exams/cohort-2.csv", "replaced")]
    assert (f"examready: exams/cohort-1.csv: this version replaces the one loaded before, whose attempt '{GONE}' of "
            f"{first_day(GONE)} by learner-00002 (65 rows) it no longer holds: that attempt no longer counts. A student "
            "left out of the new export, or a retake exported over the earlier file? Put the earlier export back under "
            "another name to count both") in run.stderr
    assert run.stderr.count("no longer holds") == 1  # not for cohort-2.csv
    assert "no longer holds" not in run_cli("run", "-w", str(root)).stderr  # unchanged: silent
