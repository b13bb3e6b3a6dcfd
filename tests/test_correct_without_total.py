"""A summary line giving a Correct count but no question count (`Domain,7,`) is held back by `run` (`total_not_null`)
and named by `inspect` in the same words: before 7 Dec 2026 `run` loaded it as 7 of no questions while `inspect`
called it 'total questions missing' with a percent's reason."""
from __future__ import annotations

import json

import pytest

from examready.inspect import _row_problems
from sources.registry import parse_file
from tests.conftest import run_cli
from tests.test_adapters_ragged import _judged

HEADER = "Exam,Date,Domain,"
SOUND = "X,2026-03-05,Data Store Management,"
HELD = "X,2026-03-05,Data Security and Governance,"
RUN_SAYS = ("total questions missing: 7 correct of how many? Without the question count it gives no percent: "
            "give it in a Total or Questions column, or write 14/20 (14 of 20) in Correct")
PERCENT_SAYS = ("correct count is missing, and a percent cannot give one without the question count: add a Questions "
                "(or Total) column with each domain's question count, or a Correct column")
TOTAL_SAYS = "total questions 'abc' is not a count (write the domain's number of questions, e.g. 20)"
INSPECT_SAYS = f"domain_scores: 1 line where {RUN_SAYS} (line 3)"  # run's words since 7 Dec 2026
PERCENT_ONLY = f"domain_scores: 1 line where {PERCENT_SAYS} (line 3)"
NOT_A_COUNT = f"domain_scores: 1 line where {TOTAL_SAYS} (line 3)"
AMBIGUOUS = ("total questions missing, and ambiguous: 100 correct at 50% could be of 199, 200, 201 or 202 "
             "questions: give the Total in a Total or Questions column, or write 14/20 (14 of 20) in Correct")
INSPECT_AMBIGUOUS = f"domain_scores: 1 line where {AMBIGUOUS} (line 3)"


def summary(tmp_path, columns: str, sound: str, cells: str):
    """A two-line summary whose second line has `cells`."""
    path = tmp_path / "summary.csv"
    path.write_text(f"{HEADER}{columns}\n{SOUND}{sound}\n{HELD}{cells}\n", encoding="utf-8")
    return path


CASES = [  # columns, the sound line's cells, the line's cells, run's {check: reason}, inspect's problems
    ("Correct,Total", "12,20", "7,", {"total_not_null": RUN_SAYS}, [INSPECT_SAYS]),
    ("Correct,Total", "12,20", "7,  ", {"total_not_null": RUN_SAYS}, [INSPECT_SAYS]),  # spaces are blank
    # with its percent, the count is derived where one alone fits (7 of 10 is 70%, 7 of 9 or 11 is not: 42, 7 Dec 2026)
    ("Correct,Score %", "12/20,60%", "7,70%", {}, []),  # no Total column
    ("Correct,Total,Score %", "12,20,60%", "7,,70%", {}, []),
    # ... and where several do, they are named (100 of 199 to 202 rounds to 50%)
    ("Correct,Total,Score %", "12,20,60%", "100,,50%", {"total_not_null": AMBIGUOUS}, [INSPECT_AMBIGUOUS]),
    ("Correct,Score %", "12/20,60%", "0,0%", {"total_not_null": RUN_SAYS.replace("7", "0", 1)},
     [INSPECT_SAYS.replace("7", "0", 1)]),
    ("Correct,Score %", "12/20,60%", "7,0%", {"total_not_null": RUN_SAYS}, [INSPECT_SAYS]),  # any count above 1,400
    ("Correct,Total", "12,20", "7/10,", {}, []),  # guard: the count in the Correct cell
    ("Correct,Total", "12,20", "7,10", {}, []),  # guard
    ("Score %,Total", "60%,20", "70%,", {"correct_not_null": PERCENT_SAYS}, [PERCENT_ONLY]),  # guard: a percent's, once
    ("Correct,Total", "12,20", "7,abc", {"total_is_count": TOTAL_SAYS}, [NOT_A_COUNT]),  # guard: said once
]


@pytest.mark.parametrize("columns, sound, cells, held, said", CASES)
def test_run_holds_a_correct_count_without_its_total(tmp_path, monkeypatch, columns, sound, cells, held, said):
    _, failures = _judged(summary(tmp_path, columns, sound, cells), monkeypatch)  # both engines alike
    assert {check: reason for (line, _, check), reason in failures.items()} == held
    assert all(line == 3 for line, _, _ in failures)


@pytest.mark.parametrize("columns, sound, cells, held, said", CASES)
def test_inspect_names_what_run_holds_back(tmp_path, columns, sound, cells, held, said):
    ((table, frame),) = parse_file(summary(tmp_path, columns, sound, cells))[1].items()
    assert _row_problems(table, frame) == said


def test_inspect_and_run_agree_on_a_blank_total(tmp_path):
    """The user's file through the CLI: inspect's problem is the line run holds back, for the same reason."""
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--exam", "DEA-C01")
    path = summary(ws / "inbox" / "exams", "Correct,Total", "12,20", "7,")
    assert json.loads(run_cli("inspect", "-w", str(ws), str(path), "--json").stdout)[0]["problems"] == [INSPECT_SAYS]
    assert "1 loaded, 1 quarantined" in run_cli("run", "-w", str(ws)).stdout
    held = json.loads(run_cli("quarantine", "-w", str(ws), "--json").stdout)["quarantined"]
    assert [(r["line"], r["check"], r["reason"], r["advice"]) for r in held] == [(3, "total_not_null", RUN_SAYS, "fix")]
