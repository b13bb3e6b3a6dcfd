"""A sitting exported both question by question and as a per-domain summary (the same set and day) counts once,
by its questions, whichever file comes first; `run` says so when either is loaded (docs/model.md, step 1).
Before, each counted: 100 questions of a 50-question mock, a narrower band and a higher pass chance."""
from __future__ import annotations

import duckdb
import pytest

from tests.conftest import run_cli, run_json

COUNTS = {1: (16, 17), 2: (12, 13), 3: (10, 11), 4: (8, 9)}  # domain: (correct, questions)
QUESTIONS = "Exam,Date,Question,Domain,Correct\n" + "".join(
    f"Practice Test 1,2026-12-01,q{d}-{k},Domain {d},{'true' if k <= right else 'false'}\n"
    for d, (right, total) in COUNTS.items() for k in range(1, total + 1))
SUMMARY = "Exam,Date,Domain,Correct,Total\n" + "".join(
    f"Practice Test 1,2026-12-01,Domain {d},{right},{total}\n" for d, (right, total) in COUNTS.items())
FILES = {"pq.csv": QUESTIONS, "summary.csv": SUMMARY}
SAID = {"summary.csv": "examready: exams/summary.csv: the sitting 'Practice Test 1 2026-12-01' (in exams/pq.csv) is "
                       "also loaded question by question: it counts once, by its questions; this file's rows of it do "
                       "not count",
        "pq.csv": "examready: exams/pq.csv: the sitting 'Practice Test 1 2026-12-01' (in exams/summary.csv) is also "
                  "loaded as a per-domain summary: it counts once, by its questions; the summary's rows of it do not "
                  "count"}


def _workspace(tmp_path, name: str):
    root = tmp_path / name
    run_cli("init", str(root), "--exam", "DEA-C01", "--learner", "ana", "--timezone", "UTC")
    return root


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """The sitting's questions alone in a workspace, run once: what both orders below must read as (it is only
    read, so one per module serves both)."""
    alone = _workspace(tmp_path_factory.mktemp("twin"), "alone")
    (alone / "inbox" / "exams" / "pq.csv").write_text(QUESTIONS)
    run_cli("run", "-w", str(alone))
    return alone


@pytest.mark.parametrize("first, second", [("pq.csv", "summary.csv"), ("summary.csv", "pq.csv")])
def test_a_sitting_in_both_kinds_of_export_counts_once_by_its_questions(alone, tmp_path, first, second):
    both = _workspace(tmp_path, "both")
    (both / "inbox" / "exams" / first).write_text(FILES[first])
    assert "is also loaded" not in run_cli("run", "-w", str(both)).stderr
    (both / "inbox" / "exams" / second).write_text(FILES[second])
    assert SAID[second] in run_cli("run", "-w", str(both)).stderr
    assert "is also loaded" not in run_cli("run", "-w", str(both)).stderr  # said when a file is loaded, not after
    assert run_json("readiness", "-w", str(both)) == run_json("readiness", "-w", str(alone))
    with duckdb.connect(str(both / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT DISTINCT source FROM marts.domain_evidence").fetchall() == [("mock",)]
        assert con.execute("SELECT detail, sum(total) FROM marts.attempts GROUP BY 1").fetchall() == \
            [("per_question", 50.0)]


def test_a_summary_of_another_day_is_a_retake_as_before(tmp_path):
    root = _workspace(tmp_path, "ws")
    (root / "inbox" / "exams" / "pq.csv").write_text(QUESTIONS)
    (root / "inbox" / "exams" / "summary.csv").write_text(SUMMARY.replace("2026-12-01", "2026-12-03"))
    assert "is also loaded" not in run_cli("run", "-w", str(root)).stderr
    assert run_json("readiness", "-w", str(root))["retakes"] == {"answers": 50, "sittings": 1, "weight": 0.02}


def test_a_row_held_back_alone_is_no_sitting_in_the_other_kind_of_export(tmp_path):
    """The questions' one row held back (its date unread: its set's name, undated) is no sitting 'Practice Test 1',
    the summary's: the summary is `loaded`, nothing said, and it counts as a retake. Before, `run` said the summary
    was "also loaded question by question" (its rows not counting) and reported it `replaced` on its first load."""
    root = _workspace(tmp_path, "ws")
    (root / "inbox" / "exams" / "a-questions.csv").write_text(
        "Test,Date,Question,Domain,Correct\nPractice Test 1,2026-03-05,1,Domain 1,true\n"
        "Practice Test 1,2026-03-05,2,Domain 2,false\nPractice Test 1,2026-03-55,3,Domain 3,true\n")
    (root / "inbox" / "exams" / "b-summary.csv").write_text(
        "Attempt,Date,Domain,Correct,Total\n" + "".join(f"Practice Test 1,2026-03-20,Domain {d},{right},{total}\n"
                                                        for d, (right, total) in COUNTS.items()))
    run = run_cli("run", "-w", str(root))
    assert "is also loaded" not in run.stderr
    assert "loaded    exams/b-summary.csv (domain_summary_csv): 4 loaded, 0 quarantined" in run.stdout
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT detail, sum(total) FROM marts.attempts GROUP BY 1 ORDER BY 1").fetchall() == \
            [("per_domain", 50.0), ("per_question", 2.0)]
