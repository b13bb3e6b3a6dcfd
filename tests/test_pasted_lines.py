"""A line pasted again further down a sitting (not right below its original) is held back as its duplicate and
begins no sitting (sources/pasted_lines.py; the bulk path: warehouse/bulk_sittings.py). Before s43 it split
the sitting in two, the rest of it a same-day retake worth 0.02 of a question."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sources.sittings import sitting_ids
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_bulk_ingest import _both_paths

SUMMARY = ("Test,Date,Domain,Correct,Total\n"
           "Mock 5,2026-12-03,Domain 1,15,22\n"
           "Mock 5,2026-12-03,Domain 2,12,17\n"
           "Mock 5,2026-12-03,Domain 1,15,22\n"  # line 4: line 2 again
           "Mock 5,2026-12-03,Domain 3,4,14\n"
           "Mock 5,2026-12-03,Domain 4,3,12\n")
ANSWERS = [f"TD Test 2,2026-11-25,{q},Domain {q % 4 + 1},{str(q % 3 > 0).lower()}\n" for q in range(1, 11)]
QUESTIONS = "Exam,Date,Question,Domain,Correct\n" + "".join(ANSWERS[:6] + ANSWERS[2:3] + ANSWERS[6:])  # 8: Q3 again


def ids(items: str, marks: str) -> list[str]:
    """The sitting ids of one set's rows on one day (dates alone), an item and a mark per row."""
    n = len(items)
    cells = pd.Series([hash((i, m)) for i, m in zip(items, marks)])
    return list(sitting_ids(pd.Series(["S"] * n), pd.Series(pd.Timestamp("2026-11-25"), index=range(n)),
                            items=pd.Series(list(items)), cells=cells))


@pytest.mark.parametrize("items, marks, expected", [
    ("abac", "1111", [""] * 4),  # a's line again further down, then c: a paste, one sitting
    ("abcbd", "10101", [""] * 5),  # b's line again (after c), then d
    ("abcabd", "101101", [""] * 6),  # two lines pasted again together, then d
    ("abac", "1101", ["", "", " (2)", " (2)"]),  # a again with another mark: a retake, as documented
    ("abcabc", "101101", ["", "", "", " (2)", " (2)", " (2)"]),  # the set sat twice alike: the last rows, a retake
    ("abcabc", "101111", ["", "", "", " (2)", " (2)", " (2)"]),  # a retake whose first answers match: not pastes
    ("abcab", "10110", ["", "", "", " (2)", " (2)"]),  # b again, another mark: the retake begins at a
])
def test_a_line_pasted_further_down_begins_no_sitting(items, marks, expected):
    assert ids(items, marks) == [f"S 2026-11-25{s}" for s in expected]


def test_without_the_cells_read_a_repeat_further_down_still_begins_a_sitting():
    n = 4
    got = sitting_ids(pd.Series(["S"] * n), pd.Series(pd.Timestamp("2026-11-25"), index=range(n)),
                      items=pd.Series(list("abac")))
    assert list(got) == ["S 2026-11-25"] * 2 + ["S 2026-11-25 (2)"] * 2


@pytest.mark.parametrize("body, held", [
    (QUESTIONS, 8),
    (QUESTIONS.replace(",2026-11-25,", ",2026-11-25 19:00,"), 8),  # every row at the sitting's start
    ("Exam,Date,Question,Domain,Correct\n" + "".join(a.replace("2026-11-25", f"2026-11-25 19:{q:02d}")
                                                     for q, a in enumerate(ANSWERS[:6] + ANSWERS[2:3]
                                                                           + ANSWERS[6:]))
     .replace("19:06,3,", "19:02,3,"), 8),  # timed: the copy keeps its original's time
])
def test_a_question_pasted_further_down_on_both_paths(tmp_path, monkeypatch, body, held):
    csv = tmp_path / "td.csv"
    csv.write_text(body.replace("2026-11-25", "2026-03-14"))  # before test_bulk_ingest.NOW
    db, report = _both_paths(tmp_path, csv, monkeypatch)  # asserts the same report and raw rows on both
    with duckdb.connect(str(db), read_only=True) as con:
        attempts = con.execute("SELECT count(DISTINCT attempt_id), count(*) FROM raw.answers").fetchall()  # the copy is a raw row too
        lines = con.execute("SELECT line, reason FROM raw.quarantine").fetchall()
    assert attempts == [(1, 11)] and lines == [(held, "duplicate of line 4")]


def _run(tmp_path, name: str, text: str) -> tuple[list, dict, list]:
    """(quarantined lines, readiness, marts.attempts ids) after `examready run` on a workspace holding `text`."""
    root = tmp_path / "ws"
    new_workspace(root)
    (root / "inbox" / "exams" / name).write_text(text)
    run_cli("run", "-w", str(root))
    held = [(r["line"], r["reason"]) for r in run_json("quarantine", "-w", str(root))["quarantined"]]
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        attempts = [r[0] for r in con.execute("SELECT DISTINCT attempt_id FROM marts.attempts ORDER BY 1").fetchall()]
    return held, run_json("readiness", "-w", str(root)), attempts


def test_a_summary_line_pasted_further_down_leaves_one_sitting_end_to_end(tmp_path):
    held, report, attempts = _run(tmp_path, "sumdup.csv", SUMMARY)
    assert held == [(4, "duplicate of line 2")]
    assert attempts == ["Mock 5 2026-12-03"]
    assert [d["measured"] for d in report["domains"]] == [True] * 4, report["domains"]
    assert not any("Not practised yet" in c for c in report.get("caveats", [])), report.get("caveats")


def test_a_question_pasted_further_down_leaves_one_sitting_end_to_end(tmp_path):
    held, report, attempts = _run(tmp_path, "td2.csv", QUESTIONS)
    assert held == [(8, "duplicate of line 4")]
    assert attempts == ["TD Test 2 2026-11-25"]
