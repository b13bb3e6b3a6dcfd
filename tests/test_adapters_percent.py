"""A per-domain summary row whose percent contradicts its counts is quarantined, on both engines."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sources.canonical import FormatError
from sources.registry import parse_file
from tests.conftest import run_json
from tests.test_adapters_ragged import _judged

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "Date,Domain,Correct,Total,Score %\n"
SOUND = "2026-02-10,Domain 1: Data Ingestion and Transformation,12,17,70.6\n"
NO_TOTAL = ("correct count is missing, and a percent cannot give one without the question count: add a Questions "
            "(or Total) column with each domain's question count, or a Correct column")
UNREAD = "correct count 'abc' is not a count (write 14, or 14/20 for 14 of 20)"
NO_COUNT = ("total questions missing: 17 correct of how many? Without the question count it gives no percent: give "
            "it in a Total or Questions column, or write 14/20 (14 of 20) in Correct")  # loaded as no total before 7 Dec
SEVERAL = ("total questions missing, and ambiguous: 17 correct at 30% could be of 56 or 57 questions: give the Total "
           "in a Total or Questions column, or write 14/20 (14 of 20) in Correct")  # held as NO_COUNT before 42
NO_PERCENT = ("correct count and percent are both missing: give the line's Correct count, or its Score % and "
              "question count (Questions or Total)")


@pytest.mark.parametrize("cells, expected", [
    ("17,22,30%", {"percent_matches_counts": "17 of 22 correct is 77%, but the file says 30%"}),
    ("17,22,0.3", {"percent_matches_counts": "17 of 22 correct is 77%, but the file says 30%"}),  # a fraction
    ("17,22,78.5", {"percent_matches_counts": "17 of 22 correct is 77%, but the file says 78.5%"}),  # 1.2 off
    ("2,3,65", {"percent_matches_counts": "2 of 3 correct is 67%, but the file says 65%"}),
    ("1,8,11", {"percent_matches_counts": "1 of 8 correct is 13%, but the file says 11%"}),  # 12.5 shown 13
    ("0,5,20", {"percent_matches_counts": "0 of 5 correct is 0%, but the file says 20%"}),
    ("17,22,77%", {}), ("17,22,77.27", {}), ("17,22,78.2", {}),  # rounding: 0.93 points off
    ("17,22,76.3", {}), ("1,2,51", {}), ("10,14,0.71", {}),  # 0.97 and exactly 1 point off; a fraction
    (",22,32%", {}),  # correct derived from percent and total: 7 (31.8%, shown 32%)
    # no count of 22 is 30% (6 is 27.3%, 7 31.8%): held back since 8 Dec 2026, loaded as 7 before
    (",22,30%", {"percent_fits_total": "30% of 22 questions is 6.6: no whole count of correct answers gives it — "
                                       "check the percent or the Total"}),
    ("17,22,", {}),  # percent derived from the counts
    ("17,,30%", {"total_not_null": SEVERAL}), (",,30%", {"correct_not_null": NO_TOTAL}),  # the reason says what to add
    ("17,,", {"total_not_null": NO_COUNT}),
    ("17,,77%", {}),  # the total derived: 22 alone (17/21 is 81.0%, 17/23 73.9%)
    (",22,", {"correct_not_null": NO_PERCENT}), (",,", {"correct_not_null": NO_PERCENT}),
    ("14/20,,70%", {}), ("9 / 15,,60", {}), ("14 of 20,,", {}), ("14 OUT OF 20,20,70", {}),  # counts as a page shows them
    ("14/20,,30%", {"percent_matches_counts": "14 of 20 correct is 70%, but the file says 30%"}),
    ("abc,22,", {"correct_not_null": UNREAD}), ("abc,,30%", {"correct_not_null": UNREAD}),  # quoted, whatever is blank
    ("25,20,125", {"correct_at_most_total": "correct 25 is more than total 20",
                   "percent_in_range": "percent 125 is not between 0 and 100"}),  # out of range, not contradicting
    ("17,0,30%", {"total_positive": "total questions 0 must be more than 0",
                  "correct_at_most_total": "correct 17 is more than total 0"}),  # no percent of 0 questions
    ("25,20,30", {"correct_at_most_total": "correct 25 is more than total 20",
                  "percent_matches_counts": "25 of 20 correct is 125%, but the file says 30%"}),
])
def test_a_percent_its_counts_contradict_is_quarantined(tmp_path, monkeypatch, cells, expected):
    path = tmp_path / "results.csv"
    path.write_text(HEADER + SOUND + "2026-02-10,Domain 2: Data Store Management," + cells + "\n", encoding="utf-8")
    _, failures = _judged(path, monkeypatch)
    assert {check: reason for (line, _, check), reason in failures.items()} == expected
    assert all(line == 3 for line, _, _ in failures)


@pytest.mark.parametrize("header, cells, expected", [  # a Score column holds a percent or the counts, cell by cell
    ("Score", "72%", (None, None, 72.0)), ("Score", "0.65", (None, None, 65.0)), ("Score", "14/20", (14, 20, 70.0)),
    ("Your Score", "9 of 15", (9, 15, 60.0)), ("Score", "", (None, None, None)),
    ("Correct,Total,Score", "14,20,70%", (14, 20, 70.0)),
    # the counts beside the percent a results page shows: read, the counts winning (the percent is rounded)
    ("Score", "14/20 (70%)", (14, 20, 70.0)), ("Score", "70% (7/10)", (7, 10, 70.0)),
    ("Score", "3 of 4 ( 75.0 % )", (3, 4, 75.0)), ("Score", "14/20 (30%)", (14, 20, 70.0)),
])
def test_a_score_column_is_read_as_a_percent_or_as_counts(tmp_path, header, cells, expected):
    path = tmp_path / "results.csv"
    path.write_text(f"Date,Domain,{header}\n2026-02-10,Data Store Management,{cells}\n", encoding="utf-8")
    adapter, tables = parse_file(path)
    row = tables["domain_scores"].iloc[0]
    assert adapter.FORMAT == "domain_summary_csv"
    assert tuple(None if pd.isna(row[c]) else row[c] for c in ("correct", "total", "percent")) == expected


@pytest.mark.parametrize("score, expected", [
    ("14/20 (70%)", {}), ("70% (7/10)", {}),
    ("Needs improvement", {"correct_not_null": "correct count 'Needs improvement' is not a count (write 14, or 14/20 "
                                               "for 14 of 20)"}),
    ("14/20 (70%", {"correct_not_null": "correct count '14/20 (70%' is not a count (write 14, or 14/20 for 14 of "
                                        "20)"}),
    ("", {"correct_not_null": NO_PERCENT}),
])
def test_a_score_cell_is_read_as_its_counts_or_quoted(tmp_path, monkeypatch, score, expected):
    """'14/20 (70%)' was 'correct count and percent are both missing', the counts in the cell unsaid."""
    path = tmp_path / "results.csv"
    path.write_text(f"Date,Domain,Score\n2026-02-10,Data Store Management,{score}\n", encoding="utf-8")
    _, failures = _judged(path, monkeypatch)
    assert {check: reason for (_, _, check), reason in failures.items()} == expected


def test_inspect_names_the_line_of_a_score_cell_it_cannot_read(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("Date,Domain,Score\n2026-02-10,Domain 1,14/20 (70%)\n2026-02-10,Domain 2,Needs improvement\n")
    problems = run_json("inspect", str(path))[0]["problems"]
    said = ("domain_scores: 1 line where correct count 'Needs improvement' is not a count (write 14, or 14/20 for 14 "
            "of 20) (line 3)")  # run's words, the cell quoted (before 7 Dec 2026: 'is not a count (nor a percent)')
    assert said in problems, problems


def test_a_score_column_contradicting_its_counts_is_quarantined(tmp_path, monkeypatch):
    path = tmp_path / "results.csv"
    path.write_text("Date,Domain,Correct,Total,Score\n2026-02-10,Data Store Management,14,20,30%\n", encoding="utf-8")
    _, failures = _judged(path, monkeypatch)
    assert {check: reason for (_, _, check), reason in failures.items()} == {
        "percent_matches_counts": "14 of 20 correct is 70%, but the file says 30%"}


def _summaries() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".csv", ".md", ".txt"))


def _domain_scores_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        try:
            tables = parse_file(path)[1]
        except (FormatError, ValueError):
            continue
        if "domain_scores" in tables:
            found.append(path)
    return found


def test_no_fixture_and_no_demo_summary_contradicts_itself(tmp_path, monkeypatch):
    """Every domain summary among the fixtures (inputs, bad, titled) and the demo's results pages
    passes the new check: their percents are rounded from their counts, or derived."""
    from examready.demo import write_demo_workspace

    demo = write_demo_workspace(tmp_path / "demo", today=date(2026, 3, 1))
    files = _domain_scores_files(_summaries()) + sorted((demo.inbox / "exams").glob("results-page-*.csv"))
    assert len(files) >= 8 and any("results-page" in p.name for p in files)
    for path in files:
        _, failures = _judged(path, monkeypatch)
        assert not [key for key in failures if key[2] == "percent_matches_counts"], path
