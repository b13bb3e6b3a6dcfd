"""`inspect` judges a file's rows by run's own rules (`examready.inspect.ROW_CHECKS` names them): for a file tripping
each of them, inspect's problems name the lines `run` holds back, for the reasons `examready quarantine` gives.
Before 7 Dec 2026 inspect said its own words for a date, a correct/incorrect cell, a summary's Total of 0, a
contradicting percent and a study entry's duration ('date taken is missing or unreadable' for a date run quotes).
Before 8 Dec 2026 neither judged a Total that the Correct, Incorrect (and Skipped) counts do not fit: run loaded
`5 correct, 20 incorrect of 8` without a word (`answers_fit_total`), an Incorrect or Skipped count below 0 or
not whole (-3, 2.5) was read as written (`incorrect_is_count`, `skipped_is_count`), nor was a percent of the
Total no whole count gives: run loaded `72,5 %` of 20 as 14 correct (`percent_fits_total`)."""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_cli

SUMMARY = ("Exam,Date,Domain,Correct,Score %,Total,Incorrect\n"
           "X,2026-03-05,Data Store Management,12,,20,\n"
           "X,soon,Data Security and Governance,7,,10,\n"  # taken_at_not_null, quoted
           "X,,Data Operations and Support,7,,10,\n"  # taken_at_not_null, blank
           "X,2026-03-05,Data Ingestion and Transformation,x,,20,\n"  # correct_not_null, quoted
           "Y,2026-03-06,Data Store Management,,,20,\n"  # correct_not_null: no count, no percent
           "Y,2026-03-06,Data Security and Governance,,70%,,\n"  # correct_not_null: a percent, no total
           "Y,2026-03-06,Data Operations and Support,,70%,1E+20,\n"  # total_is_count alone (since 7 Dec 2026)
           "Y,2026-03-06,Data Ingestion and Transformation,7,,abc,\n"  # total_is_count
           "Z,2026-03-07,Data Store Management,7,,,\n"  # total_not_null
           "Z,2026-03-07,Data Security and Governance,0,,0,\n"  # total_positive
           "Z,2026-03-07,Data Operations and Support,17,30%,22,\n"  # percent_matches_counts
           "W,2026-03-08,Data Store Management,-3,,20,\n"  # correct_non_negative
           "W,2026-03-08,Data Security and Governance,25,,20,\n"  # correct_at_most_total
           "W,2026-03-08,Data Operations and Support,24,120%,20,\n"  # percent_in_range (and 24 of 20)
           "V,2026-03-09,Data Store Management,5,,8,20\n"  # answers_fit_total: 5 + 20 answers of 8 questions
           "V,2026-03-09,Data Security and Governance,8,,20,5\n"  # 8 + 5 of 20: 7 unanswered, no problem
           "V,2026-03-09,Data Operations and Support,5,,10,-3\n"  # incorrect_is_count
           "V,2026-03-09,Data Ingestion and Transformation,5,,,2.5\n"  # incorrect_is_count alone: no total summed
           "U,2026-03-10,Data Store Management,,\"72,5 %\",20,\n")  # percent_fits_total: 14.5 of 20 is no count
ANSWERS = ("attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence\n"
           "td-1,2026-02-09 21:05,Tutorials Dojo,1,Domain 1: Data Ingestion and Transformation,1.1,true,72,0.8\n"
           "td-1,yesterday,Tutorials Dojo,2,Domain 1: Data Ingestion and Transformation,1.2,false,95,0.4\n"
           "td-1,,Tutorials Dojo,3,Domain 1: Data Ingestion and Transformation,1.3,true,60,\n"
           "td-1,2026-02-09 21:05,Tutorials Dojo,4,Domain 1: Data Ingestion and Transformation,1.1,maybe,72,0.8\n"
           "td-1,2026-02-09 21:05,Tutorials Dojo,5,Domain 1: Data Ingestion and Transformation,1.1,,72,0.8\n"
           "td-1,2026-02-09 21:05,Tutorials Dojo,6,Domain 1: Data Ingestion and Transformation,1.1,true,-5,0.8\n"
           "td-1,2026-02-09 21:05,Tutorials Dojo,7,Domain 1: Data Ingestion and Transformation,1.1,true,72,150\n")
# with a Skipped column each question is correct, incorrect or skipped: more answers than questions, or fewer
COUNTS = ("Date,Domain,Correct,Incorrect,Skipped,Total\n"
          "2026-03-05,Data Store Management,8,4,1,13\n"
          "2026-03-05,Data Security and Governance,8,4,1,20\n"  # answers_fit_total: fewer
          "2026-03-05,Data Operations and Support,8,4,9,20\n"  # answers_fit_total: more
          "2026-03-05,Data Ingestion and Transformation,8,4,-1,13\n")  # skipped_is_count
HOURS = ("date,hours,topic\n2026-11-01,1.5,Athena\n2026-11-02,0,Glue\n2026-11-03,,Athena\n2026-11-04,30,Redshift\n"
         "2026-11-05,1h3O,Glue\n2026-13-45,1,Glue\n,1,Athena\n")
SUMMARY_RULES = {"taken_at_not_null", "correct_not_null", "percent_fits_total", "total_is_count",
                 "incorrect_is_count", "total_not_null", "total_positive", "correct_non_negative", "correct_at_most_total", "answers_fit_total",
                 "percent_in_range", "percent_matches_counts"}
ANSWERS_RULES = {"taken_at_not_null", "correct_not_null", "seconds_in_range", "confidence_in_range"}
HOURS_RULES = {"started_at_not_null", "minutes_not_null", "minutes_in_range"}
PROBLEM = re.compile(r"^(\w+): \d+ lines? where (.*) \(lines? ([\d, ]+)\)$")


def inspected(problems: list[str]) -> set[tuple[str, int, str]]:
    """(table, line, reason) of each line inspect names a problem of."""
    said = set()
    for problem in problems:
        table, reason, lines = PROBLEM.match(problem).groups()
        said |= {(table, int(line), reason) for line in lines.split(", ")}
    return said


@pytest.mark.parametrize("kind, name, text, rules", [("exams", "summary.csv", SUMMARY, SUMMARY_RULES),
                                                     ("exams", "counts.csv", COUNTS,
                                                      {"answers_fit_total", "skipped_is_count"}),
                                                     ("exams", "answers.csv", ANSWERS, ANSWERS_RULES),
                                                     ("hours", "plain.csv", HOURS, HOURS_RULES)])
def test_inspect_names_the_lines_run_holds_back_in_runs_words(tmp_path, kind, name, text, rules):
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--exam", "DEA-C01")
    path = ws / "inbox" / kind / name
    path.write_text(text, encoding="utf-8")
    (report,) = json.loads(run_cli("inspect", "-w", str(ws), str(path), "--json").stdout)
    run_cli("run", "-w", str(ws))
    held = json.loads(run_cli("quarantine", "-w", str(ws), "--json").stdout)["quarantined"]
    judged = [r for r in held if r["check"] in rules]
    assert {r["check"] for r in judged} == rules  # the file trips every rule inspect judges by
    assert inspected(report["problems"]) == {(r["table"], r["line"], r["reason"]) for r in judged}
