"""Summary rows a per-domain copy keeps on purpose (an "Overall" row, docs/formats.md): `quarantine` lists
them as kept on purpose, nothing to fix, apart from the lines to fix; `run` neither fails nor asks for a fix."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from sources.moodle import parse as parse_moodle
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace

HEADER = "Exam,Date,Platform,Knowledge Area,Score %,Questions\n"
SET = "Official Practice Question Set,2026-02-15,AWS Skill Builder"
SUMMARY = HEADER + f"{SET},Data Ingestion and Transformation,60%,10\n{SET},Overall,60%,10\n"
ONLY_TOTAL = HEADER + "Practice Set 2,2026-02-16,Tutorials Dojo,Total,70%,20\n"
KEPT = "kept on purpose: a summary row (the whole attempt's score), it counts for no domain; nothing to fix"
FIX = "fix the lines in the file"


def test_a_summary_row_is_kept_on_purpose_with_nothing_to_fix(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(SUMMARY)
    (ws.inbox / "exams" / "only-total.csv").write_text(ONLY_TOTAL)  # a file of nothing but its summary row
    proc = run_cli("run", "-w", str(ws.root))  # exit code 0 (run_cli checks it)
    assert "loaded    exams/only-total.csv (domain_summary_csv): 0 loaded, 1 quarantined" in proc.stdout
    assert "exams/only-total.csv: correct derived from percent × total (rounded) on 1 row\n" in proc.stderr
    assert not re.search(r"\bfix\b", proc.stdout + proc.stderr)  # nothing asks for a fix

    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 0 lines (0 reasons) in 0 files, 0 rejected files, "
                                    "2 summary rows kept on purpose (nothing to fix)")
    assert f"exams/only-total.csv:2 [domain_label] label 'Total' matches no exam domain, task or service " \
           f"(domain_mapped) — {KEPT}" in text
    assert "exams/summary.csv:3 [domain_label] label 'Overall'" in text and text.count(KEPT) == 2
    assert FIX not in text
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert [(r["path"], r["line"], r["kept_on_purpose"]) for r in held] == [
        ("exams/only-total.csv", 2, True), ("exams/summary.csv", 3, True)]

    # A row that does need a fix, beside them: counted and asked to be fixed; the summary rows are not.
    (ws.inbox / "exams" / "summary.csv").write_text(SUMMARY + f"{SET},Data Store Management,50%,0\n")
    assert run_cli("run", "-w", str(ws.root)).returncode == 0
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 1 line (1 reason) in 1 file, 0 rejected files, "
                                    "2 summary rows kept on purpose (nothing to fix)")
    assert "exams/summary.csv:4 [total] total questions 0 must be more than 0 (total_positive)\n" in text
    assert FIX in text and text.count(KEPT) == 2
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert [(r["line"], r["kept_on_purpose"]) for r in held if r["path"] == "exams/summary.csv"] == \
        [(3, True), (4, False)]


FOOTERS = {"Overall": "Overall,2026-03-05,,39/65 (60%)\n", "Total:": "Total:,2026-03-05,,39/65\n",
           "Overall, its domain cell spaces": "OVERALL,2026-03-05, ,60%\n"}


@pytest.mark.parametrize("footer", FOOTERS.values(), ids=FOOTERS.keys())
def test_a_footer_naming_the_summary_in_the_first_column_is_kept_on_purpose(tmp_path, footer):
    """A results page copied with its footer under the set column (`Overall,<date>,,39/65`, no domain): the row was
    'label (blank) matches no exam domain' and 'correct count and percent are both missing', lines to fix."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "sb.csv").write_text("Exam,Date,Domain,Score\nSB,2026-03-05,Domain 1,14/20 (70%)\n"
                                               "SB,2026-03-05,Domain 2,70% (7/10)\n" + footer)
    proc = run_cli("run", "-w", str(ws.root))
    assert "loaded    exams/sb.csv (domain_summary_csv): 2 loaded, 1 quarantined" in proc.stdout
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 0 lines (0 reasons) in 0 files, 0 rejected files, "
                                    "1 summary row kept on purpose (nothing to fix)")
    assert KEPT in text and FIX not in text


