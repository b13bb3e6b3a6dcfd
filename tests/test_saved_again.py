"""An export without a set or date column saved again by a browser ('quiz (1).csv' beside 'quiz.csv', here
re-saved by Excel with CRLF, so not a byte copy) counts as a retake of the quiz, not as a second full sitting.
Found by an exploratory pass: the same 5 answers counted twice (10 questions)."""
from __future__ import annotations

import json

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

QUIZ = ["Question,Domain,Correct,Time Spent", "1,Data Ingestion and Transformation,Yes,1:12",
        "2,Data Ingestion and Transformation,No,0:45", "3,Data Store Management,Yes,1:01",
        "4,Data Operations and Support,Yes,0:30", "5,Data Security and Governance,No,2:00"]


def test_a_quiz_saved_again_counts_its_answers_once_in_full(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "quiz.csv").write_text("\n".join(QUIZ) + "\n", newline="")
    (ws.inbox / "exams" / "quiz (1).csv").write_text("\r\n".join(QUIZ) + "\r\n", newline="")
    run_cli("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        got = con.execute("SELECT DISTINCT attempt_id, source, retake_of FROM marts.domain_evidence "
                          "ORDER BY attempt_id").fetchall()
    assert got == [("quiz", "mock", None), ("quiz (1)", "retake", "quiz")]
    report = json.loads(run_cli("readiness", "-w", str(ws.root), "--json").stdout)
    assert sum(d["questions"] for d in report["domains"]) == 5
