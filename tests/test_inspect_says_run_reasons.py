"""`inspect` names a summary line's missing or unreadable counts in the words `run` holds it back with (its rules
`correct_not_null`, `total_is_count`, `total_not_null`). Before 7 Dec 2026 `Domain 1,,` (no Correct, no percent, no
Total) was 'total questions missing (without the count a percent gives no correct count …)' in inspect and 'correct
count and percent are both missing' in run, and `Domain 1,,,20` (no Correct, no percent) was not named at all."""
from __future__ import annotations

import json

import pytest

from examready.inspect import _row_problems
from sources.registry import parse_file
from tests.conftest import run_cli
from tests.test_adapters_ragged import _judged

BOTH_MISSING = ("correct count and percent are both missing: give the line's Correct count, or its Score % and "
                "question count (Questions or Total)")
NO_TOTAL_FOR_PERCENT = ("correct count is missing, and a percent cannot give one without the question count: add a "
                        "Questions (or Total) column with each domain's question count, or a Correct column")
NOT_A_COUNT = "correct count 'x' is not a count (write 14, or 14/20 for 14 of 20)"
TOTAL_NOT_A_COUNT = "total questions 'abc' is not a count (write the domain's number of questions, e.g. 20)"
NO_TOTAL_FOR_COUNT = ("total questions missing: 7 correct of how many? Without the question count it gives no "
                      "percent: give it in a Total or Questions column, or write 14/20 (14 of 20) in Correct")


def summary(folder, columns: str, cells: str):
    """A two-domain summary: a sound first line, then `cells`."""
    path = folder / "summary.csv"
    sound = ",".join({"Correct": "12", "Total": "20", "Score %": "60%"}[c] for c in columns.split(","))
    path.write_text(f"Exam,Date,Domain,{columns}\nX,2026-03-05,Data Store Management,{sound}\n"
                    f"X,2026-03-05,Data Security and Governance,{cells}\n", encoding="utf-8")
    return path


CASES = [  # columns, the second line's cells, run's reason for it (None: loaded)
    ("Correct,Total", ",", BOTH_MISSING),  # the user's `Domain 1,,`
    ("Correct,Total", " , ", BOTH_MISSING),
    ("Correct,Total", ",20", BOTH_MISSING),
    ("Correct,Score %,Total", ",,", BOTH_MISSING),
    ("Correct,Score %,Total", ",,20", BOTH_MISSING),
    ("Score %,Total", "70%,", NO_TOTAL_FOR_PERCENT),
    ("Correct,Total", "x,20", NOT_A_COUNT),
    ("Correct,Total", "7,abc", TOTAL_NOT_A_COUNT),
    ("Score %,Total", "70%,abc", TOTAL_NOT_A_COUNT),  # the Total cell's alone: its column is there (since 7 Dec 2026)
    ("Correct,Total", "7,", NO_TOTAL_FOR_COUNT),
    ("Correct,Total", "7,10", None),  # guard: sound
    ("Score %,Total", "70%,10", None),  # guard: the count derived
]


@pytest.mark.parametrize("columns, cells, reason", CASES)
def test_inspect_gives_the_reason_run_holds_the_line_back_for(tmp_path, monkeypatch, columns, cells, reason):
    path = summary(tmp_path, columns, cells)
    _, failures = _judged(path, monkeypatch)  # run's validation, both engines
    assert sorted(set(failures.values())) == ([reason] if reason else [])
    ((table, frame),) = parse_file(path)[1].items()
    assert _row_problems(table, frame) == ([f"domain_scores: 1 line where {reason} (line 3)"] if reason else [])


def test_lines_of_one_reason_are_named_together_and_each_reason_once(tmp_path):
    path = tmp_path / "summary.csv"
    path.write_text("Domain,Correct,Score %,Total\nDomain 1,,,\nDomain 2,7,,10\nDomain 3,,50,\nDomain 4,,,20\n"
                    "Domain 1,x,,10\n", encoding="utf-8")
    ((table, frame),) = parse_file(path)[1].items()
    assert [p for p in _row_problems(table, frame) if "line" in p] == [
        f"domain_scores: 2 lines where {BOTH_MISSING} (lines 2, 5)",
        f"domain_scores: 1 line where {NO_TOTAL_FOR_PERCENT} (line 4)",
        "domain_scores: 1 line where correct count 'x' is not a count (write 14, or 14/20 for 14 of 20) (line 6)"]


def test_inspect_and_run_agree_on_a_blank_domain_line(tmp_path):
    """The user's file through the CLI: inspect's problem is the line run holds back, in run's words."""
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--exam", "DEA-C01")
    path = summary(ws / "inbox" / "exams", "Correct,Total", ",")
    inspected = json.loads(run_cli("inspect", "-w", str(ws), str(path), "--json").stdout)[0]["problems"]
    assert inspected == [f"domain_scores: 1 line where {BOTH_MISSING} (line 3)"]
    assert "1 loaded, 1 quarantined" in run_cli("run", "-w", str(ws)).stdout
    held = json.loads(run_cli("quarantine", "-w", str(ws), "--json").stdout)["quarantined"]
    assert [(r["line"], r["check"], r["reason"]) for r in held] == [(3, "correct_not_null", BOTH_MISSING)]
