"""`inspect` says once that a summary's Total cell is not a count ('1E+20', 'inf', 'abc'): before 7 Dec 2026 the
line was also reported as 'total questions missing', a second problem for the same cell; with a percent and no
Correct ('70%,1E+20') run held it back twice until 7 Dec 2026, also as 'correct count is missing, and a percent cannot
give one without the question count: add a Questions (or Total) column', though the Total column is there."""
from __future__ import annotations

import json

import pytest

from examready.inspect import _row_problems
from sources.registry import parse_file
from tests.conftest import run_cli

NOT_A_COUNT = ("domain_scores: 1 line where total questions '{}' is not a count (write the domain's number of "
               "questions, e.g. 20) (line 3)")  # run's `total_is_count`, as written since 7 Dec 2026
MISSING = ("domain_scores: 1 line where correct count is missing, and a percent cannot give one without the question "
           "count: add a Questions (or Total) column with each domain's question count, or a Correct column (line 3)")


def problems(tmp_path, header: str, cells: str) -> list[str]:
    """`inspect`'s row problems of a two-domain summary whose second line has `cells`."""
    path = tmp_path / "summary.csv"
    path.write_text(f"Exam,Date,Domain,{header}\nX,2026-03-05,Data Store Management,15,20\n"
                    f"X,2026-03-05,Data Security and Governance,{cells}\n")
    ((table, frame),) = parse_file(path)[1].items()
    return _row_problems(table, frame)


@pytest.mark.parametrize("header, cells, said", [
    ("Correct,Total", "7,1E+20", [NOT_A_COUNT.format("1E+20")]),
    ("Correct,Total", "7,inf", [NOT_A_COUNT.format("inf")]),
    ("Correct,Total", "7,abc", [NOT_A_COUNT.format("abc")]),
    # a percent and a Total not read: run holds it back for the Total cell alone (`correct_not_null` leaves a line
    # whose Total was written but not read to `total_is_count`), and inspect says what run says
    ("Score %,Total", "70%,1E+20", [NOT_A_COUNT.format("1E+20")]),
    ("Score %,Total", "70%,abc", [NOT_A_COUNT.format("abc")]),
    ("Score %,Total", "70%,", [MISSING]),  # guard: a blank Total is still missing
])
def test_a_total_not_a_count_is_one_problem(tmp_path, header, cells, said):
    assert problems(tmp_path, header, cells) == said


def test_inspect_says_a_total_of_1e20_once(tmp_path):
    """The user's case, through the CLI: the line held back is named once, in the text and in --json."""
    path = tmp_path / "summary.csv"
    path.write_text("Exam,Date,Domain,Correct,Total\nX,2026-03-05,Data Store Management,12,20\n"
                    "X,2026-03-05,Data Security and Governance,7,1E+20\n")
    text = run_cli("inspect", str(path)).stdout
    assert [line.strip() for line in text.splitlines() if line.lstrip().startswith("!")] == [f"! {NOT_A_COUNT.format('1E+20')}"], text
    assert json.loads(run_cli("inspect", str(path), "--json").stdout)[0]["problems"] == [NOT_A_COUNT.format("1E+20")]
