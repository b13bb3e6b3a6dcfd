"""A per-domain summary line whose Correct, Incorrect (and Skipped) counts do not fit its Total is held back
(`answers_fit_total`): more answers than questions, or, with a Skipped column, fewer (each question is then correct,
incorrect or skipped); without one fewer fit, the rest unanswered. Before 8 Dec 2026 `Domain 1,8,5,20` under
`Domain,Total,Correct,Incorrect` (5 + 20 answers of 8 questions) was loaded as 5 of 8 without a word."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

import sources.domain_summary_csv as adapter
from sources.domain_summary_csv import parse
from sources.summary_answers import ANSWERS_CHECK, answers_check
from tests.conftest import run_cli
from tests.helpers_workspace import ingest, new_workspace, read_again_at_new_rules

NO_COLUMN = "no Skipped column"


def one(value) -> pd.Series:
    return pd.Series([np.nan if value is None else value], dtype="float64")


@pytest.mark.parametrize("correct, incorrect, skipped, total, gap", [
    (5, 20, NO_COLUMN, 8, 17),  # 25 answers of 8 questions
    (8, 5, NO_COLUMN, 20, 0),  # 13 of 20: 7 unanswered
    (8, 5, NO_COLUMN, 13, 0),
    (8, 4, 1, 13, 0),
    (8, 4, 1, 20, -7),  # a Skipped column: 7 questions are none of the three
    (8, 4, 9, 20, 1),
    (5, None, NO_COLUMN, 8, None),  # no Incorrect count: nothing to compare
    (5, 20, NO_COLUMN, None, None),  # no Total: the total is their sum (not judged)
    (25, 3, NO_COLUMN, 20, None),  # correct above total: `correct_at_most_total`'s alone
    (0, 3, NO_COLUMN, 0, None),  # no questions: `total_positive`'s
    (-1, 3, NO_COLUMN, 8, None),  # `correct_non_negative`'s
    (5, -2, NO_COLUMN, 8, None),
])
def test_answers_gap(correct, incorrect, skipped, total, gap):
    checked = answers_check(one(correct), one(incorrect), None if skipped == NO_COLUMN else one(skipped), one(total))
    assert [None if pd.isna(g) else g for g in checked["answers_gap"]] == [gap]


@pytest.mark.parametrize("text, gaps", [
    ("Domain,Total,Correct,Incorrect\nD1,8,5,20\nD2,20,8,5\n", [17, 0]),
    ("Domain,Correct,Incorrect,Skipped,Total\nD1,8,4,1,13\nD2,8,4,,20\nD3,8,4,-,12\nD4,8,4,9,20\n", [0, -8, 0, 1]),
    ("Domain,Correct,Incorrect\nD1,14/20,3\nD2,14 of 20,10\nD3,8,5\n", [0, 4, None]),  # the total in Correct; none
    ("Domain,Correct,Incorrect,Total,Score %\nD1,8,,20,40%\nD2,,5,20,40%\n", [None, None]),  # a count not given
])
def test_parse_judges_the_total_as_written(tmp_path, text, gaps):
    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    rows = parse(tmp_path / "s.csv")["domain_scores"]
    assert [None if pd.isna(g) else g for g in rows["answers_gap"]] == gaps


CSV = ("Date,Domain,Total,Correct,Incorrect\n"
       "2026-12-05,Data Store Management,8,5,20\n"
       "2026-12-05,Data Ingestion and Transformation,20,12,4\n")  # 16 of 20: 4 unanswered
WITH_SKIPPED = ("Date,Domain,Correct,Incorrect,Skipped,Total\n"
                "2026-12-06,Data Store Management,8,4,1,20\n"
                "2026-12-06,Data Ingestion and Transformation,8,4,1,13\n"
                "2026-12-06,Data Operations and Support,8,4,9,20\n")
HELD = {("exams/summary.csv", 2, "5 correct + 20 incorrect = 25 answers, more than the 8 questions in Total"),
        ("exams/skipped.csv", 2, "8 correct + 4 incorrect + 1 skipped = 13 answers, fewer than the 20 questions in "
                                 "Total: with a Skipped column each question is correct, incorrect or skipped"),
        ("exams/skipped.csv", 4, "8 correct + 4 incorrect + 9 skipped = 21 answers, more than the 20 questions in Total")}


def test_run_holds_back_the_line_and_inspect_says_so(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    inbox: Path = root / "inbox" / "exams"
    (inbox / "summary.csv").write_text(CSV, encoding="utf-8")
    (inbox / "skipped.csv").write_text(WITH_SKIPPED, encoding="utf-8")
    out = run_cli("run", "-w", str(root), check=False).stdout
    assert "exams/summary.csv (domain_summary_csv): 1 loaded, 1 quarantined" in out, out
    assert "exams/skipped.csv (domain_summary_csv): 1 loaded, 2 quarantined" in out, out
    held = json.loads(run_cli("quarantine", "-w", str(root), "--json").stdout)["quarantined"]
    assert {(r["path"], r["line"], r["reason"]) for r in held if r["check"] == "answers_fit_total"} == HELD
    reports = json.loads(run_cli("inspect", "-w", str(root), str(inbox / "summary.csv"), str(inbox / "skipped.csv"),
                                 "--json").stdout)
    problems = {p for report in reports for p in report["problems"]}
    assert {f"domain_scores: 1 line where {reason} (line {line})" for _, line, reason in HELD} == problems


def test_a_line_loaded_by_rules_42_moves_to_quarantine_at_the_next_run_once(tmp_path, monkeypatch):
    """What READING_RULES 42 loaded (5 + 20 answers of 8, judged by nothing) is read again once: held back."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(CSV, encoding="utf-8")
    with monkeypatch.context() as before:  # nothing judged, as before 43
        before.setattr(adapter, "answers_check", raising=False, value=lambda correct, *_: {
            name: pd.Series(np.nan, index=correct.index) for name in ANSWERS_CHECK})
        assert [(r.rows_loaded, r.rows_quarantined) for r in ingest(ws, "r1")] == [(2, 0)]
    read_again_at_new_rules(ws, "5 correct + 20 incorrect = 25 answers, more than the 8 questions in Total")
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT domain_id, correct, total FROM staging.domain_scores").fetchall() == [(1, 12, 20)]
