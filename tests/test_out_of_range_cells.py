"""A cell pandas reads but cannot hold holds back its line, not the file: a date without a year ('5 Mar' is read as
year 1), with a typo year or past 2262 (outside datetime64[ns]), and a count of 'inf' or '1E+20' (no whole number).
Before 7 Dec 2026 (READING_RULES 39) the dates rejected the whole file ("Out of bounds nanosecond timestamp") and
the counts crashed `inspect` with a traceback and rejected the file in `run`."""
from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli, run_json

PER_QUESTION = ("Test,Date,Question,Domain,Correct\n"
                "TD 2,2026-03-05,1,Data Store Management,true\n"
                "TD 2,2026-03-05,2,Data Ingestion and Transformation,false\n"
                "TD 2,{cell},3,Data Security and Governance,true\n")
SUMMARY = ("Exam,Date,Domain,Correct,Total\n"
           "X,2026-03-05,Data Store Management,12,20\n"
           "X,2026-03-05,Data Ingestion and Transformation,5,10\n"
           "X,{cell},Data Security and Governance,7,10\n")
HOURS = ("date,minutes,topic\n"
         "2026-03-05,30,Athena\n"
         "2026-03-06,45,Glue\n"
         "{cell},20,Redshift\n")


def held_back(tmp_path, folder: str, text: str) -> tuple[str, list[dict]]:
    """`run` over one file in a new workspace: (what it printed, the lines it held back)."""
    run_cli("init", str(tmp_path))
    (tmp_path / "inbox" / folder / "file.csv").write_text(text)
    printed = run_cli("run", "-w", str(tmp_path)).stdout
    return printed, run_json("quarantine", "-w", str(tmp_path))["quarantined"]


@pytest.mark.parametrize("cell", ["5 Mar", "0226-03-05", "2300-01-01"])
@pytest.mark.parametrize("folder, template, reason", [
    ("exams", PER_QUESTION, "date taken '{cell}' {verdict}"),
    ("exams", SUMMARY, "date taken '{cell}' {verdict}"),
    ("hours", HOURS, "start time '{cell}' {verdict}"),
], ids=["per_question", "summary", "hours"])
def test_a_date_pandas_cannot_hold_holds_back_its_line(tmp_path, folder, template, reason, cell):
    printed, rows = held_back(tmp_path, folder, template.format(cell=cell))
    assert "2 loaded, 1 quarantined" in printed, printed
    verdict = "has no year" if cell == "5 Mar" else "is not a date"
    assert [(r["line"], r["reason"]) for r in rows] == [(4, reason.format(cell=cell, verdict=verdict))], rows


@pytest.mark.parametrize("column, cell, reason", [
    ("Correct", "inf", "correct count 'inf' is not a count (write 14, or 14/20 for 14 of 20)"),
    ("Correct", "1E+20", "correct count '1E+20' is not a count (write 14, or 14/20 for 14 of 20)"),
    ("Total", "inf", "total questions 'inf' is not a count (write the domain's number of questions, e.g. 20)"),
    ("Total", "1E+20", "total questions '1E+20' is not a count (write the domain's number of questions, e.g. 20)"),
])
def test_a_count_no_whole_number_holds_back_its_line(tmp_path, column, cell, reason):
    row = {"Correct": "7", "Total": "10"} | {column: cell}
    text = SUMMARY.replace("{cell},Data Security and Governance,7,10",
                           f"2026-03-05,Data Security and Governance,{row['Correct']},{row['Total']}")
    printed, rows = held_back(tmp_path, "exams", text)
    assert "2 loaded, 1 quarantined" in printed, printed
    assert [(r["line"], r["reason"]) for r in rows] == [(4, reason)], rows


@pytest.mark.parametrize("cells", ["inf,20", "12,1E+20", "-inf,20"])
def test_inspect_reports_every_file_of_a_folder_with_such_a_count(tmp_path, cells):
    (tmp_path / "a-summary.csv").write_text(f"Exam,Date,Domain,Correct,Total\nX,2026-03-05,Domain 1,{cells}\n")
    (tmp_path / "b-results.csv").write_text(PER_QUESTION.format(cell="2026-03-05"))
    reports = json.loads(run_cli("inspect", str(tmp_path), "--json").stdout)
    assert [(r["path"].rsplit("/", 1)[-1], r["format"]) for r in reports] == [
        ("a-summary.csv", "domain_summary_csv"), ("b-results.csv", "per_question_csv")], reports
    assert any("line 2" in p and "not a count" in p for p in reports[0]["problems"]), reports[0]