def test_a_domain_row_of_no_questions_is_kept_on_purpose_with_nothing_to_fix(tmp_path):
    """A results page lists every domain, one the attempt had none of as 0 of 0: not a line to fix."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "pt9.csv").write_text(
        "Test,Date,Domain,Correct,Total,Percent\nPT9,2026-04-02,D1,5,8,62.5%\nPT9,2026-04-02,D2,0,0,0%\n"
        "PT9,2026-04-02,D3,2,2,100%\nPT9,2026-04-02,D4,0,0,\nPT9,2026-04-02,D4,1,0,\n")
    proc = run_cli("run", "-w", str(ws.root))
    assert "exams/pt9.csv (domain_summary_csv): 2 loaded, 3 quarantined" in proc.stdout
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 1 line (2 reasons) in 1 file, 0 rejected files, "
                                    "2 domain rows of no questions kept on purpose (nothing to fix)")
    assert ("exams/pt9.csv lines 3, 5 (2 lines) [total] total questions 0 must be more than 0 (total_positive) — "
            "kept on purpose: the attempt had no question of this domain (0 of 0), so it counts nothing; "
            "nothing to fix") in text
    assert FIX in text  # 1 of 0 (line 6) is a line to fix
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert [(r["line"], r["check"], r["advice"]) for r in held] == [
        (3, "total_positive", "kept_on_purpose"), (5, "total_positive", "kept_on_purpose"),
        (6, "correct_at_most_total", "fix"), (6, "total_positive", "fix")]  # no 'percent inf' derived from 1 of 0


def test_summary_labels():
    from sources.summary_rows import is_summary_label

    assert all(map(is_summary_label, ["Overall", "TOTAL:", " all  domains ", "Overall average"]))
    assert not any(map(is_summary_label, ["Data Store Management", "Cooking", "", None, "Overall Glue"]))


MOODLE_HEADER = ('Surname,"First name","Email address",State,"Started on",Completed,Grade/2.00,'
                 '"Q. 1 /1.00","Q. 2 /1.00"\n')
FINISHED = 'Doe,Alex,alex@example.com,Finished,"9 February 2026  9:05 PM",-,1.00,1.00,0.00\n'
IN_PROGRESS = 'Lee,Sam,sam@example.com,"In progress","10 February 2026  9:05 PM",-,-,1.00,-\n'
ABANDONED = 'Roe,Kim,kim@example.com,Abandoned,"11 February 2026  9:05 PM",-,-,-,-\n'
AVERAGE = '"Overall average",,,,,,1.00,0.50,0.50\n'
SKIPPED_MOODLE_ROWS = {
    "the average alone": ([AVERAGE], "the overall average row (line 3) skipped"),
    "one in progress": ([IN_PROGRESS], "1 attempt not finished (in progress: line 3) skipped"),
    "both kinds": ([IN_PROGRESS, ABANDONED, AVERAGE],
                   "2 attempts not finished (in progress, abandoned: lines 3, 4) and the overall average row "
                   "(line 5) skipped"),
}


@pytest.mark.parametrize("rows, said", SKIPPED_MOODLE_ROWS.values(), ids=SKIPPED_MOODLE_ROWS.keys())
def test_skipped_moodle_rows_say_unfinished_attempts_and_the_average_apart(tmp_path, rows, said):
    """Moodle's attempts not finished and its "Overall average" row (no State) are skipped for different
    reasons: each is said apart, with its lines. It was one '2 rows not finished (in progress, abandoned or
    the overall average) skipped'."""
    path = tmp_path / "grades.csv"
    path.write_text(MOODLE_HEADER + FINISHED + "".join(rows), encoding="utf-8")
    warnings = parse_moodle(path)["answers"].attrs["warnings"]
    assert said in warnings


SB = "Official Practice Exam,2026-04-01,AWS Skill Builder"
BY_TASK = ("Exam,Date,Platform,Category,Correct,Total\n"
           f"{SB},Task 1.1: Perform data ingestion,4,6\n{SB},Task 1.2: Transform and process data,3,5\n"
           f"{SB},Task 2.1: Choose a data store,2,4\n{SB},Task 2.2: Understand data cataloging systems,3,3\n")


@pytest.mark.parametrize("rows, tasks, domain_lines", [
    (["Task 1.1: Perform data ingestion", "Task 1.2 (30%)", "2.1"], ["1.1", "1.2", "2.1"], [None, None, None]),
    (["Domain 1: Data Ingestion and Transformation", "Task 1.1", "1.2", "Domain 2", "Task 2.1"],
     [None, "1.1", "1.2", None, "2.1"], [None, 2, 2, None, 5]),  # a breakdown under each domain's line
    (["D1", "1.0", "Overall"], [None, None, None], [None, None, None]),  # domains and a summary row: no task
])
def test_a_summary_row_of_a_task_statement_is_its_domains_part(rows, tasks, domain_lines):
    from sources.blueprint import load_blueprint
    from warehouse.mapping import map_domain_scores

    frame = pd.DataFrame({"attempt_id": "PT1", "domain_label": rows, "line": range(2, 2 + len(rows))})
    mapped = map_domain_scores(frame, load_blueprint("DEA-C01"))
    assert mapped["task_id"].tolist() == tasks
    assert [None if pd.isna(v) else int(v) for v in mapped["domain_row_line"]] == domain_lines


def test_a_page_by_task_statement_counts_every_task_in_its_domain(tmp_path):
    """Two tasks of one domain are two rows, not a duplicate; beside the domain's own line they are its breakdown."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "sb-tasks.csv").write_text(BY_TASK)
    (ws.inbox / "exams" / "td-both.csv").write_text(
        "Test,Date,Domain,Correct,Total\nPT2,2026-04-02,Domain 1: Data Ingestion and Transformation,7,10\n"
        "PT2,2026-04-02,Task 1.1: Perform data ingestion,4,6\nPT2,2026-04-02,Task 1.2: Transform and process data,3,4\n")
    proc = run_cli("run", "-w", str(ws.root))
    assert "exams/sb-tasks.csv (domain_summary_csv): 4 loaded, 0 quarantined" in proc.stdout
    assert "exams/td-both.csv (domain_summary_csv): 1 loaded, 2 quarantined" in proc.stdout
    questions = {d["id"]: d["questions"] for d in run_json("readiness", "-w", str(ws.root))["domains"]}
    assert questions == {1: 11 + 10, 2: 7, 3: 0, 4: 0}  # each task once; the breakdown not twice
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.splitlines()[0] == ("held back: 0 lines (0 reasons) in 0 files, 0 rejected files, "
                                    "2 task rows counted in their domain's line kept on purpose (nothing to fix)")
    assert ("exams/td-both.csv:3 [domain_label] task 1.1 is a part of domain 1, whose line 2 counts its questions "
            "already (part_of_a_domain_row) — kept on purpose: a breakdown of its domain's line") in text
