"""A per-domain summary giving a percent but no question count: its held-back rows say what to add."""
from __future__ import annotations

import json

from tests.conftest import run_cli

PERCENT_ONLY = ('Practice Test,Date,Platform,Knowledge Area,Score %\n'
                'Udemy Practice Exam 3,"Nov 27, 2026 8:15 PM",Udemy,Data Ingestion and Transformation,72%\n'
                'Udemy Practice Exam 3,"Nov 27, 2026 8:15 PM",Udemy,Data Store Management,65%\n')


def test_a_percent_without_question_counts_asks_for_a_questions_column(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--exam", "DEA-C01")
    (ws / "inbox" / "exams" / "udemy-pct-only.csv").write_text(PERCENT_ONLY, encoding="utf-8")
    run_cli("run", "-w", str(ws))
    held = json.loads(run_cli("quarantine", "-w", str(ws), "--json").stdout)["quarantined"]
    assert [(r["line"], r["check"], r["advice"]) for r in held] == [(2, "correct_not_null", "fix"),
                                                                   (3, "correct_not_null", "fix")], held
    assert all("add a Questions (or Total) column with each domain's question count" in r["reason"]
               for r in held), held
    inspected = run_cli("inspect", "-w", str(ws), str(ws / "inbox" / "exams" / "udemy-pct-only.csv")).stdout
    assert "2 lines where correct count is missing, and a percent cannot give one without the question count: add " \
           "a Questions (or Total) column with each domain's question count, or a Correct column (lines 2, 3)" \
        in inspected, inspected  # run's words (before 7 Dec 2026: 'total questions missing (without the count …')
    text = run_cli("quarantine", "-w", str(ws)).stdout
    assert "exams/udemy-pct-only.csv lines 2-3 (2 lines) [correct] correct count is missing, and a percent " \
           "cannot give one without the question count: add a Questions (or Total) column" in text, text
